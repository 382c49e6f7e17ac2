import { describe, it } from '@jest/globals';
import { NotFoundError } from '../shared/domain-error.js';
import type { CaseCommand, ChangePhase, CloseCase, OpenCase, RecordDeposit, ReopenCase } from './case.commands.js';
import type { CaseDeposited } from '../events/index.js';
import { closed, opened, spec, today } from './case.fixtures.js';

const open = (data: Partial<OpenCase['data']> = {}): OpenCase => ({
  type: 'OpenCase',
  data: { caseId: 'c1', studentId: 's1', schoolId: 'hemsedal', reason: 'gult nivå', openedOn: '2026-11-02', ...data },
});
const close: CloseCase = { type: 'CloseCase', data: { caseId: 'c1', outcome: 'resolved', note: 'tilbake i full skolegang' } };
const reopen: ReopenCase = { type: 'ReopenCase', data: { caseId: 'c1', reason: 'nytt fravær' } };
const phase = (p: number, extra: Partial<ChangePhase['data']> = {}): ChangePhase => ({
  type: 'ChangePhase',
  data: { caseId: 'c1', phase: p, reason: 'ingen effekt', ...extra },
});

describe('OpenCase', () => {
  it('opens a case in phase 1 on its business date', () => {
    spec.given([]).when(open()).then([opened]);
  });
  it('defaults openedOn to today and reason to null', () => {
    spec
      .given([])
      .when(open({ openedOn: undefined, reason: undefined }))
      .then([{ ...opened, data: { ...opened.data, reason: null, openedOn: today } }]);
  });
  it('may start in a later phase (a Bærum case starts in phase 2)', () => {
    spec
      .given([])
      .when(open({ phase: 2 }))
      .then([{ ...opened, data: { ...opened.data, phase: 2 } }]);
    spec
      .given([])
      .when(open({ phase: 4 }), { maxPhase: 3 })
      .thenThrowsCode('invalid-phase');
  });
  it('refuses an opened stream, a future date, a missing student', () => {
    spec.given([opened]).when(open()).thenThrowsCode('case-already-opened');
    spec.given([opened, closed]).when(open()).thenThrowsCode('case-already-opened');
    spec
      .given([])
      .when(open({ openedOn: '2026-11-24' }))
      .thenThrowsCode('date-in-future');
    spec
      .given([])
      .when(open({ studentId: '' }))
      .thenThrowsCode('invalid-field');
  });
});

describe('ChangePhase (phases.ts)', () => {
  it('moves up and down, recording the previous phase', () => {
    spec
      .given([opened])
      .when(phase(2))
      .then([
        { type: 'PhaseChanged', schemaVersion: 1, data: { caseId: 'c1', phase: 2, previousPhase: 1, reason: 'ingen effekt', on: today } },
      ]);
    const inTwo = {
      type: 'PhaseChanged',
      schemaVersion: 1,
      data: { caseId: 'c1', phase: 2, previousPhase: 1, reason: 'r', on: today },
    } as const;
    spec
      .given([opened, inTwo])
      .when(phase(1, { on: '2026-11-20' }))
      .then([
        {
          type: 'PhaseChanged',
          schemaVersion: 1,
          data: { caseId: 'c1', phase: 1, previousPhase: 2, reason: 'ingen effekt', on: '2026-11-20' },
        },
      ]);
  });
  it('validates against the plan’s number of phases', () => {
    spec
      .given([opened])
      .when(phase(4))
      .then([
        { type: 'PhaseChanged', schemaVersion: 1, data: { caseId: 'c1', phase: 4, previousPhase: 1, reason: 'ingen effekt', on: today } },
      ]);
    spec.given([opened]).when(phase(4), { maxPhase: 3 }).thenThrowsCode('invalid-phase');
    spec.given([opened]).when(phase(0)).thenThrowsCode('invalid-phase');
    spec.given([opened]).when(phase(2.5)).thenThrowsCode('invalid-phase');
  });
  it('refuses the phase the case is in, and an empty reason', () => {
    spec.given([opened]).when(phase(1)).thenThrowsCode('phase-unchanged');
    spec
      .given([opened])
      .when(phase(2, { reason: '' }))
      .thenThrowsCode('invalid-field');
  });
});

