/**
 * Every Noark 5.5 export kind, validated for real against the official schemas
 * (../shared/noark5/v5.5, xmllint-wasm): GET /cases/:id/export/noark (arkivstruktur with one
 * saksmappe) and the CLI's arkivuttrekk folder (arkivstruktur, endringslogg, loependeJournal,
 * offentligJournal) on the same data, written through the real service. The change log
 * carries the corrections of the student's registrations (old → new, who, when).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readTar } from '#audit/noark/deposit/deposit-package.js';
import { verifyDeposit } from '#audit/noark/deposit/verify-deposit.js';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { validateAgainstNoark, validateArkivuttrekk, UTTREKK_SCHEMAS } from '#audit/noark/validate-noark.js';
import { osloDateOf } from '#audit/known-as-of.js';
import { loadExportNoark, withDataDir } from './support/cli-functions.js';
import {
  buildFullCase,
  removeDataDir,
  SCHOOL,
  setUpSchool,
  startAuditService,
  STUDENT,
  TODAY,
  type AuditService,
  type BuiltCase,
} from './support/audit-service.js';

/** Names that must never reach a public field: the student and the guardian who consented. */
const SCREENED = ['Ola', 'Nordmann', 'Kari'];

const all = (xml: string, element: string): string[] =>
  [...xml.matchAll(new RegExp(`<${element}>([^<]*)</${element}>`, 'g'))].map((m) => m[1]!);
const blocks = (xml: string, open: RegExp, close: string): string[] =>
  xml
    .split(open)
    .slice(1)
    .map((part) => part.slice(0, part.indexOf(close)));
const unescape = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

