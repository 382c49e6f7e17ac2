import type { EventStore, PayloadEvent, StreamCursor, Subscription } from '#event-store/event-store.port.js';
import type { DocumentStore } from '../document-store.port.js';
import { BatchContext, DocumentCache } from './batch-context.js';
import { checkpointKey, ensureGeneration, physicalCollection } from './generations.js';
import type { DocKey, PayloadProjection, Projection } from './projection.js';

export type RunnerState = 'idle' | 'running' | 'retrying' | 'failed' | 'stopped';

export interface ProjectionRunnerOptions {
  projection: Projection;
  generation: number;
  eventStore: EventStore;
  documentStore: DocumentStore;
  batchSize: number;
  cacheEntries: number;
  /**
   * Delay before re-subscribing after a failed batch (doubling up to 30 s), or `undefined` to
   * stay failed: a rebuild gives up instead, the live generation keeps trying (a store outage
   * heals; a projection bug shows as growing lag and `lastError` in the health details).
   */
  retryDelayMs: number | undefined;
  /**
   * While catching up, how long a batch's writes may wait for those of the batches after it, so
   * that one commit covers them all (0: every batch commits). A batch that is not full (the head
   * is reached) commits at once, as does one after which `maxPendingDocuments` documents wait.
   */
  catchUpCommitMs: number;
  maxPendingDocuments: number;
  /**
   * A projection declared `partition: 'stream'` that starts from empty reads a history of at least
   * this many events stream by stream (`streamPass`); 0: never.
   */
  streamPassFromEvents: number;
  /** Called after each commit. */
  onAdvance: (position: number) => void;
  onError: (error: unknown) => void;
}

/**
 * Runs one generation of one projection: a catch-up subscription from its checkpoint + 1, each
 * batch applied in memory and committed with the checkpoint in one store transaction. A crash
 * loses at most the uncommitted batches, which are then re-read from the checkpoint: no event is
 * applied twice, none is skipped.
 *
 * Catching up, consecutive full batches share one commit (`catchUpCommitMs`): in a log that
 * interleaves students, as a real one does, a batch of 1,000 events touches about as many
 * students, and committing every batch rewrote each student's documents hundreds of times.
 */
export class ProjectionRunner {
  private committedPosition = 0;
  /** The last position applied, committed or not. */
  private appliedPosition = 0;
  /** Batches applied and not yet committed: their context, and when the first of them began. */
  private open: { ctx: BatchContext; position: number; since: number } | undefined;
  private commitTimer: NodeJS.Timeout | undefined;
  /** Applying a batch and committing run one at a time (a timed commit must not interleave with a batch). */
  private work: Promise<unknown> = Promise.resolve();
  /** The stream-by-stream catch-up while it runs (`stop` waits for it). */
  private passing: Promise<void> | undefined;
  private subscription: Subscription | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private currentRetryDelay: number | undefined;
  private runState: RunnerState = 'idle';
  private error: unknown;
  private readonly cache: DocumentCache;
  private readonly physical: ReadonlyMap<string, string>;
  private readonly handles: ReadonlySet<string> | undefined;
  private readonly key: string;

  constructor(private readonly options: ProjectionRunnerOptions) {
    const { projection, generation } = options;
    this.cache = new DocumentCache(options.cacheEntries);
    this.physical = new Map(projection.collections.map((c) => [c.name, physicalCollection(c.name, generation)]));
    this.handles = projection.handles ? new Set(projection.handles) : undefined;
    this.key = checkpointKey(projection.name, generation);
    this.currentRetryDelay = options.retryDelayMs;
  }

  /** The last position whose effects are committed. */
  get position(): number {
    return this.committedPosition;
  }

  get state(): RunnerState {
    return this.runState;
  }

  get lastError(): unknown {
    return this.error;
  }

  get generation(): number {
    return this.options.generation;
  }

  /** A rebuild runner becomes the live one when it is switched in: from then on it retries. */
  keepRetrying(retryDelayMs: number): void {
    this.options.retryDelayMs = retryDelayMs;
    this.currentRetryDelay = retryDelayMs;
  }

  /** Declares the collections and indexes, reads the checkpoint, and subscribes. */
  async start(): Promise<void> {
    const { projection, documentStore, generation } = this.options;
    await ensureGeneration(documentStore, projection, generation);
    await this.subscribe();
  }

