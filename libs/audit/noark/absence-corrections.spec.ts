import { describe, expect, it } from '@jest/globals';
import type { StoredEvent } from '#event-store/event-store.port.js';
import { absenceCorrectionChanges, assignCorrectionsToCases } from './absence-corrections.js';
import { buildEndringslogg } from './endringslogg-xml.js';
import { validateAgainstNoark } from './validate-noark.js';
import type { NoarkSaksmappe } from './noark-model.js';

const SAKSMAPPE = '6f1c3c4e-0b7a-4c55-9d2b-3f3f0c1d2e3a';

function corrected(revision: number, recordedAt: string, changes: Record<string, unknown>, previous: Record<string, unknown>): StoredEvent {
  return {
    id: `e-${revision}`,
    stream: 'student-s1',
    revision,
    position: revision + 100,
    type: 'AbsenceCorrected',
    schemaVersion: 1,
    data: { studentId: 's1', absenceId: `a-${revision}`, changes, previous, reason: 'feil', on: recordedAt.slice(0, 10) },
    metadata: { actor: { id: 'lærer-1', role: 'teacher' }, occurredAt: recordedAt, recordedAt, correlationId: 'c', causationId: null },
    previousHash: null,
    hash: 'h',
  } as unknown as StoredEvent;
}

const actorName = (a: { id: string; role: string }) => `${a.role} (${a.id})`;

describe('absence corrections in the Noark change log', () => {
  it('one endring per changed field, old → new, with who and when; missing values as (ingen)', () => {
    const changes = absenceCorrectionChanges(
      [
        corrected(
          4,
          '2026-11-10T08:00:00.000Z',
          { kind: 'lesson', lessons: 2, reason: null },
          { kind: 'day', lessons: null, reason: 'Syk' },
        ),
      ],
      SAKSMAPPE,
      actorName,
    );
    expect(changes).toEqual([
      {
        referanseArkivenhet: SAKSMAPPE,
        referanseMetadata: 'fravaer/a-4/kind',
        endretDato: '2026-11-10T08:00:00.000Z',
        endretAv: 'teacher (lærer-1)',
        tidligereVerdi: 'day',
        nyVerdi: 'lesson',
      },
      {
        referanseArkivenhet: SAKSMAPPE,
        referanseMetadata: 'fravaer/a-4/lessons',
        endretDato: '2026-11-10T08:00:00.000Z',
        endretAv: 'teacher (lærer-1)',
        tidligereVerdi: '(ingen)',
        nyVerdi: '2',
      },
      {
        referanseArkivenhet: SAKSMAPPE,
        referanseMetadata: 'fravaer/a-4/reason',
        endretDato: '2026-11-10T08:00:00.000Z',
        endretAv: 'teacher (lærer-1)',
        tidligereVerdi: 'Syk',
        nyVerdi: '(ingen)',
      },
    ]);
  });

  it('validates against endringslogg.xsd', async () => {
    const endringer = absenceCorrectionChanges(
      [corrected(2, '2026-11-10T08:00:00.000Z', { documented: true, date: '2026-11-03' }, { documented: false, date: '2026-11-02' })],
      SAKSMAPPE,
      actorName,
    );
    const xml = buildEndringslogg([{ endringer } as unknown as NoarkSaksmappe])!;
    const result = await validateAgainstNoark(xml, 'endringslogg.xsd');
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('gives each correction to the last case opened before it, else the first case', () => {
    const early = corrected(1, '2026-09-01T08:00:00.000Z', { documented: true }, { documented: false });
    const middle = corrected(2, '2026-10-15T08:00:00.000Z', { documented: true }, { documented: false });
    const late = corrected(3, '2026-12-01T08:00:00.000Z', { documented: true }, { documented: false });
    const assigned = assignCorrectionsToCases(
      [
        { caseId: 'second', openedAt: '2026-11-01T08:00:00.000Z' },
        { caseId: 'first', openedAt: '2026-10-01T08:00:00.000Z' },
      ],
      [early, middle, late],
    );
    expect(assigned.get('first')!.map((e) => e.revision)).toEqual([1, 2]);
    expect(assigned.get('second')!.map((e) => e.revision)).toEqual([3]);
    expect(assignCorrectionsToCases([], [early]).size).toBe(0);
  });
});
