import { Global, Inject, Injectable, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '#event-store/event-store.port.js';
import { DOCUMENT_STORE, type DocumentStore } from '#read-models/document-store.port.js';
import { Projector } from '#read-models/projector/projector.js';
import { markServiceRunning } from '#application/stores/service-marks.js';
import { ALL_PROJECTIONS } from '#read-models/projections/all-projections.js';
import { AppConfig } from '../common/app-config.js';
import { READ_POSITION_WAITER, type ReadPositionWaiter } from '../common/read-position-waiter.port.js';
import { Clock } from '#application/clock.js';
import { SchoolContexts } from '#application/school-contexts.js';
import { StreamWriter } from '#application/write/stream-writer.js';
import { onEmbeddedStores, openDocumentStore, openEventStore } from '#application/stores/open-stores.js';
import { ErasureFollowUp } from '#application/privacy/erasure-follow-up.js';
import { DataKeys } from '#event-store/crypto/data-keys.js';
import type { EncryptingEventStore } from '#event-store/crypto/encrypting-event-store.js';
import { directoryProjection } from '#read-models/projections/directory/directory.projection.js';
import { DIRECTORY_STUDENTS, type StudentDoc } from '#read-models/projections/directory/directory.documents.js';

/** Starts the projector once the app is up, and stops it and closes the stores after the HTTP server has closed. */
@Injectable()
export class StoreLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(Projector) private readonly projector: Projector,
    @Inject(ErasureFollowUp) private readonly erasures: ErasureFollowUp,
    private readonly config: AppConfig,
  ) {}

  private unmark: (() => void) | null = null;

  async onApplicationBootstrap(): Promise<void> {
    // On the embedded stores, say that a service runs here: the CLI's rebuild refuses meanwhile.
    if (onEmbeddedStores(this.config)) this.unmark = markServiceRunning(this.config.dataDir);
    await this.projector.start();
    await this.erasures.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.unmark?.();
    await this.erasures.stop();
    await this.projector.stop();
    await this.documents.close();
    await this.events.close();
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
      provide: Projector,
      inject: [EVENT_STORE, DOCUMENT_STORE, AppConfig],
      useFactory: (eventStore: EventStore, documentStore: DocumentStore, config: AppConfig) =>
        // PROJECTOR=auto starts following; the election (leader-election.ts) promotes it.
        new Projector({
          eventStore,
          documentStore,
          projections: ALL_PROJECTIONS,
          mode: config.projectorMode === 'lead' ? 'lead' : 'follow',
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
