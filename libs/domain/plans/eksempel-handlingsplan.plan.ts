/**
 * The example plan (eksempel på handlingsplan): routines with deadlines rather than
 * numbers. Seed 002, read in plans.md "eksempel-handlingsplan".
 */
import type { Plan, SeedSource } from './plan.js';
import { CONSIDER_CLOSING, outcomeSteps } from './outcome-steps.js';

const SEED = 'seeds/002_5846d4329167f5d3.txt';
const seed = (line: number, quote: string): SeedSource => ({ seedFile: SEED, line, quote });

export const eksempelHandlingsplanPlan: Plan = {
  id: 'eksempel-handlingsplan',
  version: 1,
  name: 'Eksempel på handlingsplan',
  municipality: '(eksempel)',
  source: { seedFile: SEED, title: 'Eksempel på handlingsplan: skolens forebyggende innsats og tiltak ved bekymringsfullt fravær' },
  rules: [
    {
      id: 'eksempel-repeated-absence',
      description:
        '«Gjentagende fraværsmønster eller økende fravær» — yellow at 3 or more absence events (dates with any absence) in the last 30 days.',
      unit: 'events',
      window: 'month',
      threshold: 3,
      comparison: 'at-least',
      level: 'yellow',
      source: seed(11, 'Gjentagende fraværsmønster eller økende fravær: Samtale med elev og foreldre.'),
      reading:
        'plans.md: "yellow at 3 or more absence events within a month"; an event is a date with any absence (a day, single lessons, a late arrival or leaving early), counted once per date',
    },
  ],
  steps: [
    {
      id: 'eksempel-unreported-absence',
      what: '«Fravær skal alltid meldes skolen skriftlig … Senest innen tre skoledager med fravær» — the guardians did not report the absence in writing within 3 school days: the contact teacher follows it up.',
      responsibleRole: 'contact-teacher',
      trigger: 'unreported-day-absence',
      graceBeforeTrigger: { amount: 3, unit: 'school-days' },
      deadline: { amount: 1, unit: 'school-days' },
      fulfilledBy: [{ type: 'guardian-report' }, { type: 'contact', with: 'guardian' }],
      source: seed(10, 'Senest innen tre skoledager med fravær'),
      reading: "the task arises when the guardians' third school day has passed and is due the next school day",
    },
    {
      id: 'eksempel-lesson-absence',
      what: '«Fravær i enkeltstående timer: Kontaktlærer skal kontakte hjemmet og drøfte fraværet» (innen en uke) — contact home within a week.',
      responsibleRole: 'contact-teacher',
      trigger: 'lesson-absence',
      deadline: { amount: 1, unit: 'weeks' },
      fulfilledBy: [{ type: 'contact', with: 'guardian' }],
      source: seed(11, 'Fravær i enkeltstående timer: Kontaktlærer skal kontakte hjemmet og drøfte fraværet'),
    },
    {
      id: 'eksempel-conversation',
      what: '«Gjentagende fraværsmønster eller økende fravær: Samtale med elev og foreldre» (innen en uke) — a conversation with student and guardians within a week.',
      responsibleRole: 'contact-teacher',
      trigger: 'level-yellow',
      level: 'yellow',
      deadline: { amount: 1, unit: 'weeks' },
      fulfilledBy: [{ type: 'meeting' }, { type: 'contact', with: 'guardian' }],
      source: seed(11, 'Gjentagende fraværsmønster eller økende fravær: Samtale med elev og foreldre.'),
    },
    {
      id: 'eksempel-new-meeting',
      what: '«Vedvarende fravær … nytt møte, innen tre uker etter forrige møte» — persistent absence: a new meeting within three weeks of the last one, deciding whether external help is needed; minutes are written.',
      responsibleRole: 'school-leader',
      trigger: 'meeting-held',
      level: 'yellow',
      deadline: { amount: 3, unit: 'weeks' },
      fulfilledBy: [{ type: 'meeting' }],
      source: seed(16, 'Kontaktlærer og ressursperson innkaller foreldre til nytt møte, innen tre uker etter forrige møte.'),
      reading: 'persistent = the concern level is still yellow or higher; "Rektor/ressursperson" read as school-leader',
    },
    ...outcomeSteps('eksempel', [
      {
        outcomes: ['resolved'],
        what: 'Resolved: consider closing the case.',
        responsibleRole: 'school-leader',
        deadline: { amount: 2, unit: 'weeks' },
        fulfilledBy: [{ type: 'case-closed' }],
        source: seed(16, 'Vedvarende fravær'),
        reading: CONSIDER_CLOSING,
      },
      {
        outcomes: ['progressing', 'try-other-measures'],
        what: '«Kontaktlærer og ressursperson innkaller foreldre til nytt møte, innen tre uker etter forrige møte» — a new meeting and measure.',
        responsibleRole: 'school-leader',
        deadline: { amount: 3, unit: 'weeks' },
        fulfilledBy: [{ type: 'meeting' }, { type: 'measure' }],
        source: seed(16, 'Kontaktlærer og ressursperson innkaller foreldre til nytt møte, innen tre uker etter forrige møte.'),
      },
      {
        outcomes: ['external-help-needed'],
        what: '«avklares om det er behov for ekstern assistanse (skolehelsetjenesten, konsultasjonsteamet, PPT, barnevernstjenesten)» — consider a referral.',
        responsibleRole: 'school-leader',
        deadline: { amount: 3, unit: 'weeks' },
        fulfilledBy: [{ type: 'referral' }],
        source: seed(16, 'I møtet skal det avklares om det er behov for ekstern assistanse'),
      },
    ]),
  ],
  evaluationIntervals: [
    {
      id: 'eksempel-meeting-every-three-weeks',
      what: 'While absence persists, a new meeting within three weeks of the last one.',
      to: { amount: 3, unit: 'weeks' },
      repeats: true,
      source: seed(16, 'innen tre uker etter forrige møte'),
    },
  ],
  reviewRoutines: [
    {
      id: 'eksempel-daily-registration',
      what: '«Skolen registrerer alt fravær grundig og systematisk» (daglig) — all absence is registered every day.',
      responsibleRole: 'contact-teacher',
      times: 5,
      per: 'week',
      scope: 'group',
      recordedByRegistration: true,
      source: seed(8, 'Skolen registrerer alt fravær grundig og systematisk'),
    },
  ],
  phases: [],
};
