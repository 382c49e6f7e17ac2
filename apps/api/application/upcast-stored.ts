import type { StoredEvent } from '../../../libs/event-store/event-store.port.js';
import { toDomainEvent } from '../../../libs/domain/events/upcast.js';
import type { DomainEvent } from '../../../libs/domain/events/event.js';

/** A stored envelope as the domain event of the current schema version (old versions upcast). */
export function upcastEvent(stored: Pick<StoredEvent, 'type' | 'schemaVersion' | 'data'>): DomainEvent {
  return toDomainEvent(stored) as DomainEvent;
}
