/**
 * The generator on the real SQLite store: every event decided by the real deciders, every
 * chain intact, nothing dated after the cap, and the same seed giving the same events.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyChain } from '#audit/verify-chain.js';
import type { StoredEvent } from '#event-store/event-store.port.js';
import { generateMunicipality, type GenerateOptions, type GenerateSummary } from '#demo/generate-municipality.js';
import { norwegianSchoolYear } from '#demo/school-year.js';
import { openStore, removeTempDataDirs, tempDataDir } from './support/data-dir.js';

const CAP = '2026-03-13';
const OPTIONS: GenerateOptions = {
  schools: 5,
  students: 160,
  seed: 'e2e',
  schoolYear: norwegianSchoolYear(2025),
  businessDateCap: CAP,
  municipalityId: '3024',
};

async function generate(): Promise<{ summary: GenerateSummary; events: StoredEvent[]; streams: Map<string, StoredEvent[]> }> {
  const store = openStore(tempDataDir('generate'));
  try {
    const summary = await generateMunicipality(store, OPTIONS);
    const streams = new Map<string, StoredEvent[]>();
    for (const stream of await store.listStreams()) streams.set(stream, await store.readStream(stream));
    return { summary, events: await store.readAll(), streams };
  } finally {
    await store.close();
  }
}

/** What the seed decides: everything but the store's recordedAt (and the hash that covers it). */
const seeded = (e: StoredEvent) => {
  const { recordedAt: _r, ...metadata } = e.metadata;
  return { id: e.id, stream: e.stream, revision: e.revision, position: e.position, type: e.type, data: e.data, metadata };
};

describe('generateMunicipality', () => {
  let first: Awaited<ReturnType<typeof generate>>;
  beforeAll(async () => {
    first = await generate();
  }, 120_000);
  afterAll(removeTempDataDirs);

  it('stores schools, students and cases and counts its events', () => {
    const { summary, events } = first;
    expect(summary).toMatchObject({ schools: 5, students: 160, municipalityId: '3024', businessDateCap: CAP });
    expect(summary.cases).toBeGreaterThan(0);
    expect(summary.events).toBe(events.length);
    expect(events.length).toBeGreaterThan(160 * 10);
    const types = new Set(events.map((e) => e.type));
    for (const type of [
      'SchoolRegistered',
      'StudentEnrolled',
      'AbsenceRegistered',
      'AbsenceCorrected',
      'CaseOpened',
      'MeetingHeld',
      'MeasureEvaluated',
      'ConsentGiven',
      'ReferralMade',
    ]) {
      expect(types).toContain(type);
    }
    expect(
      events.every(
        (e) =>
          typeof e.metadata.actor.id === 'string' &&
          typeof e.metadata.actor.role === 'string' &&
          Object.keys(e.metadata.actor).length === 2,
      ),
    ).toBe(true);
  });

  it('leaves every stream with a valid hash chain', () => {
    for (const [stream, events] of first.streams)
      expect({ stream, result: verifyChain(events) }).toEqual({ stream, result: { valid: true, events: events.length } });
  });

  it('dates nothing after the business-date cap', () => {
    const dated = (e: StoredEvent): string[] => {
      const d = e.data as Record<string, unknown>;
      return ['date', 'on', 'at', 'heldAt', 'givenAt', 'openedOn'].flatMap((k) =>
        typeof d[k] === 'string' ? [(d[k] as string).slice(0, 10)] : [],
      );
    };
    const after = first.events.filter((e) => dated(e).some((d) => d > CAP) || e.metadata.occurredAt.slice(0, 10) > CAP);
    expect(after.map((e) => `${e.stream}@${e.revision} ${e.type}`)).toEqual([]);
  });

  it('refers to PPT and BUP only under a consent of that purpose', () => {
    const referrals = first.events.filter((e) => e.type === 'ReferralMade').map((e) => e.data as { to: string; consentId: string | null });
    expect(referrals.some((r) => r.to === 'ppt')).toBe(true);
    for (const r of referrals) if (r.to === 'ppt' || r.to === 'bup') expect(r.consentId).not.toBeNull();
  });

  it('gives the same events for the same seed', async () => {
    const second = await generate();
    expect(second.summary.ids).toEqual(first.summary.ids);
    expect(second.events.map(seeded)).toEqual(first.events.map(seeded));
  }, 120_000);
});
