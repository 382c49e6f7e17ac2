import { describe, expect, it } from '@jest/globals';
import { caseStream, parseStreamName, schoolStream, streamName, studentStream } from './stream-name.js';

describe('stream names', () => {
  it('are <category>-<id>', () => {
    expect(studentStream('s1')).toBe('student-s1');
    expect(caseStream('c1')).toBe('case-c1');
    expect(schoolStream('hemsedal')).toBe('school-hemsedal');
    expect(streamName('case', '7b0e-42')).toBe('case-7b0e-42');
    expect(() => streamName('case', '')).toThrow();
  });
  it('parse back, ids with dashes included', () => {
    expect(parseStreamName('case-7b0e-42')).toEqual({ category: 'case', id: '7b0e-42' });
    expect(parseStreamName('student-s1')).toEqual({ category: 'student', id: 's1' });
    expect(parseStreamName('$system-x')).toBeNull();
    expect(parseStreamName('case-')).toBeNull();
  });
});
