import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { SignJWT } from 'jose';
import { loadAppConfig } from '../common/app-config.js';
import { InvalidToken, TokenVerifier } from './token-verifier.js';

// Real HS256 tokens signed with jose; no mock of the verification.
const SECRET = 'a-test-secret-of-at-least-32-characters!!';
const config = loadAppConfig({ AUTH_JWT_SECRET: SECRET, DATA_DIR: '/tmp/unused' });

async function token(expiresInSeconds: number, secret = SECRET, now = Math.floor(Date.now() / 1000)): Promise<string> {
  return new SignJWT({ name: 'Kari', roles: ['teacher'], schools: ['s1'], groups: ['8A'], municipality: '3024' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('kari')
    .setIssuedAt(now)
    .setExpirationTime(now + expiresInSeconds)
    .sign(new TextEncoder().encode(secret));
}

describe('TokenVerifier', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('answers a token it verified before with the same frozen principal', async () => {
    const verifier = new TokenVerifier(config);
    const t = await token(600);
    const first = await verifier.verify(t);
    expect(first).toEqual({
      id: 'kari',
      name: 'Kari',
      roles: ['teacher'],
      municipality: '3024',
      schools: ['s1'],
      groups: ['s1/8A'],
      children: [],
    });
    expect(await verifier.verify(t)).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.schools) && Object.isFrozen(first.roles) && Object.isFrozen(first.groups)).toBe(
      true,
    );
  });

  it('checks a known token afresh once it has expired, and then refuses it', async () => {
    const verifier = new TokenVerifier(config);
    const t = await token(5);
    await verifier.verify(t);
    // Past exp and past the 30 s clock tolerance: no cached answer may outlive the token.
    // Only the clock is faked (for this cache and for jose alike); timers and ticks stay real.
    jest.useFakeTimers({
      now: Date.now() + 60_000,
      doNotFake: [
        'nextTick',
        'setImmediate',
        'clearImmediate',
        'setTimeout',
        'clearTimeout',
        'setInterval',
        'clearInterval',
        'queueMicrotask',
        'hrtime',
        'performance',
      ],
    });
    await expect(verifier.verify(t)).rejects.toBeInstanceOf(InvalidToken);
  });

  it('never answers a token with another signature from the cache', async () => {
    const verifier = new TokenVerifier(config);
    // One issued-at for both: read twice, the clock may cross a second between the two signings.
    const now = Math.floor(Date.now() / 1000);
    const good = await token(600, SECRET, now);
    await verifier.verify(good);
    const forged = await token(600, 'another-secret-of-at-least-32-characters', now);
    // Same header and claims, other signature.
    expect(forged.split('.')[1]).toBe(good.split('.')[1]);
    await expect(verifier.verify(forged)).rejects.toBeInstanceOf(InvalidToken);
  });
});
