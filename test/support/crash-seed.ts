import { seededRandom, type Random } from '#demo/random.js';

/**
 * The random source of a crash test's kill points: seeded, and the seed printed, so a failing
 * run can be replayed with `CRASH_SEED=<seed>`. A new seed each run by default, so that runs
 * keep exploring other kill points.
 */
export function crashRandom(test: string): Random {
  const seed = process.env.CRASH_SEED?.trim() || String(Date.now());
  process.stdout.write(`${test}: kill points from CRASH_SEED=${seed}\n`);
  return seededRandom(`${test}:${seed}`);
}
