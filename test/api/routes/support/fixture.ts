/**
 * The shared world of the route tests: the real service (createService) over SQLite in a
 * temp DATA_DIR, the business date pinned by CLOCK_TODAY, really signed HS256 tokens.
 *
 * Municipality 4601 has two schools on different plans:
 * - `smoras` (barneskole, plan `bergen-smoras`), groups 5A and 5B;
 * - `kombi` (kombinert, plan `baerum`), groups 3A (grade 3) and 9A (grade 9).
 * Municipality 3024 has `fjell` (ungdomsskole, plan `hemsedal-trafikklys`), group 8A.
 *
 * Tokens exist for every role in four scopes, so that each of the access table's scopes has
 * a caller inside and a caller just outside it:
 * - `in`: municipality 4601, schools [smoras], groups [5A];
 * - `other-group`: same school, groups [5B] (outside `own-groups` only);
 * - `other-school`: schools [kombi], groups [5A] (outside `own-groups` and `own-schools`);
 * - `other-municipality`: municipality 3024, schools [fjell], groups [8A] (outside all).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request, { type Response } from 'supertest';
import { createService } from '#api/service/create-service.js';
import { EVENT_STORE, type EventStore, type StoredEvent } from '#event-store/event-store.port.js';
import { ROLES, type Role } from '#access/roles.js';
import { signToken, TEST_SECRET } from '../../support/tokens.js';

export const TODAY = '2026-11-23'; // a Monday
export const SCHOOL_YEAR = {
  start: '2026-08-17',
  end: '2027-06-18',
  breaks: [
    { from: '2026-10-05', to: '2026-10-09', name: 'Høstferie' },
    { from: '2026-12-21', to: '2027-01-01', name: 'Juleferie' },
  ],
};

export const MUNICIPALITY = '4601';
export const OTHER_MUNICIPALITY = '3024';

export const SCHOOLS = {
  smoras: { id: 'smoras', name: 'Smørås skole', municipalityId: MUNICIPALITY, level: 'barneskole', planId: 'bergen-smoras' },
  kombi: { id: 'kombi', name: 'Bærum kombinerte skole', municipalityId: MUNICIPALITY, level: 'kombinert', planId: 'baerum' },
  fjell: {
    id: 'fjell',
    name: 'Fjell ungdomsskule',
    municipalityId: OTHER_MUNICIPALITY,
    level: 'ungdomsskole',
    planId: 'hemsedal-trafikklys',
  },
} as const;
export type SchoolKey = keyof typeof SCHOOLS;

export const SCOPES = ['in', 'other-group', 'other-school', 'other-municipality'] as const;
export type ScopeKey = (typeof SCOPES)[number];

/** A guardian's `children`: in scope, every student the world makes at smoras (the fixed resources are there). */
const SMORAS_STUDENTS = Array.from({ length: 60 }, (_, i) => `st-smoras-${i + 1}`);

const SCOPE_CLAIMS: Record<ScopeKey, { municipality: string; schools: string[]; groups: string[]; children: string[] }> = {
  in: { municipality: MUNICIPALITY, schools: ['smoras'], groups: ['5A'], children: SMORAS_STUDENTS },
  'other-group': { municipality: MUNICIPALITY, schools: ['smoras'], groups: ['5B'], children: ['st-kombi-1'] },
  'other-school': { municipality: MUNICIPALITY, schools: ['kombi'], groups: ['5A'], children: ['st-kombi-1'] },
  'other-municipality': { municipality: OTHER_MUNICIPALITY, schools: ['fjell'], groups: ['8A'], children: ['st-fjell-1'] },
};

export const ALL_ROLES: readonly Role[] = ROLES;

/** The token's `sub` of a role in a scope: unique, so events can be attributed to the caller. */
export const subOf = (role: Role, scope: ScopeKey): string => `${role}@${scope}`;

export type Tokens = Record<Role, Record<ScopeKey, string>>;

async function signAll(): Promise<Tokens> {
  const tokens = {} as Tokens;
  for (const role of ALL_ROLES) {
    tokens[role] = {} as Record<ScopeKey, string>;
    for (const scope of SCOPES) {
      // `children` is a guardian's claim; the other roles' tokens carry none, as an IdP issues them.
      const { children, ...claims } = SCOPE_CLAIMS[scope];
      tokens[role][scope] = await signToken(TEST_SECRET, {
        sub: subOf(role, scope),
        name: `Test ${role}`,
        roles: [role],
        ...claims,
        ...(role === 'guardian' ? { children } : {}),
      });
    }
  }
  return tokens;
}

