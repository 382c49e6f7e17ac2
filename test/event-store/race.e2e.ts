import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ExpectedRevision } from '#event-store/event-store.port.js';
import { hashEvent } from '#event-store/hash.js';
import { SqliteEventStore } from '#event-store/sqlite/sqlite-event-store.js';
import { buildSqliteAdapter, type BuiltAdapter } from './build-adapter.js';
import { startChild, type Child } from './child-process.js';

type Outcome =
  | { ok: true; nextRevision: number; position: number }
  | { ok: false; name: string; expected: ExpectedRevision; actual: number | 'no-stream' };

/** Separate processes appending to one stream of one file at the same moment. */
describe('SqliteEventStore across processes', () => {
  let built: BuiltAdapter;
  let dir: string;

  beforeAll(() => {
    built = buildSqliteAdapter();
    dir = mkdtempSync(join(tmpdir(), 'event-store-race-'));
  });
  afterAll(() => {
    built.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  async function race(path: string, stream: string, expected: ExpectedRevision, processes: number, appends: number) {
    const children: Child[] = Array.from({ length: processes }, () =>
      startChild('./race-child.mjs', [built.modulePath, path, stream, JSON.stringify(expected), String(appends)]),
    );
    await Promise.all(children.map((c) => c.waitForLines((lines) => lines.includes('ready'))));
    for (const c of children) c.process.stdin.write('go\n');
    await Promise.all(children.map((c) => c.exited));
    return children.flatMap((c) => c.lines.filter((l) => l !== 'ready').map((l) => JSON.parse(l) as Outcome));
  }

  it('lets exactly one process win an expected-revision race; the others get WrongExpectedRevision', async () => {
    const path = join(dir, `${randomUUID()}.db`);
    const setup = new SqliteEventStore({ path });
    await setup.appendToStream('sak-1', [event()]);

    const outcomes = await race(path, 'sak-1', 0, 6, 1);
    expect(outcomes).toHaveLength(6);
    expect(outcomes.filter((o) => o.ok)).toEqual([{ ok: true, nextRevision: 2, position: 3 }]);
    expect(outcomes.filter((o) => !o.ok)).toEqual(
      Array.from({ length: 5 }, () => ({ ok: false, name: 'WrongExpectedRevision', expected: 0, actual: 2 })),
    );
    expect(await setup.readStream('sak-1')).toHaveLength(3);
    await setup.close();
  });

  it("serialises 'any' appends from several processes into one verifiable chain", async () => {
    const path = join(dir, `${randomUUID()}.db`);
    const outcomes = await race(path, 'sak-2', 'any', 4, 25);
    expect(outcomes).toHaveLength(100);
    expect(outcomes.every((o) => o.ok)).toBe(true);

    const store = new SqliteEventStore({ path });
    const events = await store.readStream('sak-2');
    expect(events).toHaveLength(200);
    events.forEach((e, i) => {
      expect(e.revision).toBe(i);
      expect(e.position).toBe(i + 1);
      expect(e.previousHash).toBe(i === 0 ? null : events[i - 1]!.hash);
      expect(hashEvent(e)).toBe(e.hash);
    });
    await store.close();
  });
});

function event() {
  return {
    id: randomUUID(),
    type: 'SakOpprettet',
    schemaVersion: 1,
    data: {},
    metadata: { actor: { id: 'setup', role: 'system' }, occurredAt: new Date().toISOString() },
  };
}
