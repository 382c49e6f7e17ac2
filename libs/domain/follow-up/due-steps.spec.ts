import { describe, expect, it } from '@jest/globals';
import { createSchoolCalendar } from '../calendar/index.js';
import { baerumPlan, bergenSmorasPlan, eksempelHandlingsplanPlan, hemsedalTrafikklysPlan, vindafjordEtnePlan } from '../plans/index.js';
import { dueSteps, type DueStep } from './due-steps.js';
import type { CaseFacts, FollowUpFacts } from './follow-up-facts.js';

const calendar = createSchoolCalendar({
  start: '2026-08-17',
  end: '2027-06-18',
  breaks: [
    { from: '2026-10-05', to: '2026-10-09', name: 'Høstferie' },
    { from: '2026-12-21', to: '2027-01-01', name: 'Juleferie' },
    { from: '2027-02-22', to: '2027-02-26', name: 'Vinterferie' },
  ],
});
const emptyCase: CaseFacts = { contacts: [], meetings: [], measures: [] };
const find = (steps: DueStep[], stepId: string) => steps.filter((s) => s.stepId === stepId);
const one = (steps: DueStep[], stepId: string) => {
  const found = find(steps, stepId);
  expect(found).toHaveLength(1);
  return found[0];
};

describe('dueSteps: bergen-smoras (seed 003)', () => {
  const plan = bergenSmorasPlan;
  const yellowOn = (on: string, c: CaseFacts = emptyCase): FollowUpFacts => ({ levelChanges: [{ level: 'yellow', on }], case: c });

  it('line 65 «Det skal ringes hjem»: the call home is due the day concern is found', () => {
    const call = one(dueSteps(yellowOn('2026-11-04'), plan, calendar, '2026-11-04'), 'bergen-call-home');
    expect(call).toEqual({
      stepId: 'bergen-call-home',
      key: 'bergen-call-home@2026-11-04',
      fulfilledByRecords: true,
      step: plan.steps[0].what,
      responsibleRole: 'contact-teacher',
      dueOn: '2026-11-04',
      status: 'due',
      trigger: { type: 'level-yellow', on: '2026-11-04' },
    });
    expect(one(dueSteps(yellowOn('2026-11-04'), plan, calendar, '2026-11-05'), 'bergen-call-home').status).toBe('overdue');
  });

  it('the call is done when a conversation with the guardians is recorded', () => {
    const facts = yellowOn('2026-11-04', { ...emptyCase, contacts: [{ with: 'guardian', channel: 'phone', at: '2026-11-04T13:15:00Z' }] });
    expect(one(dueSteps(facts, plan, calendar, '2026-11-06'), 'bergen-call-home')).toMatchObject({ status: 'done', doneOn: '2026-11-04' });
  });

  it('line 76 «innen 1 uke etter bekymringssamtale»: the presence meeting is due a week after the call', () => {
    const called = { ...emptyCase, contacts: [{ with: 'guardian' as const, at: '2026-11-05T09:00:00Z' }] };
    expect(find(dueSteps(yellowOn('2026-11-04'), plan, calendar, '2026-11-04'), 'bergen-presence-meeting')).toEqual([]);
    const meeting = one(dueSteps(yellowOn('2026-11-04', called), plan, calendar, '2026-11-12'), 'bergen-presence-meeting');
    expect(meeting).toMatchObject({
      dueOn: '2026-11-12',
      status: 'due',
      responsibleRole: 'school-leader',
      trigger: { type: 'contact-home', on: '2026-11-05' },
    });
    expect(one(dueSteps(yellowOn('2026-11-04', called), plan, calendar, '2026-11-13'), 'bergen-presence-meeting').status).toBe('overdue');
    const held = { ...called, meetings: [{ type: 'presence-meeting' as const, heldAt: '2026-11-10T12:00:00Z' }] };
    expect(one(dueSteps(yellowOn('2026-11-04', held), plan, calendar, '2026-11-13'), 'bergen-presence-meeting')).toMatchObject({
      status: 'done',
      doneOn: '2026-11-10',
    });
  });

  it('only a presence meeting fulfils it, not another kind of meeting', () => {
    const other = {
      ...emptyCase,
      contacts: [{ with: 'guardian' as const, at: '2026-11-05' }],
      meetings: [{ type: 'other' as const, heldAt: '2026-11-06' }],
    };
    expect(one(dueSteps(yellowOn('2026-11-04', other), plan, calendar, '2026-11-09'), 'bergen-presence-meeting').status).toBe('due');
  });

  it('line 100 «Bør evalueres etter 2-4 uker»: each measure is evaluated within 4 weeks, sooner when its plan says so', () => {
    const measures = [
      { measureId: 'm1', startsOn: '2026-11-12', evaluations: [] },
      {
        measureId: 'm2',
        startsOn: '2026-11-12',
        evaluateBy: '2026-11-26',
        evaluations: [{ at: '2026-11-25T10:00:00Z', outcome: 'progressing' as const }],
      },
    ];
    const steps = find(
      dueSteps(yellowOn('2026-11-04', { ...emptyCase, measures }), plan, calendar, '2026-12-01'),
      'bergen-evaluate-measures',
    );
    expect(steps.map((s) => [s.key, s.dueOn, s.status, s.doneOn])).toEqual([
      ['bergen-evaluate-measures@m2', '2026-11-26', 'done', '2026-11-25'],
      ['bergen-evaluate-measures@m1', '2026-12-10', 'due', undefined],
    ]);
  });

  it('asks nothing once the concern is over', () => {
    const facts: FollowUpFacts = {
      levelChanges: [
        { level: 'yellow', on: '2026-11-04' },
        { level: 'green', on: '2026-11-20' },
      ],
      case: emptyCase,
    };
    expect(find(dueSteps(facts, plan, calendar, '2026-11-05'), 'bergen-call-home')).toHaveLength(1);
    expect(find(dueSteps(facts, plan, calendar, '2026-11-23'), 'bergen-call-home')).toEqual([]);
  });
});

