/**
 * Where Idempotency-Key outcomes live (api.md, "Writes"): one row per (caller, key), kept at
 * least 24 h. A row is 'pending' while its first request runs. The embedded store keeps them in
 * SQLite beside the data (`sqlite-idempotency.store.ts`); on PostgreSQL every instance shares one
 * table (`postgres-idempotency.store.ts`), so a key replayed through another instance is answered
 * from the first one's outcome instead of being run again. Both pass `idempotency.contract.ts`.
 */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/**
 * `new.orphan`: the key's first request was running when its process died, so it may have
 * appended; the retry runs with the same derived ids (request-ids.ts) and, finding its events,
 * answers as that run would have, appending nothing.
 */
export type Begin =
  { kind: 'new'; orphan: boolean } | { kind: 'replay'; response: StoredResponse } | { kind: 'mismatch' } | { kind: 'pending' };

/** A stored row's answer (both adapters keep status, body and headers as columns, the last two as JSON text). */
export function replayOf(row: { status: number | null; body: string | null; headers: string | null }): Begin {
  return {
    kind: 'replay',
    response: {
      status: row.status ?? 200,
      body: row.body === null ? undefined : JSON.parse(row.body),
      headers: row.headers === null ? {} : (JSON.parse(row.headers) as Record<string, string>),
    },
  };
}

/** The port, and the dependency-injection token for the configured adapter. */
export abstract class IdempotencyStore {
  /** Claims the key for a new request, or says what became of an earlier one. */
  abstract begin(actor: string, key: string, requestHash: string): Promise<Begin>;
  abstract complete(actor: string, key: string, response: StoredResponse): Promise<void>;
  /** The request failed: it appended nothing, so the key is freed for a retry. */
  abstract abandon(actor: string, key: string): Promise<void>;
  abstract close(): Promise<void>;

  /** Nest closes it with the app. */
  onApplicationShutdown(): Promise<void> {
    return this.close();
  }
}
