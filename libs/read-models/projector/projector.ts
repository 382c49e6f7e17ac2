import type { Registry } from 'prom-client';
import type { EventStore } from '#event-store/event-store.port.js';
import type { DocumentStore } from '../document-store.port.js';
import {
  GENERATIONS_COLLECTION,
  checkpointKey,
  dropGeneration,
  ensureGeneration,
  physicalCollection,
  physicalCollections,
  readGenerationRecord,
  writeGenerationRecord,
  type GenerationRecord,
} from './generations.js';
import { registerLagGauge } from './lag-gauge.js';
import { PositionWaiters } from './position-waiters.js';
import { assertProjections, type Projection } from './projection.js';
import { ProjectionReader } from './projection-reader.js';
import { ProjectionRunner, type RunnerState } from './projection-runner.js';

export interface ProjectorOptions {
  eventStore: EventStore;
  documentStore: DocumentStore;
  projections: readonly Projection[];
  /** Events per batch (one store transaction each). Default 1000. */
  batchSize?: number;
  /** Documents each projection keeps cached across batches. Default 2,000: more costs memory, not speed (BENCHMARKS.md). */
  cacheEntries?: number;
  /**
   * While a projection catches up, for how long consecutive full batches may share one commit,
   * and how many documents may wait for it (ProjectionRunner). Defaults 1000 ms and 2,000
   * documents; 0 ms commits every batch.
   */
  catchUpCommitMs?: number;
  maxPendingDocuments?: number;
  /**
   * A projection declared `partition: 'stream'` that starts from empty (first start, rebuild)
   * reads a history of at least this many events stream by stream, where the event store offers
   * `readAllByStream`. Default 10,000; 0: never.
   */
  streamPassFromEvents?: number;
  /** First delay before a failed live projection re-subscribes (then doubling, up to 30 s). Default 1000 ms. */
  retryDelayMs?: number;
  /**
   * After a blue/green switch, how long the old generation's collections are kept before they
   * are dropped, so reads that resolved the old names just before the switch can finish. Default 1000 ms.
   */
  retireDelayMs?: number;
  /** When given, `projection_lag_events{projection}` is registered in it. */
  registry?: Registry;
  /** Called after every blue/green switch (explicit rebuilds and version upgrades at start). */
  onSwitch?: (result: RebuildResult) => void;
  /** Failures of a batch or a rebuild. Default: written to stderr. */
  onError?: (projection: string, error: unknown) => void;
  /**
   * `lead` (default) runs the projections. `follow` only serves their read models, which a leading
   * projector in another process builds in the same stores (several API instances, one leader):
   * it reads the serving generations and their checkpoints every `followIntervalMs`, so readers
   * follow a blue/green switch and `waitForPosition` answers from the leader's commits.
   */
  mode?: 'lead' | 'follow';
  /** How often a follower reads the generations and checkpoints. Default 25 ms. */
  followIntervalMs?: number;
}

export interface RebuildProgress {
  /** Global position the new generation has processed. */
  done: number;
  /** Head position of `$all` (grows while live appends continue). */
  total: number;
  eventsPerSecond: number;
  /** null until the rate is known. */
  etaSeconds: number | null;
}

export interface RebuildResult {
  projection: string;
  /** The generation now serving. */
  generation: number;
  /** Its position at the switch. */
  position: number;
  seconds: number;
}

export interface ProjectionStatus {
  name: string;
  /** Version in the code. */
  version: number;
  /** Version the serving generation was built with (differs while an upgrade rebuild runs). */
  servingVersion: number;
  generation: number;
  position: number;
  lag: number;
  /** `following`: a follower's view of a generation that the leader runs. */
  state: RunnerState | 'awaiting-rebuild' | 'following';
  lastError?: string;
  rebuilding?: { generation: number; position: number };
}

