/**
 * Ids of imported registrations, derived from the source system's id (v5 UUIDs). The same
 * row imported twice gets the same absence id and event id, so a re-import finds it already
 * registered and appends nothing, and a racing second import hits the store's id idempotency.
 */
import { nameBasedUuid } from '#event-store/name-based-uuid.js';

/** The v5 UUID of 'urn:skolefravaer:absence-import' in the URL namespace. */
export const IMPORT_NAMESPACE = nameBasedUuid('urn:skolefravaer:absence-import', '6ba7b811-9dad-11d1-80b4-00c04fd430c8');

export const importedAbsenceId = (sourceId: string): string => nameBasedUuid(`absence:${sourceId}`, IMPORT_NAMESPACE);
export const importedEventId = (sourceId: string): string => nameBasedUuid(`event:${sourceId}`, IMPORT_NAMESPACE);
