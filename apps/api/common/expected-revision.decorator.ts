/**
 * `If-Match: <revision>` for optimistic concurrency on case writes. Revisions are the
 * stream's 0-based revisions (event-store.port.ts) as `GET /cases/:id` reports them.
 * Quoted forms (`"3"`, as an ETag would be sent) are tolerated; `*` and an absent header
 * mean "no expectation" (undefined); anything else is a 400 naming the header.
 *
 *   @Post(':caseId/contacts')
 *   record(@Param('caseId') caseId: string, @ExpectedRevision() expected: number | undefined) {}
 */
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { HttpRequest as Request } from './http-types.js';
import { badRequest } from './error-body.js';

export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const raw = (Array.isArray(header) ? header.join(',') : header).trim();
  if (raw === '' || raw === '*') return undefined;
  const unquoted = /^"(.*)"$/.exec(raw)?.[1] ?? raw;
  if (/^\d{1,15}$/.test(unquoted)) return Number(unquoted);
  throw badRequest('If-Match must be a revision: a non-negative integer', [
    { field: 'If-Match', messages: ['If-Match must be a non-negative integer revision, optionally quoted'] },
  ]);
}

export const ExpectedRevision = createParamDecorator((_: unknown, context: ExecutionContext) =>
  parseIfMatch(context.switchToHttp().getRequest<Request>().headers['if-match']),
);
