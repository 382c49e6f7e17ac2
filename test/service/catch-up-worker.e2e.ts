/**
 * A first start whose projections are far behind catches them up in a worker thread, then leads
 * from where the worker handed over (libs/application/stores/projections-catch-up.ts). The read
 * models it ends with are the ones a start without the worker builds from the same log. Runs the
 * compiled service and CLI (`npm test` compiles to dist/ before jest starts).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { SignJWT } from 'jose';
import { removeTempDataDirs, tempDataDir } from '../cli/support/data-dir.js';

const API = resolve('dist/apps/api/main.js');
const CLI = resolve('dist/apps/cli/main.js');
const SECRET = 'catch-up-worker-test-secret-0123456789';

const freePort = (): Promise<number> =>
  new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

function readOnly<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const headOf = (dir: string) =>
  readOnly(join(dir, 'events.sqlite'), (db) => (db.prepare('SELECT coalesce(max(position), 0) AS p FROM events').get() as { p: number }).p);
const sagaAt = (dir: string) =>
  readOnly(
    join(dir, 'read-models.sqlite'),
    (db) =>
      (db.prepare(`SELECT position FROM checkpoints WHERE projection = 'saga-concern'`).get() as { position: number } | undefined)
        ?.position ?? 0,
  );

/** Every projection collection's documents (tables `<collection>_g<n>`), parsed, by collection and id. */
function readModels(dir: string): Record<string, Record<string, unknown>> {
  return readOnly(join(dir, 'read-models.sqlite'), (db) => {
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB '*_g[0-9]*'`).all() as { name: string }[])
      .map((t) => t.name)
      .sort();
    const out: Record<string, Record<string, unknown>> = {};
    for (const table of tables) {
      const rows = db.prepare(`SELECT id, doc FROM "${table}"`).all() as { id: string; doc: string }[];
      out[table.replace(/_g\d+$/, '')] = Object.fromEntries(rows.map((r) => [r.id, JSON.parse(r.doc) as unknown]));
    }
    return out;
  });
}

const sign = (claims: Record<string, unknown>, subject: string) =>
  new SignJWT({ municipality: '3024', schools: [], groups: [], ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(SECRET));

/** The compiled service on `dir`; `output` is what it logged so far. */
async function startService(dir: string, env: Record<string, string>) {
  const port = await freePort();
  const child = spawn(process.execPath, [API], {
    env: { ...process.env, AUTH_JWT_SECRET: SECRET, PORT: String(port), DATA_DIR: dir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const service = { base: `http://127.0.0.1:${port}`, output: '' };
  child.stdout!.on('data', (chunk: Buffer) => (service.output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (service.output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const stop = async () => {
    child.kill('SIGTERM');
    expect(await exited).not.toBe(1);
  };
  return {
    ...service,
    get output() {
      return service.output;
    },
    stop,
  };
}

/** Polls `/health/details` until the projections and the saga are at the head, stay there a second, and this instance leads. */
async function settled(service: { base: string; output: string }, dir: string): Promise<void> {
  const ops = await sign({ name: 'Drift', roles: ['ops'] }, 'u-ops');
  const deadline = Date.now() + 240_000;
  let settledAt: number | null = null;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    const res = await fetch(`${service.base}/health/details`, { headers: { authorization: `Bearer ${ops}` } }).catch(() => null);
    if (!res?.ok) continue;
    const { details } = (await res.json()) as { details: { projector: { leads: boolean }; projections: { lag: number }[] } };
    const head = headOf(dir);
    const atHead = details.projector.leads && details.projections.every((p) => p.lag === 0) && sagaAt(dir) >= head;
    // At the head, and still there a second later (the saga's own events projected too).
    if (!atHead) settledAt = null;
    else if (settledAt === null) settledAt = head;
    else if (settledAt === head) return;
    else settledAt = head;
  }
  throw new Error(`the service did not catch up:\n${service.output}`);
}

/** A first start on `dir` until it has settled; what it logged. */
async function firstStart(dir: string, env: Record<string, string>): Promise<string> {
  const service = await startService(dir, env);
  try {
    await settled(service, dir);
    return service.output;
  } finally {
    await service.stop();
  }
}

/** The demo's events in `dir` without read models: a restored backup of the events, or new read-model storage. */
function demoLogOnly(dir: string, students: number): void {
  const demo = spawnSync(process.execPath, [CLI, 'demo', '--students', String(students)], {
    env: { ...process.env, DATA_DIR: dir },
    encoding: 'utf8',
  });
  expect(demo.status).toBe(0);
  for (const file of ['read-models.sqlite', 'read-models.sqlite-wal', 'read-models.sqlite-shm']) rmSync(join(dir, file), { force: true });
}

afterAll(() => removeTempDataDirs());

describe('a first start far behind the head', () => {
  it('catches up in a worker thread, hands over, and ends with the read models a rebuild of the same log gives; 0 turns it off', async () => {
    const withWorker = tempDataDir('catch-up-worker');
    demoLogOnly(withWorker, 120);
    const withoutWorker = tempDataDir('catch-up-main');
    cpSync(withWorker, withoutWorker, { recursive: true });
    expect(existsSync(join(withoutWorker, 'events.sqlite'))).toBe(true);

    const logged = await firstStart(withWorker, { CATCH_UP_WORKER_FROM: '1' });
    expect(logged).toContain('catching up in a worker thread');
    expect(logged).toContain('the worker caught up: projections run here');
    // 0: never (and the default, 20,000 events, is far above this log).
    for (const env of [{ CATCH_UP_WORKER_FROM: '0' }, {}] as Record<string, string>[])
      expect(await firstStart(withoutWorker, env)).not.toContain('worker thread');

    // What the worker built and the main thread continued equals a rebuild of the same log from
    // its first event (the saga's own events included: how many it appends on a first start
    // depends on how far the projections are when it judges, so the two starts' logs differ).
    const mine = readModels(withWorker);
    expect(Object.keys(mine).length).toBeGreaterThan(5);
    const rebuilt = tempDataDir('catch-up-rebuilt');
    cpSync(withWorker, rebuilt, { recursive: true });
    const rebuild = spawnSync(process.execPath, [CLI, 'rebuild', 'all'], { env: { ...process.env, DATA_DIR: rebuilt }, encoding: 'utf8' });
    expect(rebuild.status).toBe(0);
    expect(mine).toEqual(readModels(rebuilt));
  }, 600_000);

  it('follows up an erasure asked for while the worker catches up: answered once the read models are rebuilt after the hand-over', async () => {
    const dir = tempDataDir('catch-up-erasure');
    demoLogOnly(dir, 400);
    const studentId = readOnly(join(dir, 'events.sqlite'), (db) =>
      (
        db.prepare(`SELECT stream FROM events WHERE type = 'StudentEnrolled' ORDER BY position LIMIT 1`).get() as { stream: string }
      ).stream.slice('student-'.length),
    );
    const service = await startService(dir, { CATCH_UP_WORKER_FROM: '1' });
    try {
      const admin = await sign({ name: 'Forvalter', roles: ['admin'] }, 'u-admin');
      // Sent as soon as the service answers: the worker is then still catching up (or has just handed over).
      let answer: Response | null = null;
      for (let tries = 0; tries < 200 && answer === null; tries++) {
        answer = await fetch(`${service.base}/students/${studentId}/erasure`, {
          method: 'POST',
          headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
          body: JSON.stringify({ reason: 'Sak 2026/77', legalBasis: 'gdpr-17-1-a' }),
        }).catch(() => null);
        if (answer === null) await new Promise((r) => setTimeout(r, 50));
      }
      expect(answer?.status).toBe(201);
      // The follow-up rebuilt every read model after the erasure, whichever side of the hand-over it landed.
      const ops = await sign({ name: 'Drift', roles: ['ops'] }, 'u-ops');
      const { details } = (await (
        await fetch(`${service.base}/health/details`, { headers: { authorization: `Bearer ${ops}` } })
      ).json()) as {
        details: { projector: { leads: boolean }; projections: { name: string; generation: number }[] };
      };
      expect(details.projector.leads).toBe(true);
      for (const projection of details.projections) expect(projection).toMatchObject({ generation: 2 });
      expect(service.output).toContain('catching up in a worker thread');
    } finally {
      await service.stop();
    }
  }, 600_000);
});
