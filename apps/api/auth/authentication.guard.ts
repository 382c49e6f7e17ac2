/**
 * First global guard: every route not marked @Public needs `Authorization: Bearer <JWT>`
 * that TokenVerifier accepts; the Principal goes on the request. 401 otherwise, with
 * `WWW-Authenticate` as RFC 6750 asks. Why a token failed is logged with the request id
 * only (nestjs-pino binds it to every log line; never the token, never its claims).
 */
import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { HttpResponse as Response } from '../common/http-types.js';
import { httpError } from '../common/error-body.js';
import type { AuthenticatedRequest } from './authenticated-request.js';
import { IdentityProviderUnavailable } from './oidc-discovery.js';
import { IS_PUBLIC } from './public.decorator.js';
import { InvalidToken, TokenVerifier } from './token-verifier.js';
import { RateLimiter } from '../ops/rate-limiter.js';

@Injectable()
export class AuthenticationGuard implements CanActivate {
  private readonly logger = new Logger('AuthenticationGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const http = context.switchToHttp();
    const req = http.getRequest<AuthenticatedRequest>();
    const res = http.getResponse<Response>();
    const match = /^Bearer +([A-Za-z0-9\-_=.]+) *$/i.exec(req.headers.authorization ?? '');
    if (!match) {
      // Refused requests count against the address's anonymous budget (429 past it).
      this.limiter.takeAnonymous(req.ip, res);
      res.setHeader('WWW-Authenticate', 'Bearer');
      throw httpError(401, 'A bearer token is required');
    }
    try {
      req.principal = await this.verifier.verify(match[1]);
      return true;
    } catch (error) {
      if (error instanceof InvalidToken) {
        this.logger.log({ reason: error.message }, 'token refused');
        this.limiter.takeAnonymous(req.ip, res);
        res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
        throw httpError(401, 'The bearer token is invalid or expired');
      }
      if (error instanceof IdentityProviderUnavailable) {
        this.logger.warn({ reason: error.message }, 'identity provider unavailable');
        throw httpError(503, 'The identity provider cannot be reached; retry shortly');
      }
      throw error;
    }
  }
}
