/**
 * What a value keeps alive on V8's heap, estimated by walking it: object and array headers, a
 * pointer per slot, string bodies, boxed doubles. Property names of ordinary objects are shared
 * (V8 keeps one copy of each), so they are not counted; an object used as a map (many keys, such as
 * ids) keeps its keys as its own strings, and they are. Checked against measured heap growth in
 * estimate-bytes.spec.ts, within a factor of 2.5 (the caches' limits are estimates, not exact).
 */

/** Beyond this many keys V8 holds an object as a dictionary: its keys are its own. */
const DICTIONARY_KEYS = 32;

export function estimateBytes(value: unknown): number {
  return walk(value, 0);
}

function walk(value: unknown, depth: number): number {
  switch (typeof value) {
    case 'string':
      return stringBytes(value);
    case 'number':
      // Small integers live in the slot; other numbers are a boxed double.
      return Number.isInteger(value) && Math.abs(value) < 2 ** 30 ? 0 : 16;
    case 'bigint':
      return 24;
    case 'object':
      if (value === null) return 0;
      // Deep enough to be a cycle or a structure no cache should hold: stop counting, not running.
      if (depth > 64) return 0;
      if (Array.isArray(value)) return arrayBytes(value, depth);
      if (value instanceof Map) return mapBytes(value, depth);
      if (value instanceof Set) return setBytes(value, depth);
      if (ArrayBuffer.isView(value)) return 64 + value.byteLength;
      return objectBytes(value as Record<string, unknown>, depth);
    default:
      return 0;
  }
}

function stringBytes(s: string): number {
  // One byte per character for Latin-1 (Norwegian text included), two otherwise; rounded to 8.
  let wide = false;
  for (let i = 0; i < s.length && !wide; i++) wide = s.charCodeAt(i) > 0xff;
  return 16 + Math.ceil(((wide ? 2 : 1) * s.length) / 8) * 8;
}

function arrayBytes(array: readonly unknown[], depth: number): number {
  let bytes = 32 + 16 + 8 * array.length;
  for (const item of array) bytes += walk(item, depth + 1);
  return bytes;
}

function objectBytes(object: Record<string, unknown>, depth: number): number {
  const keys = Object.keys(object);
  const dictionary = keys.length > DICTIONARY_KEYS;
  let bytes = 24 + (dictionary ? 24 : 8) * keys.length;
  for (const key of keys) {
    if (dictionary) bytes += stringBytes(key);
    bytes += walk(object[key], depth + 1);
  }
  return bytes;
}

function mapBytes(map: ReadonlyMap<unknown, unknown>, depth: number): number {
  let bytes = 64 + 24 * map.size;
  for (const [key, value] of map) bytes += walk(key, depth + 1) + walk(value, depth + 1);
  return bytes;
}

function setBytes(set: ReadonlySet<unknown>, depth: number): number {
  let bytes = 64 + 16 * set.size;
  for (const item of set) bytes += walk(item, depth + 1);
  return bytes;
}

/**
 * A parsed JSON document's heap bytes per character of its text, for caches that have the text
 * at hand and should not walk what they parsed (measured in estimate-bytes.spec.ts on read-model
 * documents: about 1.7 heap bytes per character of a year of registrations).
 */
export const JSON_HEAP_FACTOR = 2;
