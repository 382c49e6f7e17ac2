/**
 * A contact teacher's morning (issue 19): a class of 25 with 4 absent, registered as one roll call
 * against the same four registered one by one, over the real HTTP stack, SQLite store and
 * projections, in one process. Alternating rounds on different school days; p50 and p99 of each,
 * and the ratio (a roll call should cost less than the four requests it replaces).
 *
 *   npm run build:bench && node dist/bench/roll-call.bench.js
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createService } from '#api/service/create-service.js';
import { mintDevTokens } from '#access/dev-tokens.js';
import { createSchoolCalendar } from '#domain/calendar/index.js';
import { percentile } from './steady-state.js';

const ROUNDS = Number(process.env.ROLL_CALL_ROUNDS ?? 60);
const YEAR = { start: '2026-08-17', end: '2027-06-18' };
const dataDir = mkdtempSync(join(tmpdir(), 'roll-call-bench-'));
const secret = randomBytes(32).toString('base64url');
const app = await createService({
  env: { AUTH_JWT_SECRET: secret, DATA_DIR: dataDir, CLOCK_TODAY: YEAR.end, RATE_LIMIT_PER_MINUTE: '100000000' },
  logger: false,
  shutdownHooks: false,
});
await app.listen(0, '127.0.0.1');
const base = await app.getUrl();
const tokens = await mintDevTokens(secret, { municipality: '3024', schools: ['bench'], groups: ['bench/5A', 'bench/5B'] });
const token = (role: string) => tokens.find((t) => t.role === role)!.token;

async function post(path: string, body: unknown, role = 'contact-teacher'): Promise<void> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token(role)}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
}

await post(
  '/schools',
  { id: 'bench', name: 'Benk skole', municipalityId: '3024', level: 'barneskole', planId: 'bergen-smoras', schoolYear: YEAR },
  'admin',
);
const classes: Record<'5A' | '5B', string[]> = { '5A': [], '5B': [] };
for (const group of ['5A', '5B'] as const) {
  for (let i = 0; i < 25; i++) {
    const id = `b-${group}-${i}`;
    await post('/schools/bench/students', { id, name: `Elev ${group} ${i}`, grade: 5, group }, 'admin');
    classes[group].push(id);
  }
}
const calendar = createSchoolCalendar(YEAR);
const days: string[] = [];
for (let d = YEAR.start; days.length < ROUNDS + 5; d = calendar.addSchoolDays(d, 1)) if (calendar.isSchoolDay(d)) days.push(d);

const absentOn = (group: '5A' | '5B', round: number) =>
  [0, 1, 2, 3]
    .map((k) => classes[group][(round * 4 + k) % 25]!)
    .map((studentId, k) => ({
      studentId,
      ...(k === 2 ? { kind: 'late', minutes: 10 } : { kind: 'day' }),
    }));

const rollCall: number[] = [];
const singles: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const date = days[round]!;
  let t = performance.now();
  await post('/schools/bench/groups/5A/roll-calls', { date, absences: absentOn('5A', round) });
  rollCall.push(performance.now() - t);
  t = performance.now();
  for (const { studentId, ...fields } of absentOn('5B', round)) await post(`/students/${studentId}/absences`, { date, ...fields });
  singles.push(performance.now() - t);
}
await app.close();
rmSync(dataDir, { recursive: true, force: true });

for (const list of [rollCall, singles]) list.sort((a, b) => a - b);
const fmt = (v: number) => `${v.toFixed(1).padStart(7)} ms`;
const p50 = [percentile(rollCall, 0.5), percentile(singles, 0.5)] as const;
const p99 = [percentile(rollCall, 0.99), percentile(singles, 0.99)] as const;
process.stdout.write(
  [
    `A morning's roll call (class of 25, 4 absent) against 4 single registrations; ${ROUNDS} rounds each, alternating`,
    `one roll call          p50 ${fmt(p50[0])}   p99 ${fmt(p99[0])}`,
    `four single requests   p50 ${fmt(p50[1])}   p99 ${fmt(p99[1])}`,
    `ratio roll call / four singles: p50 ${(p50[0] / p50[1]).toFixed(2)}, p99 ${(p99[0] / p99[1]).toFixed(2)} (floor: below 1)`,
  ].join('\n') + '\n',
);
