/**
 * What follows an erasure, wherever it was recorded (the API, the CLI's retention, another
 * instance): the student's key is destroyed (again: idempotent), every cache that may hold the
 * student's clear text here is emptied, and, on the instance that leads the projections, every
 * read model is rebuilt blue/green from the log, which now reads "[slettet]" for the student's
 * personal fields, so that no projection keeps clear text of an erased student (api.md, Privacy).
 * A follower waits until the leader's new generations serve, so an erasure answered by any
 * instance is followed by reads without the student's clear text.
 *
 * At start it also looks for students the directory knows as erased whose key is still there
 * (a process that stopped between recording an erasure and destroying the key) and finishes them.
 */
import type { EventStore, Subscription } from '#event-store/event-store.port.js';
import type { DataKeys } from '#event-store/crypto/data-keys.js';
import type { Projector } from '#read-models/projector/projector.js';
import type { StreamWriter } from '../write/stream-writer.js';

export interface ErasureFollowUpOptions {
  events: EventStore;
  keys: DataKeys;
  writer: StreamWriter;
  projector: Projector;
  /** Students recorded as erased (the directory read model), checked once at start. */
  erasedStudents?: () => Promise<string[]>;
  onError?: (error: unknown) => void;
  /** How long a follower waits for the leader's rebuild before it answers anyway (default 2 min). */
  switchTimeoutMs?: number;
}

async function switched(projector: Projector, before: ReadonlyMap<string, number>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const now = await projector.status();
    if (now.every((s) => s.generation > (before.get(s.name) ?? -1))) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export class ErasureFollowUp {
  private subscription: Subscription | null = null;
  /** The position up to which erasures have been followed up (rebuild included, where this instance leads). */
  private done = 0;
  private readonly waiting: { position: number; resolve: () => void }[] = [];
  private rebuilding: Promise<void> = Promise.resolve();

  constructor(private readonly options: ErasureFollowUpOptions) {}

  /**
   * @param after follow up the erasures recorded after this position (default: the head now); a
   * start deferred until a catch-up in a worker has handed over passes the head it began at.
   */
  async start(after?: number): Promise<void> {
    const { events, keys } = this.options;
    const head = after ?? (await events.headPosition());
    this.done = head;
    const pending: string[] = [];
    for (const studentId of (await this.options.erasedStudents?.()) ?? []) {
      if (await keys.destroy(studentId, new Date().toISOString())) pending.push(studentId);
    }
    if (pending.length > 0) await this.followUp(pending);
    // Erasures asked for up to `head` while the start was deferred have been followed up now.
    this.advance(head);
    // The sealed store's payloads: only the type and the student id are read, nothing needs opening.
    const sealed = events.capabilities.sealed ?? events;
    this.subscription = sealed.subscribeToAllPayloads({ fromPosition: head + 1, batchSize: 500 }, async (batch) => {
      const erased = batch
        .filter((event) => event.type === 'StudentErased')
        .map((event) => (event.data as { studentId: string }).studentId);
      if (erased.length > 0) await this.followUp(erased);
      this.advance(batch.at(-1)!.position);
    });
    this.subscription.done.catch((error: unknown) => this.options.onError?.(error));
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    await this.rebuilding.catch(() => undefined);
    for (const waiter of this.waiting.splice(0)) waiter.resolve();
  }

  /** Resolves once the erasure at `position` is followed up here (for the HTTP answer: read models rebuilt). */
  followedUp(position: number): Promise<void> {
    if (position <= this.done) return this.rebuilding.catch(() => undefined);
    return new Promise((resolve) => this.waiting.push({ position, resolve }));
  }

  private async followUp(students: readonly string[]): Promise<void> {
    const { keys, writer, projector } = this.options;
    for (const studentId of students) await keys.destroy(studentId, new Date().toISOString());
    writer.forgetAll();
    if (projector.leads) {
      this.rebuilding = this.rebuilding
        .catch(() => undefined)
        .then(async () => {
          await Promise.all(projector.projectionNames().map((name) => projector.rebuild(name)));
        });
    } else {
      // A follower serves what the leader builds: it is followed up once every projection has
      // switched to a generation built after the erasure (or, with no leader, after a while).
      const before = new Map((await projector.status()).map((s) => [s.name, s.generation]));
      this.rebuilding = this.rebuilding
        .catch(() => undefined)
        .then(() => switched(projector, before, this.options.switchTimeoutMs ?? 120_000));
    }
    await this.rebuilding.catch((error: unknown) => this.options.onError?.(error));
  }

  private advance(position: number): void {
    this.done = Math.max(this.done, position);
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      if (this.waiting[i]!.position <= this.done) this.waiting.splice(i, 1)[0]!.resolve();
    }
  }
}
