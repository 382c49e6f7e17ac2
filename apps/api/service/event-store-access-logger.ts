import type { EventStore } from '#event-store/event-store.port.js';
import type { AccessLogger, AccessRecord } from '#access/access-log.port.js';
import { accessLogStream, accessRecordedEvent } from '#read-models/projections/access-log/access-log.events.js';

/**
 * The access log as events in streams of their own (one per day), never in the case's
 * stream: reading a case must not move its revision, and the log gets the same hash chain.
 */
export class EventStoreAccessLogger implements AccessLogger {
  constructor(private readonly events: EventStore) {}

  async record(entry: AccessRecord): Promise<void> {
    await this.events.appendToStream(accessLogStream(entry.at), [accessRecordedEvent(entry)], { expectedRevision: 'any' });
  }
}