describe('dueSteps: vindafjord-etne (seed 001 lines 27–28)', () => {
  const plan = vindafjordEtnePlan;
  const contactSteps = (facts: FollowUpFacts, today: string) =>
    dueSteps(facts, plan, calendar, today).filter((s) => s.stepId.startsWith('vindafjord-contact-home'));

  it('«dersom det ikkje er meldt fråvær»: contact home the same day', () => {
    const facts: FollowUpFacts = { dayAbsences: [{ date: '2026-11-02', reportedByGuardian: false }] };
    expect(contactSteps(facts, '2026-11-02')).toEqual([
      expect.objectContaining({
        stepId: 'vindafjord-contact-home-unreported',
        dueOn: '2026-11-02',
        status: 'due',
        trigger: { type: 'unreported-day-absence', on: '2026-11-02' },
      }),
    ]);
    expect(contactSteps(facts, '2026-11-03')[0].status).toBe('overdue');
  });

  it('«Ved meldt fråvær tek ein kontakt med heim dag 2»: due on the second consecutive school day of absence', () => {
    const reported = (...dates: string[]): FollowUpFacts => ({
      dayAbsences: dates.map((date) => ({ date, reportedByGuardian: true, recordedOn: dates[0] })),
    });
    // plans.md, "Vindafjord's day 2": one reported day the student is back from asks for no contact.
    expect(contactSteps(reported('2026-11-02'), '2026-11-02')).toEqual([]);
    expect(contactSteps(reported('2026-11-02'), '2026-11-04')).toEqual([]);
    expect(contactSteps(reported('2026-11-02', '2026-11-03'), '2026-11-03')).toEqual([
      expect.objectContaining({ stepId: 'vindafjord-contact-home-reported', dueOn: '2026-11-03', status: 'due' }),
    ]);
    // Friday's day 2 is Monday; Wednesday before Kristi himmelfart has its day 2 on Friday.
    expect(contactSteps(reported('2026-11-06', '2026-11-09'), '2026-11-09')[0].dueOn).toBe('2026-11-09');
    expect(contactSteps(reported('2027-05-05', '2027-05-07'), '2027-05-07')[0].dueOn).toBe('2027-05-07');
  });

  it('one contact per spell of absence, done by a conversation with the guardians', () => {
    const facts: FollowUpFacts = {
      dayAbsences: [
        { date: '2026-11-02', reportedByGuardian: false },
        { date: '2026-11-03', reportedByGuardian: false },
        { date: '2026-11-05', reportedByGuardian: true },
        { date: '2026-11-06', reportedByGuardian: true },
      ],
      case: { ...emptyCase, contacts: [{ with: 'guardian', at: '2026-11-02T10:00:00Z' }] },
    };
    expect(contactSteps(facts, '2026-11-06').map((s) => [s.stepId, s.trigger.on, s.dueOn, s.status])).toEqual([
      ['vindafjord-contact-home-unreported', '2026-11-02', '2026-11-02', 'done'],
      ['vindafjord-contact-home-reported', '2026-11-06', '2026-11-06', 'due'],
    ]);
  });

  it('a report that comes after the day leaves the absence unreported', () => {
    const facts: FollowUpFacts = { dayAbsences: [{ date: '2026-11-02', reportedByGuardian: true, reportedOn: '2026-11-03' }] };
    expect(contactSteps(facts, '2026-11-03').map((s) => s.stepId)).toEqual(['vindafjord-contact-home-unreported']);
  });

  it('the phase steps start when the case enters the phase', () => {
    const facts: FollowUpFacts = { case: { ...emptyCase, phase: 1, phaseChanges: [{ phase: 1, on: '2026-11-09' }] } };
    const consent = one(dueSteps(facts, plan, calendar, '2026-11-10'), 'vindafjord-phase1-consent-stafettlogg');
    expect(consent).toMatchObject({ dueOn: '2026-11-23', status: 'due', trigger: { type: 'phase-entered', on: '2026-11-09' } });
    const withConsent = { case: { ...facts.case!, consents: [{ purpose: 'stafettlogg', givenAt: '2026-11-12' }] } };
    expect(one(dueSteps(withConsent, plan, calendar, '2026-11-30'), 'vindafjord-phase1-consent-stafettlogg').status).toBe('done');
    expect(find(dueSteps(facts, plan, calendar, '2026-11-10'), 'vindafjord-phase2-resource-team')).toEqual([]);
  });

  it('phase 2: a new meeting about a month after the resource team', () => {
    const c: CaseFacts = { ...emptyCase, phase: 2, meetings: [{ type: 'resource-team', heldAt: '2026-11-10' }] };
    expect(one(dueSteps({ case: c }, plan, calendar, '2026-11-20'), 'vindafjord-phase2-new-meeting')).toMatchObject({
      dueOn: '2026-12-08',
      status: 'due',
    });
    const later = { ...c, meetings: [...c.meetings, { type: 'other' as const, heldAt: '2026-12-07' }] };
    expect(one(dueSteps({ case: later }, plan, calendar, '2026-12-09'), 'vindafjord-phase2-new-meeting')).toMatchObject({
      status: 'done',
      doneOn: '2026-12-07',
    });
  });
});

