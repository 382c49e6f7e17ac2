// Child for crash.e2e.ts: appends multi-event batches forever and prints each acknowledged
// result as one JSON line. stdout to a pipe is synchronous on Linux, so a printed line means
// the append was acknowledged before the next one started.
// argv: <compiled sqlite-event-store.js> <db path> <run tag>
import { randomUUID } from 'node:crypto';

const [modulePath, dbPath, tag] = process.argv.slice(2);
const { SqliteEventStore } = await import(modulePath);
const store = new SqliteEventStore({ path: dbPath });
const streams = Array.from({ length: 5 }, (_, i) => `elev-${i}`);
const padding = 'æøå'.repeat(4000); // some large rows, so a kill can land mid-write

for (let n = 0; ; n++) {
  const size = 1 + (n % 7);
  const batch = randomUUID();
  const events = Array.from({ length: size }, (_, index) => ({
    id: randomUUID(),
    type: 'FraværRegistrert',
    schemaVersion: 1,
    data: { batch, index, size, tag, padding: index % 3 === 0 ? padding : '' },
    metadata: { actor: { id: 'crash-test', role: 'system' }, occurredAt: new Date().toISOString() },
  }));
  const stream = streams[n % streams.length];
  const result = await store.appendToStream(stream, events);
  process.stdout.write(`${JSON.stringify({ stream, ids: events.map((e) => e.id), ...result })}\n`);
}
