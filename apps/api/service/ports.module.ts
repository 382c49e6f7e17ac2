import { Global, Inject, Injectable, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '#event-store/event-store.port.js';
import { DOCUMENT_STORE, type DocumentStore } from '#read-models/document-store.port.js';
import { Projector } from '#read-models/projector/projector.js';
import { ACCESS_LOGGER } from '#access/access-log.port.js';
import { RESOURCE_DIRECTORY } from '#access/resource-directory.port.js';
import { caseProjection } from '#read-models/projections/cases/case.projection.js';
import { caseInPhase3Unresolved, getCaseDoc, openCaseIdOfStudent } from '#read-models/projections/cases/case.queries.js';
import { studentAbsenceProjection } from '#read-models/projections/student-absence/student-absence.projection.js';
import { STUDENT_ABSENCE, type StoredStudentAbsence } from '#read-models/projections/student-absence/student-absence.documents.js';
import { READINESS, type Readiness } from '../ops/readiness.port.js';
import { AppConfig } from '../common/app-config.js';
import { AppMetrics } from '../ops/metrics.js';
import { Clock } from '#application/clock.js';
import { SchoolContexts } from '#application/school-contexts.js';
import { StreamWriter } from '#application/write/stream-writer.js';
import { OPEN_CASE_LOOKUP, type OpenCaseLookup } from '../cases/open-case.handler.js';
import { ConcernSagaRunner } from '#application/sagas/concern-saga.runner.js';
import { ConcernClockRunner } from '#application/sagas/concern-clock.runner.js';
import { directoryProjection } from '#read-models/projections/directory/directory.projection.js';
import { DIRECTORY_SCHOOLS, type SchoolDoc } from '#read-models/projections/directory/directory.documents.js';
import { EventStoreAccessLogger } from './event-store-access-logger.js';
import { ReadModelDirectory } from './read-model-directory.js';
import { LeaderElection } from '#application/stores/leader-election.js';

/**
 * Runs the concern saga beside the leading projector (one saga for the stores, as one projector
 * leads: a follower runs neither), and reports projection lag to /metrics.
 */
@Injectable()
export class SagaLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(ConcernSagaRunner) private readonly saga: ConcernSagaRunner,
    @Inject(ConcernClockRunner) private readonly concernClock: ConcernClockRunner,
    @Inject(Projector) private readonly projector: Projector,
    @Inject(AppMetrics) private readonly metrics: AppMetrics,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
  ) {}

  private election: LeaderElection | undefined;

  async onApplicationBootstrap(): Promise<void> {
    const lead = async () => {
      await this.saga.start();
      await this.concernClock.start();
    };
    if (this.config.projectorMode === 'lead') await lead();
    if (this.config.projectorMode === 'auto' && this.config.postgresUrl) {
      this.election = new LeaderElection({
        postgresUrl: this.config.postgresUrl,
        documents: this.documents,
        projector: this.projector,
        lead,
        intervalMs: this.config.leaderPollMs,
      });
      this.election.start();
    }
    this.metrics.reportLagFrom(() => this.projector.lags());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.concernClock.stop();
    await this.saga.stop();
    // After the saga's last checkpoint: the next leader resumes from it.
    await this.election?.stop();
  }
}

/** The ports the cross-cutting layer needs, implemented over the stores and read models. */
@Global()
@Module({
  providers: [
    {
      provide: RESOURCE_DIRECTORY,
      inject: [Projector, EVENT_STORE, Clock],
      useFactory: (projector: Projector, events: EventStore, clock: Clock) => new ReadModelDirectory(projector, events, clock),
    },
    { provide: ACCESS_LOGGER, inject: [EVENT_STORE], useFactory: (events: EventStore) => new EventStoreAccessLogger(events) },
    {
      provide: READINESS,
      inject: [Projector],
      useFactory: (projector: Projector): Readiness => ({
        isReady: async () => (await projector.status()).every((s) => s.state !== 'failed'),
        // `projector.leads`: whether this instance runs the projections and the saga (PROJECTOR=auto elects one).
        details: async () => ({ projector: { leads: projector.leads }, projections: await projector.status() }),
      }),
    },
    {
      provide: OPEN_CASE_LOOKUP,
      inject: [Projector, EVENT_STORE],
      useFactory: (projector: Projector, events: EventStore): OpenCaseLookup => ({
        openCaseOf: async (studentId) => {
          // Read after the projections caught up with every write so far, so a case opened a moment ago counts.
          await projector.waitForPosition(await events.headPosition(), 5000);
          return (await openCaseIdOfStudent(projector.reader(caseProjection.name), studentId)) ?? null;
        },
      }),
    },
    {
      provide: ConcernSagaRunner,
      inject: [EVENT_STORE, DOCUMENT_STORE, StreamWriter, SchoolContexts, Clock, Projector],
      useFactory: (
        events: EventStore,
        documents: DocumentStore,
        writer: StreamWriter,
        schools: SchoolContexts,
        clock: Clock,
        projector: Projector,
      ) =>
        new ConcernSagaRunner({
          events,
          documents,
          writer,
          schools,
          clock,
          flagsFor: async (studentId, today, position) => ({
            caseInPhase3Unresolved: await caseInPhase3Unresolved(projector.reader(caseProjection.name), studentId, today, position),
          }),
          // Bounded: a stalled cases projection (it shows in /health) delays the saga by 5 s per batch, never stops it.
          readModelsAt: (position) => projector.waitForPosition(position, 5000, [caseProjection.name]),
          folded: (studentId) => projector.reader(studentAbsenceProjection.name).get<StoredStudentAbsence>(STUDENT_ABSENCE, studentId),
          studentOfCase: async (caseId) => (await getCaseDoc(projector.reader(caseProjection.name), caseId))?.studentId,
        }),
    },
    {
      provide: ConcernClockRunner,
      inject: [EVENT_STORE, DOCUMENT_STORE, StreamWriter, SchoolContexts, Clock, Projector, ConcernSagaRunner, AppConfig],
      useFactory: (
        events: EventStore,
        documents: DocumentStore,
        writer: StreamWriter,
        schools: SchoolContexts,
        clock: Clock,
        projector: Projector,
        saga: ConcernSagaRunner,
        config: AppConfig,
      ) =>
        new ConcernClockRunner({
          documents,
          writer,
          schools,
          clock,
          intervalMs: config.concernClockIntervalMs,
          schoolIds: async () =>
            (await projector.reader(directoryProjection.name).find<SchoolDoc>(DIRECTORY_SCHOOLS, {})).map((s) => s.schoolId).sort(),
          studentsOf: (schoolId) =>
            projector.reader(studentAbsenceProjection.name).find<StoredStudentAbsence>(STUDENT_ABSENCE, { schoolId }),
          flagsOn: async (studentId, day) => ({
            caseInPhase3Unresolved: await caseInPhase3Unresolved(projector.reader(caseProjection.name), studentId, day),
          }),
          // Judged on read models and levels that include every write so far (the saga's too).
          caughtUp: async () => {
            const head = await events.headPosition();
            return (await projector.waitForPosition(head, 5_000)) && (await saga.reached(head, 5_000));
          },
        }),
    },
    SagaLifecycle,
  ],
  exports: [RESOURCE_DIRECTORY, ACCESS_LOGGER, READINESS, OPEN_CASE_LOOKUP],
})
export class PortsModule {}
