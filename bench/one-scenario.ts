/**
 * One or two HTTP scenarios against the service on a copy of the served data, with node flags of
 * choice (a heap cap, a profiler), and the caches' and heap's figures from `/metrics` after: for comparing settings one
 * at a time (BENCHMARKS.md, eleventh round: the heap cap's price, the PPT statistics fix).
 *
 *   node dist/bench/one-scenario.js <small|default|large> ['node flags' | none] [indexes]
 *
 * `indexes` picks from http.bench.ts `scenarios()` with one read connection count
 * (BENCH_READ_CONNECTIONS, default 10): 0 POST absence, 1 the absence list, 2 PPT statistics,
 * 3 case history; default `0,1`. BENCH_SECONDS per scenario (default 10). Needs the served data
 * (`npm run bench` at that size made it).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_ROOT, type BenchSize, type Dataset } from './dataset.js';
import { fire, readRss, scenarios, SERVED_FILES, SERVICE_NODE_FLAGS, sign, startService } from './http.bench.js';
import { peakRssOfPid } from './support.js';
import { RECOMMENDED_NODE_FLAGS } from '#application/stores/node-flags.js';

const [size = 'small', flags = RECOMMENDED_NODE_FLAGS.join(' '), picked = '0,1'] = process.argv.slice(2);
const dir = join(DATA_ROOT, `${size}-skolefravaer`);
const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Dataset['summary'];
const dataset: Dataset = {
  size: size as BenchSize,
  seed: 'skolefravaer',
  dir,
  eventsFile: join(dir, 'events.sqlite'),
  summary,
  generated: false,
};
const work = mkdtempSync(join(tmpdir(), 'one-scenario-'));
for (const file of SERVED_FILES) copyFileSync(join(dir, 'served', file), join(work, file));
// Flags separated by spaces, e.g. '--max-old-space-size=768 --cpu-prof' (not allowed in NODE_OPTIONS).
SERVICE_NODE_FLAGS.splice(0, SERVICE_NODE_FLAGS.length, ...(flags === 'none' ? [] : flags.split(/\s+/).filter(Boolean)));
const service = await startService(work, summary.businessDateCap);
try {
  const peak = () => Math.round(peakRssOfPid(service.child.pid!) ?? 0);
  console.log(`${size}, ${flags}: RSS ${Math.round(readRss(service.child.pid!) ?? 0)} MiB when ready`);
  const connections = Number(process.env.BENCH_READ_CONNECTIONS ?? 10);
  const all = await scenarios(dataset, work, { runs: 1, durationSeconds: 10, readConnections: [connections], writeConnections: 50 });
  for (const scenario of picked.split(',').map((i) => all[Number(i)]!)) {
    await fire(service.url, scenario, 2);
    const r = await fire(service.url, scenario, Number(process.env.BENCH_SECONDS ?? 10));
    console.log(`${scenario.name}, ${scenario.connections} conn.: ${r.requestsPerSecond} req/s, p99 ${r.p99Ms} ms; peak RSS ${peak()} MiB`);
  }
  const ops = await sign({ sub: 'bench-ops', roles: ['ops'], schools: [], groups: [] });
  const metrics = await (await fetch(`${service.url}/metrics`, { headers: { authorization: `Bearer ${ops}` } })).text();
  console.log(
    metrics
      .split('\n')
      .filter((l) => /^(cache_(bytes|hit_ratio)|nodejs_heap_size_(used|total)_bytes)/.test(l))
      .join('\n'),
  );
} finally {
  await service.stop();
  rmSync(work, { recursive: true, force: true });
}
