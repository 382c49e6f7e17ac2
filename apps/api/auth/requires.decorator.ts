/**
 * Declares the permission a route needs and where the guard finds the resource it is
 * decided on (see libs/access/access-table.ts for which kind each permission takes):
 *
 *   @Requires('case:read', { case: 'caseId' })                 // route param :caseId
 *   @Requires('tasks:read', { school: 'query:schoolId' })      // ?schoolId=
 *   @Requires('case:open', { student: 'body:studentId' })      // JSON body field
 *   @Requires('ppt-cases:read')                                 // about no single resource
 *
 *   @Requires('task:complete', { student: 'task:taskId' })      // the student a task id names
 *
 * A reference is `name` or `param:name` (route parameter), `query:name`, `body:name`, or
 * `task:name` (a route parameter holding a task id, which names its student).
 */
import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Permission } from '#access/access-table.js';
import type { ResourceKind } from '#access/resource-directory.port.js';

export const REQUIRES = 'access:requires';

export type ResourceRefs = Partial<Record<ResourceKind, string>>;

export interface Requirement {
  permission: Permission;
  refs: ResourceRefs;
}

export type RefSource = 'param' | 'query' | 'body' | 'task';

export function parseRef(ref: string): { source: RefSource; name: string } {
  const match = /^(?:(param|query|body|task):)?([A-Za-z_$][\w$-]*)$/.exec(ref);
  if (!match) throw new Error(`invalid resource reference ${JSON.stringify(ref)}`);
  return { source: (match[1] as RefSource | undefined) ?? 'param', name: match[2] };
}

export function Requires(permission: Permission, refs: ResourceRefs = {}): MethodDecorator {
  for (const ref of Object.values(refs)) parseRef(ref);
  return applyDecorators(
    SetMetadata(REQUIRES, { permission, refs } satisfies Requirement),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No or bad token' }),
    ApiForbiddenResponse({ description: `Needs ${permission} within the caller's scope` }),
  );
}
