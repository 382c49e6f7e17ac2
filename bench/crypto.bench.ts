/**
 * What per-student encryption costs (api.md, Privacy): appends of personal events through the
 * encrypting store against the same appends straight into the SQLite adapter, and (run.ts, part
 * `crypto`) the rebuild of all projections from the dataset sealed by `cli encrypt-existing`
 * against the same rebuild from the plain dataset. Each a median of runs in one invocation.
 *
 *   node dist/bench/crypto.bench.js --append [--json]
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { EventStore, NewEvent } from '#event-store/event-store.port.js';
import { SqliteEventStore } from '#event-store/sqlite/sqlite-event-store.js';
import { openEventStore } from '#application/stores/open-stores.js';
import { emitResult, median, ownPeakRssMiB } from './support.js';

export interface CryptoAppendCase {
  batchSize: number;
  appends: number;
  plainEventsPerSecond: number;
  encryptedEventsPerSecond: number;
  /** encrypted / plain. */
  ratio: number;
}

const CASES = [
  { batchSize: 1, appends: 300 },
  { batchSize: 10, appends: 100 },
  { batchSize: 100, appends: 30 },
];
const STUDENTS = 200;

/** Registrations with a reason (a personal field) and contacts with a summary, on 200 students' streams. */
function batches(batchSize: number, appends: number): { stream: string; events: NewEvent[] }[] {
  return Array.from({ length: appends }, (_, a) => {
    const studentId = `elev-${a % STUDENTS}`;
    return {
      stream: `student-${studentId}`,
      events: Array.from({ length: batchSize }, (_, i) => ({
        id: randomUUID(),
        type: i % 2 === 0 ? 'AbsenceRegistered' : 'StudentContactRecorded',
        schemaVersion: 1,
        data:
          i % 2 === 0
            ? {
                studentId,
                absenceId: randomUUID(),
                date: '2026-11-02',
                kind: 'day',
                documented: false,
                reportedByGuardian: true,
                reason: `Syk, meldt av mor ${i}`,
              }
            : {
                studentId,
                contactId: randomUUID(),
                with: 'guardian',
                channel: 'phone',
                at: '2026-11-02',
                summary: `Ringte hjem om fraværet, far tok telefonen ${i}`,
              },
        metadata: { actor: { id: 'lærer-42', role: 'contact-teacher' }, occurredAt: '2026-11-02T08:15:00.000Z' },
      })),
    };
  });
}

/**
 * Steady state: every student is enrolled (and has a key) before the clock starts, as in a school
 * year under way; a new student's first key costs one durable write more, once.
 */
async function time(store: EventStore, work: { stream: string; events: NewEvent[] }[]): Promise<number> {
  for (let i = 0; i < STUDENTS; i++) {
    const studentId = `elev-${i}`;
    await store.appendToStream(`student-${studentId}`, [
      {
        id: randomUUID(),
        type: 'StudentEnrolled',
        schemaVersion: 1,
        data: { studentId, schoolId: 'skole-1', name: `Elev Nummer ${i}`, grade: 5, group: '5A' },
        metadata: { actor: { id: 'admin-1', role: 'admin' }, occurredAt: '2026-08-17T08:00:00.000Z' },
      },
    ]);
  }
  const started = performance.now();
  for (const { stream, events } of work) await store.appendToStream(stream, events);
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  return work.reduce((n, w) => n + w.events.length, 0) / seconds;
}

export async function appendCosts(runs: number): Promise<CryptoAppendCase[]> {
  const out: CryptoAppendCase[] = [];
  for (const { batchSize, appends } of CASES) {
    const plain: number[] = [];
    const encrypted: number[] = [];
    for (let run = 0; run < runs; run++) {
      // Interleaved, each in a fresh directory: the same machine noise falls on both sides.
      const a = mkdtempSync(join(tmpdir(), 'crypto-plain-'));
      const b = mkdtempSync(join(tmpdir(), 'crypto-sealed-'));
      try {
        plain.push(await time(new SqliteEventStore({ path: join(a, 'events.sqlite') }), batches(batchSize, appends)));
        const store = await openEventStore({
          dataDir: b,
          eventstoreUrl: null,
          mongodbUrl: null,
          keyEncryptionKey: randomBytes(32).toString('base64'),
          notice: () => undefined,
        });
        encrypted.push(await time(store, batches(batchSize, appends)));
      } finally {
        rmSync(a, { recursive: true, force: true });
        rmSync(b, { recursive: true, force: true });
      }
    }
    const p = Math.round(median(plain));
    const e = Math.round(median(encrypted));
    out.push({ batchSize, appends, plainEventsPerSecond: p, encryptedEventsPerSecond: e, ratio: Math.round((e / p) * 100) / 100 });
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { append: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } });
  if (!values.append) throw new Error('--append is the only mode run alone; the rebuild side runs from run.ts');
  const cases = await appendCosts(Number(process.env.BENCH_RUNS ?? 5));
  const result = { cases, peakRssMiB: ownPeakRssMiB() };
  if (values.json) emitResult(result);
  else console.log(result);
}