function leaderOf(school: SchoolKey): Promise<string> {
  return signToken(TEST_SECRET, {
    sub: `school-leader@${school}`,
    name: 'Rektor',
    roles: ['school-leader'],
    municipality: SCHOOLS[school].municipalityId,
    schools: [school],
    groups: [],
  });
}

type Headers = Record<string, string>;

/** One running service with the seeded world and helpers to act on it. */
export class World {
  /** Highest X-Position seen; reads send it as X-Min-Position so they see every write. */
  lastPosition = 0;
  private studentCount = 0;
  private readonly schoolOf = new Map<string, SchoolKey>();
  private readonly caseLeader = new Map<string, string>();

  private constructor(
    readonly app: INestApplication,
    readonly server: ReturnType<INestApplication['getHttpServer']>,
    readonly tokens: Tokens,
    readonly dataDir: string,
    /** A school leader per school (`smoras`'s is the `in` scope's). */
    readonly leaders: Record<SchoolKey, string>,
  ) {}

  static async start(env: NodeJS.ProcessEnv = {}): Promise<World> {
    const dataDir = mkdtempSync(join(tmpdir(), 'routes-e2e-'));
    const app = await createService({
      env: {
        AUTH_JWT_SECRET: TEST_SECRET,
        DATA_DIR: dataDir,
        IDEMPOTENCY_DB: ':memory:',
        CLOCK_TODAY: TODAY,
        RATE_LIMIT_PER_MINUTE: '1000000',
        ...env,
      },
      logger: false,
      shutdownHooks: false,
      print: () => undefined,
    });
    const tokens = await signAll();
    const leaders = { smoras: tokens['school-leader'].in, kombi: await leaderOf('kombi'), fjell: await leaderOf('fjell') };
    const world = new World(app, app.getHttpServer(), tokens, dataDir, leaders);
    await world.seed();
    return world;
  }

