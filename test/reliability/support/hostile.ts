/** Hostile values for property-based fuzzing (fast-check). */
import fc from 'fast-check';

export const INJECTIONS = [
  "'; DROP TABLE events; --",
  "' OR '1'='1",
  '" OR 1=1 --',
  '1; DELETE FROM events WHERE 1=1',
  "Robert'); DROP TABLE students;--",
  '{"$gt": ""}',
  '{"$ne": null}',
  '{"$where": "sleep(1000)"}',
  '$where',
  "'; return true; var x='",
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '${jndi:ldap://127.0.0.1/a}',
  '{{7*7}}',
  '%s%s%s%n',
  '\u0000',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  'prototype',
];

export const UNICODE = [
  '\u202Eevil\u202C', // right-to-left override
  'שלום עולם', // Hebrew (RTL)
  'مرحبا', // Arabic (RTL)
  'a\u200Bb\u200Cc\u200Dd\uFEFF', // zero-width characters and BOM
  '𝕳𝖊𝖑𝖑𝖔 😀 👩‍👩‍👧‍👦', // astral plane, ZWJ sequence
  '\uD800', // lone high surrogate
  '\uDC00', // lone low surrogate
  'x\uDBFFy\uDFFFz', // lone surrogates inside text
  'e\u0301\u0301\u0301', // combining marks
  '\u2028\u2029', // JS line separators
  'Ærlig Øystein Åsmund',
];

/** Lone surrogate code units mixed into ordinary text. */
const loneSurrogates = fc
  .array(fc.oneof(fc.integer({ min: 0xd800, max: 0xdfff }), fc.integer({ min: 0x20, max: 0x7e })), { minLength: 1, maxLength: 20 })
  .map((codes) => String.fromCharCode(...codes));

/** Text of every kind that a well-behaved server must store or refuse, never crash on. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...INJECTIONS, ...UNICODE),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  loneSurrogates,
  fc.tuple(fc.constantFrom(...INJECTIONS, ...UNICODE), fc.constantFrom(...INJECTIONS, ...UNICODE)).map(([a, b]) => a + b),
);

/** Huge strings, beyond every MaxLength of the DTOs (20,000) but under the 256 kB body limit. */
/** (MaxLength counts code points, so an astral character counts once: n of them, whatever the UTF-16 length.) */
export const hugeString = fc
  .integer({ min: 20_001, max: 60_000 })
  .chain((n) => fc.constantFrom('a', '\u00e6', '😀', "'").map((c) => c.repeat(n)));

/**
 * A piece of JSON text to splice into a body as it is: deeply nested values are built as text
 * (JSON.stringify itself would overflow the stack on them) and print as a short label.
 */
export class RawJson {
  constructor(
    readonly json: string,
    readonly label: string,
  ) {}
  [fc.toStringMethod](): string {
    return this.label;
  }
}

/** JSON.stringify, with RawJson values spliced in verbatim. */
export function toJson(value: unknown): string {
  if (value instanceof RawJson) return value.json;
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => (v instanceof RawJson ? `\u0000raw${raws.push(v.json) - 1}\u0000` : v));
  return text.replace(/"\\u0000raw(\d+)\\u0000"/g, (_, i: string) => raws[Number(i)]!);
}

/** A JSON value nested `depth` deep (arrays or objects), as text. */
export function nested(depth: number, kind: 'array' | 'object'): RawJson {
  const json =
    kind === 'array' ? `${'['.repeat(depth)}"bottom"${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}"bottom"${'}'.repeat(depth)}`;
  return new RawJson(json, `<${kind} nested ${depth} deep>`);
}

export const deepValue = fc
  .tuple(
    fc.oneof(fc.integer({ min: 17, max: 200 }), fc.integer({ min: 200, max: 20_000 })),
    fc.constantFrom('array' as const, 'object' as const),
  )
  .map(([depth, kind]) => nested(depth, kind));

/** encodeURIComponent, or the UTF-8 bytes percent-encoded where it refuses (lone surrogates). */
export function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  }
}

/** NoSQL-operator objects as values. */
export const operatorObject = fc.constantFrom<unknown>(
  { $gt: '' },
  { $ne: null },
  { $where: 'sleep(100)' },
  { $regex: '.*' },
  { $in: ['a'] },
);

/** A value of a JSON type other than `like`'s (so a typed field must refuse it). */
export function otherType(like: unknown): fc.Arbitrary<unknown> {
  const choices: fc.Arbitrary<unknown>[] = [];
  if (typeof like !== 'string') choices.push(hostileString, fc.constant(''), fc.constant('1'));
  if (typeof like !== 'number') choices.push(fc.integer(), fc.double({ noNaN: true }), fc.constant(1e308), fc.constant(-0));
  if (typeof like !== 'boolean') choices.push(fc.boolean());
  if (!Array.isArray(like)) choices.push(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }), fc.constant([]));
  if (like === null || typeof like !== 'object' || Array.isArray(like))
    choices.push(fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }), operatorObject);
  choices.push(deepValue, fc.constant(null));
  if (typeof like === 'string') choices.push(hugeString);
  return fc.oneof(...choices);
}
