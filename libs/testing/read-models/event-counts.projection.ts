import type { StoredEvent } from '#event-store/event-store.port.js';
import type { Doc } from '#read-models/document-store.port.js';
import type { EventProjection, ProjectionContext } from '#read-models/projector/projection.js';

/**
 * A toy projection for the runtime's own tests: counts events per stream and per type. Counts
 * are not idempotent on purpose, so an event applied twice (or skipped) shows in the result.
 */
export interface StreamCount extends Doc {
  stream: string;
  count: number;
  lastPosition: number;
  lastRevision: number;
  types: Record<string, number>;
}

export interface TypeCount extends Doc {
  type: string;
  count: number;
  /** `weight` lets a test tell two versions of the projection apart. */
  weighted: number;
}

export interface EventCountsOptions {
  name?: string;
  version?: number;
  /** Synchronous apply over `prefetch` + `ctx.getSync` instead of `await ctx.get`. */
  sync?: boolean;
  handles?: string[];
  weight?: number;
  /** Called before each event is applied: lets a test fail or kill mid-batch. */
  beforeApply?: (event: StoredEvent) => void;
}

export function eventCountsProjection(options: EventCountsOptions = {}): EventProjection {
  const weight = options.weight ?? 1;
  const update = (event: StoredEvent, ctx: ProjectionContext, stream: StreamCount | undefined, type: TypeCount | undefined): void => {
    ctx.upsert('stream-counts', event.stream, {
      stream: event.stream,
      count: (stream?.count ?? 0) + 1,
      lastPosition: event.position,
      lastRevision: event.revision,
      types: { ...stream?.types, [event.type]: (stream?.types[event.type] ?? 0) + 1 },
    } satisfies StreamCount);
    ctx.upsert('type-counts', event.type, {
      type: event.type,
      count: (type?.count ?? 0) + 1,
      weighted: (type?.weighted ?? 0) + weight,
    } satisfies TypeCount);
  };
  const base = {
    name: options.name ?? 'event-counts',
    version: options.version ?? 1,
    collections: [
      { name: 'stream-counts', indexes: ['count', 'lastPosition'] },
      { name: 'type-counts', indexes: ['count'] },
    ],
    ...(options.handles ? { handles: options.handles } : {}),
  };
  if (options.sync) {
    return {
      ...base,
      prefetch: (event) => [
        { collection: 'stream-counts', id: event.stream },
        { collection: 'type-counts', id: event.type },
      ],
      apply(event, ctx) {
        options.beforeApply?.(event);
        update(event, ctx, ctx.getSync<StreamCount>('stream-counts', event.stream), ctx.getSync<TypeCount>('type-counts', event.type));
      },
    };
  }
  return {
    ...base,
    async apply(event, ctx) {
      options.beforeApply?.(event);
      update(event, ctx, await ctx.get<StreamCount>('stream-counts', event.stream), await ctx.get<TypeCount>('type-counts', event.type));
    },
  };
}
