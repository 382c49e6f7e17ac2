import { createHash } from 'node:crypto';
import type { StoredEvent } from './event-store.port.js';

/**
 * Canonical JSON: object keys sorted, no whitespace, `undefined` members dropped.
 * Stable across stores, so `cli copy` keeps hashes when moving between adapters.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

/** The hashed part of an envelope. The global position is left out: it differs between stores. */
export type HashedEnvelope = Omit<StoredEvent, 'hash' | 'position'>;

/** SHA-256 (hex) over the canonical envelope without `hash` and `position`, chained by `previousHash`. */
/**
 * Where an event opened by the encrypting store (crypto/encrypting-event-store.ts) keeps its data
 * as stored: a hidden property, so verifying a chain read through that store checks the sealed
 * bytes the hash covers, while everything else sees the opened fields.
 */
export const SEALED_DATA: unique symbol = Symbol('sealedData');

export function hashEvent(envelope: HashedEnvelope): string {
  const { id, stream, revision, type, schemaVersion, metadata, previousHash } = envelope;
  // An event read through the encrypting store carries what was stored (and hashed) beside its opened data.
  const data = (envelope as { [SEALED_DATA]?: unknown })[SEALED_DATA] ?? envelope.data;
  return createHash('sha256')
    .update(canonicalJson({ id, stream, revision, type, schemaVersion, data, metadata, previousHash }))
    .digest('hex');
}