  async stop(): Promise<void> {
    this.runState = 'stopped';
    clearTimeout(this.retryTimer);
    await this.passing;
    await this.subscription?.stop();
    // What was applied is kept: a stop is not a failure.
    await this.exclusive(() => this.commitOpen()).catch((error: unknown) => this.options.onError(error));
  }

  private async subscribe(): Promise<void> {
    this.committedPosition = await this.options.documentStore.getCheckpoint(this.key);
    this.appliedPosition = this.committedPosition;
    if (this.runState === 'stopped') return;
    this.runState = 'running';
    const { projection, streamPassFromEvents } = this.options;
    if (this.committedPosition === 0 && projection.partition === 'stream' && this.streamReader() && streamPassFromEvents > 0) {
      // In the background, as a subscription's catch-up would be: start() does not wait for it.
      this.passing = this.streamPassThenSubscribe(streamPassFromEvents).finally(() => (this.passing = undefined));
      return;
    }
    this.subscribeFrom();
  }

  private async streamPassThenSubscribe(fromEvents: number): Promise<void> {
    try {
      const head = await this.options.eventStore.headPosition();
      if (head >= fromEvents && (await this.interleaved(head))) await this.exclusive(() => this.streamPass(head));
    } catch (error) {
      this.failed(error);
      return;
    }
    if (this.runState === 'stopped') return;
    this.subscribeFrom();
  }

  /**
   * Whether `$all` interleaves streams: a window of one batch from the middle of the history
   * touches more than a quarter as many streams as it has events. A real log does (a school day
   * brings registrations for hundreds of students); one imported or generated stream by stream
   * does not, and is then read fastest in its own order, shared with the other projections.
   */
  private async interleaved(head: number): Promise<boolean> {
    const { batchSize } = this.options;
    const window = await this.options.eventStore.readAll({ fromPosition: Math.max(1, Math.floor(head / 2)), maxCount: batchSize });
    return new Set(window.map((e) => e.stream)).size * 4 > window.length;
  }

