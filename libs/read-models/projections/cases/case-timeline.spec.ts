import { describe, expect, it } from '@jest/globals';
import { studentSchoolLevel, type CaseReferral } from './case-doc.js';
import { entryOn, phaseOn, pptAccess, pptInvolvementOn, statusOn } from './case-timeline.js';

const referral = (to: CaseReferral['to'], kind: CaseReferral['kind'], on: string, seq: number): CaseReferral => ({
  referralId: `r${seq}`,
  to,
  kind,
  at: on,
  on,
  note: '',
  consentId: null,
  seq,
});

describe('case timeline', () => {
  it('takes the latest entry dated on or before the date, whatever order they were recorded in', () => {
    // Recorded: opened 1 Oct (seq 1), closed 1 Dec (seq 2), then a closing dated 1 Nov written up late (seq 3).
    const history = [
      { status: 'open' as const, on: '2025-10-01', seq: 1 },
      { status: 'closed' as const, on: '2025-12-01', seq: 2 },
      { status: 'open' as const, on: '2025-12-15', seq: 4 },
      { status: 'closed' as const, on: '2025-11-01', seq: 3 },
    ];
    expect(statusOn({ statusHistory: history }, '2025-09-30')).toBeNull();
    expect(statusOn({ statusHistory: history }, '2025-10-31')).toBe('open');
    expect(statusOn({ statusHistory: history }, '2025-11-01')).toBe('closed');
    expect(statusOn({ statusHistory: history }, '2025-12-14')).toBe('closed');
    expect(statusOn({ statusHistory: history }, '2025-12-15')).toBe('open');
  });

  it('breaks a tie of business dates by the recording order', () => {
    const entries = [
      { phase: 3, on: '2025-11-03', seq: 7, reason: null },
      { phase: 2, on: '2025-11-03', seq: 5, reason: null },
    ];
    expect(entryOn(entries, '2025-11-03')?.phase).toBe(3);
    expect(phaseOn({ phaseHistory: entries }, '2025-11-02')).toBeNull();
  });

  it("reads PPT involvement as PPT's table does: a referral outranks a consultation", () => {
    const doc = {
      referrals: [
        referral('ppt', 'consultation', '2025-10-01', 1),
        referral('barnevern', 'referral', '2025-10-05', 2),
        referral('ppt', 'referral', '2025-11-01', 3),
      ],
    };
    expect(pptInvolvementOn(doc, '2025-09-30')).toBeNull();
    expect(pptInvolvementOn(doc, '2025-10-31')).toBe('consulted');
    expect(pptInvolvementOn(doc, '2025-11-01')).toBe('referred');
    expect(pptInvolvementOn({ referrals: [referral('bup', 'referral', '2025-10-01', 1)] }, '2025-12-01')).toBeNull();
  });

  it('takes a consent withdrawal to hold from its own date, and other purposes not at all', () => {
    const base = {
      consentId: 'c',
      recipients: ['PPT'],
      givenBy: { name: 'Mor', relation: 'guardian' as const },
      givenAt: '2025-10-01',
      givenOn: '2025-10-01',
    };
    const doc = {
      referrals: [referral('ppt', 'consultation', '2025-10-02', 1)],
      consents: [
        { ...base, purpose: 'ppt' as const, withdrawnAt: '2025-11-01T12:00:00Z', withdrawnOn: '2025-11-01' },
        { ...base, consentId: 'b', purpose: 'bup' as const },
      ],
    };
    expect(pptAccess(doc, '2025-10-01')).toEqual({ referredOrConsulted: false, consentValid: true });
    expect(pptAccess(doc, '2025-10-31')).toEqual({ referredOrConsulted: true, consentValid: true });
    expect(pptAccess(doc, '2025-11-01')).toEqual({ referredOrConsulted: true, consentValid: false });
  });

  it('splits a kombinert school at grade 8', () => {
    expect(studentSchoolLevel('kombinert', 1)).toBe('barneskole');
    expect(studentSchoolLevel('kombinert', 7)).toBe('barneskole');
    expect(studentSchoolLevel('kombinert', 8)).toBe('ungdomsskole');
    expect(studentSchoolLevel('kombinert', 10)).toBe('ungdomsskole');
    expect(studentSchoolLevel('barneskole', 7)).toBe('barneskole');
    expect(studentSchoolLevel('ungdomsskole', 8)).toBe('ungdomsskole');
  });
});
