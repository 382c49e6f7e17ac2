import type { SchoolLevel, SchoolYear } from '../events/values.js';

export type SchoolState =
  | { readonly status: 'none'; readonly revision: number }
  | {
      readonly status: 'registered';
      readonly schoolId: string;
      readonly name: string;
      readonly municipalityId: string;
      readonly level: SchoolLevel;
      readonly planId: string;
      readonly planVersion: number;
      readonly schoolYear: SchoolYear;
      /** Ids of the reviews held, so an id is used once. */
      readonly reviewIds?: readonly string[];
      /** 0-based revision of the stream's last event; -1 for an empty stream. */
      readonly revision: number;
    };

export type RegisteredSchool = Extract<SchoolState, { status: 'registered' }>;

export const initialSchoolState = (): SchoolState => ({ status: 'none', revision: -1 });
