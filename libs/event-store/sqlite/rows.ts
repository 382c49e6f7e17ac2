/** The events table's rows as better-sqlite3 hands them out in raw mode: arrays in column order, no object per row. */
import type { PayloadEvent, StoredEvent } from '../event-store.port.js';

export const COLUMNS = 'position, id, stream, revision, type, schema_version, previous_hash, hash, metadata, data';
export const PAYLOAD_COLUMNS = 'position, stream, revision, type, schema_version, data';

export type EventRow = [
  position: number,
  id: string,
  stream: string,
  revision: number,
  type: string,
  schemaVersion: number,
  previousHash: string | null,
  hash: string,
  metadata: string,
  data: string,
];

export type PayloadRow = [position: number, stream: string, revision: number, type: string, schemaVersion: number, data: string];

export type FoldRow = [position: number, revision: number, type: string, schemaVersion: number, data: string];

export function toStored(row: EventRow): StoredEvent {
  return {
    id: row[1],
    stream: row[2],
    revision: row[3],
    position: row[0],
    type: row[4],
    schemaVersion: row[5],
    data: JSON.parse(row[9]) as unknown,
    metadata: JSON.parse(row[8]) as StoredEvent['metadata'],
    previousHash: row[6],
    hash: row[7],
  };
}

export function toPayload(row: PayloadRow): PayloadEvent {
  return { stream: row[1], revision: row[2], position: row[0], type: row[3], schemaVersion: row[4], data: JSON.parse(row[5]) as unknown };
}
