/**
 * OIDC discovery: `<issuer>/.well-known/openid-configuration` names the `jwks_uri`; jose's
 * remote key set then fetches and caches the keys (refetching on an unknown `kid`, with a
 * cooldown). Discovery runs on the first token rather than at start, so the API starts
 * while the identity provider is briefly away; a failed discovery is retried next time.
 */
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';

export class IdentityProviderUnavailable extends Error {
  override readonly name = 'IdentityProviderUnavailable';
}

export class OidcKeySource {
  private keys: Promise<JWTVerifyGetKey> | null = null;

  constructor(private readonly issuer: string) {}

  getKeySet(): Promise<JWTVerifyGetKey> {
    if (this.keys === null) {
      this.keys = this.discover().catch((error: unknown) => {
        this.keys = null;
        throw error;
      });
    }
    return this.keys;
  }

  private async discover(): Promise<JWTVerifyGetKey> {
    const url = `${this.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    let document: { issuer?: unknown; jwks_uri?: unknown };
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000), redirect: 'error' });
      if (!response.ok) throw new Error(`status ${response.status}`);
      document = (await response.json()) as typeof document;
    } catch (error) {
      throw new IdentityProviderUnavailable(`OIDC discovery at ${url} failed: ${(error as Error).message}`);
    }
    // OIDC Discovery 1.0 §4.3: the document's issuer must be the one we asked.
    if (document.issuer !== this.issuer) {
      throw new IdentityProviderUnavailable(`OIDC discovery at ${url} names another issuer`);
    }
    if (typeof document.jwks_uri !== 'string') {
      throw new IdentityProviderUnavailable(`OIDC discovery at ${url} has no jwks_uri`);
    }
    const jwksUri = new URL(document.jwks_uri);
    if (jwksUri.protocol !== 'https:' && !isLoopback(jwksUri.hostname)) {
      throw new IdentityProviderUnavailable('jwks_uri must use https');
    }
    return createRemoteJWKSet(jwksUri, { timeoutDuration: 5000, cooldownDuration: 30_000, cacheMaxAge: 600_000 });
  }
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}
