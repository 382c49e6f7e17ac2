/** Events of the `case-<id>` stream (one follow-up case, sak, of one student). */
import type { DomainEvent } from './event.js';
import type {
  ConsentGiver,
  ConsentPurpose,
  ContactChannel,
  ContactParty,
  EvaluationOutcome,
  MappingDomains,
  MeetingType,
  PersonRef,
  ReferralKind,
  ReferralTarget,
} from './values.js';

export type CaseOpened = DomainEvent<
  'CaseOpened',
  {
    readonly caseId: string;
    readonly studentId: string;
    readonly schoolId: string;
    readonly reason: string | null;
    readonly openedOn: string;
    /** The phase the case starts in (see libs/domain/case/phases.ts). */
    readonly phase: number;
  },
  1
>;

export type ContactRecorded = DomainEvent<
  'ContactRecorded',
  {
    readonly caseId: string;
    readonly contactId: string;
    readonly with: ContactParty;
    readonly channel: ContactChannel;
    /** Date or instant of the conversation. */
    readonly at: string;
    readonly summary: string;
    /** Elevens stemme. */
    readonly studentView?: string;
  },
  1
>;

export type MeetingHeld = DomainEvent<
  'MeetingHeld',
  {
    readonly caseId: string;
    readonly meetingId: string;
    readonly type: MeetingType;
    readonly heldAt: string;
    readonly participants: readonly PersonRef[];
    /** The minutes (referat); journalled in the Noark export. */
    readonly minutes: string;
    readonly studentView?: string;
  },
  1
>;

export type MappingRecorded = DomainEvent<
  'MappingRecorded',
  {
    readonly caseId: string;
    readonly mappingId: string;
    readonly domains: MappingDomains;
    readonly summary: string;
    readonly on: string;
  },
  1
>;

export type MeasureAgreed = DomainEvent<
  'MeasureAgreed',
  {
    readonly caseId: string;
    readonly measureId: string;
    readonly description: string;
    readonly responsible: PersonRef;
    readonly startsOn: string;
    readonly evaluateBy: string;
  },
  1
>;

export type MeasureEvaluated = DomainEvent<
  'MeasureEvaluated',
  {
    readonly caseId: string;
    readonly measureId: string;
    readonly evaluationId: string;
    readonly outcome: EvaluationOutcome;
    readonly note: string;
    readonly studentView?: string;
    readonly on: string;
  },
  1
>;

export type ConsentGiven = DomainEvent<
  'ConsentGiven',
  {
    readonly caseId: string;
    readonly consentId: string;
    readonly purpose: ConsentPurpose;
    readonly recipients: readonly string[];
    readonly givenBy: ConsentGiver;
    readonly givenAt: string;
  },
  1
>;

export type ConsentWithdrawn = DomainEvent<
  'ConsentWithdrawn',
  { readonly caseId: string; readonly consentId: string; readonly at: string; readonly note?: string },
  1
>;

export type ReferralMade = DomainEvent<
  'ReferralMade',
  {
    readonly caseId: string;
    readonly referralId: string;
    readonly to: ReferralTarget;
    readonly kind: ReferralKind;
    readonly at: string;
    readonly note: string;
    /** The consent that allowed it (PPT, BUP); null where none is needed (barnevern …). */
    readonly consentId: string | null;
  },
  1
>;

export type PhaseChanged = DomainEvent<
  'PhaseChanged',
  { readonly caseId: string; readonly phase: number; readonly previousPhase: number; readonly reason: string; readonly on: string },
  1
>;

export type ReturnPlanAgreed = DomainEvent<
  'ReturnPlanAgreed',
  {
    readonly caseId: string;
    readonly goals: readonly string[];
    /** Nærværslos. */
    readonly presenceGuide: PersonRef;
    readonly startsOn: string;
  },
  1
>;

export type CaseClosed = DomainEvent<
  'CaseClosed',
  { readonly caseId: string; readonly outcome: string; readonly note: string; readonly on: string },
  1
>;

export type CaseReopened = DomainEvent<'CaseReopened', { readonly caseId: string; readonly reason: string; readonly on: string }, 1>;

/**
 * The case went to the archive in a Noark 5 deposit (avlevering, `export-noark`): which deposit,
 * its checksum, and the period it covered. What the privacy rules read: a deposited case is
 * blocked in this system, not erased (arkivlova: the archive beats deletion).
 */
export type CaseDeposited = DomainEvent<
  'CaseDeposited',
  {
    readonly caseId: string;
    readonly depositId: string;
    /** SHA-256 of the deposit: of its TAR when packed, else of its description (arkivuttrekk.xml). */
    readonly checksum: { readonly algorithm: 'SHA-256'; readonly value: string; readonly of: string };
    readonly period: { readonly from: string; readonly to: string };
    readonly on: string;
  },
  1
>;

/**
 * The case is blocked (sperret, api.md: `POST /cases/:id/blocking`): kept, counted, and readable
 * only by auditors. Also what an erasure does to a student whose case has gone to the archive.
 */
export type CaseBlocked = DomainEvent<
  'CaseBlocked',
  { readonly caseId: string; readonly blockingId: string; readonly reason: string; readonly on: string },
  1
>;

export type CaseEvent =
  | CaseOpened
  | CaseBlocked
  | ContactRecorded
  | MeetingHeld
  | MappingRecorded
  | MeasureAgreed
  | MeasureEvaluated
  | ConsentGiven
  | ConsentWithdrawn
  | ReferralMade
  | PhaseChanged
  | ReturnPlanAgreed
  | CaseClosed
  | CaseReopened
  | CaseDeposited;
