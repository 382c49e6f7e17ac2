/**
 * The real service as a child process: built once per test file with `tsc` into a temp dir
 * (never the shared dist/, which other work may be rebuilding), started with plain node on a
 * free port on 127.0.0.1, killed for real.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPackageJson } from '../../support/build-package-json.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface BuiltService {
  /** Absolute path of the compiled apps/api/main.js. */
  mainPath: string;
  /** Root of the compiled tree (apps/, libs/ beneath it). */
  outDir: string;
  /** True when tsc reported type errors and the emitted JavaScript was used anyway. */
  typeErrors: string | null;
  cleanup(): void;
}

/**
 * `tsc -p tsconfig.build.json` into a temp dir. tsc emits even when it reports type errors
 * (someone else's work in progress): the first failure is retried after `retryDelayMs`, and
 * if it still fails the emitted JavaScript is used (as a plain transpile would be) and the
 * errors are reported to the caller; `npm run typecheck` is what guards the types.
 */
export async function buildService(retryDelayMs = 60_000): Promise<BuiltService> {
  const outDir = mkdtempSync(join(tmpdir(), 'reliability-build-'));
  writeFileSync(join(outDir, 'package.json'), buildPackageJson(ROOT));
  symlinkSync(join(ROOT, 'node_modules'), join(outDir, 'node_modules'), 'dir');
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const run = () =>
    spawnSync(
      process.execPath,
      [tsc, '-p', 'tsconfig.build.json', '--outDir', outDir, '--tsBuildInfoFile', join(outDir, '.tsbuildinfo'), '--sourceMap', 'false'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '' },
        timeout: 180_000,
      },
    );
  let result = run();
  if (result.status !== 0 && retryDelayMs > 0) {
    await new Promise((r) => setTimeout(r, retryDelayMs));
    result = run();
  }
  const mainPath = join(outDir, 'apps/api/main.js');
  if (!existsSync(mainPath)) throw new Error(`tsc emitted no ${mainPath}: ${result.stdout}${result.stderr}`);
  return {
    mainPath,
    outDir,
    typeErrors: result.status === 0 ? null : `${result.stdout}${result.stderr}`,
    cleanup: () => rmSync(outDir, { recursive: true, force: true }),
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export interface RunningService {
  process: ChildProcess;
  port: number;
  baseUrl: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
  /** SIGKILL (default) or SIGTERM, and wait for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** RSS of the child in bytes, from /proc (Linux). */
  rss(): number;
}

export interface StartOptions {
  mainPath: string;
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
  readyTimeoutMs?: number;
  /** Send the request log (stdout) to /dev/null instead of draining it into this process (load runs). */
  discardStdout?: boolean;
}

/** Starts `node main.js` and resolves once GET /health answers 200. */
export async function startService(options: StartOptions): Promise<RunningService> {
  const port = await freePort();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.mainPath], {
    cwd: ROOT,
    stdio: ['pipe', options.discardStdout ? 'ignore' : 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      PORT: String(port),
      DATA_DIR: options.dataDir,
      ...options.env,
    },
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  // Logs are drained (or a full pipe would stall the service) but kept only as a tail.
  child.stdout?.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.on('exit', (code, signal) => r({ code, signal })),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error(`service exited before it was ready:\n${output.slice(-4000)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`service not ready in time:\n${output.slice(-4000)}`);
    }
    try {
      const res = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    process: child,
    port,
    baseUrl,
    exited,
    output: () => output,
    stop: async (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    rss: () => rssOf(child.pid!),
  };
}

export function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    return kb * 1024;
  } catch {
    return NaN;
  }
}
