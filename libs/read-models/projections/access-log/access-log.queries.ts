/** GET /audit/access-log?caseId=&studentId=&limit=&cursor= (api.md, Read models). */
import type { Filter } from '../../document-store.port.js';
import type { ProjectionReader } from '../../projector/projection-reader.js';
import { ACCESS_LOG, ACCESS_LOG_REVEALED, type AccessLogDoc, type RevealedDoc } from './access-log.projection.js';

export interface AccessLogEntry {
  at: string;
  actor: { id: string; role: string };
  action: string;
  target: { type: string; id: string };
  /** What a listing revealed: the ids it showed. */
  revealed?: { type: 'case' | 'student'; ids: string[] };
  /** A whole-school list: how many students it showed. */
  shown?: number;
}

/** Both ids given: entries matching both. Neither: the whole log. */
export interface AccessLogQuery {
  caseId?: string;
  /** Reads of the student's concern and of the student's cases, lists that showed them included. */
  studentId?: string;
  /** A page of at most this many entries. */
  limit?: number;
  /** Entries after this one (the `next` of the page before). */
  after?: AccessLogCursor;
}

/** Where a page ended: the last entry's instant and position. */
export interface AccessLogCursor {
  at: string;
  seq: number;
}

export interface AccessLogPage {
  items: AccessLogEntry[];
  /** Where the page ended, when more follow. */
  next?: AccessLogCursor;
}

const entry = ({ at, actor, action, target, revealed, shown }: AccessLogDoc): AccessLogEntry => ({
  at,
  actor,
  action,
  target,
  ...(revealed ? { revealed } : {}),
  ...(shown === undefined ? {} : { shown }),
});

const SORT = [{ field: 'at' }, { field: 'seq' }] as const;
const byTime = (a: AccessLogDoc, b: AccessLogDoc): number => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq);
const isAfter = (doc: AccessLogDoc, c: AccessLogCursor | undefined): boolean => !c || doc.at > c.at || (doc.at === c.at && doc.seq > c.seq);

/**
 * Oldest first by `at` (ties in the order recorded): several instances append out of time order.
 * A filtered log (one case, one student) is read whole and paged in memory; the whole log is
 * read a page at a time from the cursor's instant on.
 */
export async function getAccessLog(reader: Pick<ProjectionReader, 'find'>, query: AccessLogQuery): Promise<AccessLogPage> {
  const filter: Record<string, string> = {};
  if (query.caseId !== undefined) filter.caseId = query.caseId;
  if (query.studentId !== undefined) filter.studentId = query.studentId;
  let docs: AccessLogDoc[];
  if (Object.keys(filter).length === 0) {
    const from = query.after ? { at: { gte: query.after.at } } : {};
    // Entries at the cursor's own instant that the page before already showed are skipped.
    const seen = query.after
      ? (await reader.find<AccessLogDoc>(ACCESS_LOG, { at: query.after.at, seq: { lte: query.after.seq } } as Filter)).length
      : 0;
    const take = query.limit === undefined ? {} : { limit: query.limit + 1 + seen };
    docs = (await reader.find<AccessLogDoc>(ACCESS_LOG, from as Filter, { sort: SORT, ...take })).filter((d) => isAfter(d, query.after));
  } else {
    // The entries about the case or student itself, and the listings that showed it.
    const [own, revealedIn] = await Promise.all([
      reader.find<AccessLogDoc>(ACCESS_LOG, filter as Filter),
      reader.find<RevealedDoc>(ACCESS_LOG_REVEALED, filter as Filter),
    ]);
    const listed =
      revealedIn.length === 0 ? [] : await reader.find<AccessLogDoc>(ACCESS_LOG, { seq: { in: revealedIn.map((r) => r.seq) } });
    const bySeq = new Map<number, AccessLogDoc>();
    for (const doc of [...own, ...listed]) bySeq.set(doc.seq, doc);
    docs = [...bySeq.values()].sort(byTime).filter((d) => isAfter(d, query.after));
  }
  if (query.limit === undefined || docs.length <= query.limit) return { items: docs.map(entry) };
  const page = docs.slice(0, query.limit);
  const last = page.at(-1)!;
  return { items: page.map(entry), next: { at: last.at, seq: last.seq } };
}
