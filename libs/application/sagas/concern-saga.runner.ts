import { Logger } from '@nestjs/common';
import type { EventStore, StoredEvent, Subscription } from '#event-store/event-store.port.js';
import type { DocumentStore } from '#read-models/document-store.port.js';
import { studentStream } from '#domain/events/stream-name.js';
import { studentDecider } from '#domain/student/index.js';
import {
  CONCERN_SAGA_CASE_EVENTS,
  CONCERN_SAGA_EVENTS,
  concernChangeFor,
  type ConcernSagaState,
} from '#read-models/projections/concern/concern-saga.js';
import type { EvaluationFlags } from '#domain/concern/index.js';
import { flagsReadBy } from '#domain/plans/index.js';
import { BoundedCache } from '#event-store/cache/bounded-cache.js';
import type { Clock } from '../clock.js';
import type { SchoolContexts } from '../school-contexts.js';
import type { StreamWriter } from '../write/stream-writer.js';

const CHECKPOINT = 'saga-concern';
const SAGA_ACTOR = { id: 'system:concern-saga', role: 'system' };
/** How long a batch runs before it lets the event loop serve requests. */
const YIELD_AFTER_MS = 5;

/** Events per batch read from the log; a shorter batch means the saga is at the head. */
const BATCH_SIZE = 500;
/**
 * While catching up (full batches), the checkpoint is committed at most this often: each commit
 * waits for the read-model store's write lock, which a projector catching up in a worker thread
 * holds for long commits, and the wait blocks this thread. A crash replays at most this much,
 * which is harmless (see ConcernSagaOptions).
 */
const CATCH_UP_CHECKPOINT_MS = 1000;

/** Students whose level stands: 20,000 verdicts of about 200 bytes each. */
const VERDICT_CACHE_BYTES = 4 * 1024 * 1024;

/**
 * "The level stands": the student's stream judged at `revision` on `today` with these `flags`
 * showed no change. The evaluation is a pure function of those (and the school's plan, fixed by
 * the stream), so another event judged on the same revision, day and flags needs no evaluation:
 * on a catch-up, where a student's events come a few per batch, that is most of them.
 */
type Verdict = { readonly revision: number; readonly today: string; readonly flags: string | null };

/** A read model's fold of the student's stream (the student-absence document) and how far it has read it. */
export type FoldedStudent = ConcernSagaState & { readonly schoolId: string; readonly revision: number };

/**
 * The concern saga (process manager): after every event that can move a student's level it
 * evaluates the plan and records a change as ConcernLevelChanged on the student's stream,
 * caused by that event, so the audit trail shows when the school was told. It issues
 * commands through the same write path as HTTP; it never writes a store directly. Its
 * checkpoint is saved after each batch at the head, and about once a second while catching up;
 * replaying batches after a crash is harmless because the change's event id is derived from the
 * causing event's id.
 */
export interface ConcernSagaOptions {
  events: EventStore;
  documents: DocumentStore;
  writer: StreamWriter;
  schools: SchoolContexts;
  clock: Clock;
  /**
   * Facts from other read models the plan may need, e.g. Bærum's "case in phase 3 that did not
   * resolve", as they stood when `position` (the causing event's) was recorded: never newer, so a
   * replay of the same log decides the same whatever the projector's pace. Default: none.
   */
  flagsFor?: (studentId: string, today: string, position: number) => Promise<EvaluationFlags>;
  /**
   * Resolves once the read models `flagsFor` reads have processed `position`, so that a batch is
   * judged on facts as of its own events. Default: no wait.
   */
  readModelsAt?: (position: number) => Promise<unknown>;
  /**
   * The student as a read model has folded the stream (the command side's own fold), if it has
   * one: judged on it, the saga reads the stream itself only for a change. Default: always load.
   */
  folded?: (studentId: string) => Promise<FoldedStudent | undefined>;
  /**
   * The student of a case, from a read model that has processed the case event's position (the
   * runner waits with `readModelsAt` first). Without it, case events move no level.
   */
  studentOfCase?: (caseId: string) => Promise<string | undefined>;
}

export class ConcernSagaRunner {
  private readonly logger = new Logger('ConcernSaga');
  private subscription?: Subscription;
  private readonly events: EventStore;
  private readonly documents: DocumentStore;
  private readonly writer: StreamWriter;
  private readonly schools: SchoolContexts;
  private readonly clock: Clock;
  private readonly flagsFor: NonNullable<ConcernSagaOptions['flagsFor']>;
  private readonly readModelsAt: NonNullable<ConcernSagaOptions['readModelsAt']>;
  private readonly folded: NonNullable<ConcernSagaOptions['folded']>;
  private readonly studentOfCase: NonNullable<ConcernSagaOptions['studentOfCase']>;
  private readonly verdicts = new BoundedCache<string, Verdict>('saga-verdicts', VERDICT_CACHE_BYTES, () => 200);
  /** The last position judged, and the last one committed as the checkpoint (and when). */
  private judged = 0;
  private committed = 0;
  private committedAt = 0;

