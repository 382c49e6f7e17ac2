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
    // Not a guardian's: the envelope's metadata is not encrypted, and a guardian's name is the family's
    // personal data (it goes, sealed, into what they record, e.g. a consent's givenBy).
    const name = req.access.role === 'guardian' ? '' : req.principal.name;
    return { id: req.principal.id, role: req.access.role, ...(name ? { name } : {}) };
  },
);
