import { hash } from 'node:crypto';

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
 * Same output as `canonicalJson` in hash.ts (a spec checks it on arbitrary values), without its
 * intermediate arrays: this runs for every appended payload, on the hot path of the benchmark.
 */
export function canonicalJsonFast(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const item: unknown = value[i];
      out += item === undefined ? 'null' : canonicalJsonFast(item);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    if (!first) out += ',';
    first = false;
    out += `${JSON.stringify(key)}:${canonicalJsonFast(member)}`;
  }
  return `${out}}`;
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
