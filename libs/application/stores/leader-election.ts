import { Logger } from '@nestjs/common';
import type { DocumentStore } from '#read-models/document-store.port.js';
import type { Projector } from '#read-models/projector/projector.js';
import { PostgresDocumentStore } from '#read-models/postgres/postgres-document-store.js';
import { PostgresLeaderLock } from '#read-models/postgres/postgres-leader-lock.js';

/**
 * The lead on a PostgreSQL database, for one-off leaders (the CLI's rebuild): held, and the
 * read-model store fenced with it, or undefined when an instance leads already.
 */
export async function takeLead(postgresUrl: string, documents?: DocumentStore): Promise<PostgresLeaderLock | undefined> {
  const lock = new PostgresLeaderLock(postgresUrl);
  if (!(await lock.tryAcquire())) {
    await lock.release();
    return undefined;
  }
  if (documents) fenceWith(lock, documents);
  return lock;
}

/** From now on the store's commits check that `lock` is still held (a no-op on other stores: they have no election). */
export function fenceWith(lock: PostgresLeaderLock, documents: DocumentStore): void {
  if (documents instanceof PostgresDocumentStore) documents.setFence(lock.fence);
}

export interface LeaderElectionOptions {
  postgresUrl: string;
  documents: DocumentStore;
  projector: Projector;
  /** What the leader runs beside the projector (the concern saga and its clock). */
  lead: () => Promise<void>;
  /** How often a follower tries for the lock. */
  intervalMs?: number;
  /** The lead was lost without a clean stop: default, stop the process (SIGTERM) so it restarts as a follower. */
  onLost?: (error: Error) => void;
}

/**
 * PROJECTOR=auto: every instance starts as a follower and tries for the projector lock every
 * `intervalMs`; the one that gets it fences the read-model store with it, promotes its projector
 * (resuming from the committed checkpoints) and starts the saga. A leader that loses its lock
 * session stops: its commits are already refused by the fence, and a clean restart as a follower
 * is simpler to reason about than a demotion in place.
 */
export class LeaderElection {
  private readonly logger = new Logger('LeaderElection');
  private readonly lock: PostgresLeaderLock;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private trying: Promise<void> = Promise.resolve();

  constructor(private readonly options: LeaderElectionOptions) {
    this.lock = new PostgresLeaderLock(options.postgresUrl);
  }

  get leads(): boolean {
    return this.lock.isHeld;
  }

  start(): void {
    const loop = (delay: number) => {
      this.timer = setTimeout(() => {
        this.trying = this.attempt().finally(() => {
          if (!this.stopped && !this.lock.isHeld) loop(this.options.intervalMs ?? 1000);
        });
      }, delay);
      this.timer.unref();
    };
    loop(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.trying;
    await this.lock.release();
  }

  private async attempt(): Promise<void> {
    try {
      if (!(await this.lock.tryAcquire()) || this.stopped) return;
      const { documents, projector } = this.options;
      fenceWith(this.lock, documents);
      this.lock.onLost((error) => {
        this.logger.error({ err: error.message }, 'lost the projector lock: stopping, another instance leads');
        (this.options.onLost ?? (() => process.kill(process.pid, 'SIGTERM')))(error);
      });
      this.logger.log('elected leader: projections and the concern saga run here');
      await projector.promote();
      await this.options.lead();
    } catch (error) {
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'leader election attempt failed');
      // Holding the lock without leading would stall every instance: give it up and try again.
      if (this.lock.isHeld) await this.lock.release();
    }
  }
}
