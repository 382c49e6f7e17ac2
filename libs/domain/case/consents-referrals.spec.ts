import { describe, it } from '@jest/globals';
import { DomainError, NotFoundError } from '../shared/domain-error.js';
import type { ConsentGiven, ReferralMade } from '../events/index.js';
import type { GiveConsent, MakeReferral, WithdrawConsent } from './case.commands.js';
import { DeciderSpecification } from '../testing/index.js';
import { caseDecider } from './case.decider.js';
import { hemsedalTrafikklysPlan, vindafjordEtnePlan } from '../plans/index.js';
import { consent, opened, spec, today, withdrawn } from './case.fixtures.js';

const give = (data: Partial<GiveConsent['data']> = {}): GiveConsent => ({
  type: 'GiveConsent',
  data: { ...consent('k1', 'ppt', '2026-11-10').data, ...data },
});
const withdraw = (data: Partial<WithdrawConsent['data']> = {}): WithdrawConsent => ({
  type: 'WithdrawConsent',
  data: { caseId: 'c1', consentId: 'k1', at: '2026-11-20', ...data },
});
const refer = (data: Partial<MakeReferral['data']> = {}): MakeReferral => ({
  type: 'MakeReferral',
  data: { caseId: 'c1', referralId: 'r1', to: 'ppt', kind: 'referral', at: '2026-11-15', note: 'Utredning', ...data },
});
const referred = (data: Partial<ReferralMade['data']> = {}): ReferralMade => ({
  type: 'ReferralMade',
  schemaVersion: 1,
  data: { caseId: 'c1', referralId: 'r1', to: 'ppt', kind: 'referral', at: '2026-11-15', note: 'Utredning', consentId: 'k1', ...data },
});
const pptConsent: ConsentGiven = consent('k1', 'ppt', '2026-11-10');

/** The student was born on 2011-11-11: 15 from 2026-11-11. */
const born2011 = DeciderSpecification.for(caseDecider, { today, studentBirthDate: '2011-11-11' });

describe('GiveConsent', () => {
  it('records a consent per purpose and recipients, by whom and when', () => {
    spec.given([opened]).when(give()).then([pptConsent]);
    born2011
      .given([opened])
      .when(give({ givenBy: { name: 'Kari', relation: 'student' }, purpose: 'stafettlogg', givenAt: '2026-11-11' }))
      .then([
        {
          ...pptConsent,
          data: { ...pptConsent.data, purpose: 'stafettlogg', givenBy: { name: 'Kari', relation: 'student' }, givenAt: '2026-11-11' },
        },
      ]);
  });
  it('plans.md, "Consent": a student’s own consent counts from 15; below that, or with no birth date, a guardian consents', () => {
    born2011
      .given([opened])
      .when(give({ givenBy: { name: 'Kari', relation: 'student' }, givenAt: '2026-11-10' }))
      .thenThrowsCode('student-consent-needs-age');
    spec
      .given([opened])
      .when(give({ givenBy: { name: 'Kari', relation: 'student' } }))
      .thenThrowsCode('student-consent-needs-age');
    born2011
      .given([opened])
      .when(give({ givenAt: '2026-11-10' }))
      .then([pptConsent]);
  });
  it('refuses no recipients, an unknown purpose or relation, a future date, a reused id', () => {
    spec
      .given([opened])
      .when(give({ recipients: [] }))
      .thenThrowsCode('invalid-field');
    spec
      .given([opened])
      .when(give({ purpose: 'police' as never }))
      .thenThrowsCode('invalid-field');
    spec
      .given([opened])
      .when(give({ givenBy: { name: 'X', relation: 'neighbour' as never } }))
      .thenThrowsCode('invalid-field');
    spec
      .given([opened])
      .when(give({ givenAt: '2026-11-24' }))
      .thenThrowsCode('date-in-future');
    spec.given([opened, pptConsent]).when(give()).thenThrowsCode('consent-already-exists');
  });
});

describe('WithdrawConsent', () => {
  it('withdraws a consent, with a note when given', () => {
    spec
      .given([opened, pptConsent])
      .when(withdraw())
      .then([withdrawn('k1', '2026-11-20')]);
    spec
      .given([opened, pptConsent])
      .when(withdraw({ at: '2026-11-10', note: 'angret' }))
      .then([{ type: 'ConsentWithdrawn', schemaVersion: 1, data: { caseId: 'c1', consentId: 'k1', at: '2026-11-10', note: 'angret' } }]);
  });
  it('refuses an unknown consent (404), a second withdrawal, a withdrawal before it was given', () => {
    spec
      .given([opened])
      .when(withdraw())
      .thenThrows(NotFoundError, (e) => e.code === 'consent-not-found');
    spec
      .given([opened, pptConsent, withdrawn('k1', '2026-11-20')])
      .when(withdraw({ at: '2026-11-21' }))
      .thenThrowsCode('consent-already-withdrawn');
    spec
      .given([opened, pptConsent])
      .when(withdraw({ at: '2026-11-09' }))
      .thenThrowsCode('withdrawal-before-consent');
    spec
      .given([opened, pptConsent])
      .when(withdraw({ at: '2026-11-24' }))
      .thenThrowsCode('date-in-future');
  });
});

