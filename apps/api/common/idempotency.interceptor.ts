/**
 * `Idempotency-Key` on POST (api.md, "Writes"). Per (caller's `sub`, key) the first
 * request's SHA-256 of method, path and canonical JSON body is stored with its response
 * (status, body, `X-Position`):
 * - same key, same request → the stored response, handler not run (header
 *   `Idempotent-Replayed: true`);
 * - same key, another request → 422;
 * - repeats arriving while the first runs wait for it (an in-process lock per key; the
 *   'pending' row covers the window across the database) and then replay it.
 * Only 2xx responses are stored: a failed request appended nothing, so its key is freed
 * and a retry runs afresh (after fixing a 400, or re-reading after a 409).
 * Keys are scoped by caller, so one caller can never replay another's response.
 */
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { HttpRequest as Request, HttpResponse as Response } from './http-types.js';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/authenticated-request.js';
import { badRequest, httpError } from './error-body.js';
import { canonicalJson } from '#application/idempotency/canonical-json.js';
import { IdempotencyStore } from '#application/idempotency/idempotency.store.js';
import { POSITION_HEADER } from './position.interceptor.js';
import { hostileShape } from './validation.pipe.js';
import { IDEMPOTENCY_RECOVER, IDEMPOTENCY_SEED } from './request-ids.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const REPLAYED_HEADERS = [POSITION_HEADER, 'Location'];

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  /** Keys whose first request is running in this process. */
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const req = http.getRequest<AuthenticatedRequest>();
    const header = req.headers[IDEMPOTENCY_HEADER];
    if (req.method !== 'POST' || header === undefined) return next.handle();
    const key = Array.isArray(header) ? header.join(',') : header;
    if (!KEY_PATTERN.test(key)) {
      throw badRequest('Idempotency-Key must be 1 to 255 visible ASCII characters', [
        { field: 'Idempotency-Key', messages: ['Idempotency-Key must be 1 to 255 visible ASCII characters'] },
      ]);
    }
    // The body is hashed (canonicalJson recurses) before the validation pipe sees it: a body
    // nested thousands deep would overflow the stack here, so it gets the pipe's 400 now.
    const problems = hostileShape(req.body);
    if (problems.length > 0) throw badRequest('Invalid input', problems);
    const actor = req.principal?.id ?? `anonymous:${req.ip ?? ''}`;
    const response = http.getResponse<Response>();
    return from(this.run(actor, key, requestHash(req), req, response, next));
  }

  private async run(
    actor: string,
    key: string,
    hash: string,
    req: AuthenticatedRequest,
    res: Response,
    next: CallHandler,
  ): Promise<unknown> {
    const lockKey = JSON.stringify([actor, key]);
    for (let waiting = this.running.get(lockKey); waiting; waiting = this.running.get(lockKey)) {
      await waiting;
    }
    // Claimed in this process before the store is asked (an await), so a repeat arriving meanwhile waits above.
    let release!: () => void;
    this.running.set(lockKey, new Promise<void>((resolve) => (release = resolve)));
    try {
      const begun = await this.store.begin(actor, key, hash);
      switch (begun.kind) {
        case 'mismatch':
          throw httpError(422, 'This Idempotency-Key was already used with a different request', {
            code: 'idempotency-key-reused',
          });
        case 'pending':
          // Only another process can hold a pending row here; it runs on a shared database.
          throw httpError(409, 'A request with this Idempotency-Key is still in progress; retry shortly', {
            code: 'idempotency-key-in-progress',
          });
        case 'replay':
          res.status(begun.response.status);
          for (const [name, value] of Object.entries(begun.response.headers)) res.setHeader(name, value);
          res.setHeader('Idempotent-Replayed', 'true');
          return begun.response.body;
        case 'new':
          break;
      }
      // The write's ids derive from caller, key and request (request-ids.ts), so a retry after a
      // crash between its append and `complete` finds what the first run stored.
      const ids = req as unknown as Record<string, unknown>;
      ids[IDEMPOTENCY_SEED] = createHash('sha256')
        .update(JSON.stringify([actor, key, hash]))
        .digest('hex');
      ids[IDEMPOTENCY_RECOVER] = begun.orphan;
      try {
        const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
        if (res.statusCode >= 200 && res.statusCode < 300) {
          await this.store.complete(actor, key, { status: res.statusCode, body, headers: replayedHeaders(res) });
        } else {
          await this.store.abandon(actor, key);
        }
        return body;
      } catch (error) {
        await this.store.abandon(actor, key);
        throw error;
      }
    } finally {
      this.running.delete(lockKey);
      release();
    }
  }
}

function replayedHeaders(res: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = res.getHeader(name);
    if (value !== undefined) headers[name] = String(value);
  }
  return headers;
}

/** Method, path (with query) and the body as canonical JSON: key order and spacing do not matter. */
export function requestHash(req: Request): string {
  return createHash('sha256')
    .update(`${req.method}\n${req.originalUrl}\n${canonicalJson(req.body)}`)
    .digest('hex');
}