interface Entry {
  projection: Projection;
  /** The serving generation (as stored in `_projections`). */
  record: GenerationRecord;
  /** Undefined while the stored generation was built by another version and waits for its rebuild. */
  runner: ProjectionRunner | undefined;
  /** Position of a generation without a runner (its frozen checkpoint). */
  frozenPosition: number;
  rebuilding?: { runner: ProjectionRunner; abort: (reason: Error) => void };
}

/**
 * Runs projections against `$all` and serves their read models.
 *
 * - Each projection resumes from its own checkpoint + 1; each batch's documents and checkpoint
 *   are committed in one store transaction (see `ProjectionRunner`).
 * - `waitForPosition` backs `X-Min-Position`: woken after every batch, no polling.
 * - `rebuild` builds a new generation blue/green; readers from `reader()` follow the switch.
 * - A projection whose `version` differs from the stored generation's is rebuilt in the
 *   background at `start()`, while the old generation keeps serving (stale) reads.
 *
 * One leading projector per read-model store: two would both write the same generations. Other
 * processes on the same stores run a following one (`mode: 'follow'`), which only reads.
 */
export class Projector {
  private readonly entries = new Map<string, Entry>();
  private readonly waiters = new PositionWaiters();
  private readonly batchSize: number;
  private readonly cacheEntries: number;
  private readonly catchUpCommitMs: number;
  private readonly maxPendingDocuments: number;
  private readonly streamPassFromEvents: number;
  private readonly retryDelayMs: number;
  private readonly retireDelayMs: number;
  private readonly onError: (projection: string, error: unknown) => void;
  private state: 'new' | 'starting' | 'started' | 'stopped' = 'new';
  private readonly background = new Set<Promise<unknown>>();
  private followTimer: NodeJS.Timeout | undefined;
  /** The follower's read in progress, awaited before a promotion. */
  private following: Promise<void> = Promise.resolve();
  private mode: 'lead' | 'follow';

  constructor(private readonly options: ProjectorOptions) {
    assertProjections(options.projections);
    this.mode = options.mode ?? 'lead';
    this.batchSize = options.batchSize ?? 1000;
    this.cacheEntries = options.cacheEntries ?? 2_000;
    this.catchUpCommitMs = options.catchUpCommitMs ?? 1000;
    this.maxPendingDocuments = options.maxPendingDocuments ?? 2_000;
    this.streamPassFromEvents = options.streamPassFromEvents ?? 10_000;
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    this.retireDelayMs = options.retireDelayMs ?? 1000;
    this.onError =
      options.onError ??
      ((projection, error) =>
        process.stderr.write(`projection ${projection} failed: ${error instanceof Error ? error.stack : String(error)}\n`));
    if (options.registry) registerLagGauge(this, options.registry);
  }

  /** Resumes every projection from its checkpoint; resolves once all are subscribed (not caught up). */
  async start(): Promise<void> {
    if (this.state !== 'new') throw new Error(`projector already ${this.state}`);
    this.state = 'starting';
    if (this.mode === 'follow') return this.startFollowing();
    return this.startLeading();
  }

  /**
   * A follower becomes the leader (it won the election; the old leader is gone and fenced):
   * each projection resumes from the checkpoint the old leader committed with its documents, so
   * no event is projected twice and none is skipped.
   */
  async promote(): Promise<void> {
    if (this.mode !== 'follow' || this.state !== 'started')
      throw new Error(`only a started follower can lead (${this.mode}, ${this.state})`);
    clearTimeout(this.followTimer);
    this.followTimer = undefined;
    await this.following;
    this.mode = 'lead';
    this.state = 'starting';
    await this.startLeading();
  }

  get leads(): boolean {
    return this.mode === 'lead';
  }

