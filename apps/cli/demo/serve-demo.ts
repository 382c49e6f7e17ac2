/**
 * `npm run demo`: the newcomer's one command. Loads the demo municipality into DATA_DIR when it
 * is empty (reuses it when it holds the demo already), then starts the service on it, as its own
 * process (`dist/apps/api/main.js`), with a freshly generated AUTH_JWT_SECRET, and prints the
 * address and a token per role. The service's log goes to DATA_DIR/demo-service.log. Ctrl-C
 * stops it.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEV_TOKEN_LIFETIME, mintDevTokens, type DevClaimsOptions } from '#access/dev-tokens.js';
import { describeStores, type StoreSettings } from '#application/stores/open-stores.js';
import { RECOMMENDED_NODE_FLAGS } from '#application/stores/node-flags.js';
import { DEMO_CLAIMS_FILE, DemoRefused, loadDemo, storedEvents } from './load-demo.js';

const API_MAIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../api/main.js');

async function healthy(port: string): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

export async function serveDemo(options: {
  settings: StoreSettings;
  port: string;
  print: (text: string) => void;
  onProgress?: (done: number, total: number) => void;
}): Promise<number> {
  const { settings, port, print } = options;
  mkdirSync(settings.dataDir, { recursive: true });
  const claimsFile = join(settings.dataDir, DEMO_CLAIMS_FILE);
  let claims: DevClaimsOptions;
  if ((await storedEvents(settings)) === 0) {
    const demo = await loadDemo({ settings, port, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
    claims = demo.claims;
    const s = demo.summary;
    print(
      `Demo municipality ${s.municipalityId} loaded into ${describeStores(settings)}: ${s.schools} schools, ${s.students} students, ${s.cases} cases.\n`,
    );
  } else if (existsSync(claimsFile)) {
    claims = JSON.parse(readFileSync(claimsFile, 'utf8')) as DevClaimsOptions;
    print(`Using the demo municipality already in ${describeStores(settings)}.\n`);
  } else {
    throw new DemoRefused(
      `DATA_DIR ${settings.dataDir} holds events that are not the demo's; use another DATA_DIR for the demo, or npm start for your own data.`,
    );
  }
  const secret = randomBytes(32).toString('base64url');
  const tokens = await mintDevTokens(secret, claims);
  const log = openSync(join(settings.dataDir, 'demo-service.log'), 'a');
  // The service's own flags: those given to this CLI process (npm run demo's) do not pass to a child.
  const child = spawn(process.execPath, [...RECOMMENDED_NODE_FLAGS, API_MAIN], {
    // AUTH_DEV: the web app's sign-in page offers the demo's people, with these claims.
    env: {
      ...process.env,
      AUTH_DEV: '1',
      AUTH_JWT_SECRET: secret,
      AUTH_DEV_MUNICIPALITY: claims.municipality,
      AUTH_DEV_SCHOOLS: claims.schools.join(','),
      AUTH_DEV_GROUPS: claims.groups.join(','),
      AUTH_DEV_CHILDREN: (claims.children ?? []).join(','),
      DATA_DIR: settings.dataDir,
      PORT: port,
    },
    stdio: ['ignore', log, log],
  });
  const exited = new Promise<number>((done) => child.once('exit', (code, signal) => done(code ?? (signal ? 0 : 1))));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => child.kill('SIGTERM'));
  const deadline = Date.now() + 180_000;
  while (!(await healthy(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`the service did not start; see ${join(settings.dataDir, 'demo-service.log')}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  print(
    [
      '',
      `Skolefravær is running: http://localhost:${port}`,
      `  Open it in a browser and sign in as one of the demo's people (e.g. "Kari Nordmann – Kontaktlærer", "Ingrid Solberg – Rektor").`,
      `  The API's docs: http://localhost:${port}/docs ("Authorize" with a token below).`,
      `Claims: municipality ${claims.municipality}; schools ${claims.schools.join(', ')}; groups ${claims.groups.join(', ')}.`,
      `A token per role (valid ${DEV_TOKEN_LIFETIME}; this run's secret, so new ones on every start):`,
      ...tokens.map(({ role, token }) => `  ${role.padEnd(17)} ${token}`),
      '',
      `The service's log: ${join(settings.dataDir, 'demo-service.log')}. Ctrl-C stops it.`,
      '',
    ].join('\n'),
  );
  return exited;
}
