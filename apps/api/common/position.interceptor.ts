/**
 * Unwraps a handler's WriteResult (see write-result.ts) into the response body and the
 * `X-Position` header. A successful POST that returns anything else is a wiring mistake
 * (the contract promises the header on every write): it is answered as returned and
 * warned about once per route, so it shows in the logs without breaking the client.
 */
import { Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { HttpRequest as Request, HttpResponse as Response } from './http-types.js';
import { map, type Observable } from 'rxjs';
import { WriteResult } from './write-result.js';

export const POSITION_HEADER = 'X-Position';

@Injectable()
export class PositionInterceptor implements NestInterceptor {
  private readonly logger = new Logger('PositionInterceptor');
  private readonly warned = new Set<string>();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    return next.handle().pipe(
      map((value: unknown) => {
        if (value instanceof WriteResult) {
          res.setHeader(POSITION_HEADER, String(value.position));
          return value.body;
        }
        if (req.method === 'POST') this.warnOnce(`${context.getClass().name}.${context.getHandler().name}`);
        return value;
      }),
    );
  }

  private warnOnce(route: string): void {
    if (this.warned.has(route)) return;
    this.warned.add(route);
    this.logger.warn({ route }, 'POST handler returned no WriteResult: no X-Position header sent');
  }
}
