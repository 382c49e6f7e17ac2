import { Global, Inject, Injectable, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '#event-store/event-store.port.js';
import { DOCUMENT_STORE, type DocumentStore } from '#read-models/document-store.port.js';
import { Projector } from '#read-models/projector/projector.js';
import { markServiceRunning } from '#application/stores/service-marks.js';
import { ALL_PROJECTIONS } from '#read-models/projections/all-projections.js';
import { AppConfig } from '../common/app-config.js';
import { AppMetrics } from '../ops/metrics.js';
import { READ_POSITION_WAITER, type ReadPositionWaiter } from '../common/read-position-waiter.port.js';
import { Clock } from '#application/clock.js';
import { SchoolContexts } from '#application/school-contexts.js';
import { StreamWriter } from '#application/write/stream-writer.js';
import { onEmbeddedStores, openDocumentStore, openEventStore, storeSettingsOf } from '#application/stores/open-stores.js';
import { ErasureFollowUp } from '#application/privacy/erasure-follow-up.js';
import { DataKeys } from '#event-store/crypto/data-keys.js';
import type { EncryptingEventStore } from '#event-store/crypto/encrypting-event-store.js';
import { directoryProjection } from '#read-models/projections/directory/directory.projection.js';
import { DIRECTORY_STUDENTS, type StudentDoc } from '#read-models/projections/directory/directory.documents.js';
import {
  catchUpWorkerFile,
  projectionsBehindBy,
  startCatchUpWorker,
  type CatchUpHandle,
} from '#application/stores/projections-catch-up.js';

/** A catch-up this instance hands to a worker thread at start (projections-catch-up.ts); null: none. */
export const CATCH_UP_PLAN = Symbol('CATCH_UP_PLAN');
export type CatchUpPlan = { file: string; behind: number } | null;

async function planCatchUp(config: AppConfig, events: EventStore, documents: DocumentStore): Promise<CatchUpPlan> {
  if (config.projectorMode !== 'lead' || config.catchUpWorkerFrom === 0) return null;
  const file = catchUpWorkerFile();
  if (!file) return null;
  const behind = await projectionsBehindBy(events, documents, ALL_PROJECTIONS);
  return behind !== null && behind >= config.catchUpWorkerFrom ? { file, behind } : null;
}

/**
 * Starts the projector once the app is up, and stops it and closes the stores after the HTTP
 * server has closed. A long catch-up runs in a worker thread first (CATCH_UP_PLAN): the projector
 * follows it, then leads from where it handed over; the erasure follow-up starts then, as it
 * rebuilds where this instance leads.
 */
@Injectable()
export class StoreLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('StoreLifecycle');

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(Projector) private readonly projector: Projector,
    @Inject(ErasureFollowUp) private readonly erasures: ErasureFollowUp,
    @Inject(CATCH_UP_PLAN) private readonly catchUpPlan: CatchUpPlan,
    private readonly config: AppConfig,
    @Inject(AppMetrics) private readonly metrics: AppMetrics,
  ) {}

  private unmark: (() => void) | null = null;
  private catchUp: CatchUpHandle | null = null;
  private handOver: Promise<void> = Promise.resolve();
  private stopping = false;

  async onApplicationBootstrap(): Promise<void> {
    // On the embedded stores, say that a service runs here: the CLI's rebuild refuses meanwhile.
    if (onEmbeddedStores(this.config)) this.unmark = markServiceRunning(this.config.dataDir);
    const pageCache = this.documents.pageCacheBytes?.bind(this.documents);
    if (pageCache) this.metrics.reportPageCacheFrom(pageCache);
    await this.projector.start();
    if (this.catchUpPlan) this.handOver = this.catchUpInWorker(this.catchUpPlan, await this.events.headPosition());
    else await this.erasures.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.unmark?.();
    await this.catchUp?.stop();
    await this.handOver;
    await this.erasures.stop();
    await this.projector.stop();
    await this.documents.close();
    await this.events.close();
  }

  /** `head`: the log's head as the worker starts; erasures after it are followed up once this instance leads. */
  private async catchUpInWorker(plan: NonNullable<CatchUpPlan>, head: number): Promise<void> {
    const started = performance.now();
    this.logger.log({ behind: plan.behind }, 'projections far behind the head: catching up in a worker thread');
    let logged = started;
    this.catchUp = startCatchUpWorker(plan.file, storeSettingsOf(this.config), (position, head) => {
      if (performance.now() - logged < 10_000) return;
      logged = performance.now();
      this.logger.log({ position, head }, 'catching up in a worker thread');
    });
    const result = await this.catchUp.finished;
    this.catchUp = null;
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    if (result.outcome === 'done') this.logger.log({ position: result.position, seconds }, 'the worker caught up: projections run here');
    else if (result.outcome === 'failed')
      this.logger.error({ reason: result.reason, seconds }, 'the catch-up worker failed: projections run here');
    if (this.stopping) return;
    try {
      await this.projector.promote();
      await this.erasures.start(head);
    } catch (error) {
      this.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'taking over from the catch-up worker failed');
    }
  }
}

