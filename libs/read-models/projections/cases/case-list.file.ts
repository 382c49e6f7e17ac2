/** The case list's columns in a file (GET /cases?format=csv|xlsx). */
import type { FileColumn, FileLanguage } from '../../files/table-file.js';
import type { CaseListRow } from './case-list.query.js';

const STATUS: Record<FileLanguage, Record<CaseListRow['status'], string>> = {
  nb: { open: 'åpen', closed: 'lukket' },
  nn: { open: 'open', closed: 'lukka' },
};

export const CASE_LIST_SHEET: Record<FileLanguage, string> = { nb: 'Saker', nn: 'Saker' };

export const CASE_LIST_COLUMNS: readonly FileColumn<CaseListRow>[] = [
  { header: { nb: 'Elev', nn: 'Elev' }, value: (c) => c.studentName ?? '', width: 26 },
  { header: { nb: 'Gruppe', nn: 'Gruppe' }, value: (c) => c.group ?? '' },
  { header: { nb: 'Fase', nn: 'Fase' }, value: (c) => c.phase, width: 8 },
  { header: { nb: 'Fasenavn', nn: 'Fasenamn' }, value: (c) => c.phaseName ?? '', width: 24 },
  { header: { nb: 'Status', nn: 'Status' }, value: (c, l) => STATUS[l][c.status] },
  { header: { nb: 'Opprettet', nn: 'Oppretta' }, value: (c) => c.openedOn, width: 12 },
  { header: { nb: 'Neste frist', nn: 'Neste frist' }, value: (c) => c.nextDueOn ?? '', width: 12 },
  { header: { nb: 'Skole-ID', nn: 'Skule-ID' }, value: (c) => c.schoolId, width: 18 },
  { header: { nb: 'Sak-ID', nn: 'Sak-ID' }, value: (c) => c.caseId, width: 38 },
];
