import { canonicalJsonFast } from '../canonical-hash.js';
import { importDecision } from '../append-checks.js';
import type { StoredEvent } from '../event-store.port.js';
import type { Statements } from './statements.js';

/**
 * Stores envelopes stored elsewhere (EventImporter), inside the caller's IMMEDIATE transaction:
 * each must extend its stream's chain exactly; an id already stored with the same hash is skipped.
 */
export function importLocked(stmt: Statements, events: StoredEvent[]): { imported: number; skipped: number } {
  let imported = 0;
  let skipped = 0;
  for (const e of events) {
    if (importDecision(e, stmt.hashById.get(e.id)?.hash, stmt.head.get(e.stream) ?? null) === 'skip') {
      skipped += 1;
      continue;
    }
    stmt.insert.run(
      e.id,
      e.stream,
      e.revision,
      e.type,
      e.schemaVersion,
      e.previousHash,
      e.hash,
      canonicalJsonFast(e.metadata),
      canonicalJsonFast(e.data),
    );
    imported += 1;
  }
  return { imported, skipped };
}
