import type { Actor, StoredEvent } from '#event-store/event-store.port.js';
import type { AbsenceCorrected } from '#domain/events/index.js';
import type { NoarkEndring } from './noark-model.js';

/**
 * Corrections of a student's absence registrations as Noark change-log entries (endringslogg,
 * M680–M685): who changed which field of which registration, when, from what to what.
 *
 * Registrations live on the student's stream, not the case's, and are not archive units of
 * their own; they are the facts the student's case file (saksmappe) rests on, so each change
 * refers to that saksmappe (`referanseArkivenhet`) and names the registration and the field in
 * `referanseMetadata` as `fravaer/<absenceId>/<field>` (e.g. `fravaer/a-17/documented`).
 */
export function absenceCorrectionChanges(
  corrections: readonly StoredEvent[],
  saksmappeSystemID: string,
  actorName: (actor: Actor) => string,
): NoarkEndring[] {
  const changes: NoarkEndring[] = [];
  for (const event of corrections) {
    if (event.type !== 'AbsenceCorrected') continue;
    const d = event.data as AbsenceCorrected['data'];
    for (const field of Object.keys(d.changes ?? {}).sort()) {
      changes.push({
        referanseArkivenhet: saksmappeSystemID,
        referanseMetadata: `fravaer/${d.absenceId}/${field}`,
        endretDato: event.metadata.recordedAt,
        endretAv: actorName(event.metadata.actor),
        tidligereVerdi: changeValue((d.previous as Record<string, unknown> | undefined)?.[field]),
        nyVerdi: changeValue((d.changes as Record<string, unknown>)[field]),
      });
    }
  }
  return changes;
}

/** M684/M685 must not be empty: a field that was not set (or was removed) is written '(ingen)'. */
function changeValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(ingen)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Which case file journals each correction, when a student has had more than one case: the
 * last case opened (recorded) at or before the correction, else the student's first case.
 * Every correction lands in exactly one case file, the same one in every extract.
 *
 * @param cases the student's cases: id and the instant their CaseOpened was recorded
 * @returns caseId → the corrections its change log carries, oldest first
 */
export function assignCorrectionsToCases(
  cases: readonly { caseId: string; openedAt: string }[],
  corrections: readonly StoredEvent[],
): Map<string, StoredEvent[]> {
  const byOpening = [...cases].sort((a, b) => Date.parse(a.openedAt) - Date.parse(b.openedAt));
  const assigned = new Map<string, StoredEvent[]>(byOpening.map((c) => [c.caseId, []]));
  if (byOpening.length === 0) return assigned;
  for (const event of corrections) {
    if (event.type !== 'AbsenceCorrected') continue;
    const at = Date.parse(event.metadata.recordedAt);
    const owner = byOpening.filter((c) => Date.parse(c.openedAt) <= at).at(-1) ?? byOpening[0]!;
    assigned.get(owner.caseId)!.push(event);
  }
  return assigned;
}
