/**
 * `npm run demo` as a newcomer runs it (the compiled CLI, `demo --serve`): the demo loaded into an
 * empty DATA_DIR, the service started on it, the printed tokens accepted; Ctrl-C stops it; a
 * second start reuses the data. `npm test` compiles to dist/ before jest starts.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { removeTempDataDirs, tempDataDir } from './support/data-dir.js';

const MAIN = join(process.cwd(), 'dist/apps/cli/main.js');

const freePort = (): Promise<number> =>
  new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

/** Starts `demo --serve` and resolves with its output once it says the service runs. */
function startDemo(dataDir: string, port: number): Promise<{ child: ChildProcess; output: string }> {
  const child = spawn(process.execPath, [MAIN, 'demo', '--serve'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), AUTH_JWT_SECRET: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`demo did not start in time:\n${output}`)), 150_000);
    const read = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (output.includes('Ctrl-C stops it')) {
        clearTimeout(timer);
        done({ child, output });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => fail(new Error(`demo exited with ${code}:\n${output}`)));
  });
}

const stop = (child: ChildProcess): Promise<number | null> =>
  new Promise((done) => {
    child.once('exit', (code) => done(code));
    child.kill('SIGINT');
  });

describe('npm run demo', () => {
  afterAll(removeTempDataDirs);

  it('loads the demo into an empty DATA_DIR, serves it, and its printed tokens work; a second start reuses it', async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is not built: run \`npm run build\` (npm test builds it first)`);
    const dataDir = tempDataDir('demo-serve');
    const port = await freePort();
    const first = await startDemo(dataDir, port);
    try {
      expect(first.output).toContain('Demo municipality 3024 loaded into');
      expect(first.output).toContain(`Skolefravær is running: http://localhost:${port}`);
      const leader = /school-leader\s+(\S+)/.exec(first.output)![1]!;
      const school = /schools (skole-[^,;]+)/.exec(first.output)![1]!;
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
      const list = await fetch(`http://127.0.0.1:${port}/schools/${school}/absence-list`, {
        headers: { authorization: `Bearer ${leader}` },
      });
      expect(list.status).toBe(200);
      expect(((await list.json()) as unknown[]).length).toBeGreaterThan(0);
      // The service runs with the image's heap flags, not V8's machine-sized default.
      const memory = /"heapLimitMiB":(\d+)/.exec(readFileSync(join(dataDir, 'demo-service.log'), 'utf8'));
      expect(Number(memory?.[1])).toBeLessThan(1024);
    } finally {
      expect(await stop(first.child)).toBe(0);
    }
    const second = await startDemo(dataDir, port);
    try {
      expect(second.output).toContain(`Using the demo municipality already in ${dataDir}`);
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    } finally {
      expect(await stop(second.child)).toBe(0);
    }
  }, 300_000);
});
