/**
 * Verifies `Authorization: Bearer` tokens. Each configured mode accepts only its own
 * algorithms, chosen by the token's header before any key is touched: HS256 against
 * AUTH_JWT_SECRET, RS256/ES256 against the OIDC issuer's JWKS (with `iss` and `aud`).
 * So `alg: none` and algorithm confusion (an HS256 token keyed with the RSA public key)
 * never reach a key that could accept them.
 */
import { Injectable } from '@nestjs/common';
import { decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import type { Principal } from '../../../libs/access/roles.js';
import { AppConfig } from '../common/app-config.js';
import { IdentityProviderUnavailable, OidcKeySource } from './oidc-discovery.js';
import { MalformedClaims, principalFromClaims } from './principal-from-claims.js';

export const HS_ALGORITHMS = ['HS256'];
export const OIDC_ALGORITHMS = ['RS256', 'ES256'];
/** Leeway for clocks that disagree a little on exp and nbf. */
const CLOCK_TOLERANCE_SECONDS = 30;

/** The token was refused; `reason` is safe to log (no token content). */
export class InvalidToken extends Error {
  override readonly name = 'InvalidToken';
}

@Injectable()
export class TokenVerifier {
  private readonly secret: Uint8Array | null;
  private readonly oidc: { source: OidcKeySource; issuer: string; audience: string } | null;

  constructor(config: AppConfig) {
    const { hs256, oidc } = config.auth;
    this.secret = hs256 ? new TextEncoder().encode(hs256.secret) : null;
    this.oidc = oidc ? { source: new OidcKeySource(oidc.issuer), ...oidc } : null;
  }

  /** @throws InvalidToken, or IdentityProviderUnavailable when the JWKS cannot be had. */
  async verify(token: string): Promise<Principal> {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new InvalidToken('not a JWS');
    }
    const payload = await this.verifySignature(token, alg);
    try {
      return principalFromClaims(payload);
    } catch (error) {
      if (error instanceof MalformedClaims) throw new InvalidToken(error.message);
      throw error;
    }
  }

  private async verifySignature(token: string, alg: string | undefined): Promise<JWTPayload> {
    if (alg !== undefined && HS_ALGORITHMS.includes(alg) && this.secret) {
      try {
        const { payload } = await jwtVerify(token, this.secret, {
          algorithms: HS_ALGORITHMS,
          requiredClaims: ['sub', 'exp'],
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
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
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
        });
        return payload;
      } catch (error) {
        if (error instanceof errors.JWKSTimeout) throw new IdentityProviderUnavailable('JWKS fetch timed out');
        if (error instanceof errors.JOSEError) throw new InvalidToken(error.code);
        // A failed fetch of the key set surfaces as a plain error: the provider, not the token.
        throw new IdentityProviderUnavailable(`JWKS unavailable: ${(error as Error).name}`);
      }
    }
    throw new InvalidToken(`algorithm ${String(alg)} is not accepted`);
  }
}
