/**
 * Checks a deposit as an archive's test tool (Arkade) does, so a municipality can test one
 * before it sends it: the description is valid ADDML; every file it lists is there with its
 * checksum and no file is unlisted; each XML file is valid against its schema; the counts it
 * states are the counts in the files; every document reference resolves to a file in an
 * archival format with the checksum and size recorded for it; and, for a TAR, the INFO file's
 * checksum is the TAR's.
 */
import { TextDecoder } from 'node:util';
import { ARCHIVAL_FORMATS, PLAIN_TEXT_FORMAT } from '../noark-codes.js';
import { validateAgainstNoark, type NoarkSchemaFile } from '../validate-noark.js';
import { DESCRIPTION_FILE, sha256 } from './build-deposit.js';
import { readAddml, type AddmlContents } from './read-addml.js';
import { countElements, documentReferences } from './xml-facts.js';

export interface DepositCheck {
  ok: boolean;
  /** What was checked, e.g. 'sjekksum arkivstruktur.xml'. */
  check: string;
  detail: string;
}

export interface DepositReport {
  ok: boolean;
  checks: DepositCheck[];
}

const SCHEMAS = new Set<string>(['arkivstruktur.xsd', 'endringslogg.xsd', 'loependeJournal.xsd', 'offentligJournal.xsd', 'addml.xsd']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Buffer): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export interface VerifyOptions {
  /** For a TAR: the checksum its INFO file states and the TAR's own. */
  transfer?: { stated: string | undefined; actual: string };
  schemaDir?: string;
}

export async function verifyDeposit(files: ReadonlyMap<string, Buffer>, options: VerifyOptions = {}): Promise<DepositReport> {
  const checks: DepositCheck[] = [];
  const add = (ok: boolean, check: string, detail: string): void => void checks.push({ ok, check, detail });
  const done = (): DepositReport => ({ ok: checks.every((c) => c.ok), checks });

  if (options.transfer) {
    const { stated, actual } = options.transfer;
    add(
      stated === actual,
      'sjekksum av TAR-filen',
      stated ? `INFO oppgir ${stated}, filen har ${actual}` : 'INFO-filen mangler eller oppgir ingen sha256',
    );
  }
  const description = files.get(DESCRIPTION_FILE);
  add(
    description !== undefined,
    `${DESCRIPTION_FILE} finnes`,
    description ? `${description.length} byte` : 'mangler: uttrekket har ingen beskrivelse',
  );
  if (!description) return done();
  const valid = await validateAgainstNoark(description.toString('utf8'), 'addml.xsd', {
    schemaDir: options.schemaDir,
    fileName: DESCRIPTION_FILE,
  });
  add(valid.valid, `${DESCRIPTION_FILE} følger addml.xsd`, valid.valid ? 'gyldig' : valid.errors.slice(0, 3).join('; '));
  let addml: AddmlContents;
  try {
    addml = readAddml(description.toString('utf8'));
  } catch (error) {
    add(false, `${DESCRIPTION_FILE} kan leses`, (error as Error).message);
    return done();
  }

  const accounted = new Set<string>([DESCRIPTION_FILE, 'addml.xsd']);
  for (const listed of addml.xmlFiles) {
    for (const file of [listed.file, ...listed.schemas]) {
      if (accounted.has(file.name) && file !== listed.file) continue;
      accounted.add(file.name);
      const bytes = files.get(file.name);
      add(bytes !== undefined, `${file.name} finnes`, bytes ? `${bytes.length} byte` : 'oppført i beskrivelsen, men mangler');
      if (bytes)
        add(sha256(bytes) === file.sha256, `sjekksum ${file.name}`, `beskrivelsen: ${file.sha256 ?? 'ingen'}, filen: ${sha256(bytes)}`);
    }
    const bytes = files.get(listed.file.name);
    if (!bytes) continue;
    const xml = bytes.toString('utf8');
    const mainSchema = listed.schemas[0]?.name;
    if (mainSchema && SCHEMAS.has(mainSchema)) {
      const result = await validateAgainstNoark(xml, mainSchema as NoarkSchemaFile, {
        schemaDir: options.schemaDir,
        fileName: listed.file.name,
      });
      add(result.valid, `${listed.file.name} følger ${mainSchema}`, result.valid ? 'gyldig' : result.errors.slice(0, 3).join('; '));
    } else {
      add(false, `${listed.file.name} har et kjent skjema`, `skjema ${mainSchema ?? 'ikke oppgitt'}`);
    }
    let found: Record<string, number> = {};
    try {
      found = countElements(
        xml,
        listed.counts.map((c) => c.element),
      );
    } catch (error) {
      add(false, `${listed.file.name} kan leses`, (error as Error).message);
    }
    for (const { element, value } of listed.counts) {
      add(found[element] === value, `antall ${element} i ${listed.file.name}`, `beskrivelsen: ${value}, filen: ${found[element] ?? '?'}`);
    }
  }

  const structure = files.get('arkivstruktur.xml');
  const references = structure ? documentReferences(structure.toString('utf8')) : [];
  if (addml.documentFiles !== undefined) {
    add(
      addml.documentFiles === references.length,
      'antall dokumentfiler',
      `beskrivelsen: ${addml.documentFiles}, arkivstruktur.xml viser til ${references.length}`,
    );
  }
  for (const ref of references) {
    const path = ref.referanseDokumentfil;
    accounted.add(path);
    const bytes = files.get(path);
    if (!bytes) {
      add(false, `dokument ${path}`, 'arkivstruktur.xml viser til en fil som mangler');
      continue;
    }
    const problems: string[] = [];
    if (!ref.format || !ARCHIVAL_FORMATS.has(ref.format)) problems.push(`formatet ${ref.format ?? 'mangler'} er ikke et arkivformat`);
    else if (ref.format === PLAIN_TEXT_FORMAT && !isUtf8(bytes)) problems.push('teksten er ikke gyldig UTF-8');
    else if (ref.format !== PLAIN_TEXT_FORMAT && bytes.subarray(0, 5).toString('latin1') !== '%PDF-') problems.push('filen er ikke en PDF');
    if (ref.sjekksum !== sha256(bytes)) problems.push(`sjekksum ${ref.sjekksum ?? 'mangler'}, filen har ${sha256(bytes)}`);
    if (ref.filstoerrelse !== bytes.length) problems.push(`størrelse ${ref.filstoerrelse ?? 'mangler'}, filen har ${bytes.length}`);
    add(problems.length === 0, `dokument ${path}`, problems.length === 0 ? `${ref.format}, ${bytes.length} byte` : problems.join('; '));
  }
  const unlisted = [...files.keys()].filter((name) => !accounted.has(name)).sort();
  add(
    unlisted.length === 0,
    'ingen filer utenfor beskrivelsen',
    unlisted.length === 0 ? `${files.size} filer` : `ulistet: ${unlisted.join(', ')}`,
  );
  return done();
}

/** One line per check, the summary last. */
export function formatDepositReport(report: DepositReport): string {
  const lines = report.checks.map((c) => `${c.ok ? 'OK  ' : 'FEIL'}  ${c.check}: ${c.detail}`);
  const failed = report.checks.filter((c) => !c.ok).length;
  lines.push(failed === 0 ? `Alle ${report.checks.length} kontroller bestått.` : `${failed} av ${report.checks.length} kontroller feilet.`);
  return `${lines.join('\n')}\n`;
}
