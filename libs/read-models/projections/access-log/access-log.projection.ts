/**
 * The `access-log` projection: one document per recorded access, queryable by case and by
 * student. A read of a case is also filed under the case's student (kept from CaseOpened),
 * so an auditor asking "who read about this child" sees case reads too.
 */
import type { Projection } from '../../projector/projection.js';
import type { AccessRecordedData } from './access-log.events.js';
import { ACCESS_RECORDED } from './access-log.events.js';

export const ACCESS_LOG = 'access-log';
/** caseId → studentId, from CaseOpened. */
export const ACCESS_LOG_CASES = 'access-log-cases';
/** One document per id a listing revealed, pointing at its entry (`seq`): what makes a list read findable by case or student. */
export const ACCESS_LOG_REVEALED = 'access-log-revealed';

export interface RevealedDoc {
  [field: string]: unknown;
  seq: number;
  caseId: string | null;
  studentId: string | null;
}

export interface AccessLogDoc {
  [field: string]: unknown;
  at: string;
  actor: { id: string; role: string };
  action: string;
  target: { type: string; id: string };
  caseId: string | null;
  studentId: string | null;
  /** Global position: the order the entries were recorded in. */
  seq: number;
  revealed?: { type: 'case' | 'student'; ids: string[] };
  shown?: number;
}

export const accessLogProjection: Projection = {
  name: 'access-log',
  // 2: one entry per request, with the ids a listing revealed (ACCESS_LOG_REVEALED), ordered by seq.
  version: 2,
  collections: [
    { name: ACCESS_LOG, indexes: ['caseId', 'studentId', 'at', 'seq'] },
    { name: ACCESS_LOG_CASES, indexes: [] },
    { name: ACCESS_LOG_REVEALED, indexes: ['caseId', 'studentId', 'seq'] },
  ],
  handles: [ACCESS_RECORDED, 'CaseOpened'],
  prefetch(event) {
    if (event.type === ACCESS_RECORDED) {
      const { target, revealed } = event.data as AccessRecordedData;
      const cases = [...(target.type === 'case' ? [target.id] : []), ...(revealed?.type === 'case' ? revealed.ids : [])];
      return cases.map((id) => ({ collection: ACCESS_LOG_CASES, id }));
    }
    return [];
  },
  async apply(event, ctx) {
    if (event.type === 'CaseOpened') {
      const { caseId, studentId } = event.data as { caseId: string; studentId: string };
      ctx.upsert(ACCESS_LOG_CASES, caseId, { studentId });
      return;
    }
    const { actor, action, target, at, revealed, shown } = event.data as AccessRecordedData;
    let caseId: string | null = null;
    let studentId: string | null = null;
    if (target.type === 'case') {
      caseId = target.id;
      studentId = (await ctx.get<{ studentId: string }>(ACCESS_LOG_CASES, target.id))?.studentId ?? null;
    } else if (target.type === 'student') {
      studentId = target.id;
    }
    const doc: AccessLogDoc = {
      at,
      actor: { id: actor.id, role: actor.role },
      action,
      target: { type: target.type, id: target.id },
      caseId,
      studentId,
      seq: event.position,
      ...(revealed ? { revealed: { type: revealed.type, ids: [...revealed.ids] } } : {}),
      ...(shown === undefined ? {} : { shown }),
    };
    ctx.upsert(ACCESS_LOG, event.id, doc);
    for (const id of revealed?.ids ?? []) {
      const studentOf = revealed!.type === 'case' ? ((await ctx.get<{ studentId: string }>(ACCESS_LOG_CASES, id))?.studentId ?? null) : id;
      const index: RevealedDoc = { seq: event.position, caseId: revealed!.type === 'case' ? id : null, studentId: studentOf };
      ctx.upsert(ACCESS_LOG_REVEALED, `${event.id}:${id}`, index);
    }
  },
};
