/**
 * Erasure on PostgreSQL (events, read models and keys in one database): after the answer, every
 * read shows "[slettet]", the chain verifies, and no row of the events, the read models' documents
 * or the keys holds the student's name or free text. Skipped, and says so, without a server.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { freshName, postgresAdmin, postgresReachable, sayPostgresSkipped, TEST_POSTGRES_URL, withDatabase } from '#testing/postgres.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createService } from '#api/service/create-service.js';
import { TEST_SECRET } from '../api/support/tokens.js';
import { TODAY, World, studentName } from '../api/routes/support/fixture.js';

const available = await postgresReachable();
const database = freshName('erasure');
const url = withDatabase(TEST_POSTGRES_URL, database);
const SUMMARY = 'Mor fortalte om angst og søvnvansker';

(available ? describe : describe.skip)('erasure on PostgreSQL', () => {
  let w: World;
  let follower: INestApplication;
  const kek = randomBytes(32).toString('base64');
  const followerDir = mkdtempSync(join(tmpdir(), 'erasure-follower-'));
  beforeAll(async () => {
    w = await World.start({ POSTGRES_URL: url, KEY_ENCRYPTION_KEY: kek, LEADER_POLL_MS: '100' });
    follower = await createService({
      env: {
        AUTH_JWT_SECRET: TEST_SECRET,
        DATA_DIR: followerDir,
        POSTGRES_URL: url,
        KEY_ENCRYPTION_KEY: kek,
        PROJECTOR: 'follow',
        CLOCK_TODAY: TODAY,
      },
      logger: false,
      shutdownHooks: false,
      print: () => undefined,
    });
  }, 60_000);
  afterAll(async () => {
    await follower?.close();
    rmSync(followerDir, { recursive: true, force: true });
    await w?.stop();
    await postgresAdmin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  it('leaves no clear text of the student in any row, and the chain valid', async () => {
    const studentId = await w.student('smoras', '5A', 5);
    const name = studentName(1);
    const caseId = await w.openCase(studentId, { openedOn: '2026-11-17' });
    await w.ok(`/cases/${caseId}/contacts`, w.leader, { with: 'guardian', channel: 'phone', at: '2026-11-18', summary: SUMMARY });
    expect((await w.get(`/cases/${caseId}`, w.leader)).body.contacts[0].summary).toBe(SUMMARY);
    const res = await w.post(`/students/${studentId}/erasure`, w.admin, { reason: 'Sak 2026/55', legalBasis: 'gdpr-17-1-a' });
    expect(res.status).toBe(201);
    expect((await w.get(`/students/${studentId}`, w.leader)).body.name).toBe('[slettet]');
    expect((await w.get(`/cases/${caseId}`, w.leader)).body.contacts[0].summary).toBe('[slettet]');
    expect((await w.get(`/cases/${caseId}/history/verify`, w.leader)).body).toMatchObject({ valid: true });

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const tables = (
        await client.query<{ name: string }>(
          "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')",
        )
      ).rows.map((r) => r.name);
      expect(tables.length).toBeGreaterThan(5);
      for (const table of tables) {
        const { rows } = await client.query<{ text: string | null }>(`SELECT string_agg(t::text, ' ') AS text FROM ${table} t`);
        const text = rows[0]?.text ?? '';
        for (const secret of [name, SUMMARY])
          expect({ table, secret, found: text.includes(secret) }).toEqual({ table, secret, found: false });
      }
    } finally {
      await client.end();
    }
  }, 60_000);

  it("answers an erasure sent to a follower once the leader's rebuilt read models serve there", async () => {
    const studentId = await w.student('smoras', '5A', 5);
    const name = studentName(2);
    const head = String(w.lastPosition);
    const before = await request(follower.getHttpServer())
      .get(`/students/${studentId}`)
      .set('Authorization', `Bearer ${w.leader}`)
      .set('X-Min-Position', head);
    expect(before.body.name).toBe(name);
    const res = await request(follower.getHttpServer())
      .post(`/students/${studentId}/erasure`)
      .set('Authorization', `Bearer ${w.admin}`)
      .send({ reason: 'Sak 2026/56', legalBasis: 'gdpr-17-1-a' });
    expect(res.status).toBe(201);
    const after = await request(follower.getHttpServer())
      .get(`/students/${studentId}`)
      .set('Authorization', `Bearer ${w.leader}`)
      .set('X-Min-Position', String(res.headers['x-position']));
    expect(after.body.name).toBe('[slettet]');
  }, 60_000);
});
if (!available) sayPostgresSkipped('erasure on PostgreSQL');
