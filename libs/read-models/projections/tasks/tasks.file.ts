/** The task list's columns in a file (GET /tasks?format=csv|xlsx): who, which step, whose, by when, how it stands. */
import type { FileColumn, FileLanguage } from '../../files/table-file.js';
import type { Task } from './tasks.query.js';

const STATUS: Record<FileLanguage, Record<string, string>> = {
  nb: { due: 'frist', overdue: 'over fristen', done: 'utført', waived: 'ikke nødvendig' },
  nn: { due: 'frist', overdue: 'over fristen', done: 'utført', waived: 'ikkje naudsynt' },
};
/** The glossary's role words (bokmål / nynorsk). */
export const ROLE_WORDS: Record<FileLanguage, Record<string, string>> = {
  nb: {
    'contact-teacher': 'Kontaktlærer',
    teacher: 'Lærer',
    'school-leader': 'Rektor',
    'student-services': 'Sosiallærer',
    ppt: 'PPT-rådgiver',
  },
  nn: {
    'contact-teacher': 'Kontaktlærar',
    teacher: 'Lærar',
    'school-leader': 'Rektor',
    'student-services': 'Sosiallærar',
    ppt: 'PPT-rådgivar',
  },
};

export const TASK_SHEET: Record<FileLanguage, string> = { nb: 'Oppgaver', nn: 'Oppgåver' };

export const TASK_COLUMNS: readonly FileColumn<Task>[] = [
  { header: { nb: 'Elev', nn: 'Elev' }, value: (t) => ('studentName' in t ? t.studentName : ''), width: 26 },
  { header: { nb: 'Gruppe', nn: 'Gruppe' }, value: (t) => t.group ?? '' },
  { header: { nb: 'Steg', nn: 'Steg' }, value: (t) => t.step.title, width: 60 },
  { header: { nb: 'Ansvarlig', nn: 'Ansvarleg' }, value: (t, l) => ROLE_WORDS[l][t.responsibleRole] ?? t.responsibleRole, width: 16 },
  { header: { nb: 'Frist', nn: 'Frist' }, value: (t) => t.dueOn, width: 12 },
  { header: { nb: 'Status', nn: 'Status' }, value: (t, l) => STATUS[l][t.status] ?? t.status },
  { header: { nb: 'Elev-ID', nn: 'Elev-ID' }, value: (t) => ('studentId' in t ? t.studentId : ''), width: 22 },
];
