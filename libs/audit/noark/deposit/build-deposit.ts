/**
 * A Noark 5 deposit (avlevering) as an archive receives it: the extract's XML files, the schemas
 * they follow, the document files their dokumentobjekt entries refer to, and arkivuttrekk.xml,
 * the ADDML description listing every one of those files with its SHA-256 and the counts of
 * what the XML holds.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Arkivuttrekk } from '../export-arkivuttrekk.js';
import { noarkSchemaDir } from '../noark-schema-dir.js';
import { addmlDescription, type DescribedXml } from './addml-description.js';
import { countElements } from './xml-facts.js';

export const DESCRIPTION_FILE = 'arkivuttrekk.xml';

/** Each XML file a deposit may hold: its schemas (main first) and the elements counted in it. */
export const DEPOSIT_XML: Record<keyof Arkivuttrekk, { schemas: string[]; counts: string[] }> = {
  'arkivstruktur.xml': { schemas: ['arkivstruktur.xsd', 'metadatakatalog.xsd'], counts: ['mappe', 'registrering', 'dokumentobjekt'] },
  'endringslogg.xml': { schemas: ['endringslogg.xsd', 'metadatakatalog.xsd'], counts: ['endring'] },
  'loependeJournal.xml': { schemas: ['loependeJournal.xsd', 'metadatakatalog.xsd'], counts: ['journalregistrering'] },
  'offentligJournal.xml': { schemas: ['offentligJournal.xsd', 'metadatakatalog.xsd'], counts: ['journalregistrering'] },
};

/** The description's own schema, shipped beside it. */
const ADDML_SCHEMA = 'addml.xsd';

export interface DepositInput {
  uttrekk: Arkivuttrekk;
  /** Document files by path inside the deposit ('dokumenter/<systemID>.txt'). */
  documents: Record<string, string>;
  recordCreator: string;
  archive: string;
  period: { from: string; to: string };
  /** Default: a random UUID. */
  id?: string;
  schemaDir?: string;
}

export interface Deposit {
  id: string;
  /** Every file by its path inside the deposit, arkivuttrekk.xml included. */
  files: Map<string, Buffer>;
  /** SHA-256 of arkivuttrekk.xml, which lists the checksum of every other file. */
  descriptionSha256: string;
  counts: { mapper: number; registreringer: number; dokumentfiler: number };
}

export const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

export function buildDeposit(input: DepositInput): Deposit {
  const schemaDir = input.schemaDir ?? noarkSchemaDir();
  const files = new Map<string, Buffer>();
  const schema = (name: string): { name: string; sha256: string } => {
    if (!files.has(name)) files.set(name, readFileSync(join(schemaDir, name)));
    return { name, sha256: sha256(files.get(name)!) };
  };
  const xmlFiles: DescribedXml[] = [];
  for (const [name, spec] of Object.entries(DEPOSIT_XML) as [keyof Arkivuttrekk, (typeof DEPOSIT_XML)[keyof Arkivuttrekk]][]) {
    const xml = input.uttrekk[name];
    if (xml === undefined) continue;
    const bytes = Buffer.from(xml, 'utf8');
    files.set(name, bytes);
    xmlFiles.push({
      object: name.replace(/\.xml$/, ''),
      file: { name, sha256: sha256(bytes) },
      schemas: spec.schemas.map(schema),
      counts: countElements(xml, spec.counts),
    });
  }
  schema(ADDML_SCHEMA);
  for (const [path, text] of Object.entries(input.documents)) files.set(path, Buffer.from(text, 'utf8'));
  const structure = xmlFiles.find((x) => x.object === 'arkivstruktur')!;
  const description = Buffer.from(
    addmlDescription({
      recordCreator: input.recordCreator,
      systemName: 'Skolefravær',
      archive: input.archive,
      period: input.period,
      xmlFiles,
      documentFiles: Object.keys(input.documents).length,
    }),
    'utf8',
  );
  files.set(DESCRIPTION_FILE, description);
  return {
    id: input.id ?? randomUUID(),
    files,
    descriptionSha256: sha256(description),
    counts: {
      mapper: structure.counts.mappe ?? 0,
      registreringer: structure.counts.registrering ?? 0,
      dokumentfiler: Object.keys(input.documents).length,
    },
  };
}
