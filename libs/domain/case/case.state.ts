/** The state of one case: exactly what decide needs and what GET /cases/:caseId shows. */
import type { CaseEvent, EventData } from '../events/index.js';

type Entry<T extends CaseEvent['type']> = Omit<EventData<T>, 'caseId'>;

export type ContactEntry = Entry<'ContactRecorded'>;
export type MeetingEntry = Entry<'MeetingHeld'>;
export type MappingEntry = Entry<'MappingRecorded'>;
export type EvaluationEntry = Omit<Entry<'MeasureEvaluated'>, 'measureId'>;
export type MeasureEntry = Entry<'MeasureAgreed'> & { readonly evaluations: readonly EvaluationEntry[] };
export type ConsentEntry = Entry<'ConsentGiven'> & { readonly withdrawal: { readonly at: string; readonly note?: string } | null };
export type ReferralEntry = Entry<'ReferralMade'>;
export type PhaseEntry = { readonly phase: number; readonly previousPhase: number; readonly reason: string; readonly on: string };
export type ReturnPlanEntry = Entry<'ReturnPlanAgreed'>;
export type ClosureEntry = Entry<'CaseClosed'>;
export type DepositEntry = Entry<'CaseDeposited'>;

export interface OpenedCase {
  readonly status: 'open' | 'closed';
  readonly caseId: string;
  readonly studentId: string;
  readonly schoolId: string;
  readonly reason: string | null;
  readonly openedOn: string;
  readonly phase: number;
  readonly phaseHistory: readonly PhaseEntry[];
  readonly contacts: readonly ContactEntry[];
  readonly meetings: readonly MeetingEntry[];
  readonly mappings: readonly MappingEntry[];
  readonly measures: readonly MeasureEntry[];
  readonly consents: readonly ConsentEntry[];
  readonly referrals: readonly ReferralEntry[];
  /** The return plan last agreed (a new one replaces it; the old stays in history). */
  readonly returnPlan: ReturnPlanEntry | null;
  /** The last closing, kept after reopening so the view can show how it ended before. */
  readonly closure: ClosureEntry | null;
  /** The Noark deposits the case went to the archive in, oldest first. */
  readonly deposits: readonly DepositEntry[];
  /** Set once the case is blocked (sperret): readable by auditors only, nothing added. */
  readonly blocked?: { readonly blockingId: string; readonly reason: string; readonly on: string };
  /** 0-based revision of the stream's last event (what If-Match compares); -1 when empty. */
  readonly revision: number;
}

export type CaseState = { readonly status: 'none'; readonly revision: number } | OpenedCase;

export const initialCaseState = (): CaseState => ({ status: 'none', revision: -1 });
