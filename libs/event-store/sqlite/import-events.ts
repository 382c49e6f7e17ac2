import { canonicalJsonFast } from '../canonical-hash.js';
import { InvalidImport, type StoredEvent } from '../event-store.port.js';
import { hashEvent } from '../hash.js';
import type { Statements } from './statements.js';

/**
 * Stores envelopes stored elsewhere (EventImporter), inside the caller's IMMEDIATE transaction:
 * each must extend its stream's chain exactly; an id already stored with the same hash is skipped.
 */
export function importLocked(stmt: Statements, events: StoredEvent[]): { imported: number; skipped: number } {
  let imported = 0;
  let skipped = 0;
  for (const e of events) {
    const existing = stmt.hashById.get(e.id);
    if (existing) {
      if (existing.hash !== e.hash) throw new InvalidImport(e.id, 'id already stored with another hash');
      skipped += 1;
      continue;
    }
    if (hashEvent(e) !== e.hash) throw new InvalidImport(e.id, 'hash does not match the envelope');
    const head = stmt.head.get(e.stream);
    if (e.revision !== (head ? head.revision + 1 : 0) || e.previousHash !== (head ? head.hash : null)) {
      throw new InvalidImport(e.id, `does not extend stream ${e.stream} (revision ${e.revision})`);
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
