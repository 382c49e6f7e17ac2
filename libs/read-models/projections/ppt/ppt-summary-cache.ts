/**
 * Parsed PPT summaries and followed students' dates, kept between requests. A municipality's
 * summary is a few hundred KB of JSON and the dates of its followed students about as much;
 * reading and parsing them on every statistics request would spend most of the 100 ms budget,
 * while they change only when a PPT case or a followed student's day-absence changes. The small
 * stamp document (written in the same commit as either) says whether the cached copies are
 * still the stored ones.
 *
 * Keyed by the physical collection, so a rebuilt generation never serves an old parse.
 * Cached values are shared: callers must not change them.
 */
import type { ProjectionReader } from '../../projector/projection-reader.js';
import { PPT_STUDENT_DAYS, PPT_SUMMARIES, PPT_SUMMARY_STAMPS, type PptStudentDaysDoc, type PptSummaryDoc, type PptSummaryStamp } from './ppt-summary.js';

export type PptSummaryReader = Pick<ProjectionReader, 'get' | 'find' | 'collectionName'>;

const MAX_ENTRIES = 200;

interface Entry {
  position: number;
  summary?: PptSummaryDoc | undefined;
  /** studentId → dates with an active day-absence. */
  days?: ReadonlyMap<string, ReadonlySet<string>>;
}

const cache = new Map<string, Entry>();

/** The cache entry that matches the stored stamp (a fresh, empty one when the stamp moved); undefined without a stamp. */
async function entryFor(reader: PptSummaryReader, municipalityId: string): Promise<Entry | undefined> {
  // Stamp first: what is read after it is at least as new, so a cached copy is never newer than its stamp says.
  const stamp = await reader.get<PptSummaryStamp>(PPT_SUMMARY_STAMPS, municipalityId);
  if (!stamp) return undefined;
  const key = `${reader.collectionName(PPT_SUMMARIES)}\u0000${municipalityId}`;
  let entry = cache.get(key);
  if (!entry || entry.position !== stamp.position) {
    if (cache.size >= MAX_ENTRIES) cache.clear();
    entry = { position: stamp.position };
    cache.set(key, entry);
  }
  return entry;
}

export async function readPptSummary(reader: PptSummaryReader, municipalityId: string): Promise<PptSummaryDoc | undefined> {
  const entry = await entryFor(reader, municipalityId);
  if (!entry) return undefined;
  if (!('summary' in entry)) entry.summary = await reader.get<PptSummaryDoc>(PPT_SUMMARIES, municipalityId);
  return entry.summary;
}

/** The day-absence dates of every student the municipality's PPT figures follow. */
export async function readPptStudentDays(reader: PptSummaryReader, municipalityId: string): Promise<ReadonlyMap<string, ReadonlySet<string>>> {
  const entry = await entryFor(reader, municipalityId);
  if (!entry) return new Map();
  if (!entry.days) {
    const days = new Map<string, ReadonlySet<string>>();
    for (const d of await reader.find<PptStudentDaysDoc>(PPT_STUDENT_DAYS, { municipalityId })) days.set(d.studentId, new Set(d.dates));
    entry.days = days;
  }
  return entry.days;
}
