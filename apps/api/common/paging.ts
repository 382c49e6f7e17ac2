/**
 * Opt-in paging (api.md, Read models): with `limit` the answer is `{ items, nextCursor }`, in the
 * same order as without it; `cursor` is the opaque `nextCursor` of the page before: the sort key
 * of its last item, so a page starts right after it even when items were added or removed since.
 */
import { badRequest } from './error-body.js';

export type SortKey = readonly (string | number)[];

export interface PageRequest {
  limit: number;
  after?: SortKey;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export const MAX_PAGE = 1000;

export const encodeCursor = (key: SortKey): string => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

/** `limit` (1..1000) and `cursor` as a request sends them; 400 naming the field when malformed. Undefined: no paging. */
export function pageRequest(limit: unknown, cursor: unknown): PageRequest | undefined {
  if (limit === undefined) {
    if (cursor !== undefined) throw badRequest('Invalid cursor', [{ field: 'cursor', messages: ['cursor goes with limit'] }]);
    return undefined;
  }
  const n = typeof limit === 'string' && /^\d{1,4}$/.test(limit) ? Number(limit) : NaN;
  if (!(n >= 1 && n <= MAX_PAGE)) {
    throw badRequest('Invalid limit', [{ field: 'limit', messages: [`limit must be a whole number 1..${MAX_PAGE}`] }]);
  }
  if (cursor === undefined) return { limit: n };
  try {
    const key = JSON.parse(Buffer.from(String(cursor), 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length > 0 && key.every((k) => typeof k === 'string' || typeof k === 'number'))
      return { limit: n, after: key };
  } catch {
    // falls through to the 400
  }
  throw badRequest('Invalid cursor', [{ field: 'cursor', messages: ['cursor must be the nextCursor of a page before'] }]);
}

function compare(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x === y) continue;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** The page of `items` (sorted by `keyOf`) after the request's cursor. */
export function pageOf<T>(items: readonly T[], request: PageRequest, keyOf: (item: T) => SortKey): Page<T> {
  const rest = request.after ? items.filter((item) => compare(keyOf(item), request.after!) > 0) : [...items];
  const page = rest.slice(0, request.limit);
  return rest.length > request.limit ? { items: page, nextCursor: encodeCursor(keyOf(page.at(-1)!)) } : { items: page };
}
