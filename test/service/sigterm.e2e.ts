import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SignJWT } from 'jose';

// Runs the compiled service (`npm test` compiles to dist/ before jest starts).
const MAIN = resolve('dist/apps/api/main.js');
const SECRET = 'sigterm-test-secret-0123456789abcdef';

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

async function waitForHealth(base: string, deadline = Date.now() + 20_000): Promise<void> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the service did not become healthy');
}

describe('SIGTERM', () => {
  it('lets an in-flight request finish, then closes the stores and ends', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sigterm-'));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, AUTH_JWT_SECRET: SECRET, PORT: String(port), DATA_DIR: dataDir, MIN_POSITION_TIMEOUT_MS: '3000' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const exited = new Promise<{ code: number | null; signal: string | null }>((done) =>
      child.once('exit', (code, signal) => done({ code, signal })),
    );
    try {
      await waitForHealth(base);
      const token = await new SignJWT({ name: 'Revisor', roles: ['auditor'], municipality: '3024', schools: [], groups: [] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('u-auditor')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(SECRET));
      // Waits for a position no projection will reach: in flight when the signal arrives.
      const inFlight = fetch(`${base}/plans`, { headers: { authorization: `Bearer ${token}`, 'x-min-position': '999999' } });
      await new Promise((r) => setTimeout(r, 300));
      child.kill('SIGTERM');
      const response = await inFlight;
      expect([200, 503]).toContain(response.status);
      // Nest's shutdown hook re-raises the signal once the app has closed: ended by SIGTERM, not by a crash.
      const { code, signal } = await exited;
      expect(code === 0 || signal === 'SIGTERM').toBe(true);
      // A closed SQLite database checkpoints and removes its write-ahead log.
      for (const db of ['events.sqlite', 'read-models.sqlite', 'idempotency.sqlite']) {
        expect(existsSync(join(dataDir, db))).toBe(true);
        expect(existsSync(join(dataDir, `${db}-wal`))).toBe(false);
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
