/**
 * `GET /health` answers exactly `{ "status": "ok" }` once the server can take commands
 * (api.md, "Starting"), else 503 in the error shape. The contract fixes that body, so
 * anything more (projection lag, store kind) is at `GET /health/details`.
 */
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator.js';
import { Requires } from '../auth/requires.decorator.js';
import { httpError } from '../common/error-body.js';
import { READINESS, type Readiness } from '../ops/readiness.port.js';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(@Inject(READINESS) private readonly readiness: Readiness) {}

  @Get()
  @ApiOperation({ summary: 'Whether the service can take commands (public; never rate limited)' })
  @Public()
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  @ApiServiceUnavailableResponse({ description: 'Not ready to take commands' })
  async health(): Promise<{ status: 'ok' }> {
    if (!(await this.readiness.isReady())) throw httpError(503, 'Not ready to take commands');
    return { status: 'ok' };
  }

  /** Projection positions, lag and the store kind: for the operator (a token with the `ops` role). */
  @Get('details')
  @ApiOperation({ summary: 'Projection positions, lag and the store kind (ops role)' })
  @ApiOkResponse({ description: 'The answer; see the example in api.md.' })
  @Requires('ops:read')
  async details(): Promise<{ status: 'ok' | 'starting'; details: Record<string, unknown> }> {
    const [ready, details] = await Promise.all([this.readiness.isReady(), this.readiness.details()]);
    return { status: ready ? 'ok' : 'starting', details };
  }
}
