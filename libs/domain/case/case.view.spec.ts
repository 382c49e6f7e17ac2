import { describe, expect, it } from '@jest/globals';
import { fold } from '../shared/decider.js';
import type { CaseEvent } from '../events/index.js';
import { caseDecider } from './case.decider.js';
import { caseView } from './case.view.js';
import { closed, consent, measure, opened, today, withdrawn } from './case.fixtures.js';

const history: CaseEvent[] = [
  opened,
  {
    type: 'ContactRecorded',
    schemaVersion: 1,
    data: { caseId: 'c1', contactId: 'k1', with: 'guardian', channel: 'phone', at: '2026-11-03', summary: 'Ringte mor' },
  },
  {
    type: 'MeetingHeld',
    schemaVersion: 1,
    data: {
      caseId: 'c1',
      meetingId: 'mt1',
      type: 'presence-meeting',
      heldAt: '2026-11-05',
      participants: [{ name: 'Ola', role: 'contact-teacher' }],
      minutes: 'Referat',
      studentView: 'Vil prøve',
    },
  },
  {
    type: 'MappingRecorded',
    schemaVersion: 1,
    data: { caseId: 'c1', mappingId: 'mp1', domains: { social: 'ensom' }, summary: 'Sosialt', on: '2026-11-06' },
  },
  measure,
  {
    type: 'MeasureEvaluated',
    schemaVersion: 1,
    data: { caseId: 'c1', measureId: 'm1', evaluationId: 'e1', outcome: 'progressing', note: 'Bedre', on: '2026-11-20' },
  },
  consent('ppt1', 'ppt', '2026-11-10'),
  {
    type: 'ReferralMade',
    schemaVersion: 1,
    data: { caseId: 'c1', referralId: 'r1', to: 'ppt', kind: 'consultation', at: '2026-11-12', note: 'Drøfting', consentId: 'ppt1' },
  },
  withdrawn('ppt1', '2026-11-19'),
  { type: 'PhaseChanged', schemaVersion: 1, data: { caseId: 'c1', phase: 2, previousPhase: 1, reason: 'Ressursteam', on: '2026-11-19' } },
  {
    type: 'ReturnPlanAgreed',
    schemaVersion: 1,
    data: { caseId: 'c1', goals: ['Første time'], presenceGuide: { name: 'Per', role: 'miljøarbeider' }, startsOn: '2026-11-30' },
  },
  closed,
];

describe('caseView (GET /cases/:caseId)', () => {
  it('shows the case as api.md names it, plus the project’s additions', () => {
    const view = caseView(fold(caseDecider, history));
    expect(JSON.parse(JSON.stringify(view))).toEqual({
      caseId: 'c1',
      studentId: 's1',
      schoolId: 'hemsedal',
      status: 'closed',
      phase: 2,
      contacts: [{ contactId: 'k1', with: 'guardian', channel: 'phone', at: '2026-11-03', summary: 'Ringte mor' }],
      meetings: [
        {
          meetingId: 'mt1',
          type: 'presence-meeting',
          heldAt: '2026-11-05',
          participants: [{ name: 'Ola', role: 'contact-teacher' }],
          minutes: 'Referat',
          studentView: 'Vil prøve',
        },
      ],
      measures: [
        {
          ...measure.data,
          caseId: undefined,
          evaluations: [{ evaluationId: 'e1', outcome: 'progressing', note: 'Bedre', on: '2026-11-20' }],
        },
      ].map(({ caseId: _c, ...m }) => m),
      consents: [
        {
          consentId: 'ppt1',
          purpose: 'ppt',
          recipients: ['PPT Hallingdal'],
          givenBy: { name: 'Anne Nordmann', relation: 'guardian' },
          givenAt: '2026-11-10',
          withdrawal: { at: '2026-11-19' },
        },
      ],
      referrals: [{ referralId: 'r1', to: 'ppt', kind: 'consultation', at: '2026-11-12', note: 'Drøfting', consentId: 'ppt1' }],
      revision: 11,
      reason: 'gult nivå',
      openedOn: '2026-11-02',
      mappings: [{ mappingId: 'mp1', domains: { social: 'ensom' }, summary: 'Sosialt', on: '2026-11-06' }],
      returnPlan: { goals: ['Første time'], presenceGuide: { name: 'Per', role: 'miljøarbeider' }, startsOn: '2026-11-30' },
      closure: { outcome: 'resolved', note: 'tilbake i full skolegang', on: today },
      deposits: [],
    });
  });
  it('has every field api.md lists', () => {
    const keys = Object.keys(caseView(fold(caseDecider, [opened])));
    for (const key of [
      'caseId',
      'studentId',
      'schoolId',
      'status',
      'phase',
      'contacts',
      'meetings',
      'measures',
      'consents',
      'referrals',
      'revision',
    ])
      expect(keys).toContain(key);
  });
  it('revision is the stream revision of the last event (0-based), what If-Match compares', () => {
    expect(caseView(fold(caseDecider, [opened])).revision).toBe(0);
    expect(caseView(fold(caseDecider, [opened])).status).toBe('open');
    expect(caseView(fold(caseDecider, [opened])).consents).toEqual([]);
  });
  it('an empty stream is case-not-found', () => {
    expect(() => caseView(fold(caseDecider, []))).toThrow(expect.objectContaining({ code: 'case-not-found' }) as unknown as Error);
  });
});
