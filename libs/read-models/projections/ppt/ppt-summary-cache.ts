/**
 * Parsed PPT summaries (their buckets merged), kept between requests. A municipality's summary is
 * a few hundred KB of JSON; reading and parsing it on every statistics request would spend most of the 100 ms
 * budget, while it changes only when a PPT case changes. The small stamp document (written in
 * the same commit) says whether the cached copy is still the stored one.
 *
 * The followed students' day-absence dates come from `follow-up-students`. Reading them (an
 * indexed read of some 2,000 small documents, about 4 ms) is skipped while that projection has
 * committed nothing since; after a change, its store's `readCache` keeps the unchanged ones
 * parsed, and the sets built from them are kept as long as the document they were built from.
 *
 * Keyed by the physical collection, so a rebuilt generation never serves an old parse.
 * Cached values are shared: callers must not change them.
 */
import { BoundedCache } from '#event-store/cache/bounded-cache.js';
import { estimateBytes } from '#event-store/cache/estimate-bytes.js';
import { FrozenMemo } from '../../frozen-memo.js';
import type { ProjectionReader } from '../../projector/projection-reader.js';
import type { CaseAndStudentReaders } from '../cases/case.queries.js';
import { STUDENT_DAY_DATES, type StudentDayDatesDoc } from '../follow-up-students/follow-up-student-doc.js';
import { mergePptSummary, PPT_SUMMARIES, PPT_SUMMARY_STAMPS, type PptSummaryDoc, type PptSummaryStamp } from './ppt-summary.js';

export type PptSummaryReader = Pick<ProjectionReader, 'get' | 'find' | 'collectionName'>;

/** Municipalities' merged summaries (a few hundred KB each) and their followed students' dates. */
const CACHE_BYTES = 32 * 1024 * 1024;

interface Entry {
  /** Its key in the cache: the physical collection and the municipality. */
  readonly key: string;
  position: number;
  summary?: PptSummaryDoc | undefined;
  /** The summary's estimated bytes, counted once when it was read. */
  summaryBytes?: number;
  /** The followed students' dates, as read when `follow-up-students` had committed `position` in `collection`. */
  days?: { position: number; collection: string; byStudent: ReadonlyMap<string, ReadonlySet<string>> };
}

/** An entry's bytes are counted again once it is filled (`fill`). */
const cache = new BoundedCache<string, Entry>('ppt-summaries', CACHE_BYTES, () => 64);

/**
 * Counts what `entry` now holds against the limit (it is filled after it is first kept). The
 * summary is walked once, when it is read; the day sets, rebuilt whenever their projection moved
 * (every logged read moves it), are counted by their sizes only: their date strings are the
 * read-cached documents', and walking every set on every request made the statistics four times slower.
 */
function fill(entry: Entry, summaryBytes?: number): void {
  if (cache.peek(entry.key) !== entry) return;
  if (summaryBytes !== undefined) entry.summaryBytes = summaryBytes;
  let days = 0;
  for (const dates of entry.days?.byStudent.values() ?? []) days += 64 + 16 * dates.size;
  cache.set(entry.key, entry, 64 + (entry.summaryBytes ?? 0) + days);
}

/** The cache entry that matches the stored stamp (a fresh, empty one when the stamp moved); undefined without a stamp. */
async function entryFor(reader: PptSummaryReader, municipalityId: string): Promise<Entry | undefined> {
  // Stamp first: what is read after it is at least as new, so a cached copy is never newer than its stamp says.
  const stamp = await reader.get<PptSummaryStamp>(PPT_SUMMARY_STAMPS, municipalityId);
  if (!stamp) return undefined;
  const key = `${reader.collectionName(PPT_SUMMARIES)}\u0000${municipalityId}`;
  let entry = cache.get(key);
  if (!entry || entry.position !== stamp.position) {
    entry = { key, position: stamp.position };
    cache.set(key, entry);
  }
  return entry;
}

async function summaryIn(entry: Entry, reader: PptSummaryReader, municipalityId: string): Promise<PptSummaryDoc | undefined> {
  if (!('summary' in entry)) {
    entry.summary = mergePptSummary(municipalityId, await reader.find<PptSummaryDoc>(PPT_SUMMARIES, { municipalityId }));
    fill(entry, estimateBytes(entry.summary));
  }
  return entry.summary;
}

export async function readPptSummary(reader: PptSummaryReader, municipalityId: string): Promise<PptSummaryDoc | undefined> {
  const entry = await entryFor(reader, municipalityId);
  return entry && summaryIn(entry, reader, municipalityId);
}

/** A student's dates as a set, kept with the shared document it was built from. */
const dateSets = new FrozenMemo<StudentDayDatesDoc, ReadonlySet<string>>(1);

/**
 * The summary, and the day-absence dates of every student it follows (none without a summary),
 * on one read of the stamp.
 */
export async function readPptSummaryAndDays(
  readers: CaseAndStudentReaders,
  municipalityId: string,
): Promise<{ summary: PptSummaryDoc | undefined; days: ReadonlyMap<string, ReadonlySet<string>> }> {
  const entry = await entryFor(readers.cases, municipalityId);
  if (!entry) return { summary: undefined, days: new Map() };
  const summary = await summaryIn(entry, readers.cases, municipalityId);
  // Position first: the documents read after it are at least that new, so at worst the map is
  // read again once too often; tagged with a later position, it could go stale unnoticed.
  const position = readers.students.position();
  const collection = readers.students.collectionName(STUDENT_DAY_DATES);
  if (entry.days && entry.days.position === position && entry.days.collection === collection)
    return { summary, days: entry.days.byStudent };
  const studentIds = [...new Set(Object.values(summary?.cases ?? {}).map((c) => c.studentId))];
  const byStudent = new Map<string, ReadonlySet<string>>();
  const docs =
    studentIds.length === 0 ? [] : await readers.students.find<StudentDayDatesDoc>(STUDENT_DAY_DATES, { studentId: { in: studentIds } });
  for (const doc of docs) {
    const dates = dateSets.get(doc, '', () => new Set(doc.dates));
    byStudent.set(doc.studentId, dates);
  }
  // Kept only once complete: a request running beside this one must not see it half filled.
  entry.days = { position, collection, byStudent };
  fill(entry);
  return { summary, days: byStudent };
}
