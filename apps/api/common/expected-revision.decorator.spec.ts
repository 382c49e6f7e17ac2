import { describe, expect, it } from '@jest/globals';
import { HttpException } from '@nestjs/common';
import { parseIfMatch } from './expected-revision.decorator.js';

describe('parseIfMatch', () => {
  it.each([
    ['3', 3],
    ['0', 0],
    ['"3"', 3],
    [' 12 ', 12],
    ['*', undefined],
    [undefined, undefined],
  ])('%p -> %p', (header, expected) => {
    expect(parseIfMatch(header)).toBe(expected);
  });

  it.each(['-1', '1.5', 'abc', 'W/"3"', '"3', '3,4', '1e3', '9999999999999999'])('refuses %p with a 400 naming If-Match', (header) => {
    try {
      parseIfMatch(header);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(HttpException);
      expect((error as HttpException).getStatus()).toBe(400);
      expect((error as HttpException).getResponse()).toMatchObject({ details: [{ field: 'If-Match' }] });
    }
  });
});