  /**
   * Applies the events up to `head` stream by stream (a `partition: 'stream'` projection: the
   * order of the streams does not change its documents), then commits them with checkpoint `head`.
   * Read in `$all`'s order, a real log's batches touch a different student with nearly every
   * event, and each touch rewrote that student's whole document. Documents are committed along the
   * way when `maxPendingDocuments` wait, but the checkpoint moves only at the end: a pass that is
   * stopped or fails leaves checkpoint 0, and the next one begins by emptying the collections.
   */
  private async streamPass(head: number): Promise<void> {
    const { documentStore, projection, generation, batchSize, maxPendingDocuments, cacheEntries } = this.options;
    const read = this.streamReader()!;
    // Checkpoint 0 says no event is applied: stored documents are leftovers of an interrupted pass.
    for (const name of this.physical.values()) await documentStore.deleteCollection(name);
    await ensureGeneration(documentStore, projection, generation);
    this.cache.clear();
    let ctx = new BatchContext(documentStore, this.cache, this.physical);
    let after: StreamCursor | undefined;
    for (;;) {
      if (this.runState === 'stopped') return;
      const events = await read(head, after, batchSize);
      if (events.length === 0) break;
      await this.applyTo(ctx, events);
      const last = events[events.length - 1]!;
      after = { stream: last.stream, revision: last.revision };
      // Stream by stream, a document is final once its stream is read: commit early, keep memory low.
      if (ctx.pendingCount >= Math.min(maxPendingDocuments, cacheEntries)) {
        await documentStore.commit({ writes: ctx.writes() });
        ctx.committed();
        ctx = new BatchContext(documentStore, this.cache, this.physical);
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await this.commit(ctx, head);
    this.appliedPosition = head;
  }

  /** The event store's read by stream that gives what the projection reads, if it offers one. */
  private streamReader(): ((toPosition: number, after: StreamCursor | undefined, maxCount: number) => Promise<PayloadEvent[]>) | undefined {
    const { eventStore, projection } = this.options;
    const reads = eventStore.capabilities.streamOrderedReads;
    if (!reads) return undefined;
    return projection.reads === 'payloads'
      ? (toPosition, after, maxCount) => reads.readAllByStream(toPosition, after, maxCount)
      : (toPosition, after, maxCount) => reads.readAllEventsByStream(toPosition, after, maxCount);
  }

  private subscribeFrom(): void {
    const { eventStore, projection } = this.options;
    const options = { fromPosition: this.committedPosition + 1, batchSize: this.options.batchSize };
    const subscription =
      projection.reads === 'payloads'
        ? eventStore.subscribeToAllPayloads(options, (events) => this.applyBatch(events))
        : eventStore.subscribeToAll(options, (events) => this.applyBatch(events));
    this.subscription = subscription;
    subscription.done.then(
      () => undefined,
      (error: unknown) => this.failed(error),
    );
  }

  private failed(error: unknown): void {
    // The failed batches' writes never reached the store; what the cache learnt from them must go too.
    clearTimeout(this.commitTimer);
    this.open = undefined;
    this.cache.clear();
    this.error = error;
    this.options.onError(error);
    if (this.runState === 'stopped') return;
    if (this.currentRetryDelay === undefined) {
      this.runState = 'failed';
      return;
    }
    this.runState = 'retrying';
    const delay = this.currentRetryDelay;
    this.currentRetryDelay = Math.min(delay * 2, 30_000);
    this.retryTimer = setTimeout(() => {
      this.subscribe().catch((e: unknown) => this.failed(e));
    }, delay);
  }

  /** `events` are whole events unless the projection reads only payloads (then they may be either). */
  private async applyBatch(events: PayloadEvent[]): Promise<void> {
    await this.exclusive(() => this.applyExclusive(events));
    // With SQLite on both sides a catch-up never waits for I/O, so without this it would run as
    // one endless chain of microtasks and starve HTTP requests, timers and the other projections.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  private async applyExclusive(events: PayloadEvent[]): Promise<void> {
    const { documentStore, batchSize, catchUpCommitMs, maxPendingDocuments } = this.options;
    clearTimeout(this.commitTimer);
    // Defensive: a subscription that re-delivered an applied event must not apply it twice.
    const fresh = events[0]!.position > this.appliedPosition ? events : events.filter((e) => e.position > this.appliedPosition);
    if (fresh.length === 0) return;
    const ctx = this.open?.ctx ?? new BatchContext(documentStore, this.cache, this.physical);
    const since = this.open?.since ?? performance.now();
    this.open = undefined;
    await this.applyTo(ctx, fresh);
    const position = fresh[fresh.length - 1]!.position;
    this.appliedPosition = position;
    const catchingUp = events.length >= batchSize && performance.now() - since < catchUpCommitMs && ctx.pendingCount < maxPendingDocuments;
    if (catchingUp) {
      this.open = { ctx, position, since };
      // Should no batch follow (the head sat on a batch boundary), commit when the time is up.
      this.commitTimer = setTimeout(() => void this.commitWhenIdle(), catchUpCommitMs);
      return;
    }
    await this.commit(ctx, position);
  }

  /** Applies the events the projection handles, in the order given, into `ctx`. */
  private async applyTo(ctx: BatchContext, events: readonly PayloadEvent[]): Promise<void> {
    // Sound: an event projection is subscribed to whole events only (see subscribe).
    const projection = this.options.projection as PayloadProjection;
    const relevant = this.handles ? events.filter((e) => this.handles!.has(e.type)) : events;
    if (projection.prefetch) {
      const keys: DocKey[] = [];
      for (const e of relevant) keys.push(...projection.prefetch(e));
      await ctx.prefetch(keys);
    }
    for (const event of relevant) {
      const result = projection.apply(event, ctx);
      if (result !== undefined) await result;
    }
  }

  private async commitWhenIdle(): Promise<void> {
    try {
      await this.exclusive(() => this.commitOpen());
    } catch (error) {
      // As if the batches had failed: re-read from the checkpoint.
      await this.subscription?.stop();
      this.failed(error);
    }
  }

  private async commitOpen(): Promise<void> {
    const open = this.open;
    if (!open) return;
    this.open = undefined;
    clearTimeout(this.commitTimer);
    await this.commit(open.ctx, open.position);
  }

  private async commit(ctx: BatchContext, position: number): Promise<void> {
    await this.options.documentStore.commit({ writes: ctx.writes(), checkpoints: [{ projection: this.key, position }] });
    ctx.committed();
    this.committedPosition = position;
    if (this.runState === 'retrying' || this.error !== undefined) {
      this.error = undefined;
      this.currentRetryDelay = this.options.retryDelayMs;
    }
    this.options.onAdvance(position);
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.work.then(task, task);
    this.work = run.catch(() => undefined);
    return run;
  }
}
