/**
 * Per-token rate limit: RATE_LIMIT_PER_MINUTE requests (default 6000) per fixed one-minute
 * window, keyed by the verified token's `sub` so one caller cannot exhaust another's
 * budget; by IP where there is no principal (public routes). Runs after authentication
 * (guard order in app.module.ts). 429 in the contract's shape, with Retry-After.
 *
 * Why not @nestjs/throttler: 6.7 ships CommonJS that `require`s @nestjs/common, which
 * Nest 12 publishes as ESM only. Node 20.19 tolerates that, Jest's module VM does not, so
 * the e2e tests could not run the real service with it. This guard is the same
 * fixed-window algorithm in one file, and keeps counts in memory like throttler's default.
 */
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AppConfig } from '../common/app-config.js';
import { httpError } from '../common/error-body.js';
import type { HttpResponse } from '../common/http-types.js';
import type { AuthenticatedRequest } from '../auth/authenticated-request.js';

const WINDOW_MS = 60_000;

interface Window {
  startedAt: number;
  count: number;
}

@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, Window>();
  private lastSweep = Date.now();

  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    const req = http.getRequest<AuthenticatedRequest>();
    const res = http.getResponse<HttpResponse>();
    const now = Date.now();
    this.sweep(now);
    const key = req.principal ? `sub:${req.principal.id}` : `ip:${req.ip ?? 'unknown'}`;
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= WINDOW_MS) {
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    const limit = this.config.rateLimitPerMinute;
    const resetSeconds = Math.max(1, Math.ceil((window.startedAt + WINDOW_MS - now) / 1000));
    res.setHeader('RateLimit-Limit', String(limit));
    res.setHeader('RateLimit-Remaining', String(Math.max(0, limit - window.count)));
    res.setHeader('RateLimit-Reset', String(resetSeconds));
    if (window.count > limit) {
      res.setHeader('Retry-After', String(resetSeconds));
      throw httpError(429, 'Too many requests; retry after the Retry-After interval');
    }
    return true;
  }

  /** Forget finished windows now and then, so idle callers do not accumulate. */
  private sweep(now: number): void {
    if (now - this.lastSweep < WINDOW_MS) return;
    this.lastSweep = now;
    for (const [key, window] of this.windows) {
      if (now - window.startedAt >= WINDOW_MS) this.windows.delete(key);
    }
  }
}
