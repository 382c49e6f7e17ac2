/** Operations: /health, /health/details, /docs, /docs-json, /metrics, rate limit, headers. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/app.js';
import { claimsFor, signToken, TEST_SECRET } from './support/tokens.js';

describe('operations', () => {
  let t: TestApp;
  let auth: string;
  let ops: string;
  beforeAll(async () => {
    t = await startTestApp();
    auth = `Bearer ${await signToken(TEST_SECRET, claimsFor(['teacher']))}`;
    ops = `Bearer ${await signToken(TEST_SECRET, claimsFor(['ops'], { schools: [], groups: [] }))}`;
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('/health is exactly { status: "ok" } when ready, 503 in the error shape when not', async () => {
    const ok = await request(t.server).get('/health');
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ status: 'ok' });
    t.readiness.ready = false;
    try {
      const down = await request(t.server).get('/health');
      expect(down.status).toBe(503);
      expect(down.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: 'Not ready to take commands' });
    } finally {
      t.readiness.ready = true;
    }
  });

  it('/health/details carries the readiness details, for a token with the ops role', async () => {
    expect((await request(t.server).get('/health/details')).status).toBe(401);
    expect((await request(t.server).get('/health/details').set('Authorization', auth)).status).toBe(403);
    const res = await request(t.server).get('/health/details').set('Authorization', ops);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', details: { projectionLag: { 'absence-list': 0 } } });
  });

  it('serves the OpenAPI document at /docs-json with bearer auth, and the UI at /docs', async () => {
    const json = await request(t.server).get('/docs-json');
    expect(json.status).toBe(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(json.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/health', '/test/cases/{caseId}']));
    expect(json.body.paths['/test/cases/{caseId}'].get.security).toEqual([{ bearer: [] }]);
    const ui = await request(t.server).get('/docs/');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('/metrics exposes default and HTTP metrics by route pattern, never by id', async () => {
    await request(t.server).get('/test/students/st-5a/absences').set('Authorization', auth);
    expect((await request(t.server).get('/metrics')).status).toBe(401);
    const res = await request(t.server).get('/metrics').set('Authorization', ops);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toContain('process_cpu_user_seconds_total');
    expect(res.text).toMatch(/http_requests_total\{method="GET",route="\/test\/students\/:studentId\/absences",status="200"\} 1/);
    expect(res.text).toContain('http_request_duration_seconds_bucket');
    expect(res.text).toContain('# TYPE events_appended_total counter');
    expect(res.text).toContain('# TYPE projection_lag_events gauge');
    // Every cache by name: its size against its limit, and how often it answered.
    expect(res.text).toMatch(/cache_limit_bytes\{cache="tokens"\} 4194304/);
    expect(res.text).toMatch(/cache_bytes\{cache="tokens"\} [1-9]\d*/);
    expect(res.text).toMatch(/cache_hits_total\{cache="tokens"\} [1-9]\d*/);
    expect(res.text).toMatch(/cache_hit_ratio\{cache="tokens"\} 0\.\d+/);
    expect(res.text).toContain('# TYPE cache_evictions_total counter');
    expect(res.text).not.toContain('st-5a');
  });

  it('sets helmet headers and a request id', async () => {
    const res = await request(t.server).get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const given = await request(t.server).get('/health').set('X-Request-Id', 'trace-12345678');
    expect(given.headers['x-request-id']).toBe('trace-12345678');
  });
});

describe('rate limit per token', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('429 in the contract shape after the limit, counted per token sub', async () => {
    const first = `Bearer ${await signToken(TEST_SECRET, claimsFor(['teacher']))}`;
    const second = `Bearer ${await signToken(TEST_SECRET, { ...claimsFor(['teacher']), sub: 'someone-else' })}`;
    const get = (authorization: string) => request(t.server).get('/test/students/st-5a/absences').set('Authorization', authorization);
    for (let i = 0; i < 3; i += 1) expect((await get(first)).status).toBe(200);
    const limited = await get(first);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: 'Too many requests; retry after the Retry-After interval',
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // A fresh token of the same sub shares the budget; another sub has its own.
    const sameSub = `Bearer ${await signToken(TEST_SECRET, claimsFor(['teacher']), { expiresIn: '2h' })}`;
    expect((await get(sameSub)).status).toBe(429);
    expect((await get(second)).status).toBe(200);
  });
});
