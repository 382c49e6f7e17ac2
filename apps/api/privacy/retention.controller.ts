/** GET /retention (api.md, Privacy): what the retention rules make due now in the admin's municipality. */
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '#access/roles.js';
import { Clock } from '#application/clock.js';
import { dueItems, type DueItem, type RetentionRule } from '#domain/privacy/retention.js';
import { Projector } from '#read-models/projector/projector.js';
import { directoryProjection } from '#read-models/projections/directory/directory.projection.js';
import { caseProjection } from '#read-models/projections/cases/case.projection.js';
import { retentionFacts } from '#read-models/projections/retention/retention-facts.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { Requires } from '../auth/requires.decorator.js';
import { AppConfig } from '../common/app-config.js';

@ApiTags('privacy')
@Controller('retention')
export class RetentionController {
  constructor(
    @Inject(Projector) private readonly projector: Projector,
    @Inject(Clock) private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Requires('retention:read')
  @ApiOperation({
    summary: 'What the retention rules make due for erasure or blocking now, each with its rule and the date it became due',
    description:
      'Nothing is carried out here: an admin approves each item (`cli retention --approve`, or the erasure and blocking routes).',
  })
  @ApiOkResponse({
    schema: {
      example: {
        asOf: '2026-12-04',
        rules: [{ id: 'case-after-deposit', what: 'Saksmappe som er avsluttet og avlevert til arkiv', action: 'block' }],
        due: [{ id: 'case-after-deposit:c-1', ruleId: 'case-after-deposit', action: 'block', caseId: 'c-1', dueOn: '2026-11-30' }],
      },
    },
  })
  async due(
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ asOf: string; rules: readonly RetentionRule[]; due: (DueItem & { rule: RetentionRule })[] }> {
    const asOf = this.clock.today();
    const rules = this.config.retentionRules;
    // An admin without a municipality sees nothing (caller-filtered).
    if (principal.municipality === null) return { asOf, rules, due: [] };
    const facts = await retentionFacts(
      { directory: this.projector.reader(directoryProjection.name), cases: this.projector.reader(caseProjection.name) },
      principal.municipality,
    );
    const byId = new Map(rules.map((r) => [r.id, r]));
    return { asOf, rules, due: dueItems(rules, facts, asOf).map((item) => ({ ...item, rule: byId.get(item.ruleId)! })) };
  }
}
