/** A roster as a file (GET /schools/:id/students?format=csv|xlsx): the class list, levels for those who may see them. */
import type { FileColumn, FileLanguage } from '../../files/table-file.js';
import type { RosterRow } from './roster.query.js';

const LEVEL: Record<FileLanguage, Record<string, string>> = {
  nb: { green: 'grønn', yellow: 'gul', red: 'rød' },
  nn: { green: 'grøn', yellow: 'gul', red: 'raud' },
};

export const ROSTER_SHEET: Record<FileLanguage, string> = { nb: 'Elever', nn: 'Elevar' };

export const ROSTER_LEVEL: FileColumn<RosterRow> = {
  header: { nb: 'Nivå', nn: 'Nivå' },
  value: (r, l) => (r.level ? (LEVEL[l][r.level] ?? r.level) : ''),
};

export const ROSTER_COLUMNS: readonly FileColumn<RosterRow>[] = [
  { header: { nb: 'Navn', nn: 'Namn' }, value: (r) => r.name, width: 28 },
  { header: { nb: 'Trinn', nn: 'Steg' }, value: (r) => r.grade, width: 8 },
  { header: { nb: 'Gruppe', nn: 'Gruppe' }, value: (r) => r.group },
  ROSTER_LEVEL,
  { header: { nb: 'Elev-ID', nn: 'Elev-ID' }, value: (r) => r.studentId, width: 22 },
];
