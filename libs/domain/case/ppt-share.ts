/**
 * What a PPT consent lets the school share with PPT (plans.md, "Consent": "PPT reads of a case
 * show what PPT's consent covers"): the case's frame, PPT's own referrals and consents, and the
 * meetings and measures PPT took part in. Referrals elsewhere (BUP, barnevern), contacts with the
 * home, mappings of the family and the return plan stay with the school.
 */
import type { PersonRef } from '../events/index.js';

const PPT = /\bppt\b|pedagogisk[- ]psykologisk/i;

/** A person who is PPT: the role `ppt`, or a name or role that says PPT. */
export function isPpt(person: PersonRef): boolean {
  return person.role === 'ppt' || PPT.test(person.role) || PPT.test(person.name);
}

export function pptTookPartIn(meeting: { readonly participants: readonly PersonRef[] }): boolean {
  return meeting.participants.some(isPpt);
}

export function pptIsResponsibleFor(measure: { readonly responsible: PersonRef }): boolean {
  return isPpt(measure.responsible);
}

/** The case as PPT may read it under its consent (the frame and what PPT is part of). */
export function pptView<V extends PptViewable>(view: V): V {
  return {
    ...view,
    contacts: [],
    mappings: [],
    returnPlan: null,
    deposits: [],
    referrals: view.referrals.filter((r) => r.to === 'ppt'),
    consents: view.consents.filter((c) => c.purpose === 'ppt'),
    meetings: view.meetings.filter(pptTookPartIn),
    measures: view.measures.filter(pptIsResponsibleFor),
  };
}

interface PptViewable {
  readonly contacts: readonly unknown[];
  readonly mappings: readonly unknown[];
  readonly returnPlan: unknown;
  readonly deposits: readonly unknown[];
  readonly referrals: readonly { readonly to: string }[];
  readonly consents: readonly { readonly purpose: string }[];
  readonly meetings: readonly { readonly participants: readonly PersonRef[] }[];
  readonly measures: readonly { readonly responsible: PersonRef }[];
}
