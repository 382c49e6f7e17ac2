/**
 * Questions about a case at a business date. Records are often written after the fact
 * (api.md: "statistics count them by those dates"), so every answer folds the dated history
 * rather than reading the current fields: the latest entry dated on or before D wins, and
 * entries of the same date count in the order they were recorded.
 */
import type { CaseConsent, CaseDoc, CaseReferral } from './case-doc.js';
import { namesItsRecipient } from '#domain/case/consent-rules.js';

type PptReferralFields = Pick<CaseReferral, 'to' | 'kind' | 'on'>;
type PptConsentFields = Pick<CaseConsent, 'purpose' | 'givenOn' | 'withdrawnOn' | 'recipients'>;

interface Dated {
  readonly on: string;
  readonly seq: number;
}

/** The entry in force on `date`: the last one dated on or before it (ties: the later recorded). */
export function entryOn<T extends Dated>(entries: readonly T[], date: string): T | undefined {
  let best: T | undefined;
  for (const e of entries) {
    if (e.on > date) continue;
    if (!best || e.on > best.on || (e.on === best.on && e.seq > best.seq)) best = e;
  }
  return best;
}

/** 'open' | 'closed' on `date`, or null before the case was opened. */
export function statusOn(doc: Pick<CaseDoc, 'statusHistory'>, date: string): 'open' | 'closed' | null {
  return entryOn(doc.statusHistory, date)?.status ?? null;
}

export function isOpenOn(doc: Pick<CaseDoc, 'statusHistory'>, date: string): boolean {
  return statusOn(doc, date) === 'open';
}

/** The phase on `date`, or null before the case was opened. */
export function phaseOn(doc: Pick<CaseDoc, 'phaseHistory'>, date: string): number | null {
  return entryOn(doc.phaseHistory, date)?.phase ?? null;
}

/** Referrals dated on or before `date`. */
export function referralsBy(doc: Pick<CaseDoc, 'referrals'>, date: string): CaseReferral[] {
  return doc.referrals.filter((r) => r.on <= date);
}

export type PptInvolvement = 'referred' | 'consulted' | null;

/**
 * PPT's table (baerum, seed 004 line 59–63): a case counts as referred once it has a PPT
 * referral, and as consulted when it has a PPT consultation but no referral (yet).
 */
export function pptInvolvementOn(doc: { readonly referrals: readonly PptReferralFields[] }, date: string): PptInvolvement {
  let consulted = false;
  for (const r of doc.referrals) {
    if (r.to !== 'ppt' || r.on > date) continue;
    if (r.kind === 'referral') return 'referred';
    consulted = true;
  }
  return consulted ? 'consulted' : null;
}

export interface PptAccess {
  /** A PPT referral or consultation dated on or before the date. */
  readonly referredOrConsulted: boolean;
  /** A PPT consent given on or before the date and not withdrawn on or before it. */
  readonly consentValid: boolean;
}

/**
 * What the `ppt` role may see (api.md: "only cases referred to or consulted with PPT while
 * a PPT consent is valid"). Same rule as the domain's `consentValidOn`: a withdrawal takes
 * effect on its own date.
 */
export function pptAccess(
  doc: { readonly referrals: readonly PptReferralFields[]; readonly consents: readonly PptConsentFields[] },
  onDate: string,
): PptAccess {
  return {
    referredOrConsulted: pptInvolvementOn(doc, onDate) !== null,
    consentValid: doc.consents.some(
      (c) =>
        c.purpose === 'ppt' &&
        namesItsRecipient('ppt', c.recipients) &&
        c.givenOn <= onDate &&
        (c.withdrawnOn === undefined || c.withdrawnOn > onDate),
    ),
  };
}

type Phase3Facts = Pick<CaseDoc, 'statusHistory' | 'phaseHistory' | 'measures'>;

/**
 * The case as it stood once the events up to global position `position` were recorded: only the
 * history entries with `seq` ≤ position (a case opened later has no status then, so is not open).
 * The concern saga judges an event on the case facts as of that event, whatever position the
 * read model has reached since, so that replaying the same log gives the same decisions.
 */
export function recordedBy(doc: Phase3Facts, position: number): Phase3Facts {
  return {
    statusHistory: doc.statusHistory.filter((e) => e.seq <= position),
    phaseHistory: doc.phaseHistory.filter((e) => e.seq <= position),
    measures: doc.measures
      .filter((m) => m.seq <= position)
      .map((m) => ({ ...m, evaluations: m.evaluations.filter((e) => e.seq <= position) })),
  };
}

/**
 * Bærum's "case in phase 3 or later that did not resolve" (plans.md, baerum), read as: open on
 * `asOf`, in phase 3 or later on that date, and its latest evaluation by then (if any) did not
 * end in `resolved`.
 */
export function inPhase3Unresolved(doc: Phase3Facts, asOf: string): boolean {
  if (!isOpenOn(doc, asOf) || (phaseOn(doc, asOf) ?? 0) < 3) return false;
  let latest: { on: string; seq: number; outcome: string } | undefined;
  for (const m of doc.measures) {
    for (const e of m.evaluations) {
      if (e.on > asOf) continue;
      if (!latest || e.on > latest.on || (e.on === latest.on && e.seq > latest.seq)) latest = e;
    }
  }
  return latest?.outcome !== 'resolved';
}
