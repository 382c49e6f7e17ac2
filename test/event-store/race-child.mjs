// Child for race.e2e.ts: opens the shared file, says "ready", waits for "go" on stdin, then makes
// its appends and prints one JSON line per outcome.
// argv: <compiled sqlite-event-store.js> <db path> <stream> <expected revision JSON> <appends>
import { randomUUID } from 'node:crypto';

const [modulePath, dbPath, stream, expectedJson, appendsArg] = process.argv.slice(2);
const { SqliteEventStore } = await import(modulePath);
const store = new SqliteEventStore({ path: dbPath });
const expectedRevision = JSON.parse(expectedJson);
const appends = Number(appendsArg);

const event = () => ({
  id: randomUUID(),
  type: 'MøteAvtalt',
  schemaVersion: 1,
  data: { pid: process.pid },
  metadata: { actor: { id: `p${process.pid}`, role: 'system' }, occurredAt: new Date().toISOString() },
});

process.stdin.once('data', async () => {
  for (let i = 0; i < appends; i++) {
    try {
      const result = await store.appendToStream(stream, [event(), event()], { expectedRevision });
      process.stdout.write(`${JSON.stringify({ ok: true, ...result })}\n`);
    } catch (error) {
      const { name, expected, actual } = error;
      process.stdout.write(`${JSON.stringify({ ok: false, name, expected, actual })}\n`);
    }
  }
  await store.close();
  process.exit(0);
});
process.stdout.write('ready\n');
