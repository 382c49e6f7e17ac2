import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createSchoolCalendar } from '#domain/calendar/index.js';
import { vindafjordEtnePlan } from '#domain/plans/index.js';
import type { EnrolledStudent } from '#domain/student/index.js';
import type { StoredEvent } from '#event-store/event-store.port.js';
import { AbsenceHarness } from '#testing/read-models/absence-harness.js';
import { SCHOOL_YEAR_2026, school } from '#testing/read-models/schools.fixture.js';
import { getStudentAbsence } from '../student-absence/student-absence.query.js';
import { concernChangeEventId, concernChangeFor } from './concern-saga.js';

const calendar = createSchoolCalendar(SCHOOL_YEAR_2026);
const today = '2026-11-23';
const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('concern saga', () => {
  let h: AbsenceHarness;
  beforeEach(async () => {
    h = await AbsenceHarness.start();
    await h.registerSchool(school('vindafjord', 'vindafjord-etne'));
    await h.enrol('s1', 'vindafjord', 'Kari', '8A');
  });
  afterEach(async () => {
    await h.stop();
  });

  async function registerDay(date: string): Promise<StoredEvent> {
    const [event] = await h.student('s1', {
      type: 'RegisterAbsence',
      data: { studentId: 's1', absenceId: `a-${date}`, date, kind: 'day', documented: false, reportedByGuardian: false },
    });
    return event!;
  }

  async function state(): Promise<EnrolledStudent> {
    const s = await h.studentState('s1');
    if (s.status !== 'enrolled') throw new Error('not enrolled');
    return s;
  }

  /** Runs the saga on `event` as the API layer would, appending with the derived id and causation. */
  async function runSaga(event: StoredEvent) {
    const change = concernChangeFor(event, await state(), vindafjordEtnePlan, calendar, today);
    if (change) await h.student('s1', change.command, { ids: [change.eventId], causationId: change.causationId });
    return change;
  }

  it('yields no change while no rule fires', async () => {
    for (const date of ['2026-11-16', '2026-11-17', '2026-11-18']) await registerDay(date);
    const fourth = await registerDay('2026-11-19');
    expect(concernChangeFor(fourth, await state(), vindafjordEtnePlan, calendar, today)).toBeNull();
  });

  it('records a change when a registration crosses a threshold, with an id derived from the cause', async () => {
    for (const date of ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19']) await registerDay(date);
    const fifth = await registerDay('2026-11-20');
    const change = concernChangeFor(fifth, await state(), vindafjordEtnePlan, calendar, today);
    expect(change).toEqual({
      command: {
        type: 'RecordConcernLevelChange',
        data: {
          studentId: 's1',
          level: 'yellow',
          asOf: today,
          cause: 'registration',
          triggers: [
            expect.objectContaining({ ruleId: 'vindafjord-days', count: 5, threshold: 5, window: { from: '2026-10-25', to: today } }),
          ],
        },
      },
      eventId: concernChangeEventId(fifth.id),
      causationId: fifth.id,
    });
    expect(change!.eventId).toMatch(UUID_V5);
    expect(concernChangeEventId(fifth.id)).toBe(change!.eventId);
    expect(concernChangeEventId('another-event')).not.toBe(change!.eventId);
  });

  it('makes re-processing the same event a no-op through the store’s id idempotency', async () => {
    for (const date of ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19']) await registerDay(date);
    const fifth = await registerDay('2026-11-20');
    const change = await runSaga(fifth);
    const [recorded] = await h.eventStore.readStream('student-s1', { direction: 'backwards', maxCount: 1 });
    expect(recorded).toMatchObject({
      id: change!.eventId,
      type: 'ConcernLevelChanged',
      data: { from: 'green', to: 'yellow' },
      metadata: { causationId: fifth.id },
    });

    // A redelivery after a crash between append and checkpoint: the same event appended again.
    const head = await h.eventStore.headPosition();
    const { id, type, schemaVersion, data, metadata } = recorded!;
    const again = await h.eventStore.appendToStream('student-s1', [{ id, type, schemaVersion, data, metadata }]);
    expect(again.position).toBe(recorded!.position);
    expect(await h.eventStore.headPosition()).toBe(head);

    // The projection shows the level the saga recorded.
    await h.caughtUp();
    expect((await getStudentAbsence(h.readers.studentAbsence, 's1'))?.concernLevel).toBe('yellow');
  });

  it('yields no change when the level stays the same', async () => {
    for (const date of ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19']) await registerDay(date);
    await runSaga(await registerDay('2026-11-20'));
    const sixth = await registerDay('2026-11-23');
    expect(concernChangeFor(sixth, await state(), vindafjordEtnePlan, calendar, today)).toBeNull();
  });

  it('lowers the level when a retraction takes the count below the threshold', async () => {
    for (const date of ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19']) await registerDay(date);
    await runSaga(await registerDay('2026-11-20'));
    const [retraction] = await h.student('s1', {
      type: 'RetractAbsence',
      data: { studentId: 's1', absenceId: 'a-2026-11-16', reason: 'was present' },
    });
    const change = await runSaga(retraction!);
    expect(change?.command.data).toEqual({ studentId: 's1', level: 'green', triggers: [], asOf: today, cause: 'registration' });
  });

  it('raises to the level set by hand, and ignores events that change no count', async () => {
    const registered = await registerDay('2026-11-16');
    const [documented] = await h.student('s1', { type: 'ReceiveDocumentation', data: { studentId: 's1', absenceId: 'a-2026-11-16' } });
    expect(concernChangeFor(documented!, await state(), vindafjordEtnePlan, calendar, today)).toBeNull();
    expect(concernChangeFor(registered, await state(), vindafjordEtnePlan, calendar, today)).toBeNull();

    const [raised] = await h.student('s1', { type: 'RaiseConcern', data: { studentId: 's1', level: 'red', reason: 'worrying' } });
    const change = concernChangeFor(raised!, await state(), vindafjordEtnePlan, calendar, today);
    expect(change?.command.data.level).toBe('red');
    expect(change?.command.data.triggers).toEqual([expect.objectContaining({ ruleId: 'manual-override', unit: 'manual' })]);
  });

  it('also runs on the student-absence document, which is the same fold', async () => {
    for (const date of ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19']) await registerDay(date);
    const fifth = await registerDay('2026-11-20');
    await h.caughtUp();
    const doc = (await getStudentAbsence(h.readers.studentAbsence, 's1'))!;
    expect(concernChangeFor(fifth, doc, vindafjordEtnePlan, calendar, today)).toEqual(
      concernChangeFor(fifth, await state(), vindafjordEtnePlan, calendar, today),
    );
  });
});
