/**
 * The one global exception filter: every error leaves in the contract's shape
 * (see error-body.ts). Errors of lower layers are recognised by their shape, not `instanceof`
 * (a module loaded twice, as jest's registries may, has two classes of the same name):
 * - `name === 'WrongExpectedRevision'` (event store) → 409; `SubjectErased` (an erased student) → 422;
 * - a domain refusal (`isDomainError === true`, or `name` ending in `DomainError`, with a code
 *   of the domain's list) → the domain's own mapping, `httpStatusOf`: 404 or 422; `details: { code }`;
 * - anything else → 500 with a generic message; the error is logged under a fresh id and
 *   that id is the only link between the answer and the log (messages may hold data).
 * Client mistakes caught before routing (malformed JSON, too large, bad percent-encoding)
 * arrive here as HttpExceptions from the Express adapter and keep their 4xx status.
 */
import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { HttpResponse as Response } from './http-types.js';
import { errorBody, type ErrorBody } from './error-body.js';
import { httpStatusOf } from '#domain/shared/domain-error.js';
import { isDomainErrorCode } from '#domain/shared/error-codes.js';

/** Fixed messages for body-parser failures: their own messages quote the client's bytes. */
const PARSER_MESSAGES: Record<string, string> = {
  'entity.parse.failed': 'Malformed JSON body',
  'entity.too.large': 'Request body too large',
  'encoding.unsupported': 'Unsupported content encoding',
  'charset.unsupported': 'Unsupported charset',
  'request.aborted': 'Request aborted',
  'request.size.invalid': 'Request size did not match Content-Length',
};

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (res.headersSent) {
      // Too late for an error answer; end what was started so the client is not left hanging.
      res.end();
      return;
    }
    // A route may have set another type already (the Noark export's @Header sets
    // application/xml before its handler runs); the error body is JSON whatever the route.
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.status(body.statusCode).json(body);
  }

  toBody(exception: unknown): ErrorBody {
    if (exception instanceof HttpException) return fromHttpException(exception);
    const error = exception as { name?: unknown; code?: unknown; isDomainError?: unknown; message?: unknown } | null;
    if (error && error.name === 'WrongExpectedRevision') {
      const { expected, actual } = exception as { expected?: unknown; actual?: unknown };
      return errorBody(409, 'The stream has moved on: read it again and retry with its current revision', {
        code: 'wrong-expected-revision',
        expected,
        actual,
      });
    }
    if (error && error.name === 'SubjectErased') {
      // The encrypting store refused a personal field about a student whose key is destroyed.
      return errorBody(422, 'The student is erased: nothing personal can be recorded about them', { code: 'student-erased' });
    }
    if (error && isDomainErrorCode(error.code) && isDomainError(error)) {
      const status = httpStatusOf({ code: error.code });
      const message = typeof error.message === 'string' && error.message ? error.message : error.code;
      return errorBody(status, message, { code: error.code });
    }
    const errorId = randomUUID();
    this.logger.error({ errorId, errorName: nameOf(exception), frames: framesOf(exception) }, 'unhandled error');
    return errorBody(500, 'Internal server error', { errorId });
  }
}

function isDomainError(error: { name?: unknown; isDomainError?: unknown }): boolean {
  return error.isDomainError === true || (typeof error.name === 'string' && error.name.endsWith('DomainError'));
}

function fromHttpException(exception: HttpException): ErrorBody {
  const status = exception.getStatus();
  const parserType = (exception.cause as { type?: unknown } | undefined)?.type;
  if (typeof parserType === 'string') {
    return errorBody(status, PARSER_MESSAGES[parserType] ?? errorBody(status, '').error);
  }
  const response = exception.getResponse();
  if (typeof response === 'string') return errorBody(status, response);
  const { message, details } = response as { message?: unknown; details?: unknown };
  const text = Array.isArray(message) ? message.join('; ') : typeof message === 'string' && message ? message : errorBody(status, '').error;
  return errorBody(status, text, details);
}

function nameOf(exception: unknown): string {
  return exception instanceof Error ? exception.name : typeof exception;
}

/** The stack without its first line, which carries the message (and so maybe data). */
function framesOf(exception: unknown): string[] {
  if (!(exception instanceof Error) || !exception.stack) return [];
  return exception.stack
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, 15);
}
