/**
 * Ids for what a write creates (an absence, a contact, …) and for its events. Random, except
 * for a request that carries an Idempotency-Key: then they are derived from the caller, the key
 * and the request (IdempotencyInterceptor sets the seed), so a retry of a request whose first
 * run appended but died before its key was completed (a crash between the two commits) names
 * the same ids, finds its events already stored (StreamWriter, `recoverIfStored`) and answers
 * as the first run would have, appending nothing.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/** The request property IdempotencyInterceptor sets: SHA-256 of caller, key and request hash. */
export const IDEMPOTENCY_SEED = 'idempotencySeed';
/** Set (true) by IdempotencyInterceptor when the key's first request died with a previous process. */
export const IDEMPOTENCY_RECOVER = 'idempotencyRecover';

/** Enough event ids for any command (every command appends one event today). */
const EVENT_IDS = 8;

export interface RequestIdSource {
  /** True when the ids are derived from an Idempotency-Key. */
  readonly keyed: boolean;
  /** The id called `name` (e.g. 'absenceId'): derived when keyed, else random. */
  id(name: string): string;
  /** Ids for the events of the write when keyed (else undefined: the writer picks random ones). */
  readonly eventIds: readonly string[] | undefined;
  /** The key's first run died mid-request: look for its events before deciding (WriteMeta.recoverIfStored). */
  readonly recover: boolean;
}

/** A UUID (version 5 layout) from SHA-256 of `seed` and `name`. */
function derivedUuid(seed: string, name: string): string {
  const h = createHash('sha256').update(`${seed}\n${name}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function requestIds(seed: string | undefined, recover = false): RequestIdSource {
  if (!seed) return { keyed: false, id: () => randomUUID(), eventIds: undefined, recover: false };
  return {
    keyed: true,
    recover,
    id: (name) => derivedUuid(seed, `id:${name}`),
    eventIds: Array.from({ length: EVENT_IDS }, (_, i) => derivedUuid(seed, `event:${i}`)),
  };
}

/** `@RequestIds() ids: RequestIdSource` in a write handler's parameters. */
export const RequestIds = createParamDecorator((_: unknown, context: ExecutionContext): RequestIdSource => {
  const req = context.switchToHttp().getRequest<Record<string, unknown>>();
  const seed = req[IDEMPOTENCY_SEED];
  return requestIds(typeof seed === 'string' ? seed : undefined, req[IDEMPOTENCY_RECOVER] === true);
});
