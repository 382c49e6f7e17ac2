/**
 * Filters, sorts and index values of the PostgreSQL read-model store, answering as the SQLite and
 * MongoDB adapters do (the contract suite): values match by type, `null` means null or missing,
 * strings compare in code-point order whatever the database's collation (`COLLATE "C"`).
 *
 * A declared index field has a `jsonb` column of its own (`"f:<field>"`, SQL NULL for null or
 * missing), filled from the document in JavaScript on every write; other fields are read from the
 * document text. Field paths are validated to `[A-Za-z0-9_.]` by the port, so inlining them is safe.
 */
import { createHash } from 'node:crypto';
import { isConditionObject, type Doc, type Filter, type Scalar, type SortKey } from '../document-store.port.js';

export function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/** PostgreSQL cuts identifiers at 63 bytes: long names keep a readable head and a hash for uniqueness. */
export function shortIdentifier(prefix: string, name: string): string {
  const full = prefix + name;
  if (Buffer.byteLength(full) <= 63) return full;
  return `${prefix}${name.slice(0, 36)}~${createHash('sha256').update(name).digest('hex').slice(0, 16)}`;
}

export const fieldColumn = (field: string): string => `f:${field}`;

/** The field's value as jsonb: its column when declared, else taken from the document. */
export function valueExpr(field: string, columns: ReadonlySet<string>): string {
  if (columns.has(field)) return quote(fieldColumn(field));
  return `nullif(doc::jsonb #> '{${field.split('.').join(',')}}', 'null'::jsonb)`;
}

/** What a declared field's column holds for `doc`: the value's JSON text, or null for null or missing. */
export function columnValue(doc: Doc, field: string): string | null {
  let value: unknown = doc;
  for (const key of field.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
    value = (value as Record<string, unknown>)[key];
  }
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** The text a string range or sort compares, in code-point order. */
const textOf = (e: string): string => `((${e} #>> '{}') COLLATE "C")`;

export function compileFilter(filter: Filter, columns: ReadonlySet<string>, params: unknown[]): string {
  const terms: string[] = [];
  const param = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  const eq = (e: string, v: Scalar): string => (v === null ? `${e} IS NULL` : `${e} = ${param(JSON.stringify(v))}::jsonb`);
  const range = (e: string, op: string, v: string | number): string =>
    typeof v === 'number'
      ? `(jsonb_typeof(${e}) = 'number' AND ${e} ${op} ${param(JSON.stringify(v))}::jsonb)`
      : `(jsonb_typeof(${e}) = 'string' AND ${textOf(e)} ${op} ${param(v)})`;
  for (const [field, cond] of Object.entries(filter)) {
    const e = valueExpr(field, columns);
    if (!isConditionObject(cond)) {
      terms.push(eq(e, cond));
      continue;
    }
    if (cond.eq !== undefined) terms.push(eq(e, cond.eq));
    if (cond.in !== undefined) {
      const values = cond.in.filter((v) => v !== null).map((v) => JSON.stringify(v));
      const alternatives = values.length > 0 ? [`${e} = ANY(${param(values)}::jsonb[])`] : [];
      if (cond.in.includes(null)) alternatives.push(`${e} IS NULL`);
      terms.push(alternatives.length === 0 ? 'false' : `(${alternatives.join(' OR ')})`);
    }
    if (cond.gt !== undefined) terms.push(range(e, '>', cond.gt));
    if (cond.gte !== undefined) terms.push(range(e, '>=', cond.gte));
    if (cond.lt !== undefined) terms.push(range(e, '<', cond.lt));
    if (cond.lte !== undefined) terms.push(range(e, '<=', cond.lte));
  }
  return terms.length ? `WHERE ${terms.join(' AND ')}` : '';
}

/**
 * SQLite's order: null or missing first, then numbers (booleans as 1 and 0), then strings in
 * code-point order; ties by id. Three keys per field, each in the field's direction.
 */
export function compileSort(sort: readonly SortKey[], columns: ReadonlySet<string>): string {
  const keys = sort.flatMap((s) => {
    const e = valueExpr(s.field, columns);
    const dir = s.direction === 'desc' ? 'DESC' : 'ASC';
    const type = `jsonb_typeof(${e})`;
    return [
      `(CASE ${type} WHEN 'number' THEN 1 WHEN 'boolean' THEN 1 WHEN 'string' THEN 2 WHEN 'object' THEN 3 WHEN 'array' THEN 3 ELSE 0 END) ${dir}`,
      `(CASE ${type} WHEN 'number' THEN (${e})::numeric WHEN 'boolean' THEN (CASE WHEN ${e} = 'true'::jsonb THEN 1 ELSE 0 END) END) ${dir}`,
      `(CASE WHEN ${type} IN ('string', 'object', 'array') THEN ${textOf(e)} END) ${dir}`,
    ];
  });
  return [...keys, 'id ASC'].join(', ');
}

/** The index statements for a declared field: equality and number ranges on the jsonb, string ranges on its text. */
export function indexStatements(qualifiedTable: string, field: string): string[] {
  const name = (kind: string) =>
    quote(`ix_${createHash('sha256').update(`${qualifiedTable}\n${field}\n${kind}`).digest('hex').slice(0, 24)}`);
  const column = quote(fieldColumn(field));
  return [
    `CREATE INDEX IF NOT EXISTS ${name('value')} ON ${qualifiedTable} (${column})`,
    `CREATE INDEX IF NOT EXISTS ${name('text')} ON ${qualifiedTable} (${textOf(column)})`,
  ];
}