describe('dueSteps: hemsedal-trafikklys (seed 000)', () => {
  const plan = hemsedalTrafikklysPlan;
  const redOn = (on: string, c: CaseFacts = emptyCase, completed: FollowUpFacts['completedSteps'] = []): FollowUpFacts => ({
    levelChanges: [
      { level: 'yellow', on: '2026-10-20' },
      { level: 'red', on },
    ],
    case: c,
    completedSteps: completed,
  });

  it('line 44 «Umiddelbart varsle ledelsen og sosiallærer»: the same school day', () => {
    expect(one(dueSteps(redOn('2026-11-04'), plan, calendar, '2026-11-04'), 'hemsedal-red-notify-leadership')).toMatchObject({
      dueOn: '2026-11-04',
      status: 'due',
      responsibleRole: 'contact-teacher',
    });
    expect(one(dueSteps(redOn('2026-11-04'), plan, calendar, '2026-11-05'), 'hemsedal-red-notify-leadership').status).toBe('overdue');
    const notified = redOn('2026-11-04', emptyCase, [{ stepId: 'hemsedal-red-notify-leadership', on: '2026-11-04' }]);
    expect(one(dueSteps(notified, plan, calendar, '2026-11-05'), 'hemsedal-red-notify-leadership')).toMatchObject({
      status: 'done',
      doneOn: '2026-11-04',
    });
  });

  it('red raised on a Saturday by hand: notify on Monday', () => {
    expect(one(dueSteps(redOn('2026-11-07'), plan, calendar, '2026-11-07'), 'hemsedal-red-notify-leadership').dueOn).toBe('2026-11-09');
  });

  it('line 60 «Tiltakene evalueres minimum hver 14. dag»: due 14 days after the start and after each evaluation', () => {
    const measure = { measureId: 'm1', startsOn: '2026-11-02', evaluations: [] as { at: string; outcome?: 'resolved' | 'progressing' }[] };
    const step = (c: CaseFacts, today: string) =>
      one(dueSteps(redOn('2026-11-04', c), plan, calendar, today), 'hemsedal-red-evaluate-measures');
    expect(step({ ...emptyCase, measures: [measure] }, '2026-11-10')).toMatchObject({
      dueOn: '2026-11-16',
      status: 'due',
      trigger: { type: 'measure-agreed', on: '2026-11-02' },
    });
    expect(step({ ...emptyCase, measures: [measure] }, '2026-11-17').status).toBe('overdue');
    const evaluated = { ...measure, evaluations: [{ at: '2026-11-13T12:00:00Z', outcome: 'progressing' as const }] };
    expect(step({ ...emptyCase, measures: [evaluated] }, '2026-11-20')).toMatchObject({ dueOn: '2026-11-27', status: 'due' });
    expect(step({ ...emptyCase, measures: [evaluated] }, '2026-11-30').status).toBe('overdue');
    const resolved = { ...measure, evaluations: [...evaluated.evaluations, { at: '2026-11-26', outcome: 'resolved' as const }] };
    expect(step({ ...emptyCase, measures: [resolved] }, '2026-11-30')).toMatchObject({ status: 'done', doneOn: '2026-11-26' });
  });

  it('red steps only while the level is red; the yellow ones stay from the yellow streak', () => {
    const yellowOnly: FollowUpFacts = { levelChanges: [{ level: 'yellow', on: '2026-10-20' }], case: emptyCase };
    const steps = dueSteps(yellowOnly, plan, calendar, '2026-10-21');
    expect(steps.every((s) => s.stepId.startsWith('hemsedal-yellow'))).toBe(true);
    expect(one(steps, 'hemsedal-yellow-contact-guardians')).toMatchObject({ dueOn: '2026-10-27', status: 'due' });
    const red = dueSteps(redOn('2026-11-04'), plan, calendar, '2026-11-04');
    expect(one(red, 'hemsedal-yellow-contact-guardians').trigger.on).toBe('2026-10-20');
    expect(one(red, 'hemsedal-red-weekly-follow-up')).toMatchObject({ dueOn: '2026-11-11', status: 'due' });
  });
});