describe('MakeReferral', () => {
  const consentRequired = (e: DomainError) => e.code === 'consent-required' && e.field === 'to';
  it('refers to PPT with a PPT consent valid on the referral date, naming that consent', () => {
    spec.given([opened, pptConsent]).when(refer()).then([referred()]);
    spec
      .given([opened, pptConsent])
      .when(refer({ at: '2026-11-10' }))
      .then([referred({ at: '2026-11-10' })]);
    spec
      .given([opened, pptConsent])
      .when(refer({ kind: 'consultation' }))
      .then([referred({ kind: 'consultation' })]);
  });
  it('refuses PPT without a consent, before it was given, or after it was withdrawn', () => {
    spec.given([opened]).when(refer()).thenThrows(DomainError, consentRequired);
    spec
      .given([opened, pptConsent])
      .when(refer({ at: '2026-11-09' }))
      .thenThrows(DomainError, consentRequired);
    spec
      .given([opened, pptConsent, withdrawn('k1', '2026-11-15')])
      .when(refer())
      .thenThrows(DomainError, consentRequired);
    spec
      .given([opened, pptConsent, withdrawn('k1', '2026-11-16')])
      .when(refer())
      .then([referred()]);
  });
  it('needs a consent of the same purpose: BUP needs a BUP consent', () => {
    spec
      .given([opened, pptConsent])
      .when(refer({ to: 'bup' }))
      .thenThrows(DomainError, consentRequired);
    spec
      .given([opened, pptConsent, consent('k2', 'bup', '2026-11-12')])
      .when(refer({ to: 'bup' }))
      .then([referred({ to: 'bup', consentId: 'k2' })]);
  });
  it('finds a second, valid consent when the first was withdrawn', () => {
    spec
      .given([opened, pptConsent, withdrawn('k1', '2026-11-11'), consent('k3', 'ppt', '2026-11-14')])
      .when(refer())
      .then([referred({ consentId: 'k3' })]);
  });
  it('barnevern needs no consent (opplysningsplikt), nor do the others', () => {
    spec
      .given([opened])
      .when(refer({ to: 'barnevern' }))
      .then([referred({ to: 'barnevern', consentId: null })]);
    spec
      .given([opened])
      .when(refer({ to: 'school-nurse', kind: 'consultation' }))
      .then([referred({ to: 'school-nurse', kind: 'consultation', consentId: null })]);
  });
  it('refuses an unknown target or kind, a future date, a reused id', () => {
    spec
      .given([opened])
      .when(refer({ to: 'nav' as never }))
      .thenThrowsCode('invalid-field');
    spec
      .given([opened])
      .when(refer({ kind: 'letter' as never }))
      .thenThrowsCode('invalid-field');
    spec
      .given([opened])
      .when(refer({ to: 'barnevern', at: '2026-11-24' }))
      .thenThrowsCode('date-in-future');
    spec
      .given([opened, referred({ to: 'barnevern', consentId: null })])
      .when(refer({ to: 'barnevern' }))
      .thenThrowsCode('duplicate-id');
  });
});

describe('consent as each plan asks for it (plans.md, "Consent")', () => {
  const hemsedal = DeciderSpecification.for(caseDecider, { today, consentDemands: hemsedalTrafikklysPlan.consentDemands });
  const vindafjord = DeciderSpecification.for(caseDecider, { today, consentDemands: vindafjordEtnePlan.consentDemands });
  it('hemsedal-trafikklys (seed 000 line 47) «(med samtykke)»: outside services need consent, barnevern never does', () => {
    hemsedal
      .given([opened])
      .when(refer({ to: 'school-nurse' }))
      .thenThrowsCode('consent-required');
    hemsedal
      .given([opened, consent('k2', 'school-nurse', '2026-11-10')])
      .when(refer({ to: 'school-nurse' }))
      .then([referred({ to: 'school-nurse', consentId: 'k2' })]);
    hemsedal
      .given([opened])
      .when(refer({ to: 'barnevern' }))
      .then([referred({ to: 'barnevern', consentId: null })]);
    // Other plans leave the school nurse to the staff's judgement.
    spec
      .given([opened])
      .when(refer({ to: 'school-nurse' }))
      .then([referred({ to: 'school-nurse', consentId: null })]);
  });
  it('vindafjord-etne (seed 001 line 86) «hugs å innhente samtykke frå føresette»: no resource-team meeting without a valid consent', () => {
    const meeting = {
      type: 'HoldMeeting' as const,
      data: {
        caseId: 'c1',
        meetingId: 'm1',
        type: 'resource-team' as const,
        heldAt: '2026-11-20T12:00:00Z',
        participants: [{ name: 'Rektor', role: 'school-leader' }],
        minutes: 'Drøfta saka',
      },
    };
    vindafjord.given([opened]).when(meeting).thenThrowsCode('consent-required');
    vindafjord
      .given([opened, consent('k3', 'stafettlogg', '2026-11-10'), withdrawn('k3', '2026-11-15')])
      .when(meeting)
      .thenThrowsCode('consent-required');
    vindafjord
      .given([opened, consent('k3', 'stafettlogg', '2026-11-10')])
      .when(meeting)
      .then([{ type: 'MeetingHeld', schemaVersion: 1, data: { ...meeting.data } }]);
  });
});
