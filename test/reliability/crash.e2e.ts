/**
 * The real service (compiled, a child process on 127.0.0.1) is SIGKILLed again and again
 * while several clients write through HTTP, and restarted on the same DATA_DIR each time.
 * Afterwards:
 * - every acknowledged write (2xx with X-Position) is in the store, at that position, with the
 *   returned id, and the API shows it;
 * - nothing is there twice and no event exists that no client sent; every command is whole
 *   (each write is one event; revisions are dense, so no part of a stream is missing);
 * - acknowledged Idempotency-Keys replay their first response after the kills, appending nothing;
 * - every hash chain verifies (`verifyAllStreams`);
 * - the read models, resumed across the kills, equal a rebuild from the first event.
 *
 * CRASH_KILLS (default 12) sets the number of kills.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildService, startService, type BuiltService, type RunningService } from './support/service.js';
import { call, schoolDays, seedSchool, TEST_SECRET, TODAY, type Seed } from './support/http.js';
import { readAllEvents, servingAndRebuilt, storeProblems, verifyDataDir } from './support/store-checks.js';
import { crashRandom } from '../support/crash-seed.js';
import type { Random } from '#demo/random.js';

const KILLS = Number(process.env.CRASH_KILLS ?? 12);
const CLIENTS = 6;
const ENV = { AUTH_JWT_SECRET: TEST_SECRET, CLOCK_TODAY: TODAY, RATE_LIMIT_PER_MINUTE: '1000000' };

interface Attempt {
  marker: string;
  kind: 'absence' | 'contact';
  path: string;
  body: Record<string, unknown>;
  studentId?: string;
  caseId?: string;
  idempotencyKey?: string;
  /** Set when the service answered. */
  status?: number;
  position?: number;
  id?: string;
  revision?: number;
  response?: unknown;
}

const acknowledged = (a: Attempt) => a.status !== undefined && a.status >= 200 && a.status < 300;