describe('dueSteps: eksempel-handlingsplan (seed 002)', () => {
  const plan = eksempelHandlingsplanPlan;
  const steps = (facts: FollowUpFacts, today: string) => find(dueSteps(facts, plan, calendar, today), 'eksempel-unreported-absence');

  it('line 10 «Senest innen tre skoledager»: no task while the guardians still have time', () => {
    const facts: FollowUpFacts = { dayAbsences: [{ date: '2026-11-02', reportedByGuardian: false }] };
    expect(steps(facts, '2026-11-05')).toEqual([]); // Thursday: the third school day after
  });

  it('an absence still unreported after 3 school days is a task for the contact teacher', () => {
    const facts: FollowUpFacts = { dayAbsences: [{ date: '2026-11-02', reportedByGuardian: false }] };
    expect(steps(facts, '2026-11-06')).toEqual([
      expect.objectContaining({
        responsibleRole: 'contact-teacher',
        dueOn: '2026-11-06',
        status: 'due',
        trigger: { type: 'unreported-day-absence', on: '2026-11-05' },
        key: 'eksempel-unreported-absence@2026-11-02',
      }),
    ]);
    expect(steps(facts, '2026-11-09')[0].status).toBe('overdue');
  });

  it('counts the three school days over holidays', () => {
    // Tuesday before Easter: Wed, Tue after 2. påskedag, Wed → the guardians have until 31 March.
    const facts: FollowUpFacts = { dayAbsences: [{ date: '2027-03-23', reportedByGuardian: false }] };
    expect(steps(facts, '2027-03-31')).toEqual([]);
    expect(steps(facts, '2027-04-01')[0]).toMatchObject({ trigger: { on: '2027-03-31' }, dueOn: '2027-04-01' });
  });

  it('no task when the guardians reported in time; done when they report late', () => {
    expect(steps({ dayAbsences: [{ date: '2026-11-02', reportedByGuardian: true, reportedOn: '2026-11-04' }] }, '2026-11-10')).toEqual([]);
    expect(steps({ dayAbsences: [{ date: '2026-11-02', reportedByGuardian: true, reportedOn: '2026-11-09' }] }, '2026-11-10')).toEqual([
      expect.objectContaining({ status: 'done', doneOn: '2026-11-09' }),
    ]);
  });

  it('line 11 «Fravær i enkeltstående timer … Innen en uke»: contact home within a week', () => {
    const facts: FollowUpFacts = { lessonAbsences: [{ date: '2026-11-03', lessons: 2 }] };
    expect(one(dueSteps(facts, plan, calendar, '2026-11-04'), 'eksempel-lesson-absence')).toMatchObject({
      dueOn: '2026-11-10',
      status: 'due',
    });
    const called = { ...facts, case: { ...emptyCase, contacts: [{ with: 'guardian' as const, at: '2026-11-05' }] } };
    expect(one(dueSteps(called, plan, calendar, '2026-11-12'), 'eksempel-lesson-absence').status).toBe('done');
  });

  it('line 16 «nytt møte, innen tre uker etter forrige møte» while absence persists', () => {
    const c: CaseFacts = {
      ...emptyCase,
      meetings: [
        { type: 'other', heldAt: '2026-11-03' },
        { type: 'presence-meeting', heldAt: '2026-11-10' },
      ],
    };
    const facts: FollowUpFacts = { levelChanges: [{ level: 'yellow', on: '2026-10-27' }], case: c };
    expect(one(dueSteps(facts, plan, calendar, '2026-11-20'), 'eksempel-new-meeting')).toMatchObject({
      dueOn: '2026-12-01',
      status: 'due',
      responsibleRole: 'school-leader',
      trigger: { type: 'meeting-held', on: '2026-11-10' },
    });
    expect(one(dueSteps(facts, plan, calendar, '2026-12-02'), 'eksempel-new-meeting').status).toBe('overdue');
    expect(
      find(
        dueSteps({ ...facts, levelChanges: [...facts.levelChanges!, { level: 'green', on: '2026-11-25' }] }, plan, calendar, '2026-12-02'),
        'eksempel-new-meeting',
      ),
    ).toEqual([]);
  });
});

