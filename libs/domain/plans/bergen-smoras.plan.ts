/**
 * Smørås skole, Bergen kommune: concerning absence (bekymringsfullt fravær), all yellow.
 * Seed 003, read in plans.md "bergen-smoras".
 */
import type { Plan, SeedSource } from './plan.js';
import { CONSIDER_CLOSING, outcomeSteps } from './outcome-steps.js';

const SEED = 'seeds/003_239aac523ea40423.txt';
const seed = (line: number, quote: string): SeedSource => ({ seedFile: SEED, line, quote });

export const bergenSmorasPlan: Plan = {
  id: 'bergen-smoras',
  version: 1,
  name: 'Rutiner for oppfølging av bekymringsfullt skolefravær på Smørås skole',
  municipality: 'Bergen kommune',
  school: 'Smørås skole',
  source: { seedFile: SEED, title: 'Plan for oppfølging av bekymringsfullt fravær på Smørås skole' },
  rules: [
    {
      id: 'bergen-month-days',
      description: '«3 dager eller mer borte pr. måned» — yellow at 3 or more absence days in the last 30 days.',
      unit: 'days',
      window: 'month',
      threshold: 3,
      comparison: 'at-least',
      level: 'yellow',
      source: seed(19, '3 dager eller mer borte pr. måned'),
    },
    {
      id: 'bergen-quarter-days',
      description: '«10 dager pr. kvartal (3 mnd)» — yellow at 10 or more absence days in the last 91 days.',
      unit: 'days',
      window: 'quarter',
      threshold: 10,
      comparison: 'at-least',
      level: 'yellow',
      source: seed(20, '10 dager pr. kvartal (3 mnd)'),
    },
    {
      id: 'bergen-pattern-weekday',
      description: '«Fravær med tydelige mønster» — yellow when the same weekday is absent 3 or more times within the last 8 weeks.',
      unit: 'pattern',
      pattern: 'same-weekday',
      window: 'eight-weeks',
      threshold: 3,
      comparison: 'at-least',
      level: 'yellow',
      source: seed(21, 'Fravær med tydelige mønster'),
      reading: 'plans.md, "Patterns": the same weekday absent 3 or more times within the last 8 weeks',
    },
    {
      id: 'bergen-pattern-weekend-holiday',
      description:
        '«Fravær med tydelige mønster» — yellow when absence days touch a weekend or public holiday on 3 or more occasions within the last 8 weeks.',
      unit: 'pattern',
      pattern: 'weekend-or-holiday',
      window: 'eight-weeks',
      threshold: 3,
      comparison: 'at-least',
      level: 'yellow',
      source: seed(21, 'Fravær med tydelige mønster'),
      reading:
        'plans.md, "Patterns": absence days touching a weekend or holiday on 3 or more occasions; an occasion is one weekend or holiday touched (absent the Friday and the Monday around one weekend is one occasion)',
    },
  ],
  steps: [
    {
      id: 'bergen-call-home',
      what: '«Det skal ringes hjem dersom fraværet er bekymringsfullt» / «Ta kontakt umiddelbart med foreldrene når slikt fravær oppdages» — call home as soon as concerning absence is found.',
      responsibleRole: 'contact-teacher',
      trigger: 'level-yellow',
      level: 'yellow',
      deadline: { amount: 0, unit: 'school-days' },
      fulfilledBy: [{ type: 'contact', with: 'guardian' }],
      source: seed(65, 'Det skal ringes hjem dersom fraværet er bekymringsfullt'),
    },
    {
      id: 'bergen-presence-meeting',
      what: '«Møtet avholdes innen 1 uke etter bekymringssamtale med hjemmet» — a presence meeting (nærværsmøte) with student, guardians, contact teacher and department leader within 1 week of the call.',
      responsibleRole: 'school-leader',
      trigger: 'contact-home',
      level: 'yellow',
      deadline: { amount: 1, unit: 'weeks' },
      fulfilledBy: [{ type: 'meeting', meetingTypes: ['presence-meeting'] }],
      source: seed(76, 'Møtet avholdes innen 1 uke etter bekymringssamtale med hjemmet.'),
    },
    {
      id: 'bergen-measure-plan',
      what: '«Tiltaksplan utarbeides på nærværsmøtet» — a written measure plan (who, when, evaluated when) from the presence meeting, archived and sent to the guardians.',
      responsibleRole: 'school-leader',
      trigger: 'presence-meeting',
      level: 'yellow',
      deadline: { amount: 0, unit: 'school-days' },
      fulfilledBy: [{ type: 'measure' }],
      source: seed(90, 'Tiltaksplan utarbeides på nærværsmøtet'),
    },
    {
      id: 'bergen-evaluate-measures',
      what: '«Bør evalueres etter 2-4 uker» — evaluate each measure after 2–4 weeks, in writing, archived.',
      responsibleRole: 'school-leader',
      trigger: 'measure-agreed',
      deadline: { amount: 4, unit: 'weeks' },
      fulfilledBy: [{ type: 'evaluation' }],
      source: seed(100, 'Bør evalueres etter 2-4 uker.'),
      reading: 'due at the latest after 4 weeks; the evaluation interval records the earliest, 2 weeks',
    },
    ...outcomeSteps('bergen', [
      {
        outcomes: ['resolved'],
        what: 'Resolved: consider closing the case.',
        responsibleRole: 'school-leader',
        deadline: { amount: 2, unit: 'weeks' },
        fulfilledBy: [{ type: 'case-closed' }],
        source: seed(98, '6. Evaluering'),
        reading: CONSIDER_CLOSING,
      },
      {
        outcomes: ['progressing'],
        what: '«Bør evalueres etter 2-4 uker» — evaluate again.',
        responsibleRole: 'contact-teacher',
        deadline: { amount: 4, unit: 'weeks' },
        fulfilledBy: [{ type: 'evaluation' }],
        source: seed(100, 'Bør evalueres etter 2-4 uker.'),
      },
      {
        outcomes: ['try-other-measures', 'external-help-needed'],
        what: '«må ytterligere tiltak vurderes og eventuelt andre instanser involveres (PPT, barne-og familiehjelpen, BKL, BUP, barnevernstjenesten)» — further measures, or other services.',
        responsibleRole: 'school-leader',
        deadline: { amount: 1, unit: 'weeks' },
        fulfilledBy: [{ type: 'measure' }, { type: 'referral' }],
        source: seed(
          103,
          'Dersom tiltakene ikke har gitt ønsket effekt, må ytterligere tiltak vurderes og eventuelt andre instanser involveres',
        ),
        reading: 'no deadline in the plan; one week',
      },
    ]),
  ],
  evaluationIntervals: [
    {
      id: 'bergen-evaluation-2-4-weeks',
      what: 'Measures are evaluated after 2–4 weeks.',
      from: { amount: 2, unit: 'weeks' },
      to: { amount: 4, unit: 'weeks' },
      repeats: false,
      source: seed(100, 'Bør evalueres etter 2-4 uker.'),
    },
  ],
  reviewRoutines: [
    {
      id: 'bergen-weekly-overview',
      what: '«Kontaktlærer ser over fraværet ukentlig» — the contact teacher reviews absence weekly.',
      responsibleRole: 'contact-teacher',
      times: 1,
      per: 'week',
      source: seed(41, 'Kontaktlærer ser over fraværet ukentlig.'),
    },
    {
      id: 'bergen-monthly-report',
      what: '«Bekymringsfullt fravær rapporteres til avdelingsleder, første torsdag i hver måned» — concerning absence is reported to the department leader on the first Thursday of every month.',
      responsibleRole: 'contact-teacher',
      times: 1,
      per: 'month',
      source: seed(58, 'Bekymringsfullt fravær rapporteres til avdelingsleder, første torsdag i hver måned.'),
    },
  ],
  phases: [],
};
