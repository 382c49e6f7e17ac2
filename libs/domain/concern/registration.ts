/**
 * Absence registrations as the concern engine reads them, and folding the raw changes
 * (registered, corrected, retracted) into them.
 *
 * plans.md, "Registrations": an absence "may be corrected or retracted later; nothing is
 * ever deleted". The event history keeps every change; the engine counts the registrations
 * as they stand after all changes, so callers either fold themselves or hand the changes
 * to `foldRegistrations`.
 */
import type { IsoDate } from '../calendar/index.js';

/** day = a whole school day (heldagsfravær); lesson = single lessons (enkelttimer); late = forsentkomming. */
export type AbsenceKind = 'day' | 'lesson' | 'late' | 'left-early';

export interface Registration {
  readonly absenceId: string;
  readonly date: IsoDate;
  readonly kind: AbsenceKind;
  /** Number of single lessons, for kind 'lesson' (≥ 1; 1 when missing). */
  readonly lessons?: number;
  /** Minutes, for 'late' and 'left-early'. */
  readonly minutes?: number;
  /** gyldig/dokumentert fravær. */
  readonly documented: boolean;
  /** meldt fravær: the guardians told the school. */
  readonly reportedByGuardian: boolean;
  /** When the registration was recorded (instant or date); not used for counting. */
  readonly recordedAt?: string;
}

/** The fields a correction may change (API: `{ ...changed fields, reason }`). */
export type RegistrationFields = Partial<Omit<Registration, 'absenceId'>>;

export type RegistrationChange =
  | ({ readonly type: 'registered'; readonly absenceId: string; readonly date: IsoDate; readonly kind: AbsenceKind } & Omit<
      RegistrationFields,
      'date' | 'kind'
    >)
  | ({ readonly type: 'corrected'; readonly absenceId: string; readonly reason?: string } & RegistrationFields)
  | { readonly type: 'retracted'; readonly absenceId: string; readonly reason?: string };

const FIELDS = ['date', 'kind', 'lessons', 'minutes', 'documented', 'reportedByGuardian', 'recordedAt'] as const;

/**
 * Applies `changes` in order: a registration adds an absence, a correction overwrites the
 * fields it carries, a retraction removes it. A correction or retraction of an absence that
 * is not (or no longer) registered changes nothing, as the deciders never let one through.
 * Registrations come back in the order they were first registered.
 */
export function foldRegistrations(changes: Iterable<RegistrationChange>): Registration[] {
  const current = new Map<string, Registration>();
  for (const change of changes) {
    switch (change.type) {
      case 'registered': {
        current.set(change.absenceId, {
          absenceId: change.absenceId,
          date: change.date,
          kind: change.kind,
          ...definedFields(change),
          documented: change.documented ?? false,
          reportedByGuardian: change.reportedByGuardian ?? false,
        });
        break;
      }
      case 'corrected': {
        const before = current.get(change.absenceId);
        if (before) current.set(change.absenceId, { ...before, ...definedFields(change) });
        break;
      }
      case 'retracted':
        current.delete(change.absenceId);
        break;
    }
  }
  return [...current.values()];
}

/** Only the registration fields the change actually carries, so a correction never blanks a field it does not mention. */
function definedFields(change: RegistrationFields): RegistrationFields {
  const out: Record<string, unknown> = {};
  for (const key of FIELDS) {
    if (change[key] !== undefined) out[key] = change[key];
  }
  return out as RegistrationFields;
}
