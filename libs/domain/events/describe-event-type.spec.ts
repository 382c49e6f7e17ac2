import { describe, expect, it } from '@jest/globals';
import { describeEventType, EVENT_TYPE_LABELS } from './describe-event-type.js';
import { CURRENT_SCHEMA_VERSIONS, EVENT_TYPES, isEventType } from './catalogue.js';

describe('the event catalogue', () => {
  it('labels every event type in Norwegian and English', () => {
    expect(describeEventType('MeetingHeld')).toBe('Møte holdt / Meeting held');
    expect(describeEventType('AbsenceRegistered')).toBe('Fravær registrert / Absence registered');
    expect(Object.keys(EVENT_TYPE_LABELS).sort()).toEqual([...EVENT_TYPES].sort());
    for (const type of EVENT_TYPES) expect(describeEventType(type)).toMatch(/^.+ \/ .+$/);
  });
  it('returns unknown types as they are', () => {
    expect(describeEventType('SomethingElse')).toBe('SomethingElse');
  });
  it('covers every write of api.md with a past-tense type', () => {
    expect(EVENT_TYPES).toHaveLength(32);
    for (const type of EVENT_TYPES) expect(type).toMatch(/(ed|Held|Made|Given|Withdrawn)(Manually)?$/);
    expect(isEventType('CaseOpened')).toBe(true);
    expect(isEventType('toString')).toBe(false);
    expect(Object.values(CURRENT_SCHEMA_VERSIONS).every((v) => v === 1)).toBe(true);
  });
});
