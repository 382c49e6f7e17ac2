/**
 * Parsed PPT summaries kept between requests. A municipality's summary is a few hundred KB
 * of JSON; parsing it on every statistics request would spend most of the 100 ms budget, while
 * it changes only when a PPT case or a PPT student's absence changes. The small stamp document
 * (written in the same commit) says whether the cached copy is still the stored one.
 *
 * Keyed by the physical collection, so a rebuilt generation never serves an old parse.
 * Cached summaries are shared: callers must not change them.
 */
import type { ProjectionReader } from '../../projector/projection-reader.js';
import { PPT_SUMMARIES, PPT_SUMMARY_STAMPS, type PptSummaryDoc, type PptSummaryStamp } from './ppt-summary.js';

export type PptSummaryReader = Pick<ProjectionReader, 'get' | 'collectionName'>;

const MAX_ENTRIES = 200;
const cache = new Map<string, { position: number; summary: PptSummaryDoc }>();

export async function readPptSummary(reader: PptSummaryReader, municipalityId: string): Promise<PptSummaryDoc | undefined> {
  // Stamp first: the summary read after it is at least as new, so a cached copy is never newer than its stamp says.
  const stamp = await reader.get<PptSummaryStamp>(PPT_SUMMARY_STAMPS, municipalityId);
  if (!stamp) return undefined;
  const key = `${reader.collectionName(PPT_SUMMARIES)}\u0000${municipalityId}`;
  const cached = cache.get(key);
  if (cached && cached.position === stamp.position) return cached.summary;
  const summary = await reader.get<PptSummaryDoc>(PPT_SUMMARIES, municipalityId);
  if (!summary) return undefined;
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, { position: stamp.position, summary });
  return summary;
}
