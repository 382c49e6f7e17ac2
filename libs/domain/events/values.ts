/** Value types shared by events, commands and read models. Field names follow api.md. */

/** A person by name and role, e.g. a measure's responsible or a meeting participant. */
export interface PersonRef {
  readonly name: string;
  readonly role: string;
}

export const SCHOOL_LEVELS = ['barneskole', 'ungdomsskole', 'kombinert'] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];

export interface SchoolBreak {
  readonly from: string;
  readonly to: string;
  readonly name: string;
}

/** The school year as api.md's POST /schools sends it; dates inclusive. */
export interface SchoolYear {
  readonly start: string;
  readonly end: string;
  readonly breaks: readonly SchoolBreak[];
}

export const ABSENCE_KINDS = ['day', 'lesson', 'late', 'left-early'] as const;
export type AbsenceKind = (typeof ABSENCE_KINDS)[number];

export const CONCERN_LEVELS = ['green', 'yellow', 'red'] as const;
export type ConcernLevel = (typeof CONCERN_LEVELS)[number];

/** Levels staff may raise by hand (raising to green would be lowering). */
export const MANUAL_CONCERN_LEVELS = ['yellow', 'red'] as const;
export type ManualConcernLevel = (typeof MANUAL_CONCERN_LEVELS)[number];

export const TRIGGER_UNITS = ['days', 'lessons', 'lates', 'events', 'percent', 'pattern', 'spells', 'manual'] as const;
export type TriggerUnit = (typeof TRIGGER_UNITS)[number];

/** Why a level fires, as GET /students/:id/concern shows it. */
export interface ConcernTrigger {
  readonly ruleId: string;
  readonly level: ConcernLevel;
  readonly description: string;
  readonly window: { readonly from: string; readonly to: string };
  readonly count: number;
  readonly threshold: number;
  readonly unit: TriggerUnit;
}

export const CONTACT_PARTIES = ['guardian', 'student'] as const;
export type ContactParty = (typeof CONTACT_PARTIES)[number];
export const CONTACT_CHANNELS = ['phone', 'meeting', 'message', 'home-visit'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const MEETING_TYPES = [
  'presence-meeting',
  'shared-understanding',
  'resource-team',
  'interdisciplinary',
  'evaluation',
  'other',
] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

/** Tiltakssirkelen's domains (Otnes 2016); each holds free-text findings. */
export const MAPPING_DOMAINS = ['individual', 'family', 'social', 'school', 'community', 'society'] as const;
export type MappingDomain = (typeof MAPPING_DOMAINS)[number];
export type MappingDomains = { readonly [D in MappingDomain]?: string };

export const EVALUATION_OUTCOMES = ['resolved', 'progressing', 'try-other-measures', 'external-help-needed'] as const;
export type EvaluationOutcome = (typeof EVALUATION_OUTCOMES)[number];

export const CONSENT_PURPOSES = ['ppt', 'stafettlogg', 'bup', 'school-nurse', 'gp', 'other'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const CONSENT_RELATIONS = ['guardian', 'student'] as const;
export type ConsentRelation = (typeof CONSENT_RELATIONS)[number];
export interface ConsentGiver {
  readonly name: string;
  readonly relation: ConsentRelation;
}

export const REFERRAL_TARGETS = ['ppt', 'bup', 'barnevern', 'school-nurse', 'gp', 'other'] as const;
export type ReferralTarget = (typeof REFERRAL_TARGETS)[number];
export const REFERRAL_KINDS = ['consultation', 'referral'] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];

/**
 * The grounds an erasure may rest on (GDPR art. 17(1) (a)–(f), and the retention rules of this
 * service, `retention`). A code, not free text: the erasure event must hold no personal data.
 */
export const ERASURE_BASES = [
  'gdpr-17-1-a',
  'gdpr-17-1-b',
  'gdpr-17-1-c',
  'gdpr-17-1-d',
  'gdpr-17-1-e',
  'gdpr-17-1-f',
  'retention',
] as const;
export type ErasureBasis = (typeof ERASURE_BASES)[number];
