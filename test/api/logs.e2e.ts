/**
 * What the service logs. nestjs-pino keeps one root logger per process (the first app's
 * settings win), so this file builds exactly one app, with logs on and collected.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { INestApplication } from '@nestjs/common';
import { createApp } from '#api/bootstrap.js';
import { TestRoutesModule } from './support/test-routes.module.js';
import { testPorts } from './support/test-ports.js';
import { claimsFor, signToken, TEST_SECRET } from './support/tokens.js';

describe('logs', () => {
  const lines: string[] = [];
  let printed = '';
  let app: INestApplication;
  let token: string;
  let auditor: string;

  beforeAll(async () => {
    app = await createApp({
      env: { AUTH_DEV: '1', AUTH_JWT_SECRET: TEST_SECRET, IDEMPOTENCY_DB: ':memory:' },
      shutdownHooks: false,
      logDestination: { write: (line: string) => void lines.push(line) },
      print: (text) => (printed += text),
      extraModules: [testPorts().module, TestRoutesModule],
    });
    token = await signToken(TEST_SECRET, claimsFor(['school-leader']));
    auditor = await signToken(TEST_SECRET, claimsFor(['auditor']));
    await request(app.getHttpServer())
      .post('/test/students/st-5a/echo')
      .set('Authorization', `Bearer ${token}`)
      .set('X-Request-Id', 'req-log-test-1')
      .send({ note: 'Ola was sick', grade: 5, participants: [{ name: 'Per Hansen', role: 'guardian' }] });
    await request(app.getHttpServer()).get('/test/errors/crash').set('Authorization', `Bearer ${auditor}`);
    await request(app.getHttpServer()).get('/test/cases/case-5a').set('Authorization', 'Bearer forged.token.value');
    // A header whose `alg` is 6,000 characters (security finding 10: copied whole into the log).
    const header = Buffer.from(JSON.stringify({ alg: 'X'.repeat(6000), typ: 'JWT' })).toString('base64url');
    await request(app.getHttpServer()).get('/test/cases/case-5a').set('Authorization', `Bearer ${header}.e30.c2ln`);
  });

  it("keep a caller's text out of the log beyond a few characters: a 6 KB alg makes a short line", () => {
    const refused = entries().filter((entry) => entry.msg === 'token refused');
    expect(refused.some((entry) => String(entry.reason).includes('XXXXXXXX'))).toBe(true);
    for (const line of lines) expect(line.length).toBeLessThan(1000);
  });
  afterAll(async () => {
    await app.close();
  });

  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, any>);

  it('are JSON lines with request id, route pattern, status and actor id', () => {
    const completed = entries().find((entry) => entry.req?.id === 'req-log-test-1' && entry.res);
    expect(completed).toMatchObject({
      req: { id: 'req-log-test-1', method: 'POST' },
      res: { statusCode: 201 },
      route: '/test/students/:studentId/echo',
      actorId: 'user-school-leader',
      msg: 'request completed',
    });
    expect(Object.keys(completed!.req)).toEqual(['id', 'method']);
  });

  it('log a server fault by error id and name, not by its message', () => {
    expect(entries().find((entry) => entry.msg === 'unhandled error')).toMatchObject({
      errorId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      errorName: 'Error',
      frames: expect.any(Array),
    });
  });

  it('never carry names, tokens, bodies, concrete paths or error messages', () => {
    const all = lines.join('');
    for (const secret of ['Kari Nordmann', 'Ola', 'Per Hansen', token, auditor, 'forged.token', 'st-5a/echo', 'exploded']) {
      expect(all).not.toContain(secret);
    }
  });

  it('warn that dev authentication is on, while the tokens go to stdout only', () => {
    expect(entries().some((entry) => entry.level === 40 && /development authentication is ON/.test(entry.msg))).toBe(true);
    const devToken = /^teacher\s+(eyJ\S+)$/m.exec(printed)?.[1];
    expect(devToken).toBeDefined();
    expect(lines.join('')).not.toContain(devToken!);
  });
});
