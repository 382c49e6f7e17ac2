/**
 * Bærum kommune: four phases (arbeid med alvorlig skolefravær). Seed 004, read in plans.md
 * "baerum". The plan names no number; the percentages are plans.md's reading.
 */
import type { Plan, SeedSource } from './plan.js';
import { outcomeSteps } from './outcome-steps.js';

const SEED = 'seeds/004_75ed956838fd1448.txt';
const seed = (line: number, quote: string): SeedSource => ({ seedFile: SEED, line, quote });

export const baerumPlan: Plan = {
  id: 'baerum',
  version: 1,
  name: 'Arbeid med alvorlig skolefravær (Bærum kommune)',
  municipality: 'Bærum kommune',
  source: { seedFile: SEED, title: 'Arbeid med alvorlig skolefravær' },
  rules: [
    {
      id: 'baerum-month-percent',
      description:
        '«Kontaktlærer oppdager raskt alvorlig skolefravær» — yellow at 10 % or more absence of the school days in the last 30 days.',
      unit: 'percent',
      window: 'month',
      threshold: 10,
      comparison: 'at-least',
      level: 'yellow',
      source: seed(20, 'Kontaktlærer oppdager raskt alvorlig skolefravær'),
      reading: 'plans.md: "yellow at 10 % or more absence of school days in a month"',
    },
    {
      id: 'baerum-quarter-percent-phase3',
      description:
        '«Er det fortsatt behov for tiltak må man vurdere å lage en ny tre ukers plan eller gå til fase 4» — red at 10 % or more absence of the school days in the last 91 days, while a case in phase 3 or later has not resolved.',
      unit: 'percent',
      window: 'quarter',
      threshold: 10,
      comparison: 'at-least',
      level: 'red',
      condition: {
        flag: 'caseInPhase3Unresolved',
        description: 'the student has a case in phase 3 or later that did not resolve',
      },
      source: seed(22, 'Er det fortsatt behov for tiltak må man vurdere å lage en ny tre ukers plan eller gå til fase 4'),
      reading: 'plans.md: "red at 10 % or more in a quarter together with a case in phase 3 or later that did not resolve"',
    },
  ],
  steps: [
    {
      id: 'baerum-phase2-call-guardians',
      what: '«Kontaktlærer ringer foresatte for å sjekke om det er grunn til bekymring for fraværet» — the contact teacher calls the guardians; no concern, keep watching; concern, go to phase 3.',
      responsibleRole: 'contact-teacher',
      trigger: 'level-yellow',
      level: 'yellow',
      deadline: { amount: 1, unit: 'school-days' },
      fulfilledBy: [{ type: 'contact', with: 'guardian' }],
      source: seed(20, 'Kontaktlærer ringer foresatte for å sjekke om det er grunn til bekymring for fraværet'),
      reading: '«oppdager raskt» read as the next school day',
    },
    {
      id: 'baerum-phase3-resource-team',
      what: '«Avdelingsleder informeres og tar ansvaret for oppfølgingen. Avdelingsleder melder saken til skolens ressursteam» — the department leader takes over and informs the resource team.',
      responsibleRole: 'school-leader',
      trigger: 'phase-entered',
      phase: 3,
      deadline: { amount: 5, unit: 'school-days' },
      fulfilledBy: [{ type: 'meeting', meetingTypes: ['resource-team'] }],
      source: seed(22, 'Avdelingsleder melder saken til skolens ressursteam'),
      reading: 'no deadline in the plan; one school week after phase 3 began',
    },
    {
      id: 'baerum-phase3-meeting',
      what: '«Kontaktlærer innkaller elev og foreldre til et møte» — a meeting with student and guardians.',
      responsibleRole: 'contact-teacher',
      trigger: 'phase-entered',
      phase: 3,
      deadline: { amount: 10, unit: 'school-days' },
      fulfilledBy: [{ type: 'meeting', meetingTypes: ['presence-meeting', 'shared-understanding', 'evaluation', 'other'] }],
      source: seed(22, 'Kontaktlærer innkaller elev og foreldre til et møte'),
      reading: 'no deadline in the plan; two school weeks after phase 3 began',
    },
    {
      id: 'baerum-phase3-mapping',
      what: '«Kartlegging av situasjonen (tiltakssirkel)» — map the situation by the measure circle.',
      responsibleRole: 'school-leader',
      trigger: 'phase-entered',
      phase: 3,
      deadline: { amount: 10, unit: 'school-days' },
      fulfilledBy: [{ type: 'mapping' }],
      source: seed(22, 'Kartlegging av situasjonen (tiltakssirkel)'),
      reading: 'no deadline in the plan; two school weeks after phase 3 began',
    },
    {
      id: 'baerum-phase3-cooperation-agreement',
      what: '«Det lages en samarbeidsavtale, tiltak iverksettes og gjennomføres» — a cooperation agreement (samarbeidsavtale) with measures.',
      responsibleRole: 'school-leader',
      trigger: 'phase-entered',
      phase: 3,
      deadline: { amount: 15, unit: 'school-days' },
      fulfilledBy: [{ type: 'measure' }],
      source: seed(22, 'Det lages en samarbeidsavtale, tiltak iverksettes og gjennomføres'),
      reading: 'no deadline in the plan; three school weeks after phase 3 began',
    },
    {
      id: 'baerum-phase3-evaluation',
      what: '«Evaluering etter tre uker» — evaluate the measures after three weeks; resolved, back to normal; else a new three-week plan or phase 4.',
      responsibleRole: 'school-leader',
      trigger: 'measure-agreed',
      phase: 3,
      deadline: { amount: 3, unit: 'weeks' },
      fulfilledBy: [{ type: 'evaluation' }],
      source: seed(22, 'Evaluering etter tre uker'),
    },
    {
      id: 'baerum-phase4-resource-team',
      what: '«Saken drøftes i ressursteam - Vurder henvisning til PP-tjeneste, fastlege, psykisk helseteam eller andre instanser» — discuss in the resource team and consider a referral.',
      responsibleRole: 'school-leader',
      trigger: 'phase-entered',
      phase: 4,
      deadline: { amount: 10, unit: 'school-days' },
      fulfilledBy: [{ type: 'meeting', meetingTypes: ['resource-team'] }],
      source: seed(24, 'Saken drøftes i ressursteam'),
      reading: 'no deadline in the plan; two school weeks after phase 4 began',
    },
    {
      id: 'baerum-phase4-wider-mapping',
      what: '«Mer omfattende kartlegging av risiko og ressurser gjennomføres» — a wider mapping of risks and resources.',
      responsibleRole: 'school-leader',
      trigger: 'phase-entered',
      phase: 4,
      deadline: { amount: 15, unit: 'school-days' },
      fulfilledBy: [{ type: 'mapping' }],
      source: seed(24, 'Mer omfattende kartlegging av risiko og ressurser gjennomføres'),
      reading: 'no deadline in the plan; three school weeks after phase 4 began (a mapping recorded after phase 4 began)',
    },
    ...outcomeSteps('baerum', [
      {
        outcomes: ['resolved'],
        what: '«Er problemet løst, gå tilbake til hverdagen» — back to normal: close the case.',
        responsibleRole: 'school-leader',
        deadline: { amount: 2, unit: 'weeks' },
        fulfilledBy: [{ type: 'case-closed' }],
        source: seed(22, 'Er problemet løst, gå tilbake til hverdagen'),
        reading: 'no deadline in the plan; two weeks',
      },
      {
        outcomes: ['progressing', 'try-other-measures', 'external-help-needed'],
        what: '«Er det fortsatt behov for tiltak må man vurdere å lage en ny tre ukers plan eller gå til fase 4» — a new three-week plan, or phase 4.',
        responsibleRole: 'school-leader',
        deadline: { amount: 1, unit: 'weeks' },
        fulfilledBy: [{ type: 'measure' }, { type: 'phase-advanced' }],
        source: seed(22, 'Er det fortsatt behov for tiltak må man vurdere å lage en ny tre ukers plan eller gå til fase 4'),
        reading: 'no deadline in the plan; one week',
      },
    ]),
  ],
  evaluationIntervals: [
    {
      id: 'baerum-three-week-plan',
      what: 'A cooperation agreement is evaluated after three weeks; a new three-week plan may follow.',
      to: { amount: 3, unit: 'weeks' },
      repeats: true,
      source: seed(22, 'Evaluering etter tre uker'),
    },
  ],
  reviewRoutines: [
    {
      id: 'baerum-monthly-contact-teacher',
      what: '«Månedlig gjennomgang av fravær ved kontaktlærer» — the contact teacher reviews absence monthly.',
      responsibleRole: 'contact-teacher',
      times: 1,
      per: 'month',
      scope: 'group',
      source: seed(18, 'Månedlig gjennomgang av fravær ved kontaktlærer'),
    },
    {
      id: 'baerum-department-leader',
      what: '«To ganger pr semester – gjennomgang av fravær på trinn/teamtid med avdelingsleder» — twice a term with the department leader.',
      responsibleRole: 'school-leader',
      times: 2,
      per: 'term',
      scope: 'group',
      source: seed(18, 'To ganger pr semester – gjennomgang av fravær på trinn/teamtid med avdelingsleder'),
    },
    {
      id: 'baerum-leadership-whole-school',
      what: '«To ganger pr semester – ledelsen gjennomgår skolens samlede fravær» — twice a term by the leadership for the whole school.',
      responsibleRole: 'school-leader',
      times: 2,
      per: 'term',
      scope: 'school',
      source: seed(18, 'To ganger pr semester – ledelsen gjennomgår skolens samlede fravær'),
    },
  ],
  // plans.md, "Bærum's phases": phase 1 is prevention for every student; a case begins where
  // «Fase 2 Identifisering og kontakt» does (seed line 20: the contact teacher finds the absence and calls).
  openingPhase: 2,
  phases: [
    {
      phase: 1,
      name: 'Fase 1 Forebygging av fravær',
      description: 'Prevention: a good learning environment, daily registration, regular reviews.',
    },
    {
      phase: 2,
      name: 'Fase 2 Identifisering og kontakt',
      description: 'The contact teacher calls the guardians; no concern, keep watching; concern, go to phase 3.',
    },
    {
      phase: 3,
      name: 'Fase 3 Kartlegging, tiltak og evaluering - samarbeidsavtale',
      description:
        'The department leader takes over; meeting, mapping by the measure circle, cooperation agreement, evaluation after three weeks.',
    },
    {
      phase: 4,
      name: 'Fase 4 Behov for ytterligere tiltak',
      description: 'Resource team, referral to PPT or other services, wider mapping.',
    },
  ],
};
