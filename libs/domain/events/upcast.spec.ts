import { describe, expect, it } from '@jest/globals';
import { createUpcasterRegistry, toDomainEvent, upcast, UpcastError, type Upcaster } from './upcast.js';

/**
 * A worked example with a test-only registry: suppose AbsenceRegistered once (v1) had no
 * `reportedByGuardian`, v2 added it, and v3 renamed `lessons` to `lessonCount`. Old events
 * stay stored as they were; readers get v3.
 */
const v1ToV2: Upcaster = {
  type: 'AbsenceRegistered',
  fromVersion: 1,
  // Absence not marked as reported was, by the old screens, not reported: false is faithful.
  upcast: (data) => ({ reportedByGuardian: false, ...(data as object) }),
};
const v2ToV3: Upcaster = {
  type: 'AbsenceRegistered',
  fromVersion: 2,
  upcast: (data) => {
    const { lessons, ...rest } = data as { lessons?: number };
    return lessons === undefined ? rest : { ...rest, lessonCount: lessons };
  },
};
const registry = createUpcasterRegistry([v2ToV3, v1ToV2], { AbsenceRegistered: 3 });
const v1 = { studentId: 's1', absenceId: 'a1', date: '2026-11-20', kind: 'lesson', lessons: 2, documented: false };

describe('upcasting', () => {
  it('lifts v1 data through every step to the latest version', () => {
    expect(registry.upcast('AbsenceRegistered', 1, v1)).toEqual({
      ...v1,
      lessons: undefined,
      reportedByGuardian: false,
      lessonCount: 2,
    } as object);
    expect(registry.upcast('AbsenceRegistered', 1, v1)).not.toHaveProperty('lessons');
  });
  it('leaves data at the latest version untouched', () => {
    const v3 = { ...v1, reportedByGuardian: true };
    expect(registry.upcast('AbsenceRegistered', 3, v3)).toBe(v3);
    expect(registry.upcast('MeetingHeld', 1, { minutes: 'x' })).toEqual({ minutes: 'x' });
  });
  it('keeps a v1 value that v2 would default', () => {
    expect(registry.upcast('AbsenceRegistered', 1, { ...v1, reportedByGuardian: true })).toMatchObject({ reportedByGuardian: true });
  });
  it('refuses data newer than the code, gaps and duplicates', () => {
    expect(() => registry.upcast('AbsenceRegistered', 4, v1)).toThrow(UpcastError);
    expect(() => createUpcasterRegistry([v2ToV3], { AbsenceRegistered: 3 }).upcast('AbsenceRegistered', 1, v1)).toThrow(
      /no upcaster for AbsenceRegistered v1/,
    );
    expect(() => createUpcasterRegistry([v1ToV2, v1ToV2], {})).toThrow(UpcastError);
    expect(() => registry.upcast('AbsenceRegistered', 0, v1)).toThrow(UpcastError);
  });
  it("the registry in use reads today's v1 events as they are", () => {
    const data = { ...v1, reportedByGuardian: false };
    expect(upcast('AbsenceRegistered', 1, data)).toBe(data);
    expect(toDomainEvent({ type: 'AbsenceRegistered', schemaVersion: 1, data })).toEqual({
      type: 'AbsenceRegistered',
      schemaVersion: 1,
      data,
    });
    expect(toDomainEvent({ type: 'AbsenceRegistered', schemaVersion: 1, data: v1 }, registry)).toMatchObject({
      schemaVersion: 3,
      data: { lessonCount: 2 },
    });
  });
});