  constructor(options: ConcernSagaOptions) {
    ({ events: this.events, documents: this.documents, writer: this.writer, schools: this.schools, clock: this.clock } = options);
    this.flagsFor = options.flagsFor ?? (async () => ({}));
    this.readModelsAt = options.readModelsAt ?? (async () => undefined);
    this.folded = options.folded ?? (async () => undefined);
    this.studentOfCase = options.studentOfCase ?? (async () => undefined);
  }

  async start(): Promise<void> {
    const from = (await this.documents.getCheckpoint(CHECKPOINT)) + 1;
    this.judged = this.committed = from - 1;
    this.subscription = this.events.subscribeToAll({ fromPosition: from, batchSize: BATCH_SIZE }, (batch) => this.handle(batch));
    this.subscription.done.catch((error: unknown) => this.logger.error({ err: nameOf(error) }, 'concern saga stopped'));
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    if (this.judged > this.committed) await this.commitCheckpoint();
  }

  /** Resolves true once the saga has judged every event up to `position`, false after `timeoutMs`. */
  async reached(position: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.judged < position && (await this.documents.getCheckpoint(CHECKPOINT)) < position) {
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return true;
  }

  private async handle(batch: StoredEvent[]): Promise<void> {
    // Per student, the events to judge in order: one for each run of the student's own events (the
    // latest state covers the run), and each case event, judged on the case as it stood at that event.
    // So a catch-up judges what live processing did, whatever the pace.
    const byStudent = new Map<string, StoredEvent[]>();
    const caseEvents = batch.filter((e) => (CONCERN_SAGA_CASE_EVENTS as readonly string[]).includes(e.type));
    const relevant = batch.some((e) => (CONCERN_SAGA_EVENTS as readonly string[]).includes(e.type)) || caseEvents.length > 0;
    if (relevant) await this.readModelsAt(batch.at(-1)!.position);
    const studentOf = new Map<string, string | undefined>();
    for (const e of caseEvents) {
      const caseId = (e.data as { caseId: string }).caseId;
      if (!studentOf.has(caseId)) studentOf.set(caseId, await this.studentOfCase(caseId));
    }
    for (const event of batch) {
      let stream: string | undefined;
      let onCase = false;
      if ((CONCERN_SAGA_EVENTS as readonly string[]).includes(event.type)) stream = event.stream;
      else if ((CONCERN_SAGA_CASE_EVENTS as readonly string[]).includes(event.type)) {
        const studentId = studentOf.get((event.data as { caseId: string }).caseId);
        if (studentId !== undefined) [stream, onCase] = [studentStream(studentId), true];
      }
      if (stream === undefined) continue;
      const list = byStudent.get(stream) ?? [];
      const last = list.at(-1);
      if (!onCase && last !== undefined && last.stream === stream) list[list.length - 1] = event;
      else list.push(event);
      byStudent.set(stream, list);
    }
    // The students of a batch are independent streams, so their reactions run side by side: their
    // appends then share one group commit (one fsync) instead of paying one each, which made a
    // catch-up over a year of registrations take minutes.
    let reacting: Promise<void>[] = [];
    let slice = performance.now();
    for (const [stream, events] of byStudent) {
      reacting.push(this.reactInOrder(events, stream));
      // A long batch gives way to requests every few milliseconds (see below).
      if (performance.now() - slice > YIELD_AFTER_MS) {
        await settleAll(reacting);
        reacting = [];
        await new Promise<void>((resolve) => setImmediate(resolve));
        slice = performance.now();
      }
    }
    await settleAll(reacting);
    this.judged = batch.at(-1)!.position;
    if (batch.length < BATCH_SIZE || performance.now() - this.committedAt >= CATCH_UP_CHECKPOINT_MS) await this.commitCheckpoint();
    // As the projection runner does: without this a catch-up (loads and evaluations that never wait
    // for I/O) would run as one chain of microtasks and hold HTTP requests back until it ends.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  private async commitCheckpoint(): Promise<void> {
    const position = this.judged;
    await this.documents.commit({ writes: [], checkpoints: [{ projection: CHECKPOINT, position }] });
    this.committed = position;
    this.committedAt = performance.now();
  }

  private async reactInOrder(events: readonly StoredEvent[], stream: string): Promise<void> {
    for (const event of events) await this.react(event, stream);
  }

