/**
 * Last global guard: decides the route's @Requires permission with libs/access.
 *
 * Order of answers, chosen so that existence is not told to callers who may not know it:
 * 1. no role of the caller holds the permission at all → 403 (the id is not looked up);
 * 2. the resource id is missing from the request → 400 naming it; unknown → 404 (only
 *    callers who hold the permission somewhere learn that an id does not exist);
 * 3. the resource is outside the caller's scope → 403.
 * Allowed reads of a case or a concern level (permissions with `logged`) are recorded in
 * the access log (by AccessLogInterceptor) after the handler has produced its answer and
 * before it is sent; denied or refused requests record nothing.
 * A route without @Requires or @Public is refused (403): deny by default, although the
 * start-up check already refuses to start with such a route.
 */
import { Inject, Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_TABLE } from '#access/access-table.js';
import type { AccessRecord } from '#access/access-log.port.js';
import { decide, rolesHolding } from '#access/decide.js';
import { RESOURCE_DIRECTORY, type Resource, type ResourceDirectory, type ResourceKind } from '#access/resource-directory.port.js';
import { badRequest, httpError } from '../common/error-body.js';
import { ID_PATTERN } from '../common/dto-rules.js';
import { studentOfTask } from '#read-models/projections/tasks/task-id.js';
import type { AuthenticatedRequest } from './authenticated-request.js';
import { IS_PUBLIC } from './public.decorator.js';
import { parseRef, REQUIRES, type Requirement } from './requires.decorator.js';

@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('AccessGuard');

  constructor(
    private readonly reflector: Reflector,
    @Inject(RESOURCE_DIRECTORY) private readonly directory: ResourceDirectory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const requirement = this.reflector.get<Requirement | undefined>(REQUIRES, context.getHandler());
    const principal = req.principal;
    if (!requirement || !principal) throw httpError(403, 'Not allowed');
    const { permission } = requirement;

    if (rolesHolding(principal, permission).length === 0) {
      this.logger.log({ actorId: principal.id, permission }, 'access denied: no role holds it');
      throw httpError(403, `Not allowed: ${permission}`);
    }
    const resource = await this.resolve(requirement, req);
    const decision = decide(principal, permission, resource);
    if (!decision.allowed) {
      this.logger.log({ actorId: principal.id, permission, reason: decision.reason }, 'access denied');
      throw httpError(403, `Not allowed: ${permission}`);
    }
    req.access = decision;
    if ((ACCESS_TABLE[permission] as { logged?: boolean }).logged) {
      // Recorded by AccessLogInterceptor once the handler has answered: a read the handler
      // then refuses (a malformed asOf, say) returned nothing and leaves no event.
      req.accessRecord = accessRecord(principal.id, decision.role, permission, resource);
    }
    return true;
  }

  private async resolve(requirement: Requirement, req: AuthenticatedRequest): Promise<Resource> {
    const kind = ACCESS_TABLE[requirement.permission].resource;
    if (kind === 'none') return { kind };
    const ref = requirement.refs[kind];
    if (ref === undefined) throw new Error(`route for ${requirement.permission} names no ${kind} reference`);
    const { source, name } = parseRef(ref);
    const container: unknown = source === 'param' || source === 'task' ? req.params : source === 'query' ? req.query : req.body;
    const given = (container as Record<string, unknown> | undefined)?.[name];
    // A task id names its student (task-id.ts); one that does not is no task of anyone's.
    const id = source === 'task' && typeof given === 'string' && given !== '' ? studentOfTask(given) : given;
    if (source === 'task' && id === undefined && typeof given === 'string' && given !== '') throw httpError(404, `Unknown task: ${given}`);
    if (typeof id !== 'string' || id.length === 0) {
      const field = source === 'body' ? name : `${source === 'task' ? 'param' : source}.${name}`;
      throw badRequest(`${name} must be a single non-empty string`, [{ field, messages: [`${name} must be a single non-empty string`] }]);
    }
    if (!ID_PATTERN.test(id)) {
      // Malformed, not unknown: the same 400 as IdParamPipe gives, before any look-up (guards run before pipes).
      const field = source === 'body' ? name : `${source === 'task' ? 'param' : source}.${name}`;
      throw badRequest(`Invalid ${name}`, [{ field, messages: [`${name} must be an id of letters, digits, - _ .`] }]);
    }
    // A group is named by its school's route parameter and its own (ids are unique within a school).
    const found =
      kind === 'group'
        ? await this.lookUpGroup(String((req.params as Record<string, unknown>).schoolId ?? ''), id)
        : await this.lookUp(kind, id);
    if (found !== null) return found;
    // A municipality's first school: judged on the id the caller names.
    if (kind === 'municipality' && (ACCESS_TABLE[requirement.permission] as { newResource?: boolean }).newResource) {
      return { kind, attributes: { municipalityId: id } };
    }
    throw httpError(404, `Unknown ${kind}: ${id}`);
  }

  private async lookUpGroup(schoolId: string, groupId: string): Promise<Resource | null> {
    if (!ID_PATTERN.test(schoolId)) return null;
    const attributes = await this.directory.group(schoolId, groupId);
    return attributes && { kind: 'group', attributes };
  }

  private async lookUp(kind: Exclude<ResourceKind, 'group'>, id: string): Promise<Resource | null> {
    switch (kind) {
      case 'student': {
        const attributes = await this.directory.student(id);
        return attributes && { kind, attributes };
      }
      case 'case': {
        const attributes = await this.directory.case(id);
        return attributes && { kind, attributes };
      }
      case 'school': {
        const attributes = await this.directory.school(id);
        return attributes && { kind, attributes };
      }
      case 'municipality': {
        const attributes = await this.directory.municipality(id);
        return attributes && { kind, attributes };
      }
    }
  }
}

function accessRecord(actorId: string, role: string, action: string, resource: Resource): AccessRecord {
  const at = new Date().toISOString();
  const actor = { id: actorId, role };
  switch (resource.kind) {
    case 'case':
      return { actor, action, target: { type: 'case', id: resource.attributes.caseId }, at };
    case 'student':
      return { actor, action, target: { type: 'student', id: resource.attributes.studentId }, at };
    default:
      // A listing (`ppt-cases:read`): the handler records each case it returns.
      return { actor, action, target: { type: 'case-list', id: action.split(':')[0] }, at };
  }
}
