import type { StoredEvent } from '#event-store/event-store.port.js';
import { toDomainEvent } from '#domain/events/upcast.js';
import type { DomainEvent } from '#domain/events/event.js';

/** A stored envelope as the domain event of the current schema version (old versions upcast). */
export function upcastEvent(stored: Pick<StoredEvent, 'type' | 'schemaVersion' | 'data'>): DomainEvent {
  return toDomainEvent(stored) as DomainEvent;
}