  private async react(event: StoredEvent, stream: string): Promise<void> {
    if (await this.covered(event, stream)) return;
    // Live, the command that caused the event has just loaded the student: a load from the cache is
    // cheaper than reading the document. Catching up (a restart, a first start), it mostly misses.
    if (!this.writer.holds(stream) && (await this.unchangedByReadModel(event, stream))) return;
    for (let attempt = 0; attempt < 3; attempt++) {
      const loaded = await this.writer.load(stream, studentDecider);
      const student = loaded.state;
      if (student.status !== 'enrolled') return;
      if (await this.stands(stream, loaded.revision, event)) return;
      const judged = await this.judge(event, student);
      if (!judged?.change) {
        if (judged) this.remember(stream, loaded.revision, judged.flags);
        return;
      }
      const { school, change } = judged;
      try {
        await this.writer.execute(
          studentStream(student.studentId),
          studentDecider,
          change.command,
          { today: this.clock.today(), isSchoolDay: (d) => school.calendar.isSchoolDay(d) },
          {
            actor: SAGA_ACTOR,
            causationId: change.causationId,
            correlationId: event.metadata.correlationId ?? event.id,
            eventIds: [change.eventId],
          },
          loaded,
        );
        return;
      } catch (error) {
        // A registration landed between load and append: evaluate again on the newer state.
        if ((error as { name?: string }).name !== 'WrongExpectedRevision') throw error;
      }
    }
  }

  /**
   * True when the level stands at the stream's last revision: by an earlier verdict at that
   * revision, or by the read model's fold when it is at that revision (what loading the stream
   * would have shown too, since it is the same fold of the same events). False (load and decide as
   * usual) when neither is, or the fold shows a change. "At the last revision" is asked as "no
   * event after it" (an empty read from the next revision, one index seek), not by reading the
   * last event whole.
   */
  private async unchangedByReadModel(event: StoredEvent, stream: string): Promise<boolean> {
    // A case event may come after a verdict still at the head; a student's own event that `covered`
    // did not cover is past the verdict, so there is nothing to ask the store.
    const verdict = this.verdicts.peek(stream);
    if (
      verdict &&
      event.stream !== stream &&
      (await this.atHead(stream, verdict.revision)) &&
      (await this.stands(stream, verdict.revision, event))
    )
      return true;
    const student = await this.folded(stream.slice('student-'.length));
    if (!student || !(await this.atHead(stream, student.revision))) return false;
    const judged = await this.judge(event, student);
    if (judged?.change !== null) return false;
    this.remember(stream, student.revision, judged.flags);
    return true;
  }

  /**
   * True when a verdict on a state that already holds `event` says the level stands: no read at
   * all. On a catch-up the first of a student's events is judged on the fold at the stream's head,
   * which covers all the student's later events. (An event appended since by another process comes
   * later in the log, and is judged then.)
   */
  private async covered(event: StoredEvent, stream: string): Promise<boolean> {
    const verdict = this.verdicts.get(stream);
    if (!verdict || event.stream !== stream || event.revision > verdict.revision) return false;
    return this.stands(stream, verdict.revision, event);
  }

  private async atHead(stream: string, revision: number): Promise<boolean> {
    return (await this.events.readStreamForFold(stream, revision + 1)).length === 0;
  }

  /** True when the level was judged to stand at `revision` today, on the flags `event` would be judged with. */
  private async stands(stream: string, revision: number, event: StoredEvent): Promise<boolean> {
    const verdict = this.verdicts.peek(stream);
    if (!verdict || verdict.revision !== revision || verdict.today !== this.clock.today()) return false;
    if (verdict.flags === null) return true;
    const flags = await this.flagsFor(stream.slice('student-'.length), verdict.today, event.position);
    return flagsKey(flags) === verdict.flags;
  }

  private remember(stream: string, revision: number, flags: EvaluationFlags | null): void {
    this.verdicts.set(stream, { revision, today: this.clock.today(), flags: flags === null ? null : flagsKey(flags) });
  }

  /**
   * The change `event` brings about for `student` (null: none), the school it was judged by and
   * the flags it was judged on (null: the plan reads none, so none were looked up); undefined for
   * an unknown school.
   */
  private async judge(event: StoredEvent, student: ConcernSagaState & { readonly schoolId: string }) {
    const school = await this.schools.get(student.schoolId);
    if (!school) return undefined;
    const today = this.clock.today();
    const flags = flagsReadBy(school.plan).length > 0 ? await this.flagsFor(student.studentId, today, event.position) : null;
    return { school, flags, change: concernChangeFor(event, student, school.plan, school.calendar, today, flags ?? {}) };
  }
}

function flagsKey(flags: EvaluationFlags): string {
  return JSON.stringify(Object.entries(flags).sort(([a], [b]) => a.localeCompare(b)));
}

/** Waits for every reaction, then fails with the first failure (none is left running unseen). */
async function settleAll(reactions: readonly Promise<void>[]): Promise<void> {
  const failed = (await Promise.allSettled(reactions)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown';
}
