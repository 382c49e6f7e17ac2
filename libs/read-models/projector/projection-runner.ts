import type { EventStore, PayloadEvent, Subscription } from '../../event-store/event-store.port.js';
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
  /** Called after each committed batch. */
  onAdvance: (position: number) => void;
  onError: (error: unknown) => void;
}

/**
 * Runs one generation of one projection: a catch-up subscription from its checkpoint + 1, each
 * batch applied in memory and committed with the checkpoint in one store transaction. A crash
 * loses at most the uncommitted batch, which is then re-read from the checkpoint: no event is
 * applied twice, none is skipped.
 */
export class ProjectionRunner {
  private committedPosition = 0;
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
    await this.subscription?.stop();
  }

  private async subscribe(): Promise<void> {
    this.committedPosition = await this.options.documentStore.getCheckpoint(this.key);
    if (this.runState === 'stopped') return;
    this.runState = 'running';
    const { eventStore, projection } = this.options;
    const options = { fromPosition: this.committedPosition + 1, batchSize: this.options.batchSize };
    const subscription =
      projection.reads === 'payloads' && eventStore.subscribeToAllPayloads
        ? eventStore.subscribeToAllPayloads(options, (events) => this.applyBatch(events))
        : eventStore.subscribeToAll(options, (events) => this.applyBatch(events));
    this.subscription = subscription;
    subscription.done.then(
      () => undefined,
      (error: unknown) => this.failed(error),
    );
  }

  private failed(error: unknown): void {
    // The failed batch's writes never reached the store; what the cache learnt from it must go too.
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
    const { documentStore } = this.options;
    // Sound: an event projection is subscribed to whole events only (see subscribe).
    const projection = this.options.projection as PayloadProjection;
    // Defensive: a subscription that re-delivered a committed event must not apply it twice.
    const fresh = events[0]!.position > this.committedPosition ? events : events.filter((e) => e.position > this.committedPosition);
    if (fresh.length === 0) return;
    const relevant = this.handles ? fresh.filter((e) => this.handles!.has(e.type)) : fresh;
    const ctx = new BatchContext(documentStore, this.cache, this.physical);
    if (projection.prefetch) {
      const keys: DocKey[] = [];
      for (const e of relevant) keys.push(...projection.prefetch(e));
      await ctx.prefetch(keys);
    }
    for (const event of relevant) {
      const result = projection.apply(event, ctx);
      if (result !== undefined) await result;
    }
    const position = fresh[fresh.length - 1]!.position;
    await documentStore.commit({ writes: ctx.writes(), checkpoints: [{ projection: this.key, position }] });
    ctx.committed();
    this.committedPosition = position;
    if (this.runState === 'retrying' || this.error !== undefined) {
      this.error = undefined;
      this.currentRetryDelay = this.options.retryDelayMs;
    }
    this.options.onAdvance(position);
    // With SQLite on both sides a catch-up never waits for I/O, so without this it would run as
    // one endless chain of microtasks and starve HTTP requests, timers and the other projections.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
