/**
 * The follow-up loop through the service (issue 18; api.md, Absence and Read models): steps that
 * close by hand or by the record that fulfils them, contacts outside a case, overrides with a
 * withdrawal, a level that moves with a case's phase, and levels that follow the business date.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '#application/clock.js';
import { ConcernClockRunner } from '#application/sagas/concern-clock.runner.js';
import { ConcernSagaRunner } from '#application/sagas/concern-saga.runner.js';
import { expectErrorShape, TODAY, World } from './support/fixture.js';

interface TaskRow {
  taskId: string;
  scope: string;
  studentId: string;
  studentName: string;
  group: string;
  step: { id: string; title: string; planId: string };
  status: string;
  dueOn: string;
  doneAt?: string;
  doneBy?: string;
  caseId?: string;
}

interface HistoryRow {
  level: string;
  previous: string;
  on: string;
  cause: string;
}

/** Waits until the concern saga has judged every event so far (its own appends move the head). */
async function sagaSettled(w: World): Promise<void> {
  const saga = w.app.get(ConcernSagaRunner);
  for (let i = 0; i < 5; i++) {
    const head = await w.head();
    if (!(await saga.reached(head, 10_000))) throw new Error('the concern saga did not catch up');
    if ((await w.head()) === head) break;
  }
  w.lastPosition = Math.max(w.lastPosition, await w.head());
}

/** The events written after `position`, the access log's records of reads left out. */
async function writesAfter(w: World, position: number) {
  return (await w.eventsAfter(position)).filter((e) => e.type !== 'AccessRecorded');
}

async function tasksOf(w: World, school: string, studentId: string, token: string, status?: string): Promise<TaskRow[]> {
  const res = await w.get(`/tasks?schoolId=${school}&studentId=${studentId}${status ? `&status=${status}` : ''}`, token);
  expect(res.status).toBe(200);
  return res.body as TaskRow[];
}

async function historyOf(w: World, studentId: string, token: string): Promise<HistoryRow[]> {
  const res = await w.get(`/students/${studentId}/concern/history`, token);
  expect(res.status).toBe(200);
  return res.body as HistoryRow[];
}

