import { Controller, Get, Header, Inject, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Requires } from '../auth/requires.decorator.js';
import type { AuthenticatedRequest } from '../auth/authenticated-request.js';
import { badRequest } from '../common/error-body.js';
import { isIsoDate, isIsoInstant } from '../common/dto-rules.js';
import { endOfOsloDay } from '#audit/known-as-of.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import { pageOf, pageRequest } from '../common/paging.js';
import type { HttpResponse } from '../common/http-types.js';
import { GetCaseHistoryQuery, GetCaseQuery, VerifyCaseHistoryQuery } from './case-reads.queries.js';
import { ExportCaseDepositQuery, ExportCaseNoarkQuery, type CaseDepositTar } from './export-noark.query.js';

/**
 * `X-Hash-Chain: valid` or `broken; brokenAt=<revision>; reason=<why>` on the history and the
 * Noark export, which serve what is stored even when it was altered: whoever reads or archives
 * them is told, as GET /cases/:id tells in its `integrity` field.
 */
export const HASH_CHAIN_HEADER = 'X-Hash-Chain';

function chainHeader(result: { valid: boolean; brokenAt?: number; reason?: string }): string {
  return result.valid ? 'valid' : `broken; brokenAt=${result.brokenAt}; reason=${result.reason}`;
}

/** An instant, or a date read as the end of that day in Europe/Oslo (api.md, Cases). */
function instantParam(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (isIsoInstant(value)) return value;
  if (isIsoDate(value)) return endOfOsloDay(value);
  throw badRequest(`Invalid ${field}`, [
    { field, messages: [`${field} must be an ISO 8601 instant (2026-11-23T12:00:00Z) or a date (2026-11-23)`] },
  ]);
}

@ApiTags('cases')
@Controller('cases/:caseId')
export class CaseReadsController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'The case as it stands, or as it stood at an instant (asOf); its revision is what If-Match takes' })
  @Requires('case:read', { case: 'caseId' })
  @ApiQuery({
    name: 'asOf',
    required: false,
    description: 'An instant, or a date (the end of that day, Europe/Oslo): the case exactly as recorded then.',
  })
  @ApiOkResponse({ description: 'The case now, or as recorded at `asOf`; `integrity` flags a broken hash chain.' })
  get(@Param('caseId', IdParamPipe) caseId: string, @Req() req: AuthenticatedRequest, @Query('asOf') asOf?: string) {
    // PPT reads what its consent covers (plans.md, "Consent"), not every record of the case.
    const audience = req.access?.role === 'ppt' ? 'ppt' : 'school';
    return this.queries.execute(new GetCaseQuery(caseId, instantParam(asOf, 'asOf'), audience));
  }

  @Get('history')
  @ApiOperation({ summary: 'Every event of the case with actor, business date, recording instant and hash (X-Hash-Chain)' })
  @Requires('case:history', { case: 'caseId' })
  @ApiQuery({ name: 'limit', required: false, description: 'Page size (1..1000): the answer is then `{ items, nextCursor }`.' })
  @ApiQuery({ name: 'cursor', required: false, description: 'The `nextCursor` of the page before.' })
  @ApiOkResponse({ description: 'Every event of the case, oldest first, corrections as their own entries.' })
  async history(
    @Param('caseId', IdParamPipe) caseId: string,
    @Res({ passthrough: true }) res: HttpResponse,
    @Query('limit') limit?: string,
    @Query('cursor') cursor?: string,
  ) {
    const page = pageRequest(limit, cursor);
    const entries = (await this.queries.execute(new GetCaseHistoryQuery(caseId))) as { revision: number }[];
    res.setHeader(HASH_CHAIN_HEADER, chainHeader(await this.queries.execute(new VerifyCaseHistoryQuery(caseId))));
    return page ? pageOf(entries, page, (e) => [e.revision]) : entries;
  }

  @Get('history/verify')
  @ApiOperation({ summary: "Verify the case's hash chain" })
  @Requires('case:history', { case: 'caseId' })
  @ApiOkResponse({ schema: { example: { valid: true, events: 12 } } })
  verify(@Param('caseId', IdParamPipe) caseId: string) {
    return this.queries.execute(new VerifyCaseHistoryQuery(caseId));
  }

  @Get('export/noark')
  @ApiOperation({ summary: 'The case as a Noark 5.5 arkivstruktur document' })
  @Requires('case:export', { case: 'caseId' })
  @Header('Content-Type', 'application/xml; charset=utf-8')
  @ApiProduces('application/xml', 'application/x-tar')
  @ApiQuery({
    name: 'package',
    required: false,
    enum: ['tar'],
    description: 'tar: the case as a complete Noark 5 deposit (the layout `export-noark --tar` writes), documents included',
  })
  @ApiOkResponse({
    description:
      'A Noark 5.5 arkivstruktur document with one saksmappe; with `package=tar`, a TAR holding `<id>/content/` (arkivuttrekk.xml, ' +
      'the XML files, their schemas, dokumenter/), its SHA-256 in `Repr-Digest` (what the INFO file beside a packed deposit holds).',
  })
  async exportNoark(
    @Param('caseId', IdParamPipe) caseId: string,
    @Query('package') pack: unknown,
    @Res({ passthrough: true }) res: HttpResponse,
  ) {
    if (pack !== undefined && pack !== 'tar')
      throw badRequest('Invalid package', [{ field: 'package', messages: ['package must be tar'] }]);
    const chain = chainHeader(await this.queries.execute(new VerifyCaseHistoryQuery(caseId)));
    if (pack === 'tar') {
      const deposit = await this.queries.execute<ExportCaseDepositQuery, CaseDepositTar>(new ExportCaseDepositQuery(caseId));
      res.setHeader(HASH_CHAIN_HEADER, chain);
      res.setHeader('Content-Type', 'application/x-tar');
      res.setHeader('Content-Disposition', `attachment; filename="${deposit.fileName}"`);
      res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(deposit.sha256, 'hex').toString('base64')}:`);
      return new StreamableFile(deposit.tar);
    }
    const xml = await this.queries.execute(new ExportCaseNoarkQuery(caseId));
    res.setHeader(HASH_CHAIN_HEADER, chain);
    return xml;
  }
}
