/**
 * Small helpers shared by the benchmark parts: medians, machine facts, peak-RSS sampling, and
 * the protocol between `bench/run.ts` and the part it starts in a child process (the child
 * prints one line `BENCH_RESULT <json>` last; the parent reads it and the child's peak RSS).
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';

export const RESULT_PREFIX = 'BENCH_RESULT ';
export const MIB = 1024 * 1024;

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryMiB: number;
  freeMemoryMiB: number;
  node: string;
  platform: string;
  /** 1, 5 and 15 minute load averages when the run started. */
  loadAverageAtStart: number[];
}

export function machineInfo(): MachineInfo {
  const cpu = cpus();
  return {
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryMiB: Math.round(totalmem() / MIB),
    freeMemoryMiB: Math.round(freemem() / MIB),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/** Peak RSS of this process so far, in MiB (the kernel's high-water mark, not a sample). */
export function ownPeakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Peak RSS (VmHWM) of another process on Linux, in MiB; null where /proc is not there. */
export function peakRssOfPid(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Prints the result line a child part ends with. */
export function emitResult(result: unknown): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

export interface ChildOutcome<T> {
  result: T;
  /** The child's peak RSS as the kernel counted it (rusage of the reaped child), MiB. */
  peakRssMiB: number;
}

/**
 * Runs `node <script> ...args` and returns its `BENCH_RESULT` line, parsed. The child's own
 * output goes to this process's stderr so progress stays visible without mixing into the table.
 */
export function runChild<T extends { peakRssMiB?: number }>(
  script: string,
  args: string[] = [],
  options: {
    env?: NodeJS.ProcessEnv;
    nodeArgs?: string[];
    /** Runs node under this command (see `pinnedToOneCpu`). */ launcher?: readonly string[];
  } = {},
): Promise<ChildOutcome<T>> {
  return new Promise((resolve, reject) => {
    const [command, ...prefix] = [...(options.launcher ?? []), process.execPath];
    const child = spawn(command!, [...prefix, ...(options.nodeArgs ?? []), script, ...args], {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || !line) {
        reject(new Error(`${script} ${args.join(' ')} exited with ${code}${line ? '' : ' and no result'}\n${out.slice(-2000)}`));
        return;
      }
      const result = JSON.parse(line.slice(RESULT_PREFIX.length)) as T;
      resolve({ result, peakRssMiB: result.peakRssMiB ?? Number.NaN });
    });
  });
}

/**
 * A launcher that keeps a child on CPU 0 alone (util-linux `taskset`), so "on one core" includes
 * V8's helper threads (garbage collection, compilation); null where there is no taskset.
 */
export function pinnedToOneCpu(): readonly string[] | null {
  const probe = spawnSync('taskset', ['-c', '0', process.execPath, '-e', '0'], { stdio: 'ignore' });
  return probe.status === 0 ? ['taskset', '-c', '0'] : null;
}

export const round = (value: number, digits = 0): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};
