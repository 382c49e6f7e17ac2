/** The domain's table of personal fields, as the encrypting event store asks for it. */
import type { PersonalDataPolicy } from '#event-store/crypto/encrypting-event-store.js';
import { ERASED_TEXT, PERSONAL_FIELDS, personalDataSubject } from '#domain/events/personal-fields.js';

const FIELDS: Readonly<Record<string, readonly string[]>> = PERSONAL_FIELDS;

export const PERSONAL_DATA_POLICY: PersonalDataPolicy = {
  fields: (type) => FIELDS[type] ?? [],
  subject: personalDataSubject,
  studentOfCase: (event) =>
    event.type === 'CaseOpened' ? (((event.data as { studentId?: unknown }).studentId as string | undefined) ?? null) : null,
  erasedText: ERASED_TEXT,
};
