/**
 * Two API instances on one DATA_DIR, as behind a load balancer: the first leads (projections and
 * the concern saga), the second follows (PROJECTOR=follow). A command on the follower is read back
 * from the follower with its X-Position, once the leader has projected it, and its level change is
 * recorded once, by the leader's saga.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createService } from '#api/service/create-service.js';
import { DOCUMENT_STORE, type DocumentStore } from '#read-models/document-store.port.js';
import { TEST_SECRET } from '../support/tokens.js';
import { TODAY, World } from './support/fixture.js';

const DAYS = ['2026-11-11', '2026-11-12', '2026-11-13', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19'];

describe('a following API instance beside the leading one', () => {
  let w: World;
  let follower: INestApplication;
  beforeAll(async () => {
    w = await World.start();
    follower = await createService({
      env: {
        AUTH_JWT_SECRET: TEST_SECRET,
        DATA_DIR: w.dataDir,
        IDEMPOTENCY_DB: ':memory:',
        CLOCK_TODAY: TODAY,
        RATE_LIMIT_PER_MINUTE: '1000000',
        PROJECTOR: 'follow',
        CACHE_SQLITE_PAGES_MIB: '12',
      },
      logger: false,
      shutdownHooks: false,
    });
  });
  afterAll(async () => {
    await follower.close();
    await w.stop();
  });

  it('takes commands, reads its own writes through the leader’s projections, and runs no saga', async () => {
    const server = follower.getHttpServer();
    const student = await w.student('kombi', '9A', 9);
    const token = w.leaderFor(student);
    let position = 0;
    for (const date of DAYS) {
      const res = await request(server)
        .post(`/students/${student}/absences`)
        .set('Authorization', `Bearer ${token}`)
        .send({ date, kind: 'day' });
      expect(res.status).toBe(201);
      position = Number(res.headers['x-position']);
    }
    const list = await request(server)
      .get(`/students/${student}/absences`)
      .set({ Authorization: `Bearer ${token}`, 'X-Min-Position': String(position) });
    expect(list.status).toBe(200);
    expect(list.body.registrations).toHaveLength(DAYS.length);
    const concern = await request(server)
      .get(`/students/${student}/concern`)
      .set({ Authorization: `Bearer ${token}`, 'X-Min-Position': String(position) });
    expect(concern.body.level).not.toBe('green');

    // The leader's saga records the change once; the follower's would have been a second subscriber.
    const documents = w.app.get<DocumentStore>(DOCUMENT_STORE);
    const deadline = Date.now() + 10_000;
    while ((await documents.getCheckpoint('saga-concern')) < (await w.head()) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    const changes = (await w.events.readStream(`student-${student}`)).filter((e) => e.type === 'ConcernLevelChanged');
    expect(changes.length).toBeGreaterThan(0);
    expect(new Set(changes.map((e) => (e.metadata as { causationId?: string }).causationId)).size).toBe(changes.length);

    const ops = `Bearer ${w.token('ops')}`;
    const details = await request(server).get('/health/details').set('Authorization', ops);
    expect(details.status).toBe(200);
    const states = (details.body.details.projections as { state: string }[]).map((p) => p.state);
    expect(new Set(states)).toEqual(new Set(['following']));
    expect((await request(server).get('/health')).body).toEqual({ status: 'ok' });
  });

  it("reports each instance's SQLite page cache limit in /metrics, as configured", async () => {
    const ops = `Bearer ${w.token('ops')}`;
    const metrics = async (app: INestApplication) => (await request(app.getHttpServer()).get('/metrics').set('Authorization', ops)).text;
    expect(await metrics(follower)).toMatch(/^sqlite_page_cache_limit_bytes 12582912$/m);
    expect(await metrics(w.app)).toMatch(/^sqlite_page_cache_limit_bytes 8388608$/m);
  });
});
