/** Consents (samtykke) and referrals (henvisning), which may need them. */
import { DomainError, NotFoundError } from '../shared/domain-error.js';
import { ageOn, businessDate, requireDateOrInstant, requireNotFuture } from '../shared/dates.js';
import { requireNonEmptyList, requireOneOf, requireString, requireText } from '../shared/require.js';
import {
  CONSENT_PURPOSES,
  type ConsentPurpose,
  CONSENT_RELATIONS,
  REFERRAL_KINDS,
  REFERRAL_TARGETS,
  type ConsentGiven,
  type ConsentWithdrawn,
  type ReferralMade,
} from '../events/index.js';
import type { CaseContext, GiveConsent, MakeReferral, WithdrawConsent } from './case.commands.js';
import type { OpenedCase } from './case.state.js';
import { requireNewId } from './case-input.js';
import { REFERRALS_NEEDING_CONSENT, validConsentFor } from './consent-rules.js';

export function giveConsent(command: GiveConsent, state: OpenedCase, context: CaseContext): ConsentGiven[] {
  const d = command.data;
  const givenAt = requireDateOrInstant(d.givenAt, 'givenAt');
  requireNotFuture(givenAt, context.today, 'givenAt');
  const givenBy = (d.givenBy ?? {}) as Partial<GiveConsent['data']['givenBy']>;
  const relation = requireOneOf(givenBy.relation, CONSENT_RELATIONS, 'givenBy.relation');
  // plans.md, "Consent": the student's own consent counts from 15; below that, or with no birth date
  // on record to show it, the guardians consent.
  if (relation === 'student') {
    const born = context.studentBirthDate ?? null;
    if (born === null)
      throw new DomainError(
        'student-consent-needs-age',
        'a student consents only from 15: enrol the student with a birthDate, or let a guardian consent',
        'givenBy.relation',
      );
    const age = ageOn(born, businessDate(givenAt));
    if (age < 15)
      throw new DomainError(
        'student-consent-needs-age',
        `the student was ${age} on ${businessDate(givenAt)}: below 15 a guardian consents`,
        'givenBy.relation',
      );
  }
  return [
    {
      type: 'ConsentGiven',
      schemaVersion: 1,
      data: {
        caseId: state.caseId,
        consentId: requireNewId(
          d.consentId,
          state.consents.map((c) => c.consentId),
          'consentId',
          'consent-already-exists',
        ),
        purpose: requireOneOf(d.purpose, CONSENT_PURPOSES, 'purpose'),
        recipients: requireNonEmptyList<unknown>(d.recipients, 'recipients').map((r, i) => requireText(r, `recipients[${i}]`)),
        givenBy: {
          name: requireText(givenBy.name, 'givenBy.name'),
          relation,
        },
        givenAt,
      },
    },
  ];
}

/** A consent is withdrawn once, on or after the day it was given. */
export function withdrawConsent(command: WithdrawConsent, state: OpenedCase, context: CaseContext): ConsentWithdrawn[] {
  const d = command.data;
  const consent = state.consents.find((c) => c.consentId === d.consentId);
  if (!consent) throw new NotFoundError('consent-not-found', `case ${state.caseId} has no consent ${d.consentId}`, 'consentId');
  if (consent.withdrawal)
    throw new DomainError(
      'consent-already-withdrawn',
      `consent ${consent.consentId} was already withdrawn at ${consent.withdrawal.at}`,
      'consentId',
    );
  const at = requireDateOrInstant(d.at, 'at');
  requireNotFuture(at, context.today, 'at');
  if (businessDate(at) < businessDate(consent.givenAt)) {
    throw new DomainError(
      'withdrawal-before-consent',
      `consent ${consent.consentId} was given ${consent.givenAt}; it cannot be withdrawn at ${at}`,
      'at',
    );
  }
  const note = d.note;
  return [
    {
      type: 'ConsentWithdrawn',
      schemaVersion: 1,
      data: { caseId: state.caseId, consentId: consent.consentId, at, ...(note !== undefined ? { note } : {}) },
    },
  ];
}

/**
 * api.md: a referral to `ppt` or `bup` answers 422 without a valid consent of that purpose
 * (on the referral's date); `barnevern` needs none (opplysningsplikt). This holds for
 * consultations too: api.md does not tell them apart, and a named consultation shares data.
 */
export function makeReferral(command: MakeReferral, state: OpenedCase, context: CaseContext): ReferralMade[] {
  const d = command.data;
  const to = requireOneOf(d.to, REFERRAL_TARGETS, 'to');
  const kind = requireOneOf(d.kind, REFERRAL_KINDS, 'kind');
  const at = requireDateOrInstant(d.at, 'at');
  requireNotFuture(at, context.today, 'at');
  const purpose =
    REFERRALS_NEEDING_CONSENT[to] ??
    ((context.consentDemands?.referralsTo as readonly string[] | undefined)?.includes(to) ? (to as ConsentPurpose) : undefined);
  let consentId: string | null = null;
  if (purpose) {
    const consent = validConsentFor(state, purpose, at);
    if (!consent) {
      throw new DomainError(
        'consent-required',
        `a ${kind} to ${to} needs a ${purpose} consent valid on ${businessDate(at)}; case ${state.caseId} has none`,
        'to',
        { purpose },
      );
    }
    consentId = consent.consentId;
  }
  return [
    {
      type: 'ReferralMade',
      schemaVersion: 1,
      data: {
        caseId: state.caseId,
        referralId: requireNewId(
          d.referralId,
          state.referrals.map((r) => r.referralId),
          'referralId',
        ),
        to,
        kind,
        at,
        note: requireString(d.note, 'note'),
        consentId,
      },
    },
  ];
}
