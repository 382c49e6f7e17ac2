/**
 * Really signed tokens for the end-to-end tests (jose), never hand-made strings, so the
 * tests exercise the same verification a client's token meets.
 */
import { SignJWT, UnsecuredJWT, type CryptoKey, type JWTPayload, type KeyObject } from 'jose';

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

export interface SignOptions {
  /** Default '1h'; a number is an absolute epoch-seconds instant. */
  expiresIn?: string | number | null;
  notBefore?: string | number;
  issuer?: string;
  audience?: string;
  kid?: string;
}

export function signToken(secret: string, claims: JWTPayload, opts: SignOptions = {}): Promise<string> {
  return build(claims, opts, 'HS256').sign(new TextEncoder().encode(secret));
}

/** RS256 / ES256 for the OIDC mode (key from jose's generateKeyPair). */
export function signWithKey(
  key: CryptoKey | KeyObject,
  alg: 'RS256' | 'ES256',
  claims: JWTPayload,
  opts: SignOptions = {},
): Promise<string> {
  return build(claims, opts, alg).sign(key);
}

/** `alg: none`: what an attacker sends hoping the server skips the signature. */
export function unsignedToken(claims: JWTPayload): string {
  return new UnsecuredJWT(claims).setIssuedAt().setExpirationTime('1h').encode();
}

function build(claims: JWTPayload, opts: SignOptions, alg: string): SignJWT {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT', ...(opts.kid ? { kid: opts.kid } : {}) }).setIssuedAt();
  if (opts.expiresIn !== null) jwt.setExpirationTime(opts.expiresIn ?? '1h');
  if (opts.notBefore !== undefined) jwt.setNotBefore(opts.notBefore);
  if (opts.issuer) jwt.setIssuer(opts.issuer);
  if (opts.audience) jwt.setAudience(opts.audience);
  return jwt;
}

/** Claims of a caller in school S1 / group 5A of municipality 3024, with the given roles. */
export function claimsFor(roles: string[], extra: JWTPayload = {}): JWTPayload {
  return {
    sub: `user-${roles.join('+') || 'none'}`,
    name: 'Kari Nordmann',
    roles,
    municipality: '3024',
    schools: ['S1'],
    groups: ['5A'],
    ...extra,
  };
}