describe('CloseCase and ReopenCase', () => {
  it('closes an open case', () => {
    spec.given([opened]).when(close).then([closed]);
  });
  it('reopens a closed case', () => {
    spec
      .given([opened, closed])
      .when(reopen)
      .then([{ type: 'CaseReopened', schemaVersion: 1, data: { caseId: 'c1', reason: 'nytt fravær', on: today } }]);
  });
  it('refuses reopening an open case, closing twice, an empty outcome', () => {
    spec.given([opened]).when(reopen).thenThrowsCode('case-not-closed');
    spec.given([opened, closed]).when(close).thenThrowsCode('case-closed');
    spec
      .given([opened])
      .when({ ...close, data: { ...close.data, outcome: '' } })
      .thenThrowsCode('invalid-field');
  });
  it('a reopened case takes commands again', () => {
    const reopened = { type: 'CaseReopened', schemaVersion: 1, data: { caseId: 'c1', reason: 'r', on: today } } as const;
    spec.given([opened, closed, reopened]).when(close).then([closed]);
  });

  const everyOtherCommand: CaseCommand[] = [
    { type: 'RecordContact', data: { caseId: 'c1', contactId: 'k1', with: 'guardian', channel: 'phone', at: today, summary: 's' } },
    {
      type: 'HoldMeeting',
      data: { caseId: 'c1', meetingId: 'mt1', type: 'other', heldAt: today, participants: [{ name: 'a', role: 'b' }], minutes: 'm' },
    },
    { type: 'RecordMapping', data: { caseId: 'c1', mappingId: 'mp1', domains: {}, summary: 's' } },
    {
      type: 'AgreeMeasure',
      data: { caseId: 'c1', measureId: 'm1', description: 'd', responsible: { name: 'a', role: 'b' }, startsOn: today, evaluateBy: today },
    },
    { type: 'EvaluateMeasure', data: { caseId: 'c1', measureId: 'm1', evaluationId: 'e1', outcome: 'resolved', note: 'n' } },
    {
      type: 'GiveConsent',
      data: {
        caseId: 'c1',
        consentId: 'k1',
        purpose: 'ppt',
        recipients: ['PPT'],
        givenBy: { name: 'a', relation: 'guardian' },
        givenAt: today,
      },
    },
    { type: 'WithdrawConsent', data: { caseId: 'c1', consentId: 'k1', at: today } },
    { type: 'MakeReferral', data: { caseId: 'c1', referralId: 'r1', to: 'barnevern', kind: 'referral', at: today, note: 'n' } },
    phase(2),
    { type: 'AgreeReturnPlan', data: { caseId: 'c1', goals: ['g'], presenceGuide: { name: 'a', role: 'b' }, startsOn: today } },
    close,
  ];
  it.each(everyOtherCommand.map((c) => [c.type, c] as const))('a closed case refuses %s', (_type, command) => {
    spec.given([opened, closed]).when(command).thenThrowsCode('case-closed');
  });
  it.each([...everyOtherCommand, reopen].map((c) => [c.type, c] as const))('an unknown case answers 404 to %s', (_type, command) => {
    spec
      .given([])
      .when(command)
      .thenThrows(NotFoundError, (e) => e.code === 'case-not-found');
  });
});

describe('RecordDeposit', () => {
  const checksum = { algorithm: 'SHA-256' as const, value: 'a'.repeat(64), of: 'arkivuttrekk.xml' };
  const deposit = (data: Partial<RecordDeposit['data']> = {}): RecordDeposit => ({
    type: 'RecordDeposit',
    data: { caseId: 'c1', depositId: 'd1', checksum, period: { from: '2026-08-01', to: '2026-12-31' }, ...data },
  });
  const deposited: CaseDeposited = {
    type: 'CaseDeposited',
    schemaVersion: 1,
    data: { caseId: 'c1', depositId: 'd1', checksum, period: { from: '2026-08-01', to: '2026-12-31' }, on: today },
  };
  it('records a closed case going to the archive, with the deposit and its checksum', () => {
    spec.given([opened, closed]).when(deposit()).then([deposited]);
  });
  it('records an open case too (a deposit of a period while the case goes on)', () => {
    spec.given([opened]).when(deposit()).then([deposited]);
  });
  it('records one deposit once: the same export run again records nothing', () => {
    spec.given([opened, closed, deposited]).when(deposit()).then([]);
  });
  it('refuses a checksum that is not a SHA-256, and a missing period', () => {
    spec
      .given([opened])
      .when(deposit({ checksum: { ...checksum, value: 'not-hex' } }))
      .thenThrowsCode('invalid-field');
    spec
      .given([opened])
      .when(deposit({ period: { from: 'x', to: '2026-12-31' } }))
      .thenThrowsCode('invalid-date');
  });
});
