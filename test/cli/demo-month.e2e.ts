/**
 * Issue 18, done-when: the demo municipality tried as a school would for one month of its
 * calendar. Each school day the business date moves on (the concern clock records what time
 * alone changes), and the school does what each open task asks for, the way the plan says it is
 * done: the call home, the meeting, the measure and its evaluation, the consent, the review, or a
 * completion by hand. At the end no task that the school itself can close is left open.
 *
 * Prints the counts of due, overdue, done and waived tasks before and after (for the closing note).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Clock } from '#application/clock.js';
import { ConcernClockRunner } from '#application/sagas/concern-clock.runner.js';
import { ConcernSagaRunner } from '#application/sagas/concern-saga.runner.js';
import { createService } from '#api/service/create-service.js';
import { EVENT_STORE, type EventStore } from '#event-store/event-store.port.js';
import { builtInPlans, type FollowUpStep, type Fulfilment } from '#domain/plans/index.js';
import { createSchoolCalendar } from '#domain/calendar/index.js';
import { loadDemo, type DemoResult } from '#cli/demo/load-demo.js';
import { removeTempDataDirs, tempDataDir } from './support/data-dir.js';

const START = '2026-11-02';
const END = process.env.DEMO_MONTH_END ?? '2026-11-30';
const STATUSES = ['due', 'overdue', 'done', 'waived'] as const;
const STEPS = new Map<string, FollowUpStep>(builtInPlans.flatMap((p) => p.steps.map((s) => [s.id, s] as const)));

interface TaskRow {
  taskId: string;
  scope: 'student' | 'group' | 'school';
  studentId?: string;
  group?: string;
  caseId?: string;
  measureId?: string;
  step: { id: string };
  status: string;
  dueOn: string;
}

describe('the demo municipality, one month as a school would work it', () => {
  let dataDir: string;
  let demo: DemoResult;
  let app: INestApplication;
  let leader: string;
  let position = 0;

  beforeAll(async () => {
    dataDir = tempDataDir('demo-month');
    demo = await loadDemo({ settings: { dataDir, eventstoreUrl: null, mongodbUrl: null }, today: START });
    app = await createService({
      env: {
        AUTH_JWT_SECRET: demo.secret,
        DATA_DIR: dataDir,
        IDEMPOTENCY_DB: ':memory:',
        CLOCK_TODAY: START,
        RATE_LIMIT_PER_MINUTE: '100000000',
      },
      logger: false,
      shutdownHooks: false,
    });
    leader = demo.tokens.find((t) => t.role === 'school-leader')!.token;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    removeTempDataDirs();
  });

  const settle = async () => {
    const events = app.get<EventStore>(EVENT_STORE);
    const saga = app.get(ConcernSagaRunner);
    for (let i = 0; i < 5; i++) {
      const head = await events.headPosition();
      await saga.reached(head, 20_000);
      if ((await events.headPosition()) === head) break;
    }
    position = await events.headPosition();
  };
  const get = async (path: string) => {
    const res = await request(app.getHttpServer())
      .get(path)
      .set('Authorization', `Bearer ${leader}`)
      .set('X-Min-Position', String(position));
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const post = async (path: string, body: object) => {
    const res = await request(app.getHttpServer()).post(path).set('Authorization', `Bearer ${leader}`).send(body);
    const header = res.headers['x-position'];
    if (typeof header === 'string') position = Math.max(position, Number(header));
    return res;
  };
  const counts = async () => {
    const out: Record<string, number> = { due: 0, overdue: 0, done: 0, waived: 0 };
    for (const schoolId of demo.summary.ids.schoolIds) {
      for (const status of STATUSES) out[status] += ((await get(`/tasks?schoolId=${schoolId}&status=${status}`)) as unknown[]).length;
    }
    return out;
  };

  /** Does what the task asks for, the first way its step can be done by the school; false when none can. */
  async function act(task: TaskRow, schoolId: string, today: string): Promise<boolean> {
    if (task.scope !== 'student') {
      const res = await post(`/schools/${schoolId}/reviews`, {
        routineId: task.step.id,
        heldOn: today,
        ...(task.group ? { groupId: task.group } : {}),
        participants: [{ name: 'Kari Kontaktlærer', role: 'contact-teacher' }],
        minutes: 'Gikk gjennom fraværet; oppfølging avtalt.',
      });
      return res.status === 201;
    }
    const step = STEPS.get(task.step.id)!;
    if (step.fulfilledBy.length === 0) return (await post(`/tasks/${task.taskId}/completion`, { on: today, note: 'Gjort' })).status === 201;
    for (const f of step.fulfilledBy) if (await fulfil(f, task, today)) return true;
    return false;
  }

  async function caseOf(task: TaskRow): Promise<string> {
    if (task.caseId) return task.caseId;
    const opened = await post('/cases', { studentId: task.studentId, reason: 'Bekymringsfullt fravær', openedOn: START });
    if (opened.status === 201) return opened.body.caseId as string;
    return (opened.body.details as { caseId: string }).caseId;
  }

  async function fulfil(f: Fulfilment, task: TaskRow, today: string): Promise<boolean> {
    const at = `${today}T09:00:00Z`;
    const person = { name: 'Kari Kontaktlærer', role: 'contact-teacher' };
    switch (f.type) {
      case 'contact': {
        const body = { with: f.with, channel: 'phone', at, summary: 'Samtale om fraværet' };
        return (await post(`/students/${task.studentId}/contacts`, body)).status === 201;
      }
      case 'meeting': {
        const caseId = await caseOf(task);
        const type = f.meetingTypes?.[0] ?? 'other';
        if (type === 'resource-team') await post(`/cases/${caseId}/consents`, consent('other', today));
        const body = { type, heldAt: at, participants: [person, { name: 'Foresatt', role: 'guardian' }], minutes: 'Møtereferat' };
        return (await post(`/cases/${caseId}/meetings`, body)).status === 201;
      }
      case 'measure': {
        const body = { description: 'Fast oppmøte med kontaktlærer', responsible: person, startsOn: today, evaluateBy: '2026-12-18' };
        return (await post(`/cases/${await caseOf(task)}/measures`, body)).status === 201;
      }
      case 'evaluation': {
        // The measure the step is about, else the latest one started.
        const caseId = await caseOf(task);
        const measures = ((await get(`/cases/${caseId}`)) as { measures: { measureId: string; startsOn: string }[] }).measures;
        const measureId = task.measureId ?? measures.filter((m) => m.startsOn <= today).at(-1)?.measureId;
        if (!measureId) return false;
        const res = await post(`/cases/${caseId}/measures/${measureId}/evaluations`, { outcome: 'progressing', note: 'Bedring' });
        return res.status === 201;
      }
      case 'mapping':
        return (
          (await post(`/cases/${await caseOf(task)}/mappings`, { domains: { school: 'Trives dårlig i friminutt' }, summary: 'Kartlagt' }))
            .status === 201
        );
      case 'consent':
        return (await post(`/cases/${await caseOf(task)}/consents`, consent(f.purpose, today))).status === 201;
      case 'referral': {
        const caseId = await caseOf(task);
        await post(`/cases/${caseId}/consents`, consent('school-nurse', today));
        return (
          (await post(`/cases/${caseId}/referrals`, { to: 'school-nurse', kind: 'consultation', at: today, note: 'Drøfting' })).status ===
          201
        );
      }
      case 'return-plan':
        return (
          (
            await post(`/cases/${await caseOf(task)}/return-plan`, {
              goals: ['Første time hver dag'],
              presenceGuide: person,
              startsOn: today,
            })
          ).status === 201
        );
      case 'case-closed':
        return (await post(`/cases/${await caseOf(task)}/close`, { outcome: 'resolved', note: 'Tilbake i hverdagen' })).status === 201;
      case 'phase-advanced': {
        const caseId = await caseOf(task);
        const { phase } = (await get(`/cases/${caseId}`)) as { phase: number };
        return (await post(`/cases/${caseId}/phase`, { phase: phase + 1, reason: 'Ekstern hjelp trengs' })).status === 201;
      }
      case 'guardian-report':
        // The guardians' own report: not the school's to make.
        return false;
    }
  }

  function consent(purpose: string, givenAt: string) {
    const recipients = purpose === 'ppt' ? ['PPT'] : purpose === 'bup' ? ['BUP'] : ['Skolens ressursteam'];
    return { purpose, recipients, givenBy: { name: 'Foresatt', relation: 'guardian' }, givenAt };
  }

  it('leaves no task open that the school can close, and the counts say what the month did', async () => {
    await settle();
    const before = await counts();
    const calendar = createSchoolCalendar(demo.summary.schoolYear);
    const clock = app.get(Clock);
    const unclosable = new Set<string>();
    for (let day = START; day <= END; day = calendar.addSchoolDays(day, 1)) {
      clock.pin(day);
      const t0 = performance.now();
      await app.get(ConcernClockRunner).sweep();
      await settle();
      const t1 = performance.now();
      let gets = 0;
      let acts = 0;
      let getMs = 0;
      for (const schoolId of demo.summary.ids.schoolIds) {
        // Acting can raise new steps (a measure asks for its evaluation later): a few passes a day.
        for (let pass = 0; pass < 3; pass++) {
          const g0 = performance.now();
          const open = (await get(`/tasks?schoolId=${schoolId}`)) as TaskRow[];
          getMs += performance.now() - g0;
          gets++;
          // What is due today or overdue; a step due later waits for its day, as it would at a school.
          const todo = open.filter((t) => t.dueOn <= day && !unclosable.has(t.taskId));
          if (todo.length === 0) break;
          for (const task of todo) {
            acts++;
            if (await act(task, schoolId, day)) continue;
            // What the school cannot do itself, a leader judges not needed here, with the reason.
            const waived = await post(`/tasks/${task.taskId}/waiver`, {
              reason: 'Ikke noe skolen selv kan gjøre; fulgt opp på annen måte',
            });
            // task-not-open: an act on another task of the case closed this one too (a phase moved on, the case closed).
            const closed = waived.status === 201 || (waived.body as { details?: { code?: string } }).details?.code === 'task-not-open';
            if (!closed) unclosable.add(task.taskId);
          }
          await settle();
        }
      }
      if (process.env.DEMO_MONTH_TIMING)
        console.log(
          `${day}: sweep ${Math.round(t1 - t0)} ms, ${gets} task lists ${Math.round(getMs)} ms, ${acts} acts, total ${Math.round(performance.now() - t0)} ms`,
        );
      if (day === END) break;
    }
    const after = await counts();
    const open = (await Promise.all(demo.summary.ids.schoolIds.map((s) => get(`/tasks?schoolId=${s}`)))).flat() as TaskRow[];
    // Nothing due by the last day is left open but what the school cannot do itself (the guardians'
    // report, a step whose every way is refused).
    const left = open.filter((t) => t.dueOn <= END && !unclosable.has(t.taskId));
    console.log(
      `demo month ${START}..${END}: before ${JSON.stringify(before)}, after ${JSON.stringify(after)}, left open ${open.length} (unclosable ${unclosable.size})`,
    );
    expect(left).toEqual([]);
    expect(after.done + after.waived).toBeGreaterThan(before.done + before.waived);
    expect(after.overdue).toBe(0);
    expect(before.due + before.overdue).toBeGreaterThan(0);
    expect([...unclosable].length).toBeLessThanOrEqual(open.length);
  }, 600_000);
});