  async stop(): Promise<void> {
    await this.app.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  token(role: Role, scope: ScopeKey = 'in'): string {
    return this.tokens[role][scope];
  }

  get admin(): string {
    return this.token('admin');
  }
  /** The admin of a school's own municipality: an admin sets up only its own. */
  adminOf(school: SchoolKey): string {
    return SCHOOLS[school].municipalityId === MUNICIPALITY ? this.admin : this.token('admin', 'other-municipality');
  }
  get leader(): string {
    return this.token('school-leader');
  }

  // ---- HTTP ---------------------------------------------------------------------------

  private remember(res: Response): Response {
    const header = res.headers['x-position'];
    if (typeof header === 'string' && /^\d+$/.test(header)) this.lastPosition = Math.max(this.lastPosition, Number(header));
    return res;
  }

  async post(path: string, token: string | null, body: unknown = {}, headers: Headers = {}): Promise<Response> {
    let req = request(this.server).post(path).set(headers);
    if (token !== null) req = req.set('Authorization', `Bearer ${token}`);
    return this.remember(await req.send(body as object));
  }

  /** A read that waits for every write seen so far (X-Min-Position). */
  async get(path: string, token: string | null, headers: Headers = {}): Promise<Response> {
    let req = request(this.server)
      .get(path)
      .set({ 'X-Min-Position': String(this.lastPosition), ...headers });
    if (token !== null) req = req.set('Authorization', `Bearer ${token}`);
    return req;
  }

  /** A write that must succeed with 201; answers the body. */
  async ok(path: string, token: string, body: unknown, headers: Headers = {}): Promise<Record<string, unknown>> {
    const res = await this.post(path, token, body, headers);
    if (res.status !== 201) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as Record<string, unknown>;
  }

  // ---- the store ----------------------------------------------------------------------

  get events(): EventStore {
    return this.app.get<EventStore>(EVENT_STORE);
  }

  head(): Promise<number> {
    return this.events.headPosition();
  }

  async eventsAfter(position: number): Promise<StoredEvent[]> {
    return this.events.readAll({ fromPosition: position + 1 });
  }

  // ---- set-up -------------------------------------------------------------------------

  private async seed(): Promise<void> {
    for (const [key, school] of Object.entries(SCHOOLS) as [SchoolKey, (typeof SCHOOLS)[SchoolKey]][]) {
      await this.ok('/schools', this.adminOf(key), { ...school, schoolYear: SCHOOL_YEAR });
    }
  }

  /** Enrols a fresh student; ids are unique per world. */
  async student(school: SchoolKey = 'smoras', group?: string, grade?: number): Promise<string> {
    const defaults: Record<SchoolKey, { group: string; grade: number }> = {
      smoras: { group: '5A', grade: 5 },
      kombi: { group: '9A', grade: 9 },
      fjell: { group: '8A', grade: 8 },
    };
    const id = `st-${school}-${++this.studentCount}`;
    this.schoolOf.set(id, school);
    await this.ok(`/schools/${school}/students`, this.adminOf(school), {
      id,
      name: studentName(this.studentCount),
      grade: grade ?? defaults[school].grade,
      group: group ?? defaults[school].group,
    });
    return id;
  }

  async absence(studentId: string, body: Record<string, unknown>, token = this.leaderFor(studentId)): Promise<string> {
    const res = await this.ok(`/students/${studentId}/absences`, token, body);
    return res.absenceId as string;
  }

  /** A school leader of the student's school. */
  leaderFor(studentId: string): string {
    const school = this.schoolOf.get(studentId);
    if (!school) throw new Error(`unknown student ${studentId}`);
    return this.leaders[school];
  }

  leaderOfCase(caseId: string): string {
    return this.caseLeader.get(caseId) ?? this.leader;
  }

  async openCase(studentId: string, body: Record<string, unknown> = {}, token = this.leaderFor(studentId)): Promise<string> {
    const res = await this.ok('/cases', token, { studentId, reason: 'Bekymringsfullt fravær', ...body });
    this.caseLeader.set(res.caseId as string, this.leaderFor(studentId));
    return res.caseId as string;
  }

  async consent(caseId: string, purpose = 'ppt', token = this.leaderOfCase(caseId), givenAt = '2026-11-20'): Promise<string> {
    const res = await this.ok(`/cases/${caseId}/consents`, token, consentBody(purpose, givenAt));
    return res.consentId as string;
  }

  async refer(
    caseId: string,
    to = 'ppt',
    kind = 'referral',
    token = this.leaderOfCase(caseId),
    at = '2026-11-21',
  ): Promise<Record<string, unknown>> {
    return this.ok(`/cases/${caseId}/referrals`, token, { to, kind, at, note: 'Henvist' });
  }

  /** A case in smoras/5A with a valid PPT consent and a PPT referral: what PPT may read. */
  async pptCase(kind: 'referral' | 'consultation' = 'referral'): Promise<{ studentId: string; caseId: string; consentId: string }> {
    const studentId = await this.student('smoras', '5A', 5);
    const caseId = await this.openCase(studentId, { openedOn: '2026-11-02' });
    const consentId = await this.consent(caseId, 'ppt');
    await this.refer(caseId, 'ppt', kind);
    return { studentId, caseId, consentId };
  }
}

const FIRST_NAMES = ['Ola', 'Kari', 'Nils', 'Ingrid', 'Per', 'Sigrid', 'Jonas', 'Nora'];

/**
 * A realistic name without digits, unique per n ("Ola Aasen", "Kari Baasen", …). Not "Elev n":
 * the Noark export screens every word of the student's name out of its public titles, which
 * say "elev ved <school>", and refuses to export a case whose student is called "Elev".
 */
export function studentName(n: number): string {
  let suffix = '';
  for (let k = n; k > 0; k = Math.floor(k / 26)) suffix = String.fromCharCode(97 + (k % 26)) + suffix;
  return `${FIRST_NAMES[n % FIRST_NAMES.length]} ${suffix.charAt(0).toUpperCase()}${suffix.slice(1)}aasen`;
}

export function consentBody(purpose = 'ppt', givenAt = '2026-11-20') {
  return { purpose, recipients: ['PPT Bergen'], givenBy: { name: 'Kari Foresatt', relation: 'guardian' }, givenAt };
}

/** The contract's error body: `{ statusCode, error, message, details? }` and nothing else. */
export function expectErrorShape(res: Response, status: number): void {
  if (res.status !== status) {
    throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  }
  const body = res.body as Record<string, unknown>;
  const keys = Object.keys(body).sort();
  const allowed = ['details', 'error', 'message', 'statusCode'];
  if (
    !keys.every((k) => allowed.includes(k)) ||
    body.statusCode !== status ||
    typeof body.error !== 'string' ||
    typeof body.message !== 'string'
  ) {
    throw new Error(`not the contract's error shape: ${JSON.stringify(body)}`);
  }
}

/** `X-Position` is present and a positive integer; answers it. */
export function positionOf(res: Response): number {
  const header = res.headers['x-position'];
  if (typeof header !== 'string' || !/^\d+$/.test(header) || Number(header) < 1) {
    throw new Error(`no integer X-Position on ${res.status}: ${JSON.stringify(res.headers)}`);
  }
  return Number(header);
}