/**
 * The stores and the projector, for the whole app. One leading projector per read-model store:
 * a second process (the CLI's rebuild, another API instance) must not lead beside a serving API
 * on the same data; further API instances follow (PROJECTOR=follow), or elect the leader among
 * them on PostgreSQL (PROJECTOR=auto).
 */
@Global()
@Module({
  providers: [
    { provide: EVENT_STORE, inject: [AppConfig], useFactory: (config: AppConfig) => openEventStore(config) },
    { provide: DOCUMENT_STORE, inject: [AppConfig], useFactory: (config: AppConfig) => openDocumentStore(config) },
    {
      provide: CATCH_UP_PLAN,
      inject: [AppConfig, EVENT_STORE, DOCUMENT_STORE],
      useFactory: planCatchUp,
    },
    {
      provide: Projector,
      inject: [EVENT_STORE, DOCUMENT_STORE, AppConfig, CATCH_UP_PLAN],
      useFactory: (eventStore: EventStore, documentStore: DocumentStore, config: AppConfig, catchUp: CatchUpPlan) =>
        // PROJECTOR=auto starts following; the election (leader-election.ts) promotes it. So does
        // a catch-up in a worker, once the worker hands over (StoreLifecycle).
        new Projector({
          eventStore,
          documentStore,
          projections: ALL_PROJECTIONS,
          mode: config.projectorMode === 'lead' && !catchUp ? 'lead' : 'follow',
        }),
    },
    {
      provide: READ_POSITION_WAITER,
      inject: [Projector],
      useFactory: (projector: Projector): ReadPositionWaiter => ({
        waitFor: (position, timeoutMs) => projector.waitForPosition(position, timeoutMs),
      }),
    },
    {
      provide: StreamWriter,
      inject: [EVENT_STORE, AppConfig],
      useFactory: (store: EventStore, config: AppConfig) => new StreamWriter(store, config.cacheLimits.writeStatesBytes),
    },
    // The students' keys: the encrypting store's (open-stores.ts), for erasure.
    { provide: DataKeys, inject: [EVENT_STORE], useFactory: (store: EncryptingEventStore) => store.keys },
    {
      provide: ErasureFollowUp,
      inject: [EVENT_STORE, DataKeys, StreamWriter, Projector],
      useFactory: (events: EventStore, keys: DataKeys, writer: StreamWriter, projector: Projector) =>
        new ErasureFollowUp({
          events,
          keys,
          writer,
          projector,
          erasedStudents: async () =>
            (await projector.reader(directoryProjection.name).find<StudentDoc>(DIRECTORY_STUDENTS, { erased: true })).map(
              (s) => s.studentId,
            ),
          onError: (error) => process.stderr.write(`erasure follow-up failed: ${error instanceof Error ? error.message : String(error)}\n`),
        }),
    },
    // CLOCK_TODAY from the env handed to createApp (AppConfig); process.env is still honoured
    // for callers that pin the date there (the older wiring read only process.env).
    {
      provide: Clock,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new Clock(config.clockToday ?? (process.env.CLOCK_TODAY || null)),
    },
    SchoolContexts,
    StoreLifecycle,
  ],
  exports: [EVENT_STORE, DOCUMENT_STORE, Projector, READ_POSITION_WAITER, StreamWriter, Clock, SchoolContexts, DataKeys, ErasureFollowUp],
})
export class StoreModule {}
