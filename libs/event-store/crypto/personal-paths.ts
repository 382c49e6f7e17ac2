/**
 * Walks the personal fields of an event's data by path (`a.b`, `list[]`, `map.*`; see
 * libs/domain/events/personal-fields.ts) and maps each string leaf, returning a copy; the data is
 * not changed. Each leaf's concrete place (`participants.1.name`) is handed to `map`: it is bound
 * into the ciphertext, so a sealed field cannot be moved to another field or event.
 */
export type LeafMap = (value: string, place: string) => string;

export function mapPersonalFields(data: unknown, paths: readonly string[], map: LeafMap): unknown {
  let out = data;
  for (const path of paths) out = mapPath(out, path.split('.'), 0, '', map);
  return out;
}

function mapPath(node: unknown, segments: readonly string[], at: number, place: string, map: LeafMap): unknown {
  if (at === segments.length) return typeof node === 'string' ? map(node, place) : node;
  if (node === null || typeof node !== 'object') return node;
  const segment = segments[at]!;
  const join = (key: string | number) => (place === '' ? String(key) : `${place}.${key}`);
  if (segment === '*') {
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) copy[key] = mapPath(value, segments, at + 1, join(key), map);
    return copy;
  }
  const list = segment.endsWith('[]');
  const key = list ? segment.slice(0, -2) : segment;
  if (!Object.hasOwn(node, key)) return node;
  const child = (node as Record<string, unknown>)[key];
  let mapped: unknown;
  if (list) {
    mapped = Array.isArray(child) ? child.map((item, i) => mapPath(item, segments, at + 1, join(`${key}.${i}`), map)) : child;
  } else {
    mapped = mapPath(child, segments, at + 1, join(key), map);
  }
  return mapped === child ? node : { ...(node as Record<string, unknown>), [key]: mapped };
}