  private async startLeading(): Promise<void> {
    const store = this.options.documentStore;
    await store.ensureCollection({ name: GENERATIONS_COLLECTION, indexes: [] });
    for (const projection of this.options.projections) {
      let record = await readGenerationRecord(store, projection.name);
      if (record?.building) {
        // A rebuild was interrupted (crash or stop): its half-built generation is of no use.
        await dropGeneration(store, projection.name, record.building.generation, record.building.collections);
        const { building: _abandoned, ...rest } = record;
        record = rest;
        await writeGenerationRecord(store, record);
      }
      if (!record) {
        record = {
          projection: projection.name,
          version: projection.version,
          generation: 1,
          collections: physicalCollections(projection, 1),
        };
        await writeGenerationRecord(store, record);
      }
      const entry: Entry = { projection, record, runner: undefined, frozenPosition: 0 };
      this.entries.set(projection.name, entry);
      if (record.version === projection.version) {
        entry.runner = this.createRunner(entry, record.generation, this.retryDelayMs);
        await entry.runner.start();
      } else {
        entry.frozenPosition = await store.getCheckpoint(checkpointKey(projection.name, record.generation));
        this.rebuild(projection.name).catch((error: unknown) => this.onError(projection.name, error));
      }
    }
    this.state = 'started';
  }

