/**
 * A copy of a record used as a map with generated keys (dates), made in V8's dictionary mode.
 * `{ ...map }` gives the same result, but every key no other object has then creates a new
 * hidden class; folding a municipality's year date by date allocated a chain of them per
 * student, which dominated projection rebuilds (BENCHMARKS.md). The two deleted placeholder
 * keys put the new object in dictionary mode before any real key is added, where adding a key is
 * a hash insert. Used only by this projection, where the benchmark shows it pays.
 */
export function dictionaryModeCopy<V>(map: Readonly<Record<string, V>>): Record<string, V> {
  const next: Record<string, V> = {};
  (next as Record<string, unknown>)['\u0000a'] = 0;
  (next as Record<string, unknown>)['\u0000b'] = 0;
  delete (next as Record<string, unknown>)['\u0000a'];
  delete (next as Record<string, unknown>)['\u0000b'];
  for (const key of Object.keys(map)) next[key] = map[key]!;
  return next;
}
