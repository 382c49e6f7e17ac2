/** A small fetch client for a service on 127.0.0.1, and the seeded school the suites share. */
import { claimsFor, signToken, TEST_SECRET } from '../../api/support/tokens.js';

export { TEST_SECRET };

/** The business date the services run at (CLOCK_TODAY): a Monday in the autumn term. */
export const TODAY = '2026-11-23';
export const MUNICIPALITY = '3024';

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export async function call(baseUrl: string, method: string, path: string, options: RequestOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body, signal: AbortSignal.timeout(options.timeoutMs ?? 15_000) });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

/** School days before TODAY: Mon–Fri outside the seeded autumn break (no public holiday falls in Sep–Nov 2026). */
export function schoolDays(count: number): string[] {
  const days: string[] = [];
  for (let t = Date.parse('2026-09-01T00:00:00Z'); days.length < count && t < Date.parse(`${TODAY}T00:00:00Z`); t += 86_400_000) {
    const d = new Date(t);
    const date = d.toISOString().slice(0, 10);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6 && !(date >= '2026-10-05' && date <= '2026-10-09')) days.push(date);
  }
  return days;
}

export interface Seed {
  schoolId: string;
  students: string[];
  caseIds: string[];
  tokens: { admin: string; leader: string };
}

export async function tokenFor(roles: string[], extra: Record<string, unknown> = {}, secret = TEST_SECRET): Promise<string> {
  return signToken(secret, claimsFor(roles, extra), { expiresIn: '6h' });
}

function expectStatus(reply: Reply, status: number, what: string): void {
  if (reply.status !== status) throw new Error(`${what}: expected ${status}, got ${reply.status} ${reply.text}`);
}

/**
 * A school in municipality 3024 with `studentCount` students in group 5A, and a case for each
 * of the first `caseCount` students, all through HTTP. The leader token is school-leader of it.
 */
export async function seedSchool(
  baseUrl: string,
  options: { schoolId?: string; studentCount: number; caseCount: number; municipality?: string },
): Promise<Seed> {
  const schoolId = options.schoolId ?? 'S1';
  const municipality = options.municipality ?? MUNICIPALITY;
  const admin = await tokenFor(['admin'], { sub: 'admin-1', schools: [], groups: [], municipality });
  const leader = await tokenFor(['school-leader'], { sub: `leader-${schoolId}`, schools: [schoolId], municipality });
  expectStatus(
    await call(baseUrl, 'POST', '/schools', {
      token: admin,
      body: {
        id: schoolId,
        name: `Skole ${schoolId}`,
        municipalityId: municipality,
        level: 'barneskole',
        planId: 'hemsedal-trafikklys',
        schoolYear: { start: '2026-08-17', end: '2027-06-18', breaks: [{ from: '2026-10-05', to: '2026-10-09', name: 'Høstferie' }] },
      },
    }),
    201,
    'register school',
  );
  const students: string[] = [];
  for (let i = 0; i < options.studentCount; i++) {
    const id = `${schoolId}-elev-${i}`;
    expectStatus(
      await call(baseUrl, 'POST', `/schools/${schoolId}/students`, {
        token: admin,
        body: { id, name: `Elev ${i}`, grade: 5, group: '5A' },
      }),
      201,
      'enrol',
    );
    students.push(id);
  }
  const caseIds: string[] = [];
  for (let i = 0; i < options.caseCount; i++) {
    const reply = await call(baseUrl, 'POST', '/cases', {
      token: leader,
      body: { studentId: students[i], reason: 'Bekymringsfullt fravær' },
    });
    expectStatus(reply, 201, 'open case');
    caseIds.push(reply.body.caseId);
  }
  return { schoolId, students, caseIds, tokens: { admin, leader } };
}
