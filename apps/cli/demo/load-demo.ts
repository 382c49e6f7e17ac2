/**
 * `npm run demo`: a small demo municipality in DATA_DIR (one school per built-in plan, a few
 * hundred students, the current school year's absence up to today, and the cases that
 * follows from it), and a token per role whose claims match the demo data.
 */
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { todayInOslo } from '#application/clock.js';
import { DEV_TOKEN_LIFETIME, mintDevTokens, type DevClaimsOptions, type DevToken } from '#access/dev-tokens.js';
import { describeStores, onEmbeddedStores, openEventStore, type StoreSettings } from '#application/stores/open-stores.js';
import { generateMunicipality, type GenerateSummary } from '#demo/generate-municipality.js';
import { schoolYearContaining } from '#demo/school-year.js';
import type { EventStore } from '#event-store/event-store.port.js';

export interface DemoOptions {
  settings: StoreSettings;
  /** Empty the embedded store in DATA_DIR first instead of refusing. */
  force?: boolean;
  /** Default 300. */
  students?: number;
  /** Default today in Oslo. */
  today?: string;
  /** Default AUTH_JWT_SECRET; a random one is generated when neither is set. */
  secret?: string;
  port?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface DemoResult {
  summary: GenerateSummary;
  secret: string;
  secretGenerated: boolean;
  claims: DevClaimsOptions;
  tokens: DevToken[];
  /** What the command prints. */
  text: string;
}

/** The demo's token claims (schools, groups, municipality), in DATA_DIR. */
export const DEMO_CLAIMS_FILE = 'demo-claims.json';

export class DemoRefused extends Error {
  override readonly name = 'DemoRefused';
}

/** The embedded store's files; the read models and idempotency keys go with the events they came from. */
const EMBEDDED_FILES = ['events.sqlite', 'read-models.sqlite', 'idempotency.sqlite'].flatMap((f) => [f, `${f}-wal`, `${f}-shm`]);

export async function storedEvents(settings: StoreSettings): Promise<number> {
  const store = await openEventStore(settings);
  try {
    return await store.headPosition();
  } finally {
    await store.close();
  }
}

export async function loadDemo(options: DemoOptions): Promise<DemoResult> {
  const { settings } = options;
  const held = await storedEvents(settings);
  if (held > 0) {
    if (!options.force) {
      throw new DemoRefused(
        `DATA_DIR ${settings.dataDir} already holds ${held} events; the demo loads only into an empty store. ` +
          'Use another DATA_DIR, or --force to delete the embedded store there first.',
      );
    }
    if (!onEmbeddedStores(settings)) {
      throw new DemoRefused(
        '--force only empties the embedded store; POSTGRES_URL, EVENTSTORE_URL or MONGODB_URL is set, so empty those databases yourself.',
      );
    }
    for (const file of EMBEDDED_FILES) rmSync(join(settings.dataDir, file), { force: true });
  }

  const today = options.today ?? todayInOslo();
  const schoolYear = schoolYearContaining(today);
  const store = await openEventStore(settings);
  let summary: GenerateSummary;
  let children: string[];
  try {
    summary = await generateMunicipality(store, {
      schools: 5,
      students: options.students ?? 300,
      seed: 'demo',
      municipalityId: '3024',
      schoolYear,
      businessDateCap: today < schoolYear.end ? today : schoolYear.end,
      today,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    children = await demoChildren(store, summary.ids.sampleCaseIds);
  } finally {
    await store.close();
  }

  // Groups as <schoolId>/<groupId> (a bare id beside several schools grants nothing): 5A and 9A
  // where the demo has them, each at the first school that has it.
  const qualified = Object.entries(summary.ids.groupsBySchool).flatMap(([schoolId, groups]) => groups.map((g) => `${schoolId}/${g}`));
  const wanted = ['5A', '9A'].map((g) => qualified.find((q) => q.endsWith(`/${g}`))).filter((q): q is string => q !== undefined);
  const claims: DevClaimsOptions = {
    municipality: summary.municipalityId,
    schools: summary.ids.schoolIds,
    groups: wanted.length > 0 ? wanted : qualified.slice(0, 2),
    children,
  };
  // Kept beside the data so that `npm run demo` can mint tokens for it again on a later start.
  writeFileSync(join(settings.dataDir, DEMO_CLAIMS_FILE), `${JSON.stringify(claims, null, 2)}\n`);
  const secretGenerated = !options.secret;
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  const tokens = await mintDevTokens(secret, claims);
  return {
    summary,
    secret,
    secretGenerated,
    claims,
    tokens,
    text: demoText(summary, {
      secret,
      secretGenerated,
      claims,
      tokens,
      dataDir: settings.dataDir,
      where: describeStores(settings),
      port: options.port ?? '3000',
    }),
  };
}

function demoText(
  summary: GenerateSummary,
  o: {
    secret: string;
    secretGenerated: boolean;
    claims: DevClaimsOptions;
    tokens: DevToken[];
    dataDir: string;
    where: string;
    port: string;
  },
): string {
  const start = o.secretGenerated
    ? `AUTH_JWT_SECRET='${o.secret}' DATA_DIR='${o.dataDir}' npm start`
    : `DATA_DIR='${o.dataDir}' npm start   (AUTH_JWT_SECRET is already set)`;
  return [
    `Demo municipality ${summary.municipalityId} loaded into ${o.where}: ${summary.schools} schools, ${summary.students} students, ${summary.cases} cases, ${summary.events} events (${summary.seconds.toFixed(1)} s).`,
    `School year ${summary.schoolYear.start} – ${summary.schoolYear.end}; absence registered up to ${summary.businessDateCap}.`,
    `Schools: ${summary.ids.schoolIds.join(', ')}`,
    '',
    o.secretGenerated
      ? `AUTH_JWT_SECRET=${o.secret}   (generated: start the server with this secret, or the tokens below are refused)`
      : 'Tokens signed with the AUTH_JWT_SECRET of this shell.',
    `Claims: municipality ${o.claims.municipality}; schools ${o.claims.schools.join(', ')}; groups ${o.claims.groups.join(', ')} (teacher and contact-teacher).`,
    `Tokens (valid ${DEV_TOKEN_LIFETIME}); use as  Authorization: Bearer <token>`,
    ...o.tokens.map(({ role, token }) => `${role.padEnd(17)} ${token}`),
    '',
    `Start the server:  ${start}`,
    `API docs:          http://localhost:${o.port}/docs`,
    '',
  ].join('\n');
}

/** The demo guardian's child: the student of the first sample case, so the guardian's pages have a case and its consents. */
async function demoChildren(store: EventStore, caseIds: readonly string[]): Promise<string[]> {
  for (const caseId of caseIds) {
    const [opened] = await store.readStream(`case-${caseId}`, { maxCount: 1 });
    const studentId = (opened?.data as { studentId?: string } | undefined)?.studentId;
    if (studentId) return [studentId];
  }
  return [];
}
