/**
 * Verifies `Authorization: Bearer` tokens. Each configured mode accepts only its own
 * algorithms, chosen by the token's header before any key is touched: HS256 against
 * AUTH_JWT_SECRET, RS256/ES256 against the OIDC issuer's JWKS (with `iss` and `aud`).
 * So `alg: none` and algorithm confusion (an HS256 token keyed with the RSA public key)
 * never reach a key that could accept them.
 */
import { createSecretKey, type KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import type { Principal } from '#access/roles.js';
import { BoundedCache } from '#event-store/cache/bounded-cache.js';
import { estimateBytes } from '#event-store/cache/estimate-bytes.js';
import { AppConfig } from '../common/app-config.js';
import { IdentityProviderUnavailable, OidcKeySource } from './oidc-discovery.js';
import { MalformedClaims, principalFromClaims } from './principal-from-claims.js';

export const HS_ALGORITHMS = ['HS256'];
export const OIDC_ALGORITHMS = ['RS256', 'ES256'];

/**
 * Tokens already verified, by their exact text (signature included), so only the very same
 * token is answered from here, and only until its `exp`. A client sends one token for many
 * requests; verifying it each time (HMAC, or RSA/ECDSA for OIDC) was a tenth of the CPU of
 * registering absence (bench/, BENCHMARKS.md). Bounded by bytes (CACHE_TOKENS_MIB), least recently used out.
 */
type Verified = { principal: Principal; expiresAtMs: number };

/** The token was refused; `reason` is safe to log (no token content). */
export class InvalidToken extends Error {
  override readonly name = 'InvalidToken';
}

@Injectable()
export class TokenVerifier {
  /** A key object made once: given raw bytes, jose imports the key again for every token. */
  private readonly secret: KeyObject | null;
  private readonly oidc: { source: OidcKeySource; issuer: string; audience: string } | null;
  private readonly verified: BoundedCache<string, Verified>;
  /** Leeway for clocks that disagree a little on exp and nbf (AUTH_CLOCK_SKEW_SECONDS). */
  private readonly skewSeconds: number;
  /** The ceiling on a token's lifetime (AUTH_MAX_TOKEN_LIFETIME_SECONDS): a stolen token must not live for years. */
  private readonly maxLifetimeSeconds: number;

  constructor(config: AppConfig) {
    this.verified = new BoundedCache('tokens', config.cacheLimits.tokensBytes, (entry, token) => token.length + estimateBytes(entry));
    this.skewSeconds = config.clockSkewSeconds;
    this.maxLifetimeSeconds = config.tokenMaxLifetimeSeconds;
    const { hs256, oidc } = config.auth;
    this.secret = hs256 ? createSecretKey(Buffer.from(hs256.secret, 'utf8')) : null;
    this.oidc = oidc ? { source: new OidcKeySource(oidc.issuer), ...oidc } : null;
  }

  /** @throws InvalidToken, or IdentityProviderUnavailable when the JWKS cannot be had. */
  async verify(token: string): Promise<Principal> {
    const known = this.verified.get(token);
    if (known) {
      // Strictly before exp (no clock tolerance here): past it the token is checked afresh.
      if (Date.now() < known.expiresAtMs) return known.principal;
      this.verified.delete(token);
    }
    return this.verifyAnew(token);
  }

  private async verifyAnew(token: string): Promise<Principal> {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new InvalidToken('not a JWS');
    }
    const payload = await this.verifySignature(token, alg);
    this.checkLifetime(payload);
    let principal: Principal;
    try {
      principal = principalFromClaims(payload);
    } catch (error) {
      if (error instanceof MalformedClaims) throw new InvalidToken(error.message);
      throw error;
    }
    // Shared by every request that sends this token: frozen so that no handler can change it for the others.
    Object.freeze(principal.roles);
    Object.freeze(principal.schools);
    Object.freeze(principal.groups);
    Object.freeze(principal);
    // `exp` is required by both modes, so every verified token has one.
    if (typeof payload.exp === 'number') {
      this.verified.set(token, { principal, expiresAtMs: payload.exp * 1000 });
    }
    return principal;
  }

  private async verifySignature(token: string, alg: string | undefined): Promise<JWTPayload> {
    if (alg !== undefined && HS_ALGORITHMS.includes(alg) && this.secret) {
      try {
        const { payload } = await jwtVerify(token, this.secret, {
          algorithms: HS_ALGORITHMS,
          requiredClaims: ['sub', 'exp'],
          clockTolerance: this.skewSeconds,
        });
        return payload;
      } catch (error) {
        throw new InvalidToken(error instanceof errors.JOSEError ? error.code : 'unreadable token');
      }
    }
    if (alg !== undefined && OIDC_ALGORITHMS.includes(alg) && this.oidc) {
      const keys = await this.oidc.source.getKeySet();
      try {
        const { payload } = await jwtVerify(token, keys, {
          algorithms: OIDC_ALGORITHMS,
          issuer: this.oidc.issuer,
          audience: this.oidc.audience,
          requiredClaims: ['sub', 'exp'],
          clockTolerance: this.skewSeconds,
        });
        return payload;
      } catch (error) {
        if (error instanceof errors.JWKSTimeout) throw new IdentityProviderUnavailable('JWKS fetch timed out');
        if (error instanceof errors.JOSEError) throw new InvalidToken(error.code);
        // A failed fetch of the key set surfaces as a plain error: the provider, not the token.
        throw new IdentityProviderUnavailable(`JWKS unavailable: ${(error as Error).name}`);
      }
    }
    // The header is the caller's text: only a short, printable cut of it goes into the log.
    throw new InvalidToken(
      `algorithm ${JSON.stringify(
        String(alg)
          .slice(0, 20)
          .replace(/[^\x20-\x7e]/g, '?'),
      )} is not accepted`,
    );
  }

  /** `exp` no further ahead than the ceiling (with the skew), and `exp` − `iat` not over it. */
  private checkLifetime(payload: JWTPayload): void {
    const now = Date.now() / 1000;
    const exp = payload.exp!;
    if (exp - now > this.maxLifetimeSeconds + this.skewSeconds) throw new InvalidToken('lifetime over the ceiling (exp)');
    if (typeof payload.iat === 'number' && exp - payload.iat > this.maxLifetimeSeconds)
      throw new InvalidToken('lifetime over the ceiling (iat)');
  }
}
