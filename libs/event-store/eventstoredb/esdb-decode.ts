import type { RecordedEvent } from '@eventstore/db-client';
import type { StoredEvent } from '../event-store.port.js';
import { fromEsdbMetadata } from './envelope-metadata.js';

/** One event written by this adapter (system and foreign events are not part of the port's view). */
export interface Decoded {
  event: StoredEvent;
  /** Undefined when the server did not report a log position for the read (older servers, stream reads). */
  commit: bigint | undefined;
}

/** Servers that know no position for a stream read report the max unsigned 64-bit value. */
const NO_POSITION = 2n ** 63n;

export function decode(recorded: RecordedEvent): Decoded | undefined {
  if (recorded.streamId.startsWith('$') || !recorded.isJson) return undefined;
  const parsed = fromEsdbMetadata(recorded.metadata);
  if (!parsed) return undefined;
  const { envelope, metadata } = parsed;
  const commit = recorded.position && recorded.position.commit < NO_POSITION ? recorded.position.commit : undefined;
  return {
    commit,
    event: {
      id: recorded.id,
      stream: recorded.streamId,
      revision: Number(recorded.revision),
      position: 0,
      type: recorded.type,
      schemaVersion: envelope.schemaVersion,
      data: recorded.data,
      metadata,
      previousHash: envelope.previousHash,
      hash: envelope.hash,
    },
  };
}
