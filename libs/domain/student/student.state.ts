import type { AbsenceFields, ConcernLevel, ConcernTrigger, ManualConcernLevel } from '../events/index.js';

export interface AbsenceRecord extends AbsenceFields {
  readonly absenceId: string;
  readonly retracted: boolean;
}

export interface ManualRaise {
  readonly level: ManualConcernLevel;
  readonly reason: string;
  readonly on: string;
  /** Absent on raises recorded before overrides had ids. */
  readonly overrideId?: string;
  /** The last date it holds. */
  readonly until?: string;
  /** The date it was withdrawn from. */
  readonly withdrawnOn?: string;
}

export type StudentState =
  | { readonly status: 'none'; readonly revision: number }
  | {
      readonly status: 'enrolled';
      readonly studentId: string;
      readonly schoolId: string;
      readonly name: string;
      readonly grade: number;
      readonly group: string;
      readonly birthDate?: string;
      /** Earlier placements, each with the day it ended (moves keep what came before). */
      readonly placements?: readonly {
        readonly schoolId: string;
        readonly grade: number;
        readonly group: string;
        readonly until: string;
      }[];
      /** Every registration ever made, retracted ones included (flagged), by absenceId. */
      readonly absences: Readonly<Record<string, AbsenceRecord>>;
      /** The level last recorded by ConcernLevelChanged; green before any. */
      readonly concernLevel: ConcernLevel;
      readonly concernTriggers: readonly ConcernTrigger[];
      /** The evaluation date of the last ConcernLevelChanged. */
      readonly levelAsOf?: string;
      readonly manualRaises: readonly ManualRaise[];
      /** Ids of contacts outside a case, so a repeat with the same id is refused. */
      readonly contactIds?: readonly string[];
      /** Task ids completed or waived on this stream: a task closes once. */
      readonly closedTaskIds?: readonly string[];
      /** Set once the student's personal data is erased: nothing more is decided on the stream. */
      readonly erased?: { readonly erasureId: string; readonly on: string };
      /** 0-based revision of the stream's last event; -1 for an empty stream. */
      readonly revision: number;
    };

export type EnrolledStudent = Extract<StudentState, { status: 'enrolled' }>;

export const initialStudentState = (): StudentState => ({ status: 'none', revision: -1 });
