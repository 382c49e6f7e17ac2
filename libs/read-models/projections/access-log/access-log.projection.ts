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

export interface AccessLogDoc {
  [field: string]: unknown;
  at: string;
  actor: { id: string; role: string };
  action: string;
  target: { type: string; id: string };
  caseId: string | null;
  studentId: string | null;
  /** Global position: orders entries with the same instant as they were recorded. */
  seq: number;
}

export const accessLogProjection: Projection = {
  name: 'access-log',
  version: 1,
  collections: [
    { name: ACCESS_LOG, indexes: ['caseId', 'studentId', 'at'] },
    { name: ACCESS_LOG_CASES, indexes: [] },
  ],
  handles: [ACCESS_RECORDED, 'CaseOpened'],
  prefetch(event) {
    if (event.type === ACCESS_RECORDED) {
      const { target } = event.data as AccessRecordedData;
      return target.type === 'case' ? [{ collection: ACCESS_LOG_CASES, id: target.id }] : [];
    }
    return [];
  },
  async apply(event, ctx) {
    if (event.type === 'CaseOpened') {
      const { caseId, studentId } = event.data as { caseId: string; studentId: string };
      ctx.upsert(ACCESS_LOG_CASES, caseId, { studentId });
      return;
    }
    const { actor, action, target, at } = event.data as AccessRecordedData;
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
    };
    ctx.upsert(ACCESS_LOG, event.id, doc);
  },
};
