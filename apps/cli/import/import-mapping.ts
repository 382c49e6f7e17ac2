/**
 * A school system's own export, read through a small mapping file (`import --mapping m.json`):
 * its delimiter, which of its columns hold ours (Norwegian headers as the system writes them),
 * the source id made of one column or several joined (for exports without a registration id),
 * its student key (an elevnummer, not our id) turned into our student ids, and its words for the
 * kinds. The export is rewritten as the import's own CSV, line for line, so every check and
 * every line number stays the import's. Format and example: README.md here.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { CSV_COLUMNS } from './absence-csv.js';

type Column = (typeof CSV_COLUMNS)[number];
/** Ours beside `studentKey` (their student number, mapped by `students`). */
type MappedColumn = Exclude<Column, 'sourceId'> | 'studentKey';

export interface ImportMapping {
  /** Their field separator; default `;`. */
  delimiter: string;
  /** Our column → their header. `studentKey` instead of `studentId` when they key students otherwise. */
  columns: Partial<Record<MappedColumn, string>>;
  /** Their header holding a registration id, or several whose values joined with `/` make one. */
  sourceId: string | string[];
  /** Their student key → our student id (with `studentKey`). */
  students: Record<string, string>;
  /** Their words for the kinds → ours (`day`, `lesson`, `late`, `left-early`), compared ignoring case. */
  kinds: Record<string, string>;
}

export class MappingError extends Error {
  override readonly name = 'MappingError';
}

const MAPPED: readonly MappedColumn[] = [...CSV_COLUMNS.filter((c): c is Exclude<Column, 'sourceId'> => c !== 'sourceId'), 'studentKey'];

function record(value: unknown, what: string): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string'))
    throw new MappingError(`${what} must be an object of texts`);
  return value as Record<string, string>;
}

/** Reads and checks a mapping file; `studentsFile` (a `key;studentId` CSV beside it) joins `students`. */
export function loadMapping(path: string): ImportMapping {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new MappingError(`the mapping file ${path} is not readable JSON: ${(error as Error).message}`);
  }
  const columns = record(raw.columns, 'columns') as ImportMapping['columns'];
  const unknown = Object.keys(columns).filter((c) => !(MAPPED as readonly string[]).includes(c));
  if (unknown.length > 0) throw new MappingError(`unknown column ${unknown.join(', ')} in columns; ours are ${MAPPED.join(', ')}`);
  if (!columns.date || !columns.kind) throw new MappingError('columns must name the columns holding date and kind');
  if (!columns.studentId === !columns.studentKey) throw new MappingError('columns must name exactly one of studentId and studentKey');
  const sourceId = raw.sourceId;
  if (!(typeof sourceId === 'string' || (Array.isArray(sourceId) && sourceId.length > 0 && sourceId.every((s) => typeof s === 'string'))))
    throw new MappingError('sourceId must be the header of their registration id, or a list of headers whose values make one');
  const students = { ...record(raw.students, 'students') };
  if (typeof raw.studentsFile === 'string') {
    const rows = parse(readFileSync(resolve(dirname(path), raw.studentsFile), 'utf8'), {
      delimiter: ';',
      bom: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][];
    for (const [key, id] of rows.slice(1)) if (key && id) students[key] = id;
  }
  if (columns.studentKey && Object.keys(students).length === 0)
    throw new MappingError('studentKey needs students (or studentsFile): their key → our student id');
  const delimiter = typeof raw.delimiter === 'string' && raw.delimiter.length === 1 ? raw.delimiter : ';';
  return { delimiter, columns, sourceId, students, kinds: record(raw.kinds, 'kinds') };
}

/** Their export as the import's CSV: one output line per input line, our header first. */
export function applyMapping(text: string, mapping: ImportMapping): string {
  const records = parse(text, {
    delimiter: mapping.delimiter,
    bom: true,
    relax_column_count: true,
    trim: true,
    skip_empty_lines: false,
  }) as string[][];
  const header = records[0] ?? [];
  const index = (name: string): number => {
    const i = header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
    if (i < 0) throw new MappingError(`the export has no column "${name}"; its columns are ${header.join(', ')}`);
    return i;
  };
  const sourceParts = (Array.isArray(mapping.sourceId) ? mapping.sourceId : [mapping.sourceId]).map(index);
  const at = Object.fromEntries(Object.entries(mapping.columns).map(([ours, theirs]) => [ours, index(theirs!)])) as Partial<
    Record<MappedColumn, number>
  >;
  const kinds = new Map(Object.entries(mapping.kinds).map(([theirs, ours]) => [theirs.toLowerCase(), ours]));
  const out: string[][] = [[...CSV_COLUMNS]];
  for (const row of records.slice(1)) {
    // An empty line stays one, so line numbers in the import's report are the export's.
    if (row.every((v) => v === '')) {
      out.push([]);
      continue;
    }
    const cell = (c: MappedColumn) => (at[c] === undefined ? '' : (row[at[c]!] ?? ''));
    const key = cell('studentKey');
    const studentId = at.studentKey === undefined ? cell('studentId') : (mapping.students[key] ?? (key ? `ukjent-elevnummer-${key}` : ''));
    const kind = kinds.get(cell('kind').toLowerCase()) ?? cell('kind');
    const sourceId = sourceParts.map((i) => row[i] ?? '').join('/');
    out.push(CSV_COLUMNS.map((c) => (c === 'sourceId' ? sourceId : c === 'studentId' ? studentId : c === 'kind' ? kind : cell(c))));
  }
  return stringify(out, { delimiter: ';' });
}
