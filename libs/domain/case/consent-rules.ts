/** When a consent counts, and which referrals need one. */
import { businessDate } from '../shared/dates.js';
import type { ConsentPurpose, ReferralTarget } from '../events/index.js';
import type { ConsentEntry, OpenedCase } from './case.state.js';

/**
 * plans.md (common model): "A referral to PPT or BUP needs a valid consent. A concern
 * report to barnevern (opplysningsplikt) needs none and overrides confidentiality."
 * The other targets (school nurse, GP, other) are not named as needing one; sharing with
 * them is the staff's judgement, recorded as a consent where it was asked for.
 */
export const REFERRALS_NEEDING_CONSENT: Partial<Record<ReferralTarget, ConsentPurpose>> = {
  ppt: 'ppt',
  bup: 'bup',
};

/**
 * Whom a consent of each purpose must name among its recipients: a consent covers sharing with
 * those it names, so a PPT consent that does not name PPT grants PPT nothing (security finding 9).
 */
const RECIPIENT_NAMES: Partial<Record<ConsentPurpose, RegExp>> = {
  ppt: /\bppt\b|pedagogisk[- ]psykologisk/i,
  bup: /\bbup\b|barne- og ungdomspsykiatri/i,
};

/** Whether `recipients` name whom a consent of `purpose` is for (purposes without a named service: always). */
export function namesItsRecipient(purpose: ConsentPurpose, recipients: readonly string[]): boolean {
  const name = RECIPIENT_NAMES[purpose];
  return name === undefined || recipients.some((r) => name.test(r));
}

/** Valid on `date`: given on or before it and not withdrawn on or before it. */
export function consentValidOn(consent: ConsentEntry, date: string): boolean {
  const day = businessDate(date);
  if (businessDate(consent.givenAt) > day) return false;
  return consent.withdrawal === null || businessDate(consent.withdrawal.at) > day;
}

/** The first consent of `purpose` valid on `date`, if any. */
export function validConsentFor(state: Pick<OpenedCase, 'consents'>, purpose: ConsentPurpose, date: string): ConsentEntry | undefined {
  return state.consents.find((c) => c.purpose === purpose && namesItsRecipient(purpose, c.recipients) && consentValidOn(c, date));
}
