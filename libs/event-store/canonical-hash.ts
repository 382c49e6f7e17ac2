import { hash } from 'node:crypto';
import { canonicalJson } from './hash.js';

/**
 * The envelope fields that `hashEvent` covers, with data and metadata already in canonical JSON.
 * Adapters store those canonical strings as-is, so each payload is serialised once per append
 * (for the row and the hash alike) instead of twice.
 */
export interface CanonicalEnvelope {
  id: string;
  stream: string;
  revision: number;
  type: string;
  schemaVersion: number;
  /** canonicalJsonFast(data) */
  dataJson: string;
  /** canonicalJsonFast(metadata), recordedAt included */
  metadataJson: string;
  previousHash: string | null;
}

/**
 * Same output as `canonicalJson` in hash.ts (a spec checks it on arbitrary values), but faster:
 * it builds a key-sorted plain copy and lets the native JSON.stringify write it. This runs for
 * every appended payload, on the hot path of the append benchmark.
 */
export function canonicalJsonFast(value: unknown): string {
  try {
    return JSON.stringify(sortedCopy(value)) ?? 'null';
  } catch (error) {
    if (error === UNORDERABLE) return canonicalJson(value);
    throw error;
  }
}

/** Integer-like keys enumerate first, in numeric order, whatever the insertion order. */
const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;
/** Thrown when property order cannot express the sorted key order; the slow path takes over. */
const UNORDERABLE = Symbol('unorderable');

/**
 * A value that JSON.stringify writes exactly as canonicalJson would: members in sorted order,
 * `undefined` members dropped, functions and symbols as null, and no `toJSON` (canonicalJson
 * never calls it: a Date, say, is an object without own keys, so `{}`).
 */
function sortedCopy(value: unknown): unknown {
  if (value === null) return null;
  switch (typeof value) {
    case 'object':
      break;
    case 'function':
    case 'symbol':
    case 'undefined':
      return null;
    default:
      return value;
  }
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = sortedCopy(value[i]);
    return copy;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  // A plain object, not Object.create(null): V8 keeps a null-prototype object in dictionary mode,
  // which JSON.stringify writes more slowly. A "__proto__" key would set the prototype of a plain
  // object instead of being a member, so that rare value takes the slow path.
  const copy: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    // An integer-like key would be enumerated first; that matches sorted order only at index 0.
    if ((i > 0 && ARRAY_INDEX.test(key)) || key === '__proto__') throw UNORDERABLE;
    const member = record[key];
    if (member !== undefined) copy[key] = sortedCopy(member);
  }
  return copy;
}
/**
 * Same digest as `hashEvent`: the keys below are written in the sorted order canonicalJson uses
 * (data, id, metadata, previousHash, revision, schemaVersion, stream, type). A spec pins the equality.
 */
export function hashCanonical(e: CanonicalEnvelope): string {
  const text =
    `{"data":${e.dataJson},"id":${JSON.stringify(e.id)},"metadata":${e.metadataJson},` +
    `"previousHash":${e.previousHash === null ? 'null' : JSON.stringify(e.previousHash)},` +
    `"revision":${JSON.stringify(e.revision)},"schemaVersion":${JSON.stringify(e.schemaVersion)},` +
    `"stream":${JSON.stringify(e.stream)},"type":${JSON.stringify(e.type)}}`;
  return hash('sha256', text, 'hex');
}
