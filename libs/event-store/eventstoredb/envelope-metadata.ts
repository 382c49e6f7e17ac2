import type { EventMetadata } from '../event-store.port.js';

/**
 * ESDB keeps data and metadata per event; the envelope fields ESDB has no slot for ride in its
 * metadata next to the port's `EventMetadata`. These keys are reserved there.
 */
export interface EsdbMetadata extends EventMetadata {
  schemaVersion: number;
  /** Index of the event within its append call, i.e. within its ESDB commit (see global-position.ts). */
  indexInAppend: number;
  revision: number;
  previousHash: string | null;
  hash: string;
}

const RESERVED = ['schemaVersion', 'indexInAppend', 'revision', 'previousHash', 'hash'] as const;

export function toEsdbMetadata(metadata: EventMetadata, envelope: Omit<EsdbMetadata, keyof EventMetadata>): EsdbMetadata {
  return { ...metadata, ...envelope };
}

/** Undefined for events this adapter did not write (no hash): they are not part of the port's `$all`. */
export function fromEsdbMetadata(raw: unknown): { metadata: EventMetadata; envelope: Omit<EsdbMetadata, keyof EventMetadata> } | undefined {
  if (raw === null || typeof raw !== 'object' || typeof (raw as { hash?: unknown }).hash !== 'string') return undefined;
  const all = { ...(raw as EsdbMetadata) };
  const envelope = {
    schemaVersion: all.schemaVersion,
    indexInAppend: all.indexInAppend,
    revision: all.revision,
    previousHash: all.previousHash ?? null,
    hash: all.hash,
  };
  for (const key of RESERVED) delete (all as Partial<EsdbMetadata>)[key];
  return { metadata: all, envelope };
}
