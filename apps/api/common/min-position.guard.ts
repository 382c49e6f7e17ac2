/**
 * `X-Min-Position: <n>`: wait (up to 5 s, AppConfig.minPositionTimeoutMs) until the read
 * models have processed position n, else 503; a value that is not a non-negative integer
 * is a 400 naming the header.
 *
 * A guard, not an interceptor: guards run before interceptors, and the access guard after
 * this one looks the request's student or case up in the read models. Waiting first means
 * a client that just created something and sends its `X-Position` finds it, instead of
 * getting a 404 from a directory that had not caught up. Accepted on every method (the
 * contract requires it on reads; on writes it makes the resource lookup consistent too).
 */
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { HttpRequest as Request, HttpResponse as Response } from './http-types.js';
import { AppConfig } from './app-config.js';
import { badRequest, httpError } from './error-body.js';
import { READ_POSITION_WAITER, type ReadPositionWaiter } from './read-position-waiter.port.js';

export const MIN_POSITION_HEADER = 'x-min-position';

export function parseMinPosition(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const raw = Array.isArray(header) ? header.join(',') : header.trim();
  if (/^\d{1,15}$/.test(raw)) return Number(raw);
  throw badRequest('X-Min-Position must be a non-negative integer', [
    { field: 'X-Min-Position', messages: ['X-Min-Position must be a non-negative integer position'] },
  ]);
}

@Injectable()
export class MinPositionGuard implements CanActivate {
  constructor(
    @Inject(READ_POSITION_WAITER) private readonly waiter: ReadPositionWaiter,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    const position = parseMinPosition(http.getRequest<Request>().headers[MIN_POSITION_HEADER]);
    if (position === undefined || position === 0) return true;
    const timeoutMs = this.config.minPositionTimeoutMs;
    if (!(await withTimeout(this.waiter.waitFor(position, timeoutMs), timeoutMs))) {
      http.getResponse<Response>().setHeader('Retry-After', '1');
      throw httpError(503, `The read models have not reached position ${position} within ${timeoutMs} ms; retry`);
    }
    return true;
  }
}

/** The contract's bound holds even if a waiter overstays its own timeout. */
function withTimeout(waiting: Promise<boolean>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs + 50);
  });
  return Promise.race([waiting, expired]).finally(() => clearTimeout(timer));
}
