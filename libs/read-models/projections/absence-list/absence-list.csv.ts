import { stringify } from 'csv-stringify/sync';
import { ABSENCE_LIST_FIELDS, type AbsenceListRow } from './absence-list.row.js';

/**
 * The absence list as CSV (`Accept: text/csv`): a header row of the JSON field names, then
 * one line per row. Booleans are written `true`/`false` (csv-stringify's default would write
 * 1 and an empty cell, which reads as "unknown" in a spreadsheet).
 */
export function absenceListCsv(rows: readonly AbsenceListRow[]): string {
  return stringify(rows as AbsenceListRow[], {
    header: true,
    columns: [...ABSENCE_LIST_FIELDS],
    cast: { boolean: (value) => (value ? 'true' : 'false') },
  });
}
