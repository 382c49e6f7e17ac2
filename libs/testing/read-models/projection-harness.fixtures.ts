/**
 * Test support for the case, statistics, PPT, task and access-log specs: the real
 * SqliteEventStore, the real Projector and the real SqliteDocumentStore (in memory), and
 * typed builders for domain events so fixtures fail to compile when the catalogue changes.
 */
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '#event-store/sqlite/sqlite-event-store.js';
import type { NewEvent } from '#event-store/event-store.port.js';
import { caseStream, schoolStream, studentStream, type EventData, type EventType } from '#domain/events/index.js';
import { Projector } from '#read-models/projector/projector.js';
import type { Projection } from '#read-models/projector/projection.js';
import type { ProjectionReader } from '#read-models/projector/projection-reader.js';
import { SqliteDocumentStore } from '#read-models/sqlite/sqlite-document-store.js';
import type { CaseAndStudentReaders } from '#read-models/projections/cases/case.queries.js';

export interface Fact {
  readonly stream: string;
  readonly type: string;
  readonly data: unknown;
}

/** A domain event on its own stream (case-, student- or school-<id>, from its data). */
export function fact<T extends EventType>(type: T, data: EventData<T>): Fact {
  const d = data as { caseId?: string; studentId?: string; schoolId?: string };
  const stream =
    d.caseId !== undefined
      ? caseStream(d.caseId)
      : type === 'SchoolRegistered' || type === 'SchoolCalendarChanged'
        ? schoolStream(d.schoolId!)
        : studentStream(d.studentId!);
  return { stream, type, data };
}

export function toNewEvent(f: Fact): NewEvent {
  return {
    id: randomUUID(),
    type: f.type,
    schemaVersion: 1,
    data: f.data,
    metadata: { actor: { id: 'fixture', role: 'school-leader' }, occurredAt: '2026-11-23T08:00:00.000Z' },
  };
}

export interface Harness {
  readonly events: SqliteEventStore;
  readonly docs: SqliteDocumentStore;
  readonly projector: Projector;
  /** Appends in order (consecutive facts of one stream in one append) and waits until projected. */
  record(...facts: Fact[]): Promise<number>;
  reader(projection: string): ProjectionReader;
  /** The readers of `cases` and `follow-up-students` (the tasks and PPT's statistics read both). */
  caseReaders(): CaseAndStudentReaders;
  close(): Promise<void>;
}

export async function startHarness(projections: readonly Projection[], options: { batchSize?: number } = {}): Promise<Harness> {
  const events = new SqliteEventStore({ path: ':memory:' });
  const docs = new SqliteDocumentStore({ path: ':memory:' });
  const projector = new Projector({
    eventStore: events,
    documentStore: docs,
    projections,
    retireDelayMs: 0,
    batchSize: options.batchSize ?? 1000,
  });
  await projector.start();
  return {
    events,
    docs,
    projector,
    async record(...facts) {
      let position = await events.headPosition();
      for (let i = 0; i < facts.length;) {
        let j = i + 1;
        while (j < facts.length && facts[j].stream === facts[i].stream) j++;
        position = (await events.appendToStream(facts[i].stream, facts.slice(i, j).map(toNewEvent))).position;
        i = j;
      }
      if (!(await projector.waitForPosition(position, 30_000))) throw new Error(`projections did not reach position ${position}`);
      return position;
    },
    reader: (projection) => projector.reader(projection),
    caseReaders: () => ({ cases: projector.reader('cases'), students: projector.reader('follow-up-students') }),
    async close() {
      await projector.stop();
      await docs.close();
      await events.close();
    },
  };
}
