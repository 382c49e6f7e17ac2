/**
 * Appends, grouped: those made until the next turn of the event loop share one IMMEDIATE
 * transaction, each in its own SAVEPOINT, so one append's conflict or failure rolls back only that
 * append, and one COMMIT (one fsync) covers them all; no caller is answered before it. They
 * serialise with appends of other processes on the same file, and all events of a call commit
 * together or not at all.
 */
import type Database from 'better-sqlite3';
import { assertAppendable, idempotentResult, revisionMatches } from '../append-checks.js';
import { canonicalJsonFast, hashCanonical } from '../canonical-hash.js';
import { WrongExpectedRevision, type AppendOptions, type AppendResult, type NewEvent } from '../event-store.port.js';
import type { Statements } from './statements.js';

/** An event prepared outside the write lock: only revision and the chain are left to fill in. */
interface PreparedEvent {
  id: string;
  type: string;
  schemaVersion: number;
  dataJson: string;
  metadataJson: string;
}

interface LockedAppend {
  result: AppendResult;
  /** False when the call was a re-append answered from history. */
  appended: boolean;
}

/** An append waiting for the next group commit. */
interface QueuedAppend {
  stream: string;
  events: PreparedEvent[];
  options: AppendOptions;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/** What one append of a group came to inside the shared transaction. */
type GroupOutcome = { ok: true; locked: LockedAppend } | { ok: false; error: unknown };

const UNIQUE_ID_VIOLATION = 'UNIQUE constraint failed: events.id';

/**
 * Not `instanceof Error`: better-sqlite3 registers its error class once per process, so under a
 * runner with one realm per test file (jest) its errors may come from another realm.
 */
function isUniqueIdViolation(error: unknown): boolean {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message.includes(UNIQUE_ID_VIOLATION);
}

export class GroupCommit {
  /** One append in its own SAVEPOINT (better-sqlite3 nests a transaction function as a savepoint). */
  private readonly appendSavepoint: (stream: string, events: PreparedEvent[], options: AppendOptions) => LockedAppend;
  /** A group of appends in one IMMEDIATE transaction: one COMMIT, one fsync, for all of them. */
  private readonly groupTx: (group: QueuedAppend[]) => GroupOutcome[];
  private queue: QueuedAppend[] = [];
  private flushScheduled = false;

  constructor(
    db: Database.Database,
    private readonly stmt: Statements,
    /** Called after a commit that stored at least one event (wakes live subscriptions). */
    private readonly onAppended: () => void,
  ) {
    this.appendSavepoint = db.transaction((stream: string, events: PreparedEvent[], opts: AppendOptions) =>
      this.appendLocked(stream, events, opts),
    );
    this.groupTx = db.transaction((group: QueuedAppend[]) => {
      const outcomes: GroupOutcome[] = [];
      for (const a of group) {
        try {
          outcomes.push({ ok: true, locked: this.appendSavepoint(a.stream, a.events, a.options) });
        } catch (error) {
          // Rolled back to its savepoint; the others are unaffected. Should SQLite have rolled back
          // the whole transaction (e.g. disk full), nothing of the group is stored: fail them all.
          if (!db.inTransaction) throw error;
          outcomes.push({ ok: false, error });
        }
      }
      return outcomes;
    }).immediate;
  }

  append(stream: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    assertAppendable(stream, events);
    // Everything that does not depend on the stream head is done before taking the write lock.
    const recordedAt = new Date().toISOString();
    const prepared = events.map((e): PreparedEvent => ({
      id: e.id,
      type: e.type,
      schemaVersion: e.schemaVersion,
      dataJson: canonicalJsonFast(e.data),
      metadataJson: canonicalJsonFast({ ...e.metadata, recordedAt }),
    }));
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ stream, events: prepared, options, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits the queued appends in one transaction, then answers each caller in order. */
  flush(): void {
    this.flushScheduled = false;
    const group = this.queue;
    this.queue = [];
    if (group.length === 0) return;
    let outcomes: GroupOutcome[];
    try {
      outcomes = this.groupTx(group);
    } catch (error) {
      // BEGIN or COMMIT failed (or the transaction was lost): nothing of the group is stored.
      for (const a of group) a.reject(error);
      return;
    }
    let appended = false;
    group.forEach((a, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) {
        appended ||= outcome.locked.appended;
        a.resolve(outcome.locked.result);
        return;
      }
      const { error } = outcome;
      // A stored id: its savepoint rolled back; either a re-append (answer as before) or a conflict.
      if (!isUniqueIdViolation(error)) return a.reject(error);
      try {
        const again = this.idempotent(a.stream, a.events);
        if (again) a.resolve(again);
        else a.reject(error);
      } catch (lookupError) {
        a.reject(lookupError);
      }
    });
    if (appended) this.onAppended();
  }

  /** Runs inside the IMMEDIATE transaction: the head read here cannot change before commit. */
  private appendLocked(stream: string, events: PreparedEvent[], options: AppendOptions): LockedAppend {
    const expected = options.expectedRevision ?? 'any';
    const head = this.stmt.head.get(stream);
    const current = head ? head.revision : -1;
    if (!revisionMatches(expected, current)) {
      const again = this.idempotent(stream, events);
      if (again) return { result: again, appended: false };
      throw new WrongExpectedRevision(stream, expected, head ? head.revision : 'no-stream');
    }
    let previousHash = head ? head.hash : null;
    let revision = current;
    let position = 0;
    for (const e of events) {
      revision += 1;
      const hash = hashCanonical({ ...e, stream, revision, previousHash });
      position = Number(
        this.stmt.insert.run(e.id, stream, revision, e.type, e.schemaVersion, previousHash, hash, e.metadataJson, e.dataJson)
          .lastInsertRowid,
      );
      previousHash = hash;
    }
    return { result: { nextRevision: revision, position }, appended: true };
  }

  private idempotent(stream: string, events: readonly { id: string }[]): AppendResult | null {
    const ids = events.map((e) => e.id);
    return idempotentResult(
      stream,
      ids,
      ids.map((id) => this.stmt.locate.get(id)),
    );
  }
}