describe('crash: SIGKILL of the real service under concurrent writes', () => {
  let built: BuiltService;
  let dataDir: string;
  let service: RunningService | undefined;

  beforeAll(async () => {
    built = await buildService();
    if (built.typeErrors) console.warn(`tsc reported type errors; testing the emitted JavaScript:\n${built.typeErrors.slice(0, 2000)}`);
    dataDir = mkdtempSync(join(tmpdir(), 'reliability-crash-'));
  }, 300_000);

  afterAll(async () => {
    await service?.stop('SIGKILL');
    built?.cleanup();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it(`loses no acknowledged write and half-writes nothing across ${KILLS} kills`, async () => {
    const start = () => startService({ mainPath: built.mainPath, dataDir, env: ENV });
    service = await start();
    const seed = await seedSchool(service.baseUrl, { studentCount: 8, caseCount: 3 });
    const attempts: Attempt[] = [];
    const days = schoolDays(50);
    let kills = 0;

    let retried = 0;
    const random = crashRandom('service crash');
    for (let round = 0; round < KILLS; round++) {
      if (round > 0) service = await start();
      // Every restart must find a sound store before taking writes.
      expect(storeProblems(await readAllEvents(dataDir))).toEqual([]);
      const running = service;
      // What a client does after a crash: send every unanswered keyed request again, same key,
      // same body. Whether the first try never arrived, appended and died before its key was
      // completed, or completed and lost its answer, the retry must land exactly once.
      for (const attempt of attempts.filter((a) => a.idempotencyKey && a.status === undefined)) {
        await send(running.baseUrl, seed, attempt);
        expect({ marker: attempt.marker, status: attempt.status }).toEqual({ marker: attempt.marker, status: 201 });
        retried += 1;
      }
      let stop = false;
      const clients = Array.from({ length: CLIENTS }, (_, client) =>
        (async () => {
          for (let seq = 0; !stop && seq < 10_000; seq++) {
            const attempt = nextAttempt(random, seed, days, `r${round}-c${client}-${seq}`, seq);
            attempts.push(attempt);
            try {
              await send(running.baseUrl, seed, attempt);
            } catch {
              return; // the connection died with the service: this attempt stays unacknowledged
            }
            if (attempt.status !== 201) {
              throw new Error(`unexpected ${attempt.status} for ${attempt.path}: ${JSON.stringify(attempt.response)}`);
            }
          }
        })(),
      );
      // Let the writes run a random while (first round longer: warm-up), then kill without warning.
      await new Promise((r) => setTimeout(r, (round === 0 ? 800 : 150) + random.next() * 900));
      const exit = await running.stop('SIGKILL');
      stop = true;
      expect(exit.signal).toBe('SIGKILL');
      kills += 1;
      await Promise.all(clients);
    }
    expect(kills).toBe(KILLS);

    // Restart once more: replays of acknowledged Idempotency-Keys, reads of every acknowledged write.
    service = await start();
    const acked = attempts.filter(acknowledged);
    const before = await readAllEvents(dataDir);
    const keyed = acked.filter((a) => a.idempotencyKey);
    for (const a of keyed) {
      const replay = await call(service.baseUrl, 'POST', a.path, {
        token: seed.tokens.leader,
        body: a.body,
        headers: { 'idempotency-key': a.idempotencyKey! },
      });
      expect({ marker: a.marker, status: replay.status, body: replay.body, position: Number(replay.headers.get('x-position')) }).toEqual({
        marker: a.marker,
        status: a.status,
        body: a.response,
        position: a.position,
      });
    }
    expect((await readAllEvents(dataDir)).length).toBe(before.length);

    const lastPosition = Math.max(...acked.map((a) => a.position!));
    for (const studentId of seed.students) {
      const res = await call(service.baseUrl, 'GET', `/students/${studentId}/absences`, {
        token: seed.tokens.leader,
        headers: { 'x-min-position': String(lastPosition) },
      });
      expect(res.status).toBe(200);
      const listed = new Set((res.body.registrations as { absenceId: string }[]).map((r) => r.absenceId));
      const missing = acked.filter((a) => a.kind === 'absence' && a.studentId === studentId && !listed.has(a.id!));
      expect(missing.map((a) => a.marker)).toEqual([]);
    }
    for (const caseId of seed.caseIds) {
      const res = await call(service.baseUrl, 'GET', `/cases/${caseId}`, {
        token: seed.tokens.leader,
        headers: { 'x-min-position': String(lastPosition) },
      });
      expect(res.status).toBe(200);
      const listed = new Set((res.body.contacts as { contactId: string }[]).map((c) => c.contactId));
      const missing = acked.filter((a) => a.kind === 'contact' && a.caseId === caseId && !listed.has(a.id!));
      expect(missing.map((a) => a.marker)).toEqual([]);
    }
    await quiesce(service, dataDir, seed);
    await service.stop('SIGKILL');
    service = undefined;

    // The store: sound, and every event accounted for.
    const events = await readAllEvents(dataDir);
    expect(storeProblems(events)).toEqual([]);
    const byMarker = new Map<string, typeof events>();
    for (const e of events) {
      const data = e.data as { reason?: string; summary?: string };
      const text = e.type === 'AbsenceRegistered' ? data.reason : e.type === 'ContactRecorded' ? data.summary : undefined;
      const marker = /^crash (\S+)/.exec(text ?? '')?.[1];
      if (marker) byMarker.set(marker, [...(byMarker.get(marker) ?? []), e]);
    }
    const attempted = new Map(attempts.map((a) => [a.marker, a]));
    expect([...byMarker.keys()].filter((m) => !attempted.has(m))).toEqual([]);
    expect([...byMarker].filter(([, list]) => list.length !== 1).map(([m]) => m)).toEqual([]);
    const lost: string[] = [];
    for (const a of acked) {
      const stored = byMarker.get(a.marker)?.[0];
      const ok =
        stored !== undefined &&
        stored.position === a.position &&
        (a.kind === 'absence'
          ? stored.stream === `student-${a.studentId}` && (stored.data as { absenceId: string }).absenceId === a.id
          : stored.stream === `case-${a.caseId}` &&
            (stored.data as { contactId: string }).contactId === a.id &&
            stored.revision === a.revision);
      if (!ok) lost.push(a.marker);
    }
    expect(lost).toEqual([]);

    // The hash chains, as `cli verify` checks them.
    const report = verifyDataDir(built, dataDir);
    expect(report.broken).toEqual([]);
    expect(report.events).toBe(events.length);

    // The read models, built incrementally across every kill, equal a rebuild from scratch.
    const { serving, rebuilt, checkpoints } = await servingAndRebuilt(built, dataDir);
    for (const position of Object.values(checkpoints)) expect(position).toBe(events.at(-1)!.position);
    expect(serving).toEqual(rebuilt);

    const unacked = attempts.filter((a) => !acknowledged(a));
    const summary = {
      kills,
      attempts: attempts.length,
      acknowledged: acked.length,
      acknowledgedWithIdempotencyKey: keyed.length,
      unansweredKeyedRetried: retried,
      unacknowledged: unacked.length,
      unacknowledgedButStored: unacked.filter((a) => byMarker.has(a.marker)).length,
      events: events.length,
      streams: report.streams,
    };
    console.log(`crash summary ${JSON.stringify(summary)}`);
    expect(acked.length).toBeGreaterThan(KILLS * 10);
  }, 600_000);

  it('a keyed write whose key was left pending by a crash after its append is answered as before on retry, appending nothing', async () => {
    // The crash window between the append (events.sqlite) and the key's completion
    // (idempotency.sqlite) is microseconds wide, so it is produced exactly: the writes succeed,
    // the service is killed, and their keys are put back to the state such a crash leaves (pending).
    const dir = mkdtempSync(join(tmpdir(), 'reliability-crash-window-'));
    let svc: RunningService | undefined;
    try {
      svc = await startService({ mainPath: built.mainPath, dataDir: dir, env: ENV });
      const seed = await seedSchool(svc.baseUrl, { studentCount: 2, caseCount: 1 });
      const writes = [
        {
          path: `/students/${seed.students[0]}/absences`,
          body: { date: '2026-11-17', kind: 'lesson', lessons: 2, reason: 'window absence' },
        },
        {
          path: `/cases/${seed.caseIds[0]}/contacts`,
          body: { with: 'student', channel: 'meeting', at: '2026-11-20', summary: 'window contact' },
        },
        { path: '/cases', body: { studentId: seed.students[1], reason: 'window case' } },
        { path: '/schools/S1/students', body: { id: 'window-student', name: 'Vindu Elev', grade: 3, group: '3A' }, admin: true },
      ];
      const first = [];
      for (const [i, w] of writes.entries()) {
        const res = await call(svc.baseUrl, 'POST', w.path, {
          token: w.admin ? seed.tokens.admin : seed.tokens.leader,
          body: w.body,
          headers: { 'idempotency-key': `window-${i}` },
        });
        expect(res.status).toBe(201);
        first.push({ status: res.status, body: res.body, position: res.headers.get('x-position') });
      }
      await svc.stop('SIGKILL');
      const keys = new Database(join(dir, 'idempotency.sqlite'));
      try {
        expect(
          keys
            .prepare("UPDATE idempotency SET state = 'pending', status = NULL, body = NULL, headers = NULL WHERE key LIKE 'window-%'")
            .run().changes,
        ).toBe(writes.length);
      } finally {
        keys.close();
      }
      const before = (await readAllEvents(dir)).length;
      svc = await startService({ mainPath: built.mainPath, dataDir: dir, env: ENV });
      for (const [i, w] of writes.entries()) {
        const res = await call(svc.baseUrl, 'POST', w.path, {
          token: w.admin ? seed.tokens.admin : seed.tokens.leader,
          body: w.body,
          headers: { 'idempotency-key': `window-${i}` },
        });
        expect({ status: res.status, body: res.body, position: res.headers.get('x-position') }).toEqual(first[i]);
      }
      expect((await readAllEvents(dir)).length).toBe(before);
      // And the key is complete now: one more retry is an ordinary replay.
      const again = await call(svc.baseUrl, 'POST', writes[0]!.path, {
        token: seed.tokens.leader,
        body: writes[0]!.body,
        headers: { 'idempotency-key': 'window-0' },
      });
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first[0]!.body);
    } finally {
      await svc?.stop('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

/** Absences (lesson kind: any number per day) on the students, contacts on the cases; a third with an Idempotency-Key. */
function nextAttempt(random: Random, seed: Seed, days: string[], marker: string, seq: number): Attempt {
  const idempotencyKey = seq % 3 === 0 ? `crash-${marker}` : undefined;
  if (random.next() < 0.6) {
    const studentId = seed.students[Math.floor(random.next() * seed.students.length)]!;
    return {
      marker,
      kind: 'absence',
      studentId,
      idempotencyKey,
      path: `/students/${studentId}/absences`,
      body: {
        date: days[Math.floor(random.next() * days.length)],
        kind: 'lesson',
        lessons: 1 + (seq % 3),
        subject: 'Matematikk',
        reason: `crash ${marker}`,
      },
    };
  }
  const caseId = seed.caseIds[Math.floor(random.next() * seed.caseIds.length)]!;
  return {
    marker,
    kind: 'contact',
    caseId,
    idempotencyKey,
    path: `/cases/${caseId}/contacts`,
    body: { with: 'guardian', channel: 'phone', at: '2026-11-20T08:15:00Z', summary: `crash ${marker} ringte mor` },
  };
}

async function send(baseUrl: string, seed: Seed, attempt: Attempt): Promise<void> {
  const res = await call(baseUrl, 'POST', attempt.path, {
    token: seed.tokens.leader,
    body: attempt.body,
    headers: attempt.idempotencyKey ? { 'idempotency-key': attempt.idempotencyKey } : {},
  });
  attempt.status = res.status;
  attempt.response = res.body;
  if (res.status === 201) {
    const position = res.headers.get('x-position');
    if (position === null || !/^\d+$/.test(position)) throw new Error(`201 without X-Position for ${attempt.marker}`);
    attempt.position = Number(position);
    attempt.id = attempt.kind === 'absence' ? res.body.absenceId : res.body.contactId;
    attempt.revision = res.body.revision;
  }
}

/** Waits until the projections have processed the head and the concern saga appends nothing more. */
async function quiesce(service: RunningService, dataDir: string, seed: Seed): Promise<void> {
  const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const head = () => (db.prepare('SELECT coalesce(max(position), 0) AS p FROM events').get() as { p: number }).p;
    let last = -1;
    for (let i = 0; i < 50; i++) {
      const h = head();
      // absence:read is not an access-logged read, so this GET appends nothing itself.
      const res = await call(service.baseUrl, 'GET', `/students/${seed.students[0]}/absences`, {
        token: seed.tokens.leader,
        headers: { 'x-min-position': String(h) },
      });
      expect(res.status).toBe(200);
      if (h === last) return;
      last = h;
      await new Promise((r) => setTimeout(r, 300));
    }
    throw new Error('the store did not settle');
  } finally {
    db.close();
  }
}
