/**
 * Records the access-log entry AccessGuard prepared for an allowed read of a case or a concern
 * level, once the handler has produced its answer and before that answer is sent. So every
 * read that returns content is on record (a failed record fails the request: no content
 * leaves unrecorded), and a request the handler refuses (400/404/422) appends nothing.
 */
import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { concatMap, type Observable } from 'rxjs';
import { ACCESS_LOGGER, type AccessLogger } from '#access/access-log.port.js';
import type { AuthenticatedRequest } from './authenticated-request.js';

@Injectable()
export class AccessLogInterceptor implements NestInterceptor {
  constructor(@Inject(ACCESS_LOGGER) private readonly accessLogger: AccessLogger) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    return next.handle().pipe(
      concatMap(async (value: unknown) => {
        const record = req.accessRecord;
        if (record) {
          req.accessRecord = undefined;
          await this.accessLogger.record(record);
        }
        return value;
      }),
    );
  }
}