  /** Stops every subscription (running batches finish or roll back) and aborts rebuilds. Stores stay open. */
  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    clearTimeout(this.followTimer);
    const stopping: Promise<void>[] = [];
    for (const entry of this.entries.values()) {
      if (entry.rebuilding) {
        entry.rebuilding.abort(new Error(`projector stopped during the rebuild of ${entry.projection.name}`));
        stopping.push(entry.rebuilding.runner.stop());
      }
      if (entry.runner) stopping.push(entry.runner.stop());
    }
    await Promise.all(stopping);
    this.waiters.cancelAll();
    await Promise.allSettled([...this.background]);
  }

  projectionNames(): string[] {
    return [...this.entries.keys()];
  }

  /** Last global position the serving generation of `projection` has committed. */
  position(projection: string): number {
    const entry = this.entry(projection);
    return entry.runner?.position ?? entry.frozenPosition;
  }

  /** Head position of `$all` minus the serving generation's checkpoint. */
  async lag(projection: string): Promise<number> {
    const head = await this.options.eventStore.headPosition();
    return Math.max(0, head - this.position(projection));
  }

  /** Every projection's lag, one head read: for `/health` details and the gauge. */
  async lags(): Promise<Record<string, number>> {
    const head = await this.options.eventStore.headPosition();
    const out: Record<string, number> = {};
    for (const name of this.entries.keys()) out[name] = Math.max(0, head - this.position(name));
    return out;
  }

  async status(): Promise<ProjectionStatus[]> {
    const head = await this.options.eventStore.headPosition();
    return [...this.entries.values()].map((entry) => {
      const position = entry.runner?.position ?? entry.frozenPosition;
      const error = entry.runner?.lastError;
      return {
        name: entry.projection.name,
        version: entry.projection.version,
        servingVersion: entry.record.version,
        generation: entry.record.generation,
        position,
        lag: Math.max(0, head - position),
        state: entry.runner?.state ?? (this.mode === 'follow' ? 'following' : 'awaiting-rebuild'),
        ...(error === undefined ? {} : { lastError: error instanceof Error ? error.message : String(error) }),
        ...(entry.rebuilding
          ? { rebuilding: { generation: entry.rebuilding.runner.generation, position: entry.rebuilding.runner.position } }
          : {}),
      };
    });
  }

  /**
   * Resolves true as soon as every named projection (default: all) has committed `position`,
   * false after `timeoutMs` (or at `stop()`). Unknown names throw.
   */
  waitForPosition(position: number, timeoutMs: number, projections?: readonly string[]): Promise<boolean> {
    const names = projections ?? [...this.entries.keys()];
    for (const name of names) this.entry(name);
    return this.waiters.wait(() => names.every((name) => this.position(name) >= position), timeoutMs);
  }

  /** Reads of `projection`'s collections by logical name, from the serving generation. */
  reader(projection: string): ProjectionReader {
    const entry = this.entry(projection);
    const declared = new Set(entry.projection.collections.map((c) => c.name));
    return new ProjectionReader(
      projection,
      this.options.documentStore,
      (collection) => {
        if (!declared.has(collection)) throw new Error(`collection ${collection} is not declared by projection ${projection}`);
        // `entry.record` is replaced at a switch; resolving per call follows it.
        return physicalCollection(collection, entry.record.generation);
      },
      () => this.position(projection),
    );
  }

  /**
   * Blue/green rebuild: replays `$all` from position 1 into a new generation while the serving
   * one keeps serving and updating; once the new one has reached the head, one record write makes
   * it the serving generation, and the old one is stopped and dropped. Resolves after the switch.
   */
  rebuild(projection: string, onProgress?: (progress: RebuildProgress) => void): Promise<RebuildResult> {
    // Tracked so that stop() waits for a rebuild's clean-up before the caller closes the stores.
    return this.track(this.runRebuild(projection, onProgress));
  }

  private async runRebuild(projection: string, onProgress?: (progress: RebuildProgress) => void): Promise<RebuildResult> {
    const entry = this.entry(projection);
    if (this.state !== 'started' && this.state !== 'starting') throw new Error(`projector is ${this.state}`);
    if (this.mode === 'follow') throw new Error(`a following projector does not rebuild ${projection}: the leading one does`);
    if (entry.rebuilding) throw new Error(`projection ${projection} is already being rebuilt`);
    const { projection: definition } = entry;
    const { documentStore: store, eventStore } = this.options;
    const generation = entry.record.generation + 1;
    const collections = physicalCollections(definition, generation);
    const startedAt = performance.now();

    let resolveCaughtUp!: (position: number) => void;
    let rejectCaughtUp!: (error: Error) => void;
    const caughtUp = new Promise<number>((resolve, reject) => {
      resolveCaughtUp = resolve;
      rejectCaughtUp = reject;
    });
    let total = 0;
    const progress = (done: number): RebuildProgress => {
      const seconds = (performance.now() - startedAt) / 1000;
      const eventsPerSecond = seconds > 0 ? done / seconds : 0;
      return { done, total, eventsPerSecond, etaSeconds: eventsPerSecond > 0 ? Math.max(0, total - done) / eventsPerSecond : null };
    };
    // After each batch of the new generation: report, and see whether it has reached the head.
    const check = async (position: number): Promise<void> => {
      total = Math.max(total, await eventStore.headPosition());
      onProgress?.(progress(position));
      if (position >= total) resolveCaughtUp(position);
    };
    // Checks run one after another, so progress is reported in order even if head reads reorder.
    let checking = Promise.resolve();
    const runner = this.createRunner(entry, generation, undefined, (position) => {
      checking = checking.then(() => check(position)).catch((e: unknown) => rejectCaughtUp(e instanceof Error ? e : new Error(String(e))));
    });
    entry.rebuilding = { runner, abort: rejectCaughtUp };

    try {
      // Leftovers of an earlier attempt at this generation would be counted twice: start empty.
      await dropGeneration(store, projection, generation, collections);
      entry.record = { ...entry.record, building: { version: definition.version, generation, collections } };
      await writeGenerationRecord(store, entry.record);
      await runner.start();
      await check(runner.position);
      await caughtUp;
      // The switch: one document write. Reads resolve names per call, so they follow at once.
      await writeGenerationRecord(store, { projection, version: definition.version, generation, collections });
    } catch (error) {
      await runner.stop();
      entry.rebuilding = undefined;
      // The serving generation is untouched; forget the half-built one (unless the projector is going away).
      if (!this.isStopped()) {
        await dropGeneration(store, projection, generation, collections);
        const { building: _abandoned, ...rest } = entry.record;
        entry.record = rest;
        await writeGenerationRecord(store, entry.record);
      }
      throw error;
    }

    const retired = { record: entry.record, runner: entry.runner };
    entry.record = { projection, version: definition.version, generation, collections };
    entry.runner = runner;
    entry.rebuilding = undefined;
    runner.keepRetrying(this.retryDelayMs);
    this.waiters.notify();

    await retired.runner?.stop();
    if (this.retireDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.retireDelayMs));
    await dropGeneration(store, projection, retired.record.generation, retired.record.collections);
    const result = { projection, generation, position: runner.position, seconds: (performance.now() - startedAt) / 1000 };
    this.options.onSwitch?.(result);
    return result;
  }

  /**
   * A follower's start: the serving generation of each projection as the leader recorded it (the
   * first, before any leader has run), and a loop that keeps reading them. It declares the serving
   * collections (idempotent), so that read caches apply here too.
   */
  private async startFollowing(): Promise<void> {
    for (const projection of this.options.projections) {
      const record: GenerationRecord = {
        projection: projection.name,
        version: projection.version,
        generation: 1,
        collections: physicalCollections(projection, 1),
      };
      this.entries.set(projection.name, { projection, record, runner: undefined, frozenPosition: 0 });
    }
    await this.follow(true);
    this.state = 'started';
    const interval = this.options.followIntervalMs ?? 25;
    const loop = () => {
      this.followTimer = setTimeout(() => {
        this.following = this.follow(false)
          .catch((error: unknown) => this.onError('(follower)', error))
          .finally(() => {
            if (!this.isStopped() && this.mode === 'follow' && this.followTimer !== undefined) loop();
          });
      }, interval);
      this.followTimer.unref();
    };
    loop();
  }

  /** Two reads whatever the number of projections: the generation records, then their checkpoints. */
  private async follow(first: boolean): Promise<void> {
    const store = this.options.documentStore;
    const records = new Map((await store.find<GenerationRecord>(GENERATIONS_COLLECTION, {})).map((r) => [r.projection, r] as const));
    const serving = new Map<Entry, GenerationRecord>();
    for (const entry of this.entries.values()) {
      // A rebuild the leader has in progress (`building`) is not for reading.
      const { building: _leaders, ...record } = records.get(entry.projection.name) ?? entry.record;
      if (first || record.generation !== entry.record.generation) await ensureGeneration(store, entry.projection, record.generation);
      serving.set(entry, record);
    }
    const keys = [...serving].map(([entry, record]) => checkpointKey(entry.projection.name, record.generation));
    const checkpoints = await store.getCheckpoints(keys);
    for (const [entry, record] of serving) {
      entry.frozenPosition = checkpoints.get(checkpointKey(entry.projection.name, record.generation)) ?? 0;
      entry.record = record;
    }
    this.waiters.notify();
  }

  private createRunner(
    entry: Entry,
    generation: number,
    retryDelayMs: number | undefined,
    onBatch?: (position: number) => void,
  ): ProjectionRunner {
    const runner: ProjectionRunner = new ProjectionRunner({
      projection: entry.projection,
      generation,
      eventStore: this.options.eventStore,
      documentStore: this.options.documentStore,
      batchSize: this.batchSize,
      cacheEntries: this.cacheEntries,
      catchUpCommitMs: this.catchUpCommitMs,
      maxPendingDocuments: this.maxPendingDocuments,
      streamPassFromEvents: this.streamPassFromEvents,
      retryDelayMs,
      onAdvance: (position) => {
        // Only the serving runner's progress can satisfy waiters, but checking is cheap either way.
        if (entry.runner === runner) this.waiters.notify();
        else onBatch?.(position);
      },
      onError: (error) => {
        this.onError(entry.projection.name, error);
        // A rebuild runner does not retry: its failure fails the rebuild.
        if (entry.rebuilding?.runner === runner) entry.rebuilding.abort(error instanceof Error ? error : new Error(String(error)));
      },
    });
    return runner;
  }

  /** A method, not an inline test, because `state` changes across awaits (TypeScript narrows it as if it could not). */
  private isStopped(): boolean {
    return this.state === 'stopped';
  }

  private entry(projection: string): Entry {
    const entry = this.entries.get(projection);
    if (!entry) throw new Error(`unknown projection ${projection}${this.state === 'new' ? ' (projector not started)' : ''}`);
    return entry;
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.background.add(promise);
    void promise.finally(() => this.background.delete(promise)).catch(() => undefined);
    return promise;
  }
}
