import { describe, expect, it } from '@jest/globals';
import type { CaseEvent } from '#domain/events/index.js';
import type { StoredEvent } from '#event-store/event-store.port.js';
import { hashEvent } from '#event-store/hash.js';
import { verifyChain } from '../verify-chain.js';
import { caseToNoark } from './case-to-noark.js';
import { exportArkivuttrekk } from './export-arkivuttrekk.js';
import { exportSaksmappe } from './export-saksmappe.js';
import { screenedWordsIn } from './screened-words.js';
import { validateAgainstNoark, validateArkivuttrekk } from './validate-noark.js';

const SCHOOL = 'Hemsedal barne- og ungdomsskule';
const STUDENT = 'Sigrid Haugen Øvrebø';
const GUARDIAN = 'Åse Øvrebø';

type Recorded = [CaseEvent, string, { id: string; role: string }?];

const teacher = { id: 'u-kari', role: 'contact-teacher' };
const leader = { id: 'u-rektor', role: 'school-leader' };

/** The case's stream as the store holds it: hashed, chained, positions spread like a busy store. */
function stream(caseId: string, recorded: Recorded[]): StoredEvent[] {
  const events: StoredEvent[] = [];
  recorded.forEach(([event, recordedAt, actor = teacher], revision) => {
    const envelope = {
      id: `7c1e0a52-3b4d-4e6f-8a9b-${String(revision).padStart(12, '0')}`,
      stream: `case-${caseId}`,
      revision,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata: { actor, occurredAt: recordedAt, recordedAt },
      previousHash: revision === 0 ? null : events[revision - 1]!.hash,
    };
    events.push({ ...envelope, position: 1000 + 37 * revision, hash: hashEvent(envelope) });
  });
  return events;
}