describe('dueSteps: baerum (seed 004 line 22)', () => {
  const plan = baerumPlan;

  it('phase 3: the department leader takes over, and measures are evaluated after three weeks', () => {
    const c: CaseFacts = {
      ...emptyCase,
      phase: 3,
      phaseChanges: [
        { phase: 2, on: '2026-11-02' },
        { phase: 3, on: '2026-11-09' },
      ],
      measures: [{ measureId: 'samarbeidsavtale', startsOn: '2026-11-16', evaluations: [] }],
    };
    const steps = dueSteps({ case: c }, plan, calendar, '2026-11-20');
    expect(one(steps, 'baerum-phase3-resource-team')).toMatchObject({
      responsibleRole: 'school-leader',
      dueOn: '2026-11-16',
      status: 'overdue',
    });
    expect(one(steps, 'baerum-phase3-cooperation-agreement')).toMatchObject({ status: 'done', doneOn: '2026-11-16' });
    expect(one(steps, 'baerum-phase3-evaluation')).toMatchObject({ dueOn: '2026-12-07', status: 'due' });
    expect(find(steps, 'baerum-phase4-resource-team')).toEqual([]);
  });

  it('evaluation after three weeks applies from phase 3 only, and a closed case asks for nothing more', () => {
    const phase2: CaseFacts = { ...emptyCase, phase: 2, measures: [{ measureId: 'm', startsOn: '2026-11-16', evaluations: [] }] };
    expect(find(dueSteps({ case: phase2 }, plan, calendar, '2026-11-20'), 'baerum-phase3-evaluation')).toEqual([]);
    const closed: CaseFacts = { ...phase2, phase: 3, openedOn: '2026-11-02', closedOn: '2026-11-19' };
    expect(dueSteps({ case: closed }, plan, calendar, '2026-11-20').filter((s) => s.status !== 'done')).toEqual([]);
  });
});
