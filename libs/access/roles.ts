/** The authenticated caller and the roles attached to it (the list itself is the domain's). Plain TypeScript: no Nest, no I/O. */
export { ROLES, isRole, type Role } from '#domain/shared/roles.js';
import type { Role } from '#domain/shared/roles.js';

/**
 * Who is calling, from the verified token's claims. `name` is carried for handlers that
 * must show who did something (e.g. a meeting's author); it is never logged.
 */
export interface Principal {
  /** The token's `sub`. The only identifier that goes into logs and event metadata. */
  id: string;
  name: string;
  /** Known roles only; unknown role strings in a token are dropped, never guessed at. */
  roles: Role[];
  municipality: string | null;
  schools: string[];
  groups: string[];
}