function history(caseId = 'b7d9e1f3-2a4c-4e6b-8d0f-1a3c5e7b9d20'): StoredEvent[] {
  const c = { caseId };
  return stream(caseId, [
    [
      {
        type: 'CaseOpened',
        schemaVersion: 1,
        data: { ...c, studentId: 's-1', schoolId: 'hemsedal', reason: 'gult nivå', openedOn: '2026-01-12', phase: 1 },
      },
      '2026-01-12T08:00:00.000Z',
    ],
    [
      {
        type: 'ContactRecorded',
        schemaVersion: 1,
        data: {
          ...c,
          contactId: 'k1',
          with: 'guardian',
          channel: 'phone',
          at: '2026-01-13',
          summary: `Ringte ${GUARDIAN}. Sigrid har vondt i magen om morgonen.`,
        },
      },
      '2026-01-13T15:00:00.000Z',
    ],
    [
      {
        type: 'MeetingHeld',
        schemaVersion: 1,
        data: {
          ...c,
          meetingId: 'm1',
          type: 'presence-meeting',
          heldAt: '2026-01-15',
          participants: [
            { name: GUARDIAN, role: 'guardian' },
            { name: 'Kari Lærer', role: 'contact-teacher' },
          ],
          minutes: 'Avtalt fleksibel oppstart.',
          studentView: 'Eg vil prøve.',
        },
      },
      '2026-01-15T14:00:00.000Z',
    ],
    [
      {
        type: 'MappingRecorded',
        schemaVersion: 1,
        data: {
          ...c,
          mappingId: 'k1',
          domains: { school: 'Uro i garderoben', family: 'Ny jobb for mor' },
          summary: 'Kartlegging etter tiltakssirkelen',
          on: '2026-01-19',
        },
      },
      '2026-01-19T12:00:00.000Z',
    ],
    [
      {
        type: 'MeasureAgreed',
        schemaVersion: 1,
        data: {
          ...c,
          measureId: 'me1',
          description: 'Eigen garderobe i gym',
          responsible: { name: 'Per Gymlærer', role: 'teacher' },
          startsOn: '2026-01-20',
          evaluateBy: '2026-02-17',
        },
      },
      '2026-01-20T09:00:00.000Z',
    ],
    [
      {
        type: 'PhaseChanged',
        schemaVersion: 1,
        data: { ...c, phase: 2, previousPhase: 1, reason: 'Fråværet held fram', on: '2026-02-02' },
      },
      '2026-02-02T09:00:00.000Z',
      leader,
    ],
    [
      {
        type: 'ConsentGiven',
        schemaVersion: 1,
        data: {
          ...c,
          consentId: 'sa1',
          purpose: 'ppt',
          recipients: ['PPT Hallingdal'],
          givenBy: { name: GUARDIAN, relation: 'guardian' },
          givenAt: '2026-02-04',
        },
      },
      '2026-02-04T10:00:00.000Z',
    ],
    [
      {
        type: 'ReferralMade',
        schemaVersion: 1,
        data: {
          ...c,
          referralId: 'r1',
          to: 'ppt',
          kind: 'referral',
          at: '2026-02-06',
          note: 'Utgreiing av skulevegring.',
          consentId: 'sa1',
        },
      },
      '2026-02-06T11:00:00.000Z',
      leader,
    ],
    // Recorded at 00:30 Oslo time on 18 February: still 17 February in UTC.
    [
      {
        type: 'MeasureEvaluated',
        schemaVersion: 1,
        data: { ...c, measureId: 'me1', evaluationId: 'e1', outcome: 'progressing', note: 'Betre, men ikkje bra nok.', on: '2026-02-17' },
      },
      '2026-02-17T23:30:00.000Z',
    ],
    [
      {
        type: 'ReturnPlanAgreed',
        schemaVersion: 1,
        data: {
          ...c,
          goals: ['Full dag innan påske'],
          presenceGuide: { name: 'Kari Lærer', role: 'contact-teacher' },
          startsOn: '2026-02-23',
        },
      },
      '2026-02-23T09:00:00.000Z',
    ],
    [
      { type: 'CaseClosed', schemaVersion: 1, data: { ...c, outcome: 'resolved', note: 'Tilbake i full skulegang.', on: '2026-04-10' } },
      '2026-04-10T13:00:00.000Z',
      leader,
    ],
    [
      { type: 'CaseReopened', schemaVersion: 1, data: { ...c, reason: 'Nytt fråvær etter påske', on: '2026-04-20' } },
      '2026-04-20T08:00:00.000Z',
      leader,
    ],
    [
      {
        type: 'ConsentWithdrawn',
        schemaVersion: 1,
        data: { ...c, consentId: 'sa1', at: '2026-04-22', note: 'Ønskjer ikkje meir kontakt med PPT no.' },
      },
      '2026-04-22T08:00:00.000Z',
    ],
  ]);
}

const EXPORTED_AT = '2026-05-01T06:00:00.000Z';
const context = { schoolName: SCHOOL, studentName: STUDENT, studentGroup: '8A' };

