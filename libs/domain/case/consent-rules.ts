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

/** Valid on `date`: given on or before it and not withdrawn on or before it. */
export function consentValidOn(consent: ConsentEntry, date: string): boolean {
  const day = businessDate(date);
  if (businessDate(consent.givenAt) > day) return false;
  return consent.withdrawal === null || businessDate(consent.withdrawal.at) > day;
}

/** The first consent of `purpose` valid on `date`, if any. */
export function validConsentFor(state: Pick<OpenedCase, 'consents'>, purpose: ConsentPurpose, date: string): ConsentEntry | undefined {
  return state.consents.find((c) => c.purpose === purpose && consentValidOn(c, date));
}
