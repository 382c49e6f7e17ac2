/**
 * The innsyn as a document a guardian can read (api.md, Privacy: `?format=pdf`): in Norwegian,
 * what is stored about the child section by section, then every record as it was made, then who
 * has read the child's data. pdfkit's built-in Helvetica covers æ, ø and å (WinAnsi).
 */
import PDFDocument from 'pdfkit';
import type { Innsyn, InnsynRecord } from './innsyn.query.js';

const KIND: Record<string, string> = { day: 'hel dag', lesson: 'timer', late: 'for sent', 'left-early': 'gikk tidlig' };
const LEVEL: Record<string, string> = { green: 'grønn', yellow: 'gul', red: 'rød' };
const ROLE: Record<string, string> = {
  admin: 'administrator',
  teacher: 'lærer',
  'contact-teacher': 'kontaktlærer',
  'school-leader': 'rektor',
  'student-services': 'sosiallærer',
  ppt: 'PPT-rådgiver',
  municipality: 'kommune',
  auditor: 'revisor',
  guardian: 'foresatt',
  system: 'systemet',
};
/** Field names of the records, as a reader says them. */
const FIELD: Record<string, string> = {
  name: 'Navn',
  date: 'Dato',
  kind: 'Type',
  lessons: 'Timer',
  minutes: 'Referat',
  reason: 'Årsak',
  summary: 'Sammendrag',
  studentView: 'Elevens stemme',
  note: 'Merknad',
  description: 'Beskrivelse',
  participants: 'Deltakere',
  recipients: 'Mottakere',
  givenBy: 'Gitt av',
  goals: 'Mål',
  outcome: 'Utfall',
  level: 'Nivå',
  to: 'Til',
  from: 'Fra',
  on: 'Dato',
  at: 'Tidspunkt',
  heldAt: 'Holdt',
  purpose: 'Formål',
  phase: 'Fase',
  documented: 'Dokumentert',
  reportedByGuardian: 'Meldt av foresatte',
  grade: 'Trinn',
  group: 'Gruppe',
  birthDate: 'Fødselsdato',
  subject: 'Fag',
  with: 'Med',
  channel: 'Kanal',
  type: 'Type',
  domains: 'Kartlagt',
  responsible: 'Ansvarlig',
  startsOn: 'Fra',
  evaluateBy: 'Evalueres innen',
  presenceGuide: 'Nærværslos',
  openedOn: 'Åpnet',
  legalBasis: 'Rettslig grunnlag',
};

const TASK_STATUS: Record<string, string> = {
  due: 'frist',
  overdue: 'over fristen',
  done: 'utført',
  waived: 'ikke nødvendig',
  'no-longer-asked': 'ikke lenger aktuell',
};

const role = (r: string) => ROLE[r] ?? (r.startsWith('system') ? 'systemet' : r);

function value(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'ja' : 'nei';
  if (Array.isArray(v)) return v.map(value).join('; ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.name === 'string') return typeof o.role === 'string' ? `${o.name} (${o.role})` : String(o.name);
    return Object.entries(o)
      .map(([k, x]) => `${FIELD[k] ?? k}: ${value(x)}`)
      .join(', ');
  }
  return String(v);
}

/** The lines a record shows: its fields without ids and checksums. */
function recordLines(r: InnsynRecord): string[] {
  const data = (r.data ?? {}) as Record<string, unknown>;
  return Object.entries(data)
    .filter(([k, v]) => !/Id$|^id$|^checksum$|^triggers$|^previous$|^changes$/.test(k) && v !== undefined && v !== '')
    .map(([k, v]) => {
      // `minutes` is a meeting's minutes (referat), or the minutes of a late arrival.
      const label = k === 'minutes' && typeof v === 'number' ? 'Minutter' : (FIELD[k] ?? k);
      return `${label}: ${k === 'kind' ? (KIND[String(v)] ?? String(v)) : value(v)}`;
    });
}

