/** GET /audit/access-log?caseId=&studentId= (api.md, Read models). */
import type { Filter } from '../../document-store.port.js';
import type { ProjectionReader } from '../../projector/projection-reader.js';
import { ACCESS_LOG, type AccessLogDoc } from './access-log.projection.js';

export interface AccessLogEntry {
  at: string;
  actor: { id: string; role: string };
  action: string;
  target: { type: string; id: string };
}

/** Both ids given: entries matching both. Neither: the whole log. */
export interface AccessLogQuery {
  caseId?: string;
  /** Reads of the student's concern and of the student's cases. */
  studentId?: string;
  /** At most this many entries (the oldest). */
  limit?: number;
}

/** Oldest first (ties in the order recorded). */
export async function getAccessLog(reader: Pick<ProjectionReader, 'find'>, query: AccessLogQuery): Promise<AccessLogEntry[]> {
  const filter: Record<string, string> = {};
  if (query.caseId !== undefined) filter.caseId = query.caseId;
  if (query.studentId !== undefined) filter.studentId = query.studentId;
  const docs = await reader.find<AccessLogDoc>(ACCESS_LOG, filter as Filter, {
    sort: [{ field: 'at' }, { field: 'seq' }],
    ...(query.limit === undefined ? {} : { limit: query.limit }),
  });
  return docs.map(({ at, actor, action, target }) => ({ at, actor, action, target }));
}
