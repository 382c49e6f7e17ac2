/**
 * Fixed one-minute windows of requests per key, in memory (what @nestjs/throttler's default
 * does; see rate-limit.guard.ts for why not that package). Two budgets: a caller with a valid
 * token by its `sub` (RATE_LIMIT_PER_MINUTE), everyone else by client address
 * (RATE_LIMIT_ANONYMOUS_PER_MINUTE), refused tokens included, so that anonymous traffic cannot
 * use up a signed-in caller's budget, nor a flood of bad tokens go uncounted. Behind a proxy the
 * address is right only with TRUST_PROXY set.
 */
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../common/app-config.js';
import { httpError } from '../common/error-body.js';
import type { HttpResponse } from '../common/http-types.js';

const WINDOW_MS = 60_000;

interface Window {
  startedAt: number;
  count: number;
}

@Injectable()
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private lastSweep = Date.now();

  constructor(private readonly config: AppConfig) {}

  /** Counts a signed-in caller's request; 429 past its budget. */
  takeCaller(sub: string, res: HttpResponse): void {
    this.take(`sub:${sub}`, this.config.rateLimitPerMinute, res);
  }

  /** Counts a request without a valid token, by client address; 429 past the anonymous budget. */
  takeAnonymous(address: string | undefined, res: HttpResponse): void {
    this.take(`ip:${address ?? 'unknown'}`, this.config.rateLimitAnonymousPerMinute, res);
  }

  private take(key: string, limit: number, res: HttpResponse): void {
    const now = Date.now();
    this.sweep(now);
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= WINDOW_MS) {
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    const resetSeconds = Math.max(1, Math.ceil((window.startedAt + WINDOW_MS - now) / 1000));
    res.setHeader('RateLimit-Limit', String(limit));
    res.setHeader('RateLimit-Remaining', String(Math.max(0, limit - window.count)));
    res.setHeader('RateLimit-Reset', String(resetSeconds));
    if (window.count > limit) {
      res.setHeader('Retry-After', String(resetSeconds));
      throw httpError(429, 'Too many requests; retry after the Retry-After interval');
    }
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
