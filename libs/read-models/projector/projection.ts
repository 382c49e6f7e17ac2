import type { PayloadEvent, StoredEvent } from '#event-store/event-store.port.js';
import type { Doc } from '../document-store.port.js';

/** A collection a projection owns, by its logical name (the projector maps it to the serving generation). */
export interface ProjectionCollection {
  name: string;
  /** Field paths to index for the readers' queries. */
  indexes: readonly string[];
  /** See `CollectionSpec.readCache`: readers get shared, frozen documents. */
  readCache?: boolean;
}

export interface DocKey {
  collection: string;
  id: string;
}

/**
 * What `apply` sees. Collection names are the projection's logical names.
 *
 * Reads come from a cache: first this batch's own pending writes, then documents the projector
 * already holds from earlier batches (it is the only writer of its collections, so they cannot
 * go stale), and only then the store. Writes are collected in memory and committed once per
 * batch, together with the checkpoint; several writes to one document in a batch become one.
 *
 * Documents returned by `get`/`getSync` are the cached objects, not copies (copying would cost
 * more than the projection work). Change one only if you then `upsert` it in the same `apply`;
 * otherwise the cache would differ from the store and a rebuild would give another result.
 */
export interface ProjectionContext {
  /** The document as of this point in the batch, or undefined. Resolves at once when cached. */
  get<T extends Doc = Doc>(collection: string, id: string): Promise<T | undefined>;
  /**
   * Synchronous read for projections that declare `prefetch`: answers from the cache, and throws
   * `DocumentNotLoaded` for a document neither prefetched nor seen before (never a silent miss).
   */
  getSync<T extends Doc = Doc>(collection: string, id: string): T | undefined;
  /** Replaces the whole document (stored as JSON when the batch commits). */
  upsert(collection: string, id: string, doc: Doc): void;
  /**
   * Upserts the document `build` returns, built once: when the batch commits, or when it is read
   * before that. For a document derived from others that many events of a batch change (a
   * student's lean totals), so that it is built once per batch instead of once per event. `build`
   * must read what it derives from through `ctx` (the state as of the commit), not from objects
   * captured when it was queued.
   */
  upsertDerived(collection: string, id: string, build: () => Doc): void;
  delete(collection: string, id: string): void;
}

interface ProjectionDefinition<E> {
  /** Unique; `[A-Za-z0-9_-]`. Also the key of its checkpoint and generation record. */
  name: string;
  /** Positive integer. */
  version: number;
  collections: readonly ProjectionCollection[];
  /** Event types the projection reads; others are skipped (their positions still count as processed). Default: all. */
  handles?: readonly string[];
  /**
   * Optional: the documents `apply` will read for an event. The projector loads the misses of a
   * whole batch with one `getMany` per collection before applying, which turns one store round
   * trip per document (costly on MongoDB) into one per batch, and makes `ctx.getSync` usable.
   */
  prefetch?(event: E): readonly DocKey[];
  /** May be synchronous (faster: no promise per event) or async (when it awaits `ctx.get`). */
  apply(event: E, ctx: ProjectionContext): void | Promise<void>;
  /**
   * 'stream': each document follows the events of one stream only, and what an event does depends
   * only on the earlier events of its own stream. Every order of `$all` that keeps each stream's
   * order then gives the same documents, so a catch-up from empty may read the history stream by
   * stream where the event store offers `readAllByStream` (payloads) or `readAllEventsByStream`
   * (whole events) (ProjectionRunner). Declare it only when it holds: a document fed by two
   * streams would come out wrong.
   */
  partition?: 'stream';
}

/** A projection that reads whole events (ids, metadata, hashes). */
export interface EventProjection extends ProjectionDefinition<StoredEvent> {
  reads?: 'events';
}

/**
 * A projection that reads only payloads (`PayloadEvent`: no id, metadata or hashes), so the
 * projector may subscribe to a leaner read of `$all` where the event store offers one
 * (`subscribeToAllPayloads`). It may still be handed whole events.
 */
export interface PayloadProjection extends ProjectionDefinition<PayloadEvent> {
  reads: 'payloads';
}

/**
 * A read model definition. Concrete projections (concern, absence list, statistics, …) are
 * plain objects of this shape; the projector runs them.
 *
 * Bump `version` whenever `apply` or the document shapes change: the projector then builds
 * the new version into fresh collections (blue/green) while the old one keeps serving.
 *
 * `apply` must be deterministic in the events alone (no clock, no randomness, no reads outside
 * `ctx`), so that incremental projection and a rebuild from position 0 agree.
 */
export type Projection = EventProjection | PayloadProjection;

export class DocumentNotLoaded extends Error {
  override readonly name = 'DocumentNotLoaded';
  constructor(
    readonly collection: string,
    readonly id: string,
  ) {
    super(`ctx.getSync(${collection}, ${id}): not loaded; list it in prefetch() or use await ctx.get()`);
  }
}

const PROJECTION_NAME = /^[A-Za-z0-9_-]{1,60}$/;

/** Rejects definitions the runtime could not run safely (duplicate collections, bad names). */
export function assertProjections(projections: readonly Projection[]): void {
  const names = new Set<string>();
  const collections = new Map<string, string>();
  for (const p of projections) {
    if (!PROJECTION_NAME.test(p.name)) throw new Error(`invalid projection name ${JSON.stringify(p.name)}`);
    if (names.has(p.name)) throw new Error(`two projections named ${p.name}`);
    names.add(p.name);
    if (!Number.isSafeInteger(p.version) || p.version < 1) throw new Error(`projection ${p.name}: version must be a positive integer`);
    if (p.collections.length === 0) throw new Error(`projection ${p.name} declares no collections`);
    for (const c of p.collections) {
      // Physical names get a generation suffix; the projector keeps `_`-prefixed names for itself.
      if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$/.test(c.name))
        throw new Error(`projection ${p.name}: invalid collection name ${JSON.stringify(c.name)}`);
      const owner = collections.get(c.name);
      if (owner) throw new Error(`collection ${c.name} declared by both ${owner} and ${p.name}`);
      collections.set(c.name, p.name);
    }
  }
}
