import { describe, expect, it } from '@jest/globals';
import { create } from 'xmlbuilder2';
import { leaf } from './xml-leaf.js';

describe('leaf', () => {
  it('escapes every ampersand, also where the text looks like an entity reference', () => {
    const doc = create({ version: '1.0' }).ele('r');
    leaf(doc, 'tittel', 'R&amp;D & x&A;æ &#65; <b> \u0001');
    expect(doc.end({ headless: true })).toBe('<r><tittel>R&amp;amp;D &amp; x&amp;A;æ &amp;#65; &lt;b&gt; \uFFFD</tittel></r>');
  });

  it('leaves out a missing value', () => {
    const doc = create({ version: '1.0' }).ele('r');
    leaf(doc, 'tittel', undefined);
    expect(doc.end({ headless: true })).toBe('<r/>');
  });
});