describe('caseToNoark', () => {
  const events = history();
  const model = caseToNoark(events, context);

  it('starts from an intact stream', () => {
    expect(verifyChain(events)).toEqual({ valid: true, events: events.length });
  });

  it('journals every document of the case, in order, and nothing for a phase change or reopening', () => {
    expect(model.journalposter.map((jp) => jp.dokument.dokumenttype)).toEqual([
      'Samtalereferat',
      'Møtereferat',
      'Kartlegging',
      'Tiltaksplan',
      'Samtykkeerklæring',
      'Henvisning',
      'Evaluering',
      'Tilbakeføringsplan',
      'Avslutningsnotat',
      'Samtykkeerklæring',
    ]);
    expect(model.journalposter.map((jp) => jp.journalpostnummer)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const positions = model.journalposter.map((jp) => jp.journalsekvensnummer);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('uses the event ids as systemIDs, so an entry can be traced to its event and hash', () => {
    const byId = new Map(events.map((e) => [e.id, e]));
    for (const jp of model.journalposter) expect(byId.has(jp.systemID)).toBe(true);
  });

  it('dates the journal by the Norwegian day it was recorded, the document by its own date', () => {
    const evaluation = model.journalposter.find((jp) => jp.dokument.dokumenttype === 'Evaluering')!;
    expect(evaluation.journaldato).toBe('2026-02-18');
    expect(evaluation.dokumentetsDato).toBe('2026-02-17');
  });

  it('writes each document’s text in Norwegian from the record', () => {
    const text = (type: string) => model.journalposter.find((jp) => jp.dokument.dokumenttype === type)!.dokument.tekst;
    expect(text('Samtalereferat')).toContain('Samtale med foresatte (telefon), 2026-01-13.');
    expect(text('Møtereferat')).toContain(`Til stede: ${GUARDIAN} (guardian), Kari Lærer (contact-teacher).`);
    expect(text('Møtereferat')).toContain('Elevens stemme: Eg vil prøve.');
    expect(text('Kartlegging')).toContain('Skole: Uro i garderoben');
    expect(text('Evaluering')).toContain('Resultat: i bedring');
    expect(text('Tiltaksplan')).toContain('Evalueres innen: 2026-02-17');
  });

  it('journals the consent as incoming from the guardian and the referral as sent to PPT', () => {
    const consent = model.journalposter[4]!;
    expect(consent.journalposttype).toBe('Inngående dokument');
    expect(consent.korrespondanseparter).toEqual([{ korrespondanseparttype: 'Avsender', korrespondansepartNavn: GUARDIAN }]);
    const referral = model.journalposter[5]!;
    expect(referral.journalposttype).toBe('Utgående dokument');
    expect(referral.journalstatus).toBe('Ekspedert');
    expect(referral.korrespondanseparter[0]).toMatchObject({ korrespondanseparttype: 'Mottaker', korrespondansepartNavn: 'PPT' });
  });

  it('screens the student’s and the consenting guardian’s names', () => {
    expect(model.skjermedeOrd).toEqual(expect.arrayContaining(['Sigrid', 'Haugen', 'Øvrebø', 'Åse']));
    // Staff are public officials; only the family's and the student's names are screened.
    expect(model.skjermedeOrd).not.toContain('Kari');
    expect(model.tittel).toBe(`Oppfølging av skolefravær – ${STUDENT}, 8A`);
    for (const title of [model.offentligTittel, ...model.journalposter.map((jp) => jp.offentligTittel)]) {
      expect(screenedWordsIn(title, model.skjermedeOrd, [SCHOOL])).toEqual([]);
      expect(title).toMatch(new RegExp(`elev ved ${SCHOOL}$`));
    }
  });

  it('logs each status change and ends open after the reopening', () => {
    expect(model.endringer.map((e) => [e.tidligereVerdi, e.nyVerdi, e.endretDato])).toEqual([
      ['Under behandling', 'Avsluttet', '2026-04-10T13:00:00.000Z'],
      ['Avsluttet', 'Under behandling', '2026-04-20T08:00:00.000Z'],
    ]);
    expect(model.endringer.every((e) => e.referanseArkivenhet === model.systemID && e.referanseMetadata === 'saksstatus')).toBe(true);
    expect(model.saksstatus).toBe('Under behandling');
    expect(model.avsluttetDato).toBeUndefined();
  });

  it('closes the file when the last word is a closing', () => {
    const closed = caseToNoark(history().slice(0, 11), context);
    expect(closed.saksstatus).toBe('Avsluttet');
    expect(closed.avsluttetDato).toBe('2026-04-10T13:00:00.000Z');
    expect(closed.avsluttetAv).toBe('skoleledelse (u-rektor)');
  });

  it('numbers the case by its opening year and first position unless told', () => {
    expect([model.saksaar, model.sakssekvensnummer]).toEqual([2026, 1000]);
    const numbered = caseToNoark(events, { ...context, saksnummer: { saksaar: 2026, sakssekvensnummer: 123 } });
    expect([numbered.saksaar, numbered.sakssekvensnummer]).toEqual([2026, 123]);
  });

  it('exports to an arkivstruktur that validates', async () => {
    const xml = exportSaksmappe(model, { exportedAt: EXPORTED_AT });
    expect(await validateAgainstNoark(xml, 'arkivstruktur.xsd')).toEqual({ valid: true, errors: [] });
  });

  it('exports to an extract whose files all validate and whose public journal names nobody', async () => {
    const files = exportArkivuttrekk([model], { from: '2026-01-01', to: '2026-06-30', schoolName: SCHOOL, exportedAt: EXPORTED_AT });
    const results = await validateArkivuttrekk(files);
    expect(Object.keys(results).sort()).toEqual(['arkivstruktur.xml', 'endringslogg.xml', 'loependeJournal.xml', 'offentligJournal.xml']);
    for (const result of Object.values(results)) expect(result).toEqual({ valid: true, errors: [] });
    expect(screenedWordsIn(files['offentligJournal.xml']!, model.skjermedeOrd, [SCHOOL])).toEqual([]);
  });

  it('derives a UUID systemID for a case id that is not one', async () => {
    const short = caseToNoark(history('c1'), context);
    expect(short.systemID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(caseToNoark(history('c1'), context).systemID).toBe(short.systemID);
    expect((await validateAgainstNoark(exportSaksmappe(short, { exportedAt: EXPORTED_AT }), 'arkivstruktur.xsd')).valid).toBe(true);
  });

  it('refuses a history without its opening', () => {
    expect(() => caseToNoark(history().slice(1), context)).toThrow(/CaseOpened/);
  });
});

describe('caseToNoark with names that share words with the public wording', () => {
  // A consent given by "Mor til eleven" and a student called "Elev" once made the export refuse
  // itself: "til" and "elev" are words of the fixed public titles, not leaks of a name.
  const caseId = 'c0ffee00-2a4c-4e6b-8d0f-1a3c5e7b9d21';
  const c = { caseId };
  const events = stream(caseId, [
    [
      {
        type: 'CaseOpened',
        schemaVersion: 1,
        data: { ...c, studentId: 's-2', schoolId: 'hemsedal', reason: 'gult nivå', openedOn: '2026-01-12', phase: 1 },
      },
      '2026-01-12T08:00:00.000Z',
    ],
    [
      {
        type: 'ConsentGiven',
        schemaVersion: 1,
        data: {
          ...c,
          consentId: 'sa1',
          purpose: 'ppt',
          recipients: ['PPT'],
          givenBy: { name: 'Mor til eleven', relation: 'guardian' },
          givenAt: '2026-02-04',
        },
      },
      '2026-02-04T10:00:00.000Z',
    ],
    [
      {
        type: 'ReferralMade',
        schemaVersion: 1,
        data: { ...c, referralId: 'r1', to: 'ppt', kind: 'referral', at: '2026-02-06', note: 'Utgreiing.', consentId: 'sa1' },
      },
      '2026-02-06T11:00:00.000Z',
      leader,
    ],
  ]);
  const model = caseToNoark(events, { schoolName: SCHOOL, studentName: 'Elev Tilstad' });

  it('still screens the real name words, and exports a valid saksmappe', async () => {
    expect(model.skjermedeOrd).toEqual(expect.arrayContaining(['Tilstad', 'Mor', 'eleven']));
    expect(model.skjermedeOrd).not.toContain('til');
    expect(model.skjermedeOrd).not.toContain('Elev');
    const xml = exportSaksmappe(model, { exportedAt: EXPORTED_AT });
    expect(await validateAgainstNoark(xml, 'arkivstruktur.xsd')).toEqual({ valid: true, errors: [] });
  });
});
