import { describe, expect, it } from '@jest/globals';
import { foldRegistrations, type RegistrationChange } from './registration.js';

describe('foldRegistrations', () => {
  it('applies registrations, corrections and retractions in order', () => {
    const changes: RegistrationChange[] = [
      { type: 'registered', absenceId: 'a1', date: '2026-11-02', kind: 'day' },
      { type: 'registered', absenceId: 'a2', date: '2026-11-03', kind: 'lesson', lessons: 2, documented: true },
      { type: 'registered', absenceId: 'a3', date: '2026-11-04', kind: 'late', minutes: 10 },
      { type: 'corrected', absenceId: 'a1', documented: true, reason: 'legeerklæring' },
      { type: 'corrected', absenceId: 'a2', lessons: 3, reason: 'feil antall timer' },
      { type: 'retracted', absenceId: 'a3', reason: 'registrert på feil elev' },
    ];
    expect(foldRegistrations(changes)).toEqual([
      { absenceId: 'a1', date: '2026-11-02', kind: 'day', documented: true, reportedByGuardian: false },
      { absenceId: 'a2', date: '2026-11-03', kind: 'lesson', lessons: 3, documented: true, reportedByGuardian: false },
    ]);
  });

  it('keeps the fields a correction does not mention', () => {
    const [r] = foldRegistrations([
      {
        type: 'registered',
        absenceId: 'a1',
        date: '2026-11-02',
        kind: 'day',
        reportedByGuardian: true,
        recordedAt: '2026-11-02T07:40:00Z',
      },
      { type: 'corrected', absenceId: 'a1', date: '2026-11-03' },
    ]);
    expect(r).toEqual({
      absenceId: 'a1',
      date: '2026-11-03',
      kind: 'day',
      documented: false,
      reportedByGuardian: true,
      recordedAt: '2026-11-02T07:40:00Z',
    });
  });

  it('ignores corrections of absences that are not registered, and corrections after a retraction', () => {
    expect(
      foldRegistrations([
        { type: 'corrected', absenceId: 'ghost', documented: true },
        { type: 'registered', absenceId: 'a1', date: '2026-11-02', kind: 'day' },
        { type: 'retracted', absenceId: 'a1' },
        { type: 'corrected', absenceId: 'a1', documented: true },
      ]),
    ).toEqual([]);
  });
});
