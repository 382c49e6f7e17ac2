/**
 * Rate limits every request but `GET /health` (a load balancer's probe must never be refused
 * for others' traffic): a signed-in caller against its own budget, anything else against its
 * address's (rate-limiter.ts). Runs after authentication (guard order in app.module.ts), which
 * counts refused tokens itself. 429 in the contract's shape, with Retry-After.
 *
 * Why not @nestjs/throttler: 6.7 ships CommonJS that `require`s @nestjs/common, which
 * Nest 12 publishes as ESM only. Node 20.19 tolerates that, Jest's module VM does not, so
 * the e2e tests could not run the real service with it.
 */
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { HttpResponse } from '../common/http-types.js';
import type { AuthenticatedRequest } from '../auth/authenticated-request.js';
import { RateLimiter } from './rate-limiter.js';

@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(private readonly limiter: RateLimiter) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    const req = http.getRequest<AuthenticatedRequest>();
    if (req.path === '/health') return true;
    const res = http.getResponse<HttpResponse>();
    if (req.principal) this.limiter.takeCaller(req.principal.id, res);
    else this.limiter.takeAnonymous(req.ip, res);
    return true;
  }
}
