/**
 * Copies of records used as maps with generated keys (absence ids, dates), made in V8's
 * dictionary mode. `{ ...map, [key]: value }` gives the same object, but every key no other
 * object has then creates a new hidden class: folding students' years one registration at a time
 * allocated a chain of them per student, and the plain spread made generating a municipality 45 %
 * slower at 40 % more memory (BENCHMARKS.md, seventh round). The two deleted placeholder keys put
 * the new object in dictionary mode before any real key is added, where adding a key is a hash insert.
 */
function dictionary<V>(): Record<string, V> {
  const o: Record<string, unknown> = {};
  o['\u0000a'] = 0;
  o['\u0000b'] = 0;
  delete o['\u0000a'];
  delete o['\u0000b'];
  return o as Record<string, V>;
}

/** `{ ...map }`, in dictionary mode. */
export function dictionaryModeCopy<V>(map: Readonly<Record<string, V>>): Record<string, V> {
  const next = dictionary<V>();
  for (const key of Object.keys(map)) next[key] = map[key]!;
  return next;
}

/** `{ ...map, [key]: value }`, in dictionary mode. */
export function withEntryInDictionaryMode<V>(map: Readonly<Record<string, V>>, key: string, value: V): Record<string, V> {
  const next = dictionaryModeCopy(map);
  next[key] = value;
  return next;
}
