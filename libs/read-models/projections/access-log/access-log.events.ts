/**
 * The access log's event. The API's access logger appends one `AccessRecorded` per allowed
 * read of a case or a student's concern (api.md, Identity and access) to a stream per UTC day,
 * never to the case's own stream, so reading never moves a case's revision, and the day
 * streams stay short enough to verify and export by day.
 */
import { randomUUID } from 'node:crypto';
import type { AccessRecord } from '#access/access-log.port.js';
import type { NewEvent } from '#event-store/event-store.port.js';

export const ACCESS_RECORDED = 'AccessRecorded';
export const ACCESS_RECORDED_SCHEMA_VERSION = 1;

/** The event data is the access record itself: `{ actor: { id, role }, action, target: { type, id }, at }`. */
export type AccessRecordedData = AccessRecord;

/** `access-<YYYY-MM-DD>`, the UTC day of `at`. Not a domain stream category: no decider reads it. */
export function accessLogStream(at: string): string {
  return `access-${new Date(at).toISOString().slice(0, 10)}`;
}

/** The event to append for one access; the actor who read is also the event's actor. */
export function accessRecordedEvent(record: AccessRecord, id: string = randomUUID()): NewEvent<AccessRecordedData> {
  return {
    id,
    type: ACCESS_RECORDED,
    schemaVersion: ACCESS_RECORDED_SCHEMA_VERSION,
    data: record,
    metadata: { actor: record.actor, occurredAt: record.at },
  };
}
