/**
 * `npm run demo` in process: a demo municipality for this school year up to today, a token
 * per role matching the demo's schools, groups and municipality, and a refusal to load into
 * a store that already holds events unless forced.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jwtVerify } from 'jose';
import { ROLES } from '#access/roles.js';
import { builtInPlans } from '#domain/plans/index.js';
import type { StoredEvent } from '#event-store/event-store.port.js';
import { DemoRefused, loadDemo, type DemoResult } from '#cli/demo/load-demo.js';
import { openStore, removeTempDataDirs, tempDataDir } from './support/data-dir.js';

const TODAY = '2026-11-23';

describe('loadDemo', () => {
  let dataDir: string;
  let demo: DemoResult;
  let events: StoredEvent[];
  const settings = () => ({ dataDir, eventstoreUrl: null, mongodbUrl: null });

  beforeAll(async () => {
    dataDir = tempDataDir('demo');
    demo = await loadDemo({ settings: settings(), today: TODAY });
    const store = openStore(dataDir);
    events = await store.readAll();
    await store.close();
  }, 60_000);
  afterAll(removeTempDataDirs);

  it('loads one school per plan and a few hundred students within a minute', () => {
    expect(demo.summary).toMatchObject({
      schools: 5,
      students: 300,
      businessDateCap: TODAY,
      schoolYear: { start: '2026-08-17', end: '2027-06-18' },
    });
    expect(demo.summary.seconds).toBeLessThan(60);
    expect(demo.summary.cases).toBeGreaterThan(0);
    const plans = events.filter((e) => e.type === 'SchoolRegistered').map((e) => (e.data as { planId: string }).planId);
    expect(new Set(plans)).toEqual(new Set(builtInPlans.map((p) => p.id)));
  });

  it('registers absence only up to today', () => {
    const dates = events.filter((e) => e.type === 'AbsenceRegistered').map((e) => (e.data as { date: string }).date);
    expect(dates.length).toBeGreaterThan(1000);
    expect(dates.every((d) => d >= '2026-08-17' && d <= TODAY)).toBe(true);
  });

  it('mints a token per role with claims matching the demo, signed with a secret it prints', async () => {
    expect(demo.secretGenerated).toBe(true);
    expect(demo.tokens.map((t) => t.role)).toEqual([...ROLES]);
    const key = new TextEncoder().encode(demo.secret);
    for (const { role, token } of demo.tokens) {
      const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'] });
      expect(payload).toMatchObject({ roles: [role], municipality: '3024' });
      if (role === 'teacher' || role === 'contact-teacher') {
        expect(payload.schools).toEqual(demo.summary.ids.schoolIds);
        // Each group with its school (a bare group id beside several schools grants nothing).
        const groups = Object.entries(demo.summary.ids.groupsBySchool).flatMap(([school, gs]) => gs.map((g) => `${school}/${g}`));
        expect((payload.groups as string[]).length).toBeGreaterThan(0);
        for (const group of payload.groups as string[]) expect(groups).toContain(group);
      }
    }
    expect(demo.text).toContain(`AUTH_JWT_SECRET=${demo.secret}`);
    expect(demo.text).toContain(`AUTH_JWT_SECRET='${demo.secret}' DATA_DIR='${dataDir}' npm start`);
    expect(demo.text).toContain('http://localhost:3000/docs');
  });

  it('prints ids, never student names', () => {
    const names = events.filter((e) => e.type === 'StudentEnrolled').map((e) => (e.data as { name: string }).name);
    expect(names.filter((name) => demo.text.includes(name))).toEqual([]);
  });

  it('refuses a DATA_DIR that already holds events, and replaces it with --force', async () => {
    await expect(loadDemo({ settings: settings(), today: TODAY })).rejects.toThrow(DemoRefused);
    await expect(loadDemo({ settings: settings(), today: TODAY })).rejects.toThrow(/already holds \d+ events/);
    const forced = await loadDemo({ settings: settings(), today: TODAY, students: 50, force: true, secret: 'a-secret-from-the-shell' });
    expect(forced.secretGenerated).toBe(false);
    expect(forced.text).toContain('Tokens signed with the AUTH_JWT_SECRET of this shell.');
    const store = openStore(dataDir);
    expect(await store.headPosition()).toBe(forced.summary.events);
    await store.close();
  }, 60_000);
});
