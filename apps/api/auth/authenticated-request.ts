/** What the guards attach to the Express request. */
import type { HttpRequest as Request } from '../common/http-types.js';
import type { AccessRecord } from '#access/access-log.port.js';
import type { Decision } from '#access/decide.js';
import type { Principal } from '#access/roles.js';

export type AuthenticatedRequest = Request & {
  /** Set by AuthenticationGuard on every non-public route. */
  principal?: Principal;
  /** Set by AccessGuard: the allowed decision, whose `role` is the role acted in. */
  access?: Extract<Decision, { allowed: true }>;
  /** Set by AccessGuard for a logged read; AccessLogInterceptor records it when the handler succeeds. */
  accessRecord?: AccessRecord;
};
