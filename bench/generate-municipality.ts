/**
 * Generates a municipality into a SQLite event store and prints the rate:
 *
 *   node dist/bench/generate-municipality.js --schools 40 --students 20000 --data-dir /tmp/x
 *
 * Options: --seed, --municipality (default 3024), --school-year 2025 (the year it starts),
 * --cap YYYY-MM-DD (no record after it). The store is `<data-dir>/events.sqlite`, the file the
 * API and the CLI open for DATA_DIR, so the result can be served or benchmarked as it is.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SqliteEventStore } from '#event-store/sqlite/sqlite-event-store.js';
import { progressBar } from '#cli/progress.js';
import { generateMunicipality } from '#demo/generate-municipality.js';
import { norwegianSchoolYear } from '#demo/school-year.js';

const { values } = parseArgs({
  options: {
    schools: { type: 'string', default: '40' },
    students: { type: 'string', default: '20000' },
    seed: { type: 'string', default: 'skolefravaer' },
    municipality: { type: 'string', default: '3024' },
    'school-year': { type: 'string', default: '2025' },
    cap: { type: 'string' },
    'data-dir': { type: 'string', default: './data' },
  },
});

const store = new SqliteEventStore({ path: join(values['data-dir'], 'events.sqlite') });
if ((await store.headPosition()) > 0) {
  process.stderr.write(`${values['data-dir']} already holds events; generate into an empty directory\n`);
  await store.close();
  process.exit(1);
}
const bar = progressBar('streams');
try {
  const summary = await generateMunicipality(store, {
    schools: Number(values.schools),
    students: Number(values.students),
    seed: values.seed,
    municipalityId: values.municipality,
    schoolYear: norwegianSchoolYear(Number(values['school-year'])),
    ...(values.cap ? { businessDateCap: values.cap } : {}),
    onProgress: (done, total) => bar.update(done, total),
  });
  bar.stop();
  const rate = Math.round(summary.events / summary.seconds);
  process.stdout.write(
    `${summary.events} events (${summary.schools} schools, ${summary.students} students, ${summary.cases} cases) in ${summary.seconds.toFixed(1)} s: ${rate} events/s\n`,
  );
  // One line of JSON after the human line, for scripts (bench/run) to parse.
  process.stdout.write(`${JSON.stringify({ ...summary, eventsPerSecond: rate })}\n`);
} finally {
  bar.stop();
  await store.close();
}
