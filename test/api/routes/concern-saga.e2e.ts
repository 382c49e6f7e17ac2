/**
 * The concern saga through the real service: registrations that cross a plan's threshold are
 * recorded as ConcernLevelChanged on the student's stream, caused by the registration, and
 * Bærum's red rule counts a case in phase 3 that the cases read model knows (the saga waits for
 * that read model to reach the batch it reacts to, so the flag is never older than the events).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { StoredEvent } from '#event-store/event-store.port.js';
import { DOCUMENT_STORE, type DocumentStore } from '#read-models/document-store.port.js';
import { StreamWriter } from '#application/write/stream-writer.js';
import { ConcernSagaRunner } from '#application/sagas/concern-saga.runner.js';
import { Projector } from '#read-models/projector/projector.js';
import { World } from './support/fixture.js';

/** Seven school days of November 2026 before TODAY (Mon 2026-11-23). */
const DAYS = ['2026-11-11', '2026-11-12', '2026-11-13', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19'];

/** The student's recorded level changes, once the saga's checkpoint has reached the store's head. */
async function levelChanges(w: World, studentId: string): Promise<StoredEvent[]> {
  const documents = w.app.get<DocumentStore>(DOCUMENT_STORE);
  const deadline = Date.now() + 10_000;
  // The saga's own appends move the head, so the head is read again after each look.
  while ((await documents.getCheckpoint('saga-concern')) < (await w.head())) {
    if (Date.now() > deadline) throw new Error('the concern saga did not catch up in 10 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return (await w.events.readStream(`student-${studentId}`)).filter((e) => e.type === 'ConcernLevelChanged');
}

const levels = (changes: StoredEvent[]) => changes.map((e) => (e.data as { to: string }).to);

describe('concern saga (Bærum, kombinert school)', () => {
  let w: World;
  beforeAll(async () => {
    w = await World.start();
  });
  afterAll(async () => {
    await w.stop();
  });

  it('records yellow after enough absence, and red once the student also has a case in phase 3', async () => {
    const student = await w.student('kombi', '9A', 9);
    const caseId = await w.openCase(student, { openedOn: '2026-11-02' });
    const leader = w.leaderOfCase(caseId);
    // A Bærum case opens in phase 2 (plans.md, "Bærum's phases").
    await w.ok(`/cases/${caseId}/phase`, leader, { phase: 3, reason: 'Fraværet fortsetter' });

    const ids: string[] = [];
    for (const date of DAYS) ids.push(await w.absence(student, { date, kind: 'day' }));
    const changes = await levelChanges(w, student);
    // Past 10 % of the last 30 days' school days yellow, then past 10 % of the quarter's, with the case in phase 3, red.
    expect(levels(changes).at(-1)).toBe('red');
    expect(levels(changes).every((l) => l === 'yellow' || l === 'red')).toBe(true);
    const last = changes.at(-1)!;
    const causes = (await w.events.readStream(`student-${student}`)).filter((e) => e.type === 'AbsenceRegistered').map((e) => e.id);
    expect(causes).toContain(last.metadata.causationId);
    expect(last.metadata.actor).toEqual({ id: 'system:concern-saga', role: 'system' });

    // The same absence for a student whose case is not in phase 3: yellow, not red.
    const other = await w.student('kombi', '9A', 9);
    await w.openCase(other, { openedOn: '2026-11-02' });
    for (const date of DAYS) await w.absence(other, { date, kind: 'day' });
    expect(levels(await levelChanges(w, other))).toEqual(['yellow']);
    expect(ids).toHaveLength(DAYS.length);
  });

  it('judges registrations on the case as it stood when they were recorded, also when it catches up after the case moved on', async () => {
    const saga = w.app.get(ConcernSagaRunner);
    const student = await w.student('kombi', '9A', 9);
    const caseId = await w.openCase(student, { openedOn: '2026-11-02' });
    const leader = w.leaderOfCase(caseId);
    // A Bærum case opens in phase 2 (plans.md, "Bærum's phases").
    await w.ok(`/cases/${caseId}/phase`, leader, { phase: 3, reason: 'Fraværet fortsetter' });
    const measure = await w.ok(`/cases/${caseId}/measures`, leader, {
      description: 'Fast morgenmøte',
      responsible: { name: 'Ola Lærer', role: 'contact-teacher' },
      startsOn: '2026-11-02',
      evaluateBy: '2026-12-15',
    });
    expect(await levelChanges(w, student)).toEqual([]);
    // The saga is behind (as after a restart, or on a first start over a year's log): the cases
    // read model has already seen the measure resolve when the saga comes to the registrations.
    await saga.stop();
    try {
      for (const date of DAYS) await w.absence(student, { date, kind: 'day' });
      await w.ok(`/cases/${caseId}/measures/${String(measure.measureId)}/evaluations`, leader, {
        outcome: 'resolved',
        note: 'Møter igjen',
      });
    } finally {
      await saga.start();
    }
    // Live, the registrations were judged while the case was in phase 3 and unresolved: red, as here;
    // then the evaluation that resolved it (a case event) brings the level back to yellow, with cause case.
    const changes = await levelChanges(w, student);
    expect(levels(changes).slice(-2)).toEqual(['red', 'yellow']);
    expect((changes.at(-1)!.data as { cause: string }).cause).toBe('case');
  });

  it('catching up, judges on the student-absence read model when it has read the stream to its end, loading the stream only for a change', async () => {
    const saga = w.app.get(ConcernSagaRunner);
    const writer = w.app.get(StreamWriter);
    const projector = w.app.get(Projector);
    const student = await w.student('kombi', '9A', 9);
    for (const date of DAYS.slice(0, 5)) await w.absence(student, { date, kind: 'day' });
    expect(levels(await levelChanges(w, student))).toEqual(['yellow']);

    const loads: string[] = [];
    const load = writer.load.bind(writer);
    await saga.stop();
    try {
      // A late arrival changes no level; a sixth and seventh day absence do not either (yellow stays yellow).
      await w.absence(student, { date: DAYS[5], kind: 'late', minutes: 10 });
      expect(await projector.waitForPosition(await w.head(), 5000)).toBe(true);
      // As after a restart: the command side's cache no longer holds the student (live, the saga
      // loads from that cache, which costs less than reading the document).
      (writer as unknown as { cache: Map<string, unknown> }).cache.delete(`student-${student}`);
      expect(writer.holds(`student-${student}`)).toBe(false);
      writer.load = ((stream: string, decider: Parameters<typeof load>[1]) => (
        loads.push(stream),
        load(stream, decider)
      )) as typeof writer.load;
    } finally {
      await saga.start();
    }
    expect(levels(await levelChanges(w, student))).toEqual(['yellow']);
    expect(loads).not.toContain(`student-${student}`);
    writer.load = load;
  });
});
