/**
 * Parameter decorators for handlers: the verified caller, and the actor to stamp on
 * events (`{ id: sub, role }` with the role the access decision allowed the request in).
 */
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '#access/roles.js';
import type { AuthenticatedRequest } from './authenticated-request.js';

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal | undefined => context.switchToHttp().getRequest<AuthenticatedRequest>().principal,
);

export const CurrentActor = createParamDecorator(
  (_: unknown, context: ExecutionContext): { id: string; role: string; name?: string } | undefined => {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!req.principal || !req.access) return undefined;
    // The name as the token gave it, kept with the event: a later change of name does not rewrite history.
    const { name } = req.principal;
    return { id: req.principal.id, role: req.access.role, ...(name ? { name } : {}) };
  },
);
