/**
 * Copy-on-write helpers for records used as maps with generated keys (absence ids, dates).
 *
 * `{ ...map, [key]: value }` is what they replace, with the same result: a plain object with
 * the same own enumerable string keys in the same order. The difference is inside V8: a spread
 * copy shares the source's hidden class, and adding a key no other object has creates a new
 * hidden class (and copies its descriptor array) every time, so folding a student's year one
 * registration at a time allocated a chain of hidden classes per student and dominated
 * projection rebuilds (bench/run.ts, profiled with --cpu-prof). These copies are made in
 * dictionary mode from the start (the two deleted placeholder keys put the new object there
 * before any real key is added), where adding a key is a hash insert.
 */
function dictionary(): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  o['\u0000a'] = 0;
  o['\u0000b'] = 0;
  delete o['\u0000a'];
  delete o['\u0000b'];
  return o;
}

/** A copy of `map` (own enumerable string keys, in order) as a dictionary-mode object. */
export function copyRecord<V>(map: Readonly<Record<string, V>>): Record<string, V> {
  const next = dictionary() as Record<string, V>;
  const keys = Object.keys(map);
  for (let i = 0; i < keys.length; i++) next[keys[i]!] = map[keys[i]!]!;
  return next;
}

/** `{ ...map, [key]: value }`, without a new hidden class per key. */
export function withEntry<V>(map: Readonly<Record<string, V>>, key: string, value: V): Record<string, V> {
  const next = copyRecord(map);
  next[key] = value;
  return next;
}
