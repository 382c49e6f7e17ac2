/**
 * The generated municipality the rebuild and HTTP parts run on, generated once per size and
 * seed into `bench/.data/<size>-<seed>/` and reused: `events.sqlite` (as `bench/generate`
 * wrote it) and `summary.json` (the generator's summary). Generation takes minutes at the
 * default size, so it is done only when the directory has no `summary.json`; it goes to
 * `<dir>.partial` first and is renamed when complete, so an interrupted run leaves no half set.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GenerateSummary } from '#demo/generate-municipality.js';

export type BenchSize = 'small' | 'default' | 'large';

export const SIZES: Record<BenchSize, { schools: number; students: number }> = {
  // 600-student school included (it needs ≥ 1,200 students); about 110,000 events.
  small: { schools: 5, students: 2_000 },
  // Generator README: 1,098,555 events with the default seed.
  default: { schools: 40, students: 20_000 },
  // Oslo's lower secondary schools together (the scaling table in BENCHMARKS.md); about 3.3 M events.
  large: { schools: 120, students: 60_000 },
};

/** dist/bench/ at run time; the data go to the source tree's bench/.data (not dist, which a clean build may wipe). */
const distBench = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(distBench, '..', '..');
export const DATA_ROOT = process.env.BENCH_DATA_DIR ? resolve(process.env.BENCH_DATA_DIR) : join(REPO_ROOT, 'bench', '.data');

export interface Dataset {
  size: BenchSize;
  seed: string;
  dir: string;
  eventsFile: string;
  summary: GenerateSummary;
  /** True when this run generated it (and so paid the minutes). */
  generated: boolean;
}

export async function ensureDataset(size: BenchSize, seed: string, log: (line: string) => void): Promise<Dataset> {
  const dir = join(DATA_ROOT, `${size}-${seed}`);
  const summaryFile = join(dir, 'summary.json');
  if (existsSync(summaryFile)) {
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as GenerateSummary;
    return { size, seed, dir, eventsFile: join(dir, 'events.sqlite'), summary, generated: false };
  }
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const { schools, students } = SIZES[size];
  log(
    `generating the ${size} municipality (${schools} schools, ${students} students, seed ${seed}) into ${dir}; the default size takes minutes, once`,
  );
  const summary = await generate(join(distBench, 'generate-municipality.js'), [
    '--schools',
    String(schools),
    '--students',
    String(students),
    '--seed',
    seed,
    '--data-dir',
    partial,
  ]);
  writeFileSync(join(partial, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  log(`generated ${summary.events} events in ${summary.seconds.toFixed(0)} s`);
  return { size, seed, dir, eventsFile: join(dir, 'events.sqlite'), summary, generated: true };
}

function generate(script: string, args: string[]): Promise<GenerateSummary> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      // main.ts prints a human line, then one line of JSON.
      const json = out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .at(-1);
      if (code !== 0 || !json) reject(new Error(`the generator exited with ${code}:\n${out.slice(-2000)}`));
      else resolvePromise(JSON.parse(json) as GenerateSummary);
    });
  });
}
