import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent } from '#event-store/event-store.port.js';

/** A minimal valid event for runtime tests (the projector never looks at the payload). */
export function testEvent(type: string, data: Record<string, unknown> = {}): NewEvent {
  return {
    id: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    metadata: { actor: { id: 'test', role: 'admin' }, occurredAt: '2026-01-05T08:00:00.000Z' },
  };
}

/** Appends `count` events round-robin over `streams` streams and `types` types; returns the head. */
export async function appendSpread(store: EventStore, count: number, streams = 7, types = 3, eventsPerAppend = 10): Promise<number> {
  let head = await store.headPosition();
  for (let i = 0; i < count;) {
    const stream = `student-${i % streams}`;
    const n = Math.min(eventsPerAppend, count - i);
    const events = Array.from({ length: n }, (_, k) => testEvent(`Type${(i + k) % types}`, { i: i + k }));
    head = (await store.appendToStream(stream, events)).position;
    i += n;
  }
  return head;
}
