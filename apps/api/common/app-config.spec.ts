import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CACHE_LIMITS } from '#application/stores/cache-limits.js';
import { ConfigError, loadAppConfig } from './app-config.js';

describe('loadAppConfig', () => {
  it('uses the contract defaults: port 3000, ./data, embedded stores', () => {
    const config = loadAppConfig({ AUTH_JWT_SECRET: 's' });
    expect(config).toMatchObject({
      port: 3000,
      dataDir: './data',
      eventstoreUrl: null,
      mongodbUrl: null,
      idempotencyDatabase: 'data/idempotency.sqlite',
      rateLimitPerMinute: 6000,
      minPositionTimeoutMs: 5000,
    });
    expect(config.authMode).toBe('hs256');
    expect(config.auth).toEqual({ hs256: { secret: 's', generated: false }, oidc: null, dev: false });
  });

  it('reads PORT, DATA_DIR, store URLs and OIDC', () => {
    const config = loadAppConfig({
      PORT: '8080',
      DATA_DIR: '/var/lib/fravaer',
      EVENTSTORE_URL: 'esdb://localhost:2113?tls=false',
      MONGODB_URL: 'mongodb://localhost:27017/fravaer',
      AUTH_OIDC_ISSUER: 'https://auth.dataporten.no',
      AUTH_OIDC_AUDIENCE: 'api',
    });
    expect(config).toMatchObject({
      port: 8080,
      dataDir: '/var/lib/fravaer',
      idempotencyDatabase: '/var/lib/fravaer/idempotency.sqlite',
      eventstoreUrl: 'esdb://localhost:2113?tls=false',
      mongodbUrl: 'mongodb://localhost:27017/fravaer',
    });
    expect(config.authMode).toBe('oidc');
  });

  it('generates a fresh secret for AUTH_DEV=1 alone', () => {
    const a = loadAppConfig({ AUTH_DEV: '1' });
    const b = loadAppConfig({ AUTH_DEV: '1' });
    expect(a.auth.hs256?.generated).toBe(true);
    expect(a.auth.hs256?.secret).not.toBe(b.auth.hs256?.secret);
    expect(a.auth.hs256!.secret.length).toBeGreaterThanOrEqual(40);
  });

  it('refuses to run without authentication, and treats blank values as unset', () => {
    expect(() => loadAppConfig({})).toThrow(ConfigError);
    expect(() => loadAppConfig({ AUTH_JWT_SECRET: '  ', AUTH_DEV: '0' })).toThrow(ConfigError);
  });

  it.each([
    ['PORT', '70000'],
    ['PORT', 'x'],
    ['MIN_POSITION_TIMEOUT_MS', '-1'],
    ['RATE_LIMIT_PER_MINUTE', '0'],
    ['CATCH_UP_WORKER_FROM', '-5'],
    ['CATCH_UP_WORKER_FROM', 'many'],
  ])('refuses %s=%s', (name, value) => {
    expect(() => loadAppConfig({ AUTH_JWT_SECRET: 's', [name]: value })).toThrow(`${name} must be an integer`);
  });

  it('catches a start up in a worker thread from 20,000 events behind unless told otherwise (0: never)', () => {
    expect(loadAppConfig({ AUTH_JWT_SECRET: 's' }).catchUpWorkerFrom).toBe(20_000);
    expect(loadAppConfig({ AUTH_JWT_SECRET: 's', CATCH_UP_WORKER_FROM: '0' }).catchUpWorkerFrom).toBe(0);
    expect(loadAppConfig({ AUTH_JWT_SECRET: 's', CATCH_UP_WORKER_FROM: '500000' }).catchUpWorkerFrom).toBe(500_000);
  });

  it('reads each cache limit in MiB, and keeps the defaults for the others', () => {
    const config = loadAppConfig({
      AUTH_JWT_SECRET: 's',
      CACHE_READ_MODELS_MIB: '16',
      CACHE_TOKENS_MIB: '0.5',
      CACHE_SQLITE_PAGES_MIB: '32',
    });
    expect(config.cacheLimits).toEqual({
      ...DEFAULT_CACHE_LIMITS,
      readModelsBytes: 16 * 1024 * 1024,
      tokensBytes: 512 * 1024,
      sqlitePagesBytes: 32 * 1024 * 1024,
    });
    expect(loadAppConfig({ AUTH_JWT_SECRET: 's' }).cacheLimits).toEqual(DEFAULT_CACHE_LIMITS);
  });

  it.each([
    ['CACHE_WRITE_MIB', 'lots'],
    ['CACHE_DATA_KEYS_MIB', '-1'],
    ['CACHE_READ_MODELS_MIB', '0'],
    ['CACHE_TOKENS_MIB', '1e3'],
    ['CACHE_SQLITE_PAGES_MIB', 'xxx'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(() => loadAppConfig({ AUTH_JWT_SECRET: 's', [name]: value })).toThrow(
      new ConfigError(`${name} must be a number of MiB from 0.001 to 65536 (got "${value}")`),
    );
  });
});
