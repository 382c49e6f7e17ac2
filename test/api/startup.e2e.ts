/** Starting: auth configuration required, AUTH_DEV, route declarations checked, logs. */
import { describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import request from 'supertest';
import { createApp } from '#api/bootstrap.js';
import { ConfigError } from '#api/common/app-config.js';
import { TestRoutesModule, UndeclaredRouteModule } from './support/test-routes.module.js';
import { testPorts } from './support/test-ports.js';
import { TEST_SECRET } from './support/tokens.js';

const quiet = { logger: false, shutdownHooks: false } as const;

describe('start-up', () => {
  it('refuses to start without any auth configuration, saying what to set', async () => {
    const attempt = createApp({ ...quiet, env: { IDEMPOTENCY_DB: ':memory:' }, extraModules: [testPorts().module] });
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    await expect(attempt).rejects.toThrow(/AUTH_JWT_SECRET.*AUTH_OIDC_ISSUER.*AUTH_DEV=1/s);
  });

  it('refuses an OIDC issuer without an audience', async () => {
    await expect(
      createApp({ ...quiet, env: { AUTH_OIDC_ISSUER: 'https://idp.example' }, extraModules: [testPorts().module] }),
    ).rejects.toThrow('AUTH_OIDC_ISSUER and AUTH_OIDC_AUDIENCE must be set together');
  });

  it('refuses a malformed numeric setting', async () => {
    await expect(
      createApp({ ...quiet, env: { AUTH_JWT_SECRET: TEST_SECRET, RATE_LIMIT_PER_MINUTE: 'lots' }, extraModules: [testPorts().module] }),
    ).rejects.toThrow('RATE_LIMIT_PER_MINUTE must be an integer');
  });

  it('refuses to start with a route that declares neither @Requires nor @Public', async () => {
    await expect(
      createApp({
        ...quiet,
        env: { AUTH_JWT_SECRET: TEST_SECRET, IDEMPOTENCY_DB: ':memory:' },
        extraModules: [testPorts().module, UndeclaredRouteModule],
      }),
    ).rejects.toThrow('UndeclaredController.open: declares neither @Requires nor @Public');
  });

  it('refuses to start when the ports are not provided', async () => {
    await expect(createApp({ ...quiet, env: { AUTH_JWT_SECRET: TEST_SECRET, IDEMPOTENCY_DB: ':memory:' } })).rejects.toThrow(
      /is not provided. The app needs RESOURCE_DIRECTORY, ACCESS_LOGGER, READ_POSITION_WAITER, READINESS/,
    );
  });

  it('AUTH_DEV=1 prints a generated secret and a working token per role', async () => {
    let printed = '';
    const ports = testPorts();
    const app = await createApp({
      ...quiet,
      env: { AUTH_DEV: '1', AUTH_DEV_SCHOOLS: 'S1', AUTH_DEV_GROUPS: '5A', IDEMPOTENCY_DB: ':memory:' },
      print: (text) => (printed += text),
      extraModules: [ports.module, TestRoutesModule],
    });
    try {
      expect(printed).toMatch(/AUTH_JWT_SECRET=\S{40,}/);
      const tokens = Object.fromEntries([...printed.matchAll(/^([a-z-]+)\s+(eyJ\S+)$/gm)].map(([, role, token]) => [role, token]));
      expect(Object.keys(tokens).sort()).toEqual([
        'admin',
        'auditor',
        'contact-teacher',
        'guardian',
        'municipality',
        'ops',
        'ppt',
        'school-leader',
        'student-services',
        'teacher',
      ]);
      expect(decodeJwt(tokens.teacher)).toMatchObject({ roles: ['teacher'], municipality: '3024', schools: ['S1'], groups: ['5A'] });
      const res = await request(app.getHttpServer()).get('/test/students/st-5a/absences').set('Authorization', `Bearer ${tokens.teacher}`);
      expect(res.status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('AUTH_DEV=1 with AUTH_JWT_SECRET keeps that secret, so printed tokens survive restarts', async () => {
    let printed = '';
    const app = await createApp({
      ...quiet,
      env: { AUTH_DEV: '1', AUTH_JWT_SECRET: TEST_SECRET, IDEMPOTENCY_DB: ':memory:' },
      print: (text) => (printed += text),
      extraModules: [testPorts().module],
    });
    await app.close();
    expect(printed).toContain(`AUTH_JWT_SECRET=${TEST_SECRET}`);
    expect(printed).not.toContain('generated for this run');
  });
});