describe('Noark 5.5 exports of a case written through the service', () => {
  let s: AuditService;
  let built: BuiltCase;
  let xml: string;

  beforeAll(async () => {
    s = await startAuditService();
    await setUpSchool(s);
    built = await buildFullCase(s);
    const res = await s
      .as('auditor')
      .get(`/cases/${built.caseId}/export/noark`)
      .buffer(true)
      .parse((r, done) => {
        let text = '';
        r.setEncoding('utf8');
        r.on('data', (chunk: string) => (text += chunk));
        r.on('end', () => done(null, text));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    expect(res.headers['x-hash-chain']).toBe('valid');
    xml = res.body as string;
  }, 60_000);
  afterAll(async () => {
    await s.close();
    removeDataDir(s.dataDir);
  });

  describe('GET /cases/:id/export/noark', () => {
    it('validates against arkivstruktur.xsd', async () => {
      const result = await validateAgainstNoark(xml, 'arkivstruktur.xsd');
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
    });

    it('holds exactly one saksmappe: the student’s case, screened', () => {
      expect(xml.match(/<mappe xsi:type="saksmappe">/g)).toHaveLength(1);
      expect(xml).toContain(`<tittel>Oppfølging av skolefravær – ${STUDENT.name}, ${STUDENT.group}</tittel>`);
      expect(xml).toContain(`<offentligTittel>Oppfølging av skolefravær – elev ved ${SCHOOL.name}</offentligTittel>`);
      expect(xml).toContain('<saksstatus>Under behandling</saksstatus>');
      expect(xml).toContain('<tilgangsrestriksjon>Unntatt offentlighet</tilgangsrestriksjon>');
    });

    it('has a journalpost with a dokumentbeskrivelse per minutes, measure plan, evaluation, referral and consent', () => {
      const registreringer = blocks(xml, /<registrering xsi:type="journalpost">/, '</registrering>');
      const types = registreringer.map((r) => /<dokumenttype>([^<]*)<\/dokumenttype>/.exec(r)?.[1]);
      const count = (t: string) => types.filter((x) => x === t).length;
      expect(count('Møtereferat')).toBe(2);
      expect(count('Tiltaksplan')).toBe(1);
      expect(count('Evaluering')).toBe(1);
      expect(count('Henvisning')).toBe(1);
      expect(count('Samtykkeerklæring')).toBe(1);
      // and the other documents of the case: two contact notes, the mapping, the closing note
      expect(count('Samtalereferat')).toBe(2);
      expect(count('Kartlegging')).toBe(1);
      expect(count('Avslutningsnotat')).toBe(1);
      expect(registreringer).toHaveLength(10);
      for (const r of registreringer) {
        expect(r).toContain('<dokumentbeskrivelse>');
        expect(r).toContain('<dokumentobjekt>');
        expect(r).toMatch(/<sjekksum>[0-9a-f]{64}<\/sjekksum>/);
        expect(r).toContain('<skjerming>');
      }
      expect(all(xml, 'journalpostnummer')).toEqual(registreringer.map((_, i) => String(i + 1)));
    });

    it('names no student or guardian in any public title', () => {
      const titles = all(xml, 'offentligTittel').map(unescape);
      expect(titles.length).toBe(11); // the saksmappe and its ten entries
      for (const title of titles) for (const name of SCREENED) expect(title).not.toMatch(new RegExp(`\\b${name}\\b`, 'i'));
      // The internal titles do name the student: they are for the school.
      expect(all(xml, 'tittel').some((t) => t.includes(STUDENT.name))).toBe(true);
    });

    it('with ?package=tar, delivers the case as a complete deposit that passes verify-deposit', async () => {
      const res = await s
        .as('auditor')
        .get(`/cases/${built.caseId}/export/noark?package=tar`)
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (chunk: Buffer) => chunks.push(chunk));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/x-tar');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="sak-[^"]+\.tar"$/);
      const body = res.body as Buffer;
      const digest = createHash('sha256').update(body).digest('base64');
      expect(res.headers['repr-digest']).toBe(`sha-256=:${digest}:`);
      const tarFile = join(s.dataDir, 'case-deposit.tar');
      writeFileSync(tarFile, body);
      const { files } = await readTar(tarFile);
      expect([...files.keys()].filter((f) => f.startsWith('dokumenter/'))).toHaveLength(10);
      expect(files.has('arkivuttrekk.xml')).toBe(true);
      const report = await verifyDeposit(files);
      expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    });

    it('refuses another package with 400 naming it', async () => {
      const res = await s.as('auditor').get(`/cases/${built.caseId}/export/noark?package=zip`);
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([{ field: 'package', messages: ['package must be tar'] }]);
    });

    it('is for the school leader of the school and the auditor only', async () => {
      expect((await s.as('leader').get(`/cases/${built.caseId}/export/noark`)).status).toBe(200);
      expect((await s.as('teacher').get(`/cases/${built.caseId}/export/noark`)).status).toBe(403);
      expect((await s.as('otherLeader').get(`/cases/${built.caseId}/export/noark`)).status).toBe(403);
      expect((await s.as('teacher').get(`/cases/${built.caseId}/export/noark?package=tar`)).status).toBe(403);
    });
  });

  describe('CLI export-noark: the school’s arkivuttrekk for a period', () => {
    let out: string;
    let result: { files: string[]; cases: number; broken: unknown[]; depositId: string };
    let files: Record<string, string>;

    beforeAll(async () => {
      // Entries are journalled on the day they are recorded (journaldato, real time), which
      // may be later than the pinned business date: the period runs to today in Oslo.
      const today = osloDateOf(new Date().toISOString());
      const journalledUntil = today > TODAY ? today : TODAY;
      out = join(s.dataDir, 'uttrekk');
      result = await withDataDir(s.dataDir, async () =>
        (await loadExportNoark()).exportNoarkFolder({ school: SCHOOL.id, from: '2026-08-17', to: journalledUntil, out }),
      );
      files = Object.fromEntries(result.files.filter((f) => f in UTTREKK_SCHEMAS).map((f) => [f, readFileSync(join(out, f), 'utf8')]));
    }, 60_000);

    it('records the deposit in the case: its history and GET /cases/:id show it', async () => {
      const view = await s.as('auditor').get(`/cases/${built.caseId}`);
      expect(view.body.deposits).toEqual([
        expect.objectContaining({ depositId: result.depositId, checksum: expect.objectContaining({ of: 'arkivuttrekk.xml' }) }),
      ]);
      const history = await s.as('auditor').get(`/cases/${built.caseId}/history`);
      expect(history.body.at(-1)).toMatchObject({ type: 'CaseDeposited', actor: { id: 'cli:export-noark', role: 'admin' } });
      expect((await s.as('auditor').get(`/cases/${built.caseId}/history/verify`)).body.valid).toBe(true);
    });

    it('writes the four files, and each validates against its schema', async () => {
      expect(result.cases).toBe(1);
      expect(result.broken).toEqual([]);
      expect(Object.keys(files).sort()).toEqual(['arkivstruktur.xml', 'endringslogg.xml', 'loependeJournal.xml', 'offentligJournal.xml']);
      const validation = await validateArkivuttrekk(files);
      for (const name of Object.keys(UTTREKK_SCHEMAS)) {
        expect({ name, errors: validation[name as keyof typeof UTTREKK_SCHEMAS]?.errors }).toEqual({ name, errors: [] });
        expect(validation[name as keyof typeof UTTREKK_SCHEMAS]?.valid).toBe(true);
      }
    });

    it('ships every document file its dokumentobjekt entries refer to, with their size and SHA-256', () => {
      const objects = blocks(files['arkivstruktur.xml']!, /<dokumentobjekt>/, '</dokumentobjekt>');
      expect(objects).toHaveLength(10);
      for (const o of objects) {
        const path = /<referanseDokumentfil>([^<]*)</.exec(o)![1]!;
        expect(existsSync(join(out, path))).toBe(true);
        const bytes = readFileSync(join(out, path));
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(/<sjekksum>([^<]*)</.exec(o)![1]);
        expect(String(bytes.length)).toBe(/<filstoerrelse>([^<]*)</.exec(o)![1]);
      }
    });

    it('the public journal names no student or guardian anywhere', () => {
      const offentlig = unescape(files['offentligJournal.xml']!);
      for (const name of SCREENED) expect(offentlig).not.toMatch(new RegExp(`\\b${name}\\b`, 'i'));
      expect(all(files['offentligJournal.xml']!, 'offentligTittel').length).toBeGreaterThan(0);
      // The running journal is internal and may.
      expect(files['loependeJournal.xml']).toContain(STUDENT.name);
    });

    it('the change log journals each corrected field of the student’s registrations: who, when, old and new value', () => {
      const endringslogg = files['endringslogg.xml']!;
      const saksmappeId = /<mappe xsi:type="saksmappe">\s*<systemID>([^<]*)<\/systemID>/.exec(files['arkivstruktur.xml']!)![1]!;
      const endringer = blocks(endringslogg, /<endring>/, '</endring>').map((e) => ({
        referanseArkivenhet: /<referanseArkivenhet>([^<]*)</.exec(e)![1],
        referanseMetadata: /<referanseMetadata>([^<]*)</.exec(e)![1],
        endretDato: /<endretDato>([^<]*)</.exec(e)![1],
        endretAv: /<endretAv>([^<]*)</.exec(e)![1],
        tidligereVerdi: /<tidligereVerdi>([^<]*)</.exec(e)![1],
        nyVerdi: /<nyVerdi>([^<]*)</.exec(e)![1],
      }));
      const [first, second] = built.absenceIds;
      const corrections = endringer.filter((e) => e.referanseMetadata!.startsWith('fravaer/'));
      expect(corrections.map(({ endretDato: _d, ...rest }) => rest)).toEqual([
        {
          referanseArkivenhet: saksmappeId,
          referanseMetadata: `fravaer/${first}/documented`,
          endretAv: 'skoleledelse (rektor-1)',
          tidligereVerdi: 'false',
          nyVerdi: 'true',
        },
        {
          referanseArkivenhet: saksmappeId,
          referanseMetadata: `fravaer/${second}/kind`,
          endretAv: 'skoleledelse (rektor-1)',
          tidligereVerdi: 'day',
          nyVerdi: 'lesson',
        },
        {
          referanseArkivenhet: saksmappeId,
          referanseMetadata: `fravaer/${second}/lessons`,
          endretAv: 'skoleledelse (rektor-1)',
          tidligereVerdi: '(ingen)',
          nyVerdi: '3',
        },
      ]);
      for (const c of corrections) expect(c.endretDato).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      // The case's own status changes: closed, then reopened.
      const status = endringer.filter((e) => e.referanseMetadata === 'saksstatus');
      expect(status.map((e) => [e.tidligereVerdi, e.nyVerdi])).toEqual([
        ['Under behandling', 'Avsluttet'],
        ['Avsluttet', 'Under behandling'],
      ]);
      // Oldest first.
      const dates = endringer.map((e) => Date.parse(e.endretDato!));
      expect(dates).toEqual([...dates].sort((a, b) => a - b));
    });
  });
});
