/**
 * Leader election for instances on one PostgreSQL database (PROJECTOR=auto): the leader is the
 * instance whose session holds a session-level advisory lock. The lock goes with the session, so
 * when the leader's process dies (or its connection breaks) the server releases it and the next
 * follower to try takes it. What the leader writes is fenced by the same lock
 * (`PostgresDocumentStore.setFence`): a leader that lost its session commits nothing more, even
 * if it has not noticed yet.
 */
import pg from 'pg';
import type { LeaderFence } from './postgres-document-store.js';

/** The projector's lock: one leader per database. */
export const PROJECTOR_LOCK = 7_366_531;

export class PostgresLeaderLock {
  private client: pg.Client | undefined;
  private pid: number | undefined;
  private held = false;
  private lostHandler: ((error: Error) => void) | undefined;

  constructor(
    private readonly connectionString: string,
    readonly lockKey: number = PROJECTOR_LOCK,
  ) {}

  /** The fence for the read-model store: this lock, held by this session. */
  get fence(): LeaderFence {
    return { lockKey: this.lockKey, backendPid: () => (this.held ? this.pid : undefined) };
  }

  get isHeld(): boolean {
    return this.held;
  }

  /** Called once if the held lock's session ends (the lock is then free for another instance). */
  onLost(handler: (error: Error) => void): void {
    this.lostHandler = handler;
  }

  /** Takes the lock if it is free; true if this instance now leads. Never waits for it. */
  async tryAcquire(): Promise<boolean> {
    if (this.held) return true;
    if (!this.client) {
      const client = new pg.Client({ connectionString: this.connectionString, keepAlive: true });
      client.on('error', (error) => this.lose(error));
      client.on('end', () => this.lose(new Error('the leader lock session ended')));
      await client.connect();
      this.client = client;
      this.pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    }
    const row = (await this.client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [this.lockKey])).rows[0]!;
    this.held = row.ok;
    return this.held;
  }

  /** Gives the lead up (a clean stop): another instance can take it at once. */
  async release(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.held = false;
    this.lostHandler = undefined;
    await client?.end().catch(() => undefined);
  }

  private lose(error: Error): void {
    const wasHeld = this.held;
    this.held = false;
    this.client = undefined;
    const handler = this.lostHandler;
    if (wasHeld && handler) {
      this.lostHandler = undefined;
      handler(error);
    }
  }
}