export function innsynPdf(innsyn: Innsyn): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `Innsyn: ${innsyn.studentId}`, Author: 'Skolefravær' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const heading = (text: string) =>
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(text).moveDown(0.3).font('Helvetica').fontSize(10);
  const line = (text: string, indent = 0) => doc.text(text, { indent });
  const s = innsyn.student;

  doc.font('Helvetica-Bold').fontSize(18).text('Innsyn i personopplysninger');
  doc.font('Helvetica').fontSize(10).moveDown(0.3);
  line(`Elev: ${s.name}${s.erased ? ' (personopplysningene er slettet)' : ''}`);
  line(`Skole: ${s.schoolId}, ${s.grade}. trinn, gruppe ${s.group}${s.birthDate ? `, født ${s.birthDate}` : ''}`);
  line(`Utskrevet: ${innsyn.generatedAt.slice(0, 16).replace('T', ' kl. ')} (UTC)`);
  doc.moveDown(0.3).fontSize(9).fillColor('#444');
  line(
    'Dette er alt skolen og kommunen har lagret om eleven i fraværsoppfølgingen, og hvem som har lest det (personvernforordningen art. 15).',
  );
  doc.fillColor('black').fontSize(10);

  heading('Fraværsregistreringer');
  if (innsyn.registrations.length === 0) line('Ingen.');
  for (const r of innsyn.registrations as Record<string, unknown>[]) {
    const amount = r.lessons ? `, ${String(r.lessons)} timer` : r.minutes ? `, ${String(r.minutes)} minutter` : '';
    const flags = [
      r.documented ? 'dokumentert' : 'ikke dokumentert',
      r.reportedByGuardian ? 'meldt av foresatte' : null,
      r.retracted ? 'trukket tilbake' : null,
    ];
    line(
      `${String(r.date)}: ${KIND[String(r.kind)] ?? String(r.kind)}${amount} (${flags.filter(Boolean).join(', ')})${r.reason ? `. Årsak: ${String(r.reason)}` : ''}`,
    );
  }

  heading('Bekymringsnivå');
  if (innsyn.concern) {
    line(`Nå: ${LEVEL[innsyn.concern.level] ?? innsyn.concern.level} (per ${innsyn.generatedAt.slice(0, 10)})`);
    for (const t of innsyn.concern.triggers) line(`• ${t.description}`, 12);
  } else line('Ikke vurdert.');

  heading('Oppgaver i oppfølgingen');
  if (innsyn.tasks.length === 0) line('Ingen.');
  for (const t of innsyn.tasks) line(`${t.dueOn}: ${t.step.title} (${role(t.responsibleRole)}), ${TASK_STATUS[t.status] ?? t.status}`);

  heading('Saker');
  if (innsyn.cases.length === 0) line('Ingen.');
  for (const c of innsyn.cases) {
    if (c.blocked) {
      line(`Sak ${c.caseId}, åpnet ${c.openedOn}: sperret. Innholdet kan ikke vises.`);
      continue;
    }
    line(`Sak ${c.caseId}, åpnet ${c.openedOn}, ${c.status === 'open' ? 'åpen' : 'avsluttet'}, fase ${c.phase}`);
    for (const consent of c.consents) {
      line(
        `Samtykke (${consent.purpose}) til ${consent.recipients.join(', ')}, gitt av ${consent.givenBy.name} ${consent.givenAt}${consent.withdrawal ? `, trukket ${consent.withdrawal.at}` : ''}`,
        12,
      );
    }
    for (const referral of c.referrals) line(`Henvisning til ${referral.to} (${referral.kind}) ${referral.at}`, 12);
  }

  heading('Alt som er registrert, i den rekkefølgen det ble registrert');
  for (const r of innsyn.records) {
    doc
      .font('Helvetica-Bold')
      .text(`${r.recordedAt.slice(0, 10)}  ${r.label}`, { continued: true })
      .font('Helvetica')
      .text(`  (${role(r.recordedBy)})`);
    for (const text of recordLines(r)) line(text, 12);
  }

  heading('Hvem har lest elevens opplysninger');
  if (innsyn.accessLog.length === 0) line('Ingen oppslag er registrert.');
  for (const a of innsyn.accessLog) line(`${a.at.slice(0, 16).replace('T', ' ')}: ${role(a.actor.role)} (${a.actor.id}), ${a.action}`);

  doc.end();
  return done;
}