describe('the follow-up loop', () => {
  let w: World;
  beforeAll(async () => {
    w = await World.start();
  });
  afterAll(async () => {
    await w.stop();
  });

  describe('Hemsedal (seed 000, line 44) «Umiddelbart varsle ledelsen»: a red student’s step done by hand', () => {
    let student: string;
    let teacher: string;
    let leader: string;
    let notify: TaskRow;
    beforeAll(async () => {
      student = await w.student('fjell', '8A', 8);
      teacher = w.token('contact-teacher', 'other-municipality');
      leader = w.leaders.fjell;
      await w.ok(`/students/${student}/concern-overrides`, leader, { level: 'red', reason: 'Bekymringsfullt fravær over tid' });
      await sagaSettled(w);
      notify = (await tasksOf(w, 'fjell', student, leader)).find((t) => t.step.id === 'hemsedal-red-notify-leadership')!;
    });

    it('lists the step with the student’s name and group and a stable id that names the student', async () => {
      expect(notify).toMatchObject({
        scope: 'student',
        studentId: student,
        group: '8A',
        status: 'due',
        dueOn: TODAY,
        step: { id: 'hemsedal-red-notify-leadership', planId: 'hemsedal-trafikklys' },
      });
      expect(notify.studentName).toMatch(/aasen$/);
      expect(notify.taskId.startsWith(`${student}.`)).toBe(true);
      const again = (await tasksOf(w, 'fjell', student, leader)).find((t) => t.step.id === 'hemsedal-red-notify-leadership')!;
      expect(again.taskId).toBe(notify.taskId);
    });

    it('refuses bad input with 400 naming the field, an unknown task with 404, and appends nothing', async () => {
      const head = await w.head();
      const noDate = await w.post(`/tasks/${notify.taskId}/completion`, teacher, { note: 'x' });
      expectErrorShape(noDate, 400);
      expect(JSON.stringify(noDate.body.details)).toContain('on');
      const future = await w.post(`/tasks/${notify.taskId}/completion`, teacher, { on: '2026-11-24' });
      expectErrorShape(future, 422);
      expect(future.body.details).toEqual({ code: 'date-in-future' });
      const unknown = await w.post(`/tasks/${student}.00000000000000000000/completion`, teacher, { on: TODAY });
      expectErrorShape(unknown, 404);
      const notATask = await w.post(`/tasks/nothing-here/completion`, teacher, { on: TODAY });
      expectErrorShape(notATask, 404);
      const byRecord = (await tasksOf(w, 'fjell', student, leader)).find((t) => t.step.id === 'hemsedal-red-contact-guardians')!;
      const refused = await w.post(`/tasks/${byRecord.taskId}/completion`, teacher, { on: TODAY });
      expectErrorShape(refused, 422);
      expect(refused.body.details).toEqual({ code: 'task-fulfilled-by-record' });
      // A teacher of another group may not; nor a PPT or teacher role.
      expectErrorShape(await w.post(`/tasks/${notify.taskId}/completion`, w.token('teacher', 'other-municipality'), { on: TODAY }), 403);
      // Nothing written; reading the task list is on record in the access log (issue 19).
      expect(await writesAfter(w, head)).toEqual([]);
    });

    it('is completed by the contact teacher, listed as done by them, and cannot be completed twice', async () => {
      const res = await w.post(`/tasks/${notify.taskId}/completion`, teacher, { on: TODAY, note: 'Varslet rektor og sosiallærer' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ taskId: notify.taskId, status: 'done' });
      const done = await tasksOf(w, 'fjell', student, leader, 'done');
      expect(done.find((t) => t.taskId === notify.taskId)).toMatchObject({
        status: 'done',
        doneAt: TODAY,
        doneBy: 'contact-teacher@other-municipality',
      });
      expect((await tasksOf(w, 'fjell', student, leader)).map((t) => t.taskId)).not.toContain(notify.taskId);
      const twice = await w.post(`/tasks/${notify.taskId}/completion`, teacher, { on: TODAY });
      expectErrorShape(twice, 422);
      expect(twice.body.details).toEqual({ code: 'task-not-open' });
    });

    it('a step a leader judges not needed is waived with a reason (leaders only), and listed as waived', async () => {
      const step = (await tasksOf(w, 'fjell', student, leader)).find((t) => t.step.id === 'hemsedal-red-consider-services')!;
      expectErrorShape(await w.post(`/tasks/${step.taskId}/waiver`, teacher, { reason: 'x' }), 403);
      const noReason = await w.post(`/tasks/${step.taskId}/waiver`, leader, {});
      expectErrorShape(noReason, 400);
      expect(JSON.stringify(noReason.body.details)).toContain('reason');
      const res = await w.post(`/tasks/${step.taskId}/waiver`, leader, { reason: 'Fulgt opp av helsesykepleier' });
      expect(res.status).toBe(201);
      const waived = await tasksOf(w, 'fjell', student, leader, 'waived');
      expect(waived.map((t) => t.taskId)).toEqual([step.taskId]);
      expect((await tasksOf(w, 'fjell', student, leader)).map((t) => t.taskId)).not.toContain(step.taskId);
      const events = (await w.events.readStream(`student-${student}`)).map((e) => e.type);
      expect(events).toEqual(expect.arrayContaining(['FollowUpStepCompleted', 'FollowUpStepWaived']));
    });
  });

  describe('a contact outside any case', () => {
    it('Bergen (seed 003, line 65) «Det skal ringes hjem»: the call home closes the step, no case opened', async () => {
      const student = await w.student('smoras', '5A', 5);
      const teacher = w.token('contact-teacher', 'in');
      await w.ok(`/students/${student}/concern-overrides`, teacher, { level: 'yellow', reason: 'Mye fravær i det siste' });
      await sagaSettled(w);
      const call = (await tasksOf(w, 'smoras', student, w.leader)).find((t) => t.step.id === 'bergen-call-home')!;
      expect(call.status).toBe('due');
      const absenceId = await w.absence(student, { date: TODAY, kind: 'day' });
      await sagaSettled(w);
      const before = await w.head();
      const res = await w.post(`/students/${student}/contacts`, teacher, {
        with: 'guardian',
        channel: 'phone',
        at: `${TODAY}T08:40:00Z`,
        summary: 'Ringte mor om fraværet i dag',
        absenceIds: [absenceId],
      });
      expect(res.status).toBe(201);
      expect(typeof res.body.contactId).toBe('string');
      const done = await tasksOf(w, 'smoras', student, w.leader, 'done');
      expect(done.find((t) => t.taskId === call.taskId)).toMatchObject({ status: 'done', doneAt: TODAY });
      expect(done.find((t) => t.taskId === call.taskId)?.doneBy).toBeUndefined();
      // One event, on the student's own stream: no case was opened for it.
      expect((await writesAfter(w, before)).map((e) => [e.type, e.stream])).toEqual([['StudentContactRecorded', `student-${student}`]]);
    });

    it('refuses a contact of an unknown kind (400), an absence of someone else (404), and teachers of other groups (403)', async () => {
      const student = await w.student('smoras', '5A', 5);
      const teacher = w.token('contact-teacher', 'in');
      const body = { with: 'guardian', channel: 'phone', at: TODAY, summary: 'Ringte hjem' };
      const bad = await w.post(`/students/${student}/contacts`, teacher, { ...body, channel: 'pigeon' });
      expectErrorShape(bad, 400);
      expect(JSON.stringify(bad.body.details)).toContain('channel');
      expectErrorShape(await w.post(`/students/${student}/contacts`, teacher, { ...body, absenceIds: ['not-hers'] }), 404);
      expectErrorShape(await w.post(`/students/${student}/contacts`, w.token('contact-teacher', 'other-group'), body), 403);
    });
  });

  describe('overrides with a withdrawal', () => {
    it('raises with an id, withdraws once, and the history shows both with cause override', async () => {
      const student = await w.student('smoras', '5A', 5);
      const teacher = w.token('contact-teacher', 'in');
      const raised = await w.ok(`/students/${student}/concern-overrides`, teacher, {
        level: 'red',
        reason: 'Bekymring',
        until: '2027-01-31',
      });
      expect(typeof raised.overrideId).toBe('string');
      await sagaSettled(w);
      expect((await w.get(`/students/${student}/concern`, teacher)).body.level).toBe('red');
      const tooEarly = await w.post(`/students/${student}/concern-overrides`, teacher, { level: 'red', reason: 'x', until: '2026-11-01' });
      expectErrorShape(tooEarly, 422);
      expect(tooEarly.body.details).toEqual({ code: 'invalid-until' });

      const withdrawn = await w.post(`/students/${student}/concern-overrides/${raised.overrideId as string}/withdrawal`, teacher, {
        reason: 'Fraværet har gått ned',
      });
      expect(withdrawn.status).toBe(201);
      await sagaSettled(w);
      expect((await w.get(`/students/${student}/concern`, teacher)).body.level).toBe('green');
      expect((await historyOf(w, student, teacher)).map(({ level, previous, on, cause }) => ({ level, previous, on, cause }))).toEqual([
        { level: 'red', previous: 'green', on: TODAY, cause: 'override' },
        { level: 'green', previous: 'red', on: TODAY, cause: 'override' },
      ]);
      const twice = await w.post(`/students/${student}/concern-overrides/${raised.overrideId as string}/withdrawal`, teacher, {
        reason: 'igjen',
      });
      expectErrorShape(twice, 422);
      expect(twice.body.details).toEqual({ code: 'override-already-withdrawn' });
      expectErrorShape(await w.post(`/students/${student}/concern-overrides/nope/withdrawal`, teacher, { reason: 'x' }), 404);
      expectErrorShape(await w.post(`/students/${student}/concern-overrides/${raised.overrideId as string}/withdrawal`, teacher, {}), 400);
    });
  });

  describe('review routines (plans.md, "Review routines"): Bergen', () => {
    const teacher = () => w.token('contact-teacher', 'in');
    const review = (over: Record<string, unknown> = {}) => ({
      routineId: 'bergen-weekly-overview',
      heldOn: TODAY,
      groupId: '5A',
      participants: [{ name: 'Kari Kontaktlærer', role: 'contact-teacher' }],
      minutes: 'Så over fraværet i 5A; ingen nye bekymringer.',
      ...over,
    });

    it('the weekly review and the monthly report (seed 003 line 58: the first Thursday) are tasks of the contact teacher’s group', async () => {
      const tasks = (await w.get('/tasks?schoolId=smoras', teacher())).body as TaskRow[];
      const routines = tasks.filter((t) => t.scope === 'group');
      expect(routines.every((t) => t.group === '5A')).toBe(true);
      expect(routines.find((t) => t.step.id === 'bergen-weekly-overview' && t.dueOn === '2026-11-27')).toMatchObject({ status: 'due' });
      expect(routines.find((t) => t.step.id === 'bergen-monthly-report' && t.dueOn === '2026-11-05')).toMatchObject({ status: 'overdue' });
    });

    it('a review held is recorded with its minutes and closes the week’s task; refusals append nothing', async () => {
      const head = await w.head();
      const unknown = await w.post('/schools/smoras/reviews', teacher(), review({ routineId: 'hemsedal-review-school-lists' }));
      expectErrorShape(unknown, 422);
      expect(unknown.body.details).toEqual({ code: 'unknown-routine' });
      const noGroup = await w.post('/schools/smoras/reviews', teacher(), review({ groupId: undefined }));
      expectErrorShape(noGroup, 422);
      expect(noGroup.body.details).toEqual({ code: 'group-required' });
      expectErrorShape(await w.post('/schools/smoras/reviews', w.token('contact-teacher', 'other-school'), review()), 403);
      const noMinutes = await w.post('/schools/smoras/reviews', teacher(), review({ minutes: undefined }));
      expectErrorShape(noMinutes, 400);
      expect(JSON.stringify(noMinutes.body.details)).toContain('minutes');
      expect(await w.head()).toBe(head);

      const res = await w.post('/schools/smoras/reviews', teacher(), review());
      expect(res.status).toBe(201);
      const done = (await w.get('/tasks?schoolId=smoras&status=done', teacher())).body as TaskRow[];
      expect(done.find((t) => t.step.id === 'bergen-weekly-overview' && t.dueOn === '2026-11-27')).toMatchObject({
        status: 'done',
        doneAt: TODAY,
      });
      const listed = (await w.get(`/schools/smoras/reviews?from=${TODAY}&to=${TODAY}`, w.leader)).body as {
        routineId: string;
        groupId?: string;
        status: string;
        held: { reviewId: string; minutes: string }[];
      }[];
      expect(listed.find((r) => r.routineId === 'bergen-weekly-overview' && r.groupId === '5A')).toMatchObject({
        status: 'done',
        held: [{ reviewId: res.body.reviewId, minutes: review().minutes }],
      });
    });

    it('the monthly report lists the students with concerning absence as of the first Thursday, and logs whom it showed', async () => {
      const student = await w.student('smoras', '5A', 5);
      for (const date of ['2026-10-13', '2026-10-21', '2026-10-29']) await w.absence(student, { date, kind: 'day' });
      const report = await w.get('/schools/smoras/reports/monthly?month=2026-11', w.leader);
      expect(report.status).toBe(200);
      expect(report.body.reportDate).toBe('2026-11-05');
      const row = (report.body.students as { studentId: string; level: string; triggers: { ruleId: string }[] }[]).find(
        (s) => s.studentId === student,
      );
      expect(row).toMatchObject({ level: 'yellow', triggers: [{ ruleId: 'bergen-month-days' }] });
      expectErrorShape(await w.get('/schools/smoras/reports/monthly?month=2026-13', w.leader), 400);
      const log = (await w.get(`/audit/access-log?studentId=${student}`, w.token('auditor'))).body as { action: string }[];
      expect(log.map((e) => e.action)).toContain('monthly-report:read');
    });
  });

  it('plans.md, "Consent": PPT reads the case’s frame and what its consent covers, not every record', async () => {
    const { caseId } = await w.pptCase('referral');
    const leader = w.leaderOfCase(caseId);
    const meeting = (participants: { name: string; role: string }[], minutes: string) => ({
      type: 'interdisciplinary',
      heldAt: '2026-11-20T12:00:00Z',
      participants,
      minutes,
    });
    await w.ok(`/cases/${caseId}/meetings`, leader, meeting([{ name: 'Per PPT-rådgiver', role: 'ppt' }], 'Drøfting med PPT'));
    await w.ok(`/cases/${caseId}/meetings`, leader, meeting([{ name: 'Kari Mor', role: 'guardian' }], 'Om familiens situasjon'));
    await w.ok(`/cases/${caseId}/contacts`, leader, { with: 'guardian', channel: 'phone', at: '2026-11-20', summary: 'Samtale med mor' });
    await w.ok(`/cases/${caseId}/measures`, leader, {
      description: 'Utredning',
      responsible: { name: 'Per', role: 'ppt' },
      startsOn: '2026-11-20',
      evaluateBy: '2026-12-20',
    });
    await w.ok(`/cases/${caseId}/measures`, leader, {
      description: 'Fast morgenmøte',
      responsible: { name: 'Ola', role: 'contact-teacher' },
      startsOn: '2026-11-20',
      evaluateBy: '2026-12-20',
    });
    await w.ok(`/cases/${caseId}/referrals`, leader, { to: 'barnevern', kind: 'referral', at: '2026-11-22', note: 'Bekymringsmelding' });

    const school = (await w.get(`/cases/${caseId}`, leader)).body;
    expect(school.meetings).toHaveLength(2);
    expect(school.referrals.map((r: { to: string }) => r.to).sort()).toEqual(['barnevern', 'ppt']);
    const ppt = (await w.get(`/cases/${caseId}`, w.token('ppt'))).body;
    expect(ppt).toMatchObject({ caseId, status: 'open', contacts: [], mappings: [] });
    expect(ppt.meetings.map((m: { minutes: string }) => m.minutes)).toEqual(['Drøfting med PPT']);
    expect(ppt.measures.map((m: { description: string }) => m.description)).toEqual(['Utredning']);
    expect(ppt.referrals.map((r: { to: string }) => r.to)).toEqual(['ppt']);
    const listed = ((await w.get('/ppt/cases', w.token('ppt'))).body as { caseId: string }[]).find((c) => c.caseId === caseId)!;
    expect(listed).toMatchObject({ meetings: [expect.objectContaining({ minutes: 'Drøfting med PPT' })] });
    expect(JSON.stringify(listed)).not.toMatch(/"seq"|Om familiens situasjon|Fast morgenmøte|barnevern/);
  });

  it('plans.md, "PPT\'s table": anonymous consultations count as consulted, and `from` counts a period', async () => {
    const ppt = w.token('ppt');
    const url = (q: string) => `/municipalities/4601/ppt-statistics?asOf=${TODAY}${q}`;
    const ungdom = (body: { rows: { schoolLevel: string; consulted: number; referred: number }[] }) =>
      body.rows.find((r) => r.schoolLevel === 'ungdomsskole')!;
    const before = ungdom((await w.get(url(''), ppt)).body);
    const body = { schoolId: 'kombi', schoolLevel: 'ungdomsskole', at: '2026-11-20', note: 'Drøfting uten navn' };
    expectErrorShape(await w.post('/municipalities/3024/ppt-consultations', w.leaders.kombi, body), 404);
    const mismatch = await w.post('/municipalities/4601/ppt-consultations', w.leader, { ...body, schoolId: 'smoras' });
    expectErrorShape(mismatch, 422);
    expect(mismatch.body.details).toEqual({ code: 'school-level-mismatch' });
    expectErrorShape(await w.post('/municipalities/4601/ppt-consultations', w.leaders.kombi, { ...body, schoolLevel: 'vgs' }), 400);
    expect((await w.post('/municipalities/4601/ppt-consultations', w.leaders.kombi, body)).status).toBe(201);
    expect((await w.post('/municipalities/4601/ppt-consultations', ppt, { ...body, at: '2026-10-01' })).status).toBe(201);

    expect(ungdom((await w.get(url(''), ppt)).body)).toMatchObject({ consulted: before.consulted + 2 });
    // A period: only what is dated in it (20 Nov in, 1 Oct out).
    const period = (await w.get(url('&from=2026-11-01'), ppt)).body;
    expect(period.from).toBe('2026-11-01');
    expect(ungdom(period).consulted).toBeGreaterThanOrEqual(1);
    const later = ungdom((await w.get(url('&from=2026-11-21'), ppt)).body);
    expect(later.consulted).toBe(ungdom(period).consulted - 1);
    expectErrorShape(await w.get(`/municipalities/4601/ppt-statistics?asOf=${TODAY}&from=2026-12-01`, ppt), 400);
  });

  it('plans.md, "Consent": a student’s own consent counts from 15 on the consent’s date; without a birth date a guardian consents', async () => {
    const leader = w.leaders.fjell;
    // 15 on 2026-11-16.
    await w.ok('/schools/fjell/students', w.adminOf('fjell'), {
      id: 'st-born',
      name: 'Ola Fødselsdag',
      grade: 10,
      group: '8A',
      birthDate: '2011-11-16',
    });
    const caseId = (await w.ok('/cases', leader, { studentId: 'st-born', openedOn: '2026-11-02' })).caseId as string;
    const byStudent = (givenAt: string) => ({
      purpose: 'ppt',
      recipients: ['PPT Fjell'],
      givenBy: { name: 'Ola Fødselsdag', relation: 'student' },
      givenAt,
    });
    const head = await w.head();
    const at14 = await w.post(`/cases/${caseId}/consents`, leader, byStudent('2026-11-13'));
    expectErrorShape(at14, 422);
    expect(at14.body.details).toEqual({ code: 'student-consent-needs-age' });
    expect(await w.head()).toBe(head);
    expect((await w.post(`/cases/${caseId}/consents`, leader, byStudent('2026-11-16'))).status).toBe(201);

    const noBirthDate = await w.student('fjell', '8A', 10);
    const other = await w.openCase(noBirthDate, { openedOn: '2026-11-02' }, leader);
    const refused = await w.post(`/cases/${other}/consents`, leader, byStudent('2026-11-20'));
    expectErrorShape(refused, 422);
    expect(refused.body.details).toEqual({ code: 'student-consent-needs-age' });
    const badDate = await w.post('/schools/fjell/students', w.adminOf('fjell'), {
      id: 'st-x',
      name: 'X Y',
      grade: 10,
      group: '8A',
      birthDate: '16.11.2011',
    });
    expectErrorShape(badDate, 400);
    expect(JSON.stringify(badDate.body.details)).toContain('birthDate');
  });

  it('Bærum (seed 004): a case opens in phase 2, and entering phase 3 with 10 % in the quarter records red with cause case', async () => {
    const student = await w.student('kombi', '9A', 9);
    const leader = w.leaders.kombi;
    for (const date of ['2026-11-11', '2026-11-12', '2026-11-13', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19']) {
      await w.absence(student, { date, kind: 'day' });
    }
    const caseId = await w.openCase(student, { openedOn: '2026-11-02' });
    // plans.md, "Bærum's phases": a case opens in phase 2, identification and contact.
    expect((await w.get(`/cases/${caseId}`, leader)).body).toMatchObject({ phase: 2, phaseName: 'Fase 2 Identifisering og kontakt' });
    await sagaSettled(w);
    expect((await historyOf(w, student, leader)).at(-1)).toMatchObject({ level: 'yellow', cause: 'registration' });
    await w.ok(`/cases/${caseId}/phase`, leader, { phase: 3, reason: 'Ikke bedring' });
    await sagaSettled(w);
    expect((await historyOf(w, student, leader)).at(-1)).toMatchObject({ level: 'red', previous: 'yellow', on: TODAY, cause: 'case' });
  });
});

describe('levels that follow the business date', () => {
  let w: World;
  beforeAll(async () => {
    w = await World.start({ CONCERN_CLOCK_INTERVAL_MS: '3600000' });
  });
  afterAll(async () => {
    await w.stop();
  });

  it('Bergen (seed 003): a yellow student turns green when the month rolls on with no registration, and the yellow steps leave the lists', async () => {
    const student = await w.student('smoras', '5A', 5);
    // Three school days in 30 (Tue, Wed, Thu: no weekday pattern, no weekend pattern).
    for (const date of ['2026-11-03', '2026-11-11', '2026-11-19']) await w.absence(student, { date, kind: 'day' });
    await sagaSettled(w);
    expect((await historyOf(w, student, w.leader)).map((h) => [h.level, h.cause])).toEqual([['yellow', 'registration']]);
    expect((await tasksOf(w, 'smoras', student, w.leader)).map((t) => t.step.id)).toContain('bergen-call-home');

    w.app.get(Clock).pin('2026-12-10');
    const sweep = await w.app.get(ConcernClockRunner).sweep();
    expect(sweep.days).toEqual({ from: '2026-11-24', to: '2026-12-10' });
    w.lastPosition = await w.head();
    // 3 November leaves the 30-day window on 3 December: two days left, below the threshold of 3.
    expect((await historyOf(w, student, w.leader)).map(({ level, previous, on, cause }) => ({ level, previous, on, cause }))).toEqual([
      { level: 'yellow', previous: 'green', on: TODAY, cause: 'registration' },
      { level: 'green', previous: 'yellow', on: '2026-12-03', cause: 'time' },
    ]);
    const open = await tasksOf(w, 'smoras', student, w.leader);
    expect(open.map((t) => t.step.id)).not.toContain('bergen-call-home');
    // The task history says so: the call home was asked for from 23 November and no longer from 3 December.
    const history = (await w.get(`/students/${student}/tasks/history`, w.leader)).body as {
      step: { id: string };
      since: string;
      status: string;
      endedOn?: string;
    }[];
    expect(history.find((h) => h.step.id === 'bergen-call-home')).toMatchObject({
      since: TODAY,
      status: 'no-longer-asked',
      endedOn: '2026-12-03',
    });

    // Once per day: a second sweep the same day judges nothing and records nothing.
    const head = await w.head();
    expect(await w.app.get(ConcernClockRunner).sweep()).toEqual({ days: null, changes: 0 });
    expect(await w.head()).toBe(head);
  });
});
