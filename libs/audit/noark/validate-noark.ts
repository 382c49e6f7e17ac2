import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { noarkSchemaDir } from './noark-schema-dir.js';

/** The schemas an export is checked against. Each imports metadatakatalog.xsd. */
export type NoarkSchemaFile = 'arkivstruktur.xsd' | 'endringslogg.xsd' | 'loependeJournal.xsd' | 'offentligJournal.xsd' | 'addml.xsd';

export interface NoarkValidationResult {
  valid: boolean;
  /** xmllint's messages, each with the line in the validated document, e.g. 'arkivstruktur.xml:12: element …'. */
  errors: string[];
}

/** Which of the schemas' own files each one pulls in through xs:import. */
const IMPORTS: Record<NoarkSchemaFile, string[]> = {
  'arkivstruktur.xsd': ['metadatakatalog.xsd'],
  'endringslogg.xsd': ['metadatakatalog.xsd'],
  'loependeJournal.xsd': ['metadatakatalog.xsd'],
  'offentligJournal.xsd': ['metadatakatalog.xsd'],
  'addml.xsd': [],
};

const schemaTexts = new Map<string, Promise<string>>();

/** The schemas do not change while the process runs; read each once. */
function schemaText(dir: string, file: string): Promise<string> {
  const path = resolve(dir, file);
  let text = schemaTexts.get(path);
  if (!text) {
    text = readFile(path, 'utf8');
    schemaTexts.set(path, text);
    text.catch(() => schemaTexts.delete(path));
  }
  return text;
}

/**
 * Validates `xml` against one of the official Noark 5.5 schemas with libxml2 (xmllint-wasm).
 * xmllint sees only the files handed to it, so the schema's imports are preloaded under their
 * own names, which is what its xs:import schemaLocation asks for.
 */
export async function validateAgainstNoark(
  xml: string,
  schemaFile: NoarkSchemaFile,
  options: { schemaDir?: string; fileName?: string } = {},
): Promise<NoarkValidationResult> {
  const dir = options.schemaDir ?? noarkSchemaDir();
  const [schema, ...imports] = await Promise.all([schemaFile, ...IMPORTS[schemaFile]].map((file) => schemaText(dir, file)));
  const result = await validateXML({
    xml: [{ fileName: options.fileName ?? schemaFile.replace(/\.xsd$/, '.xml'), contents: xml }],
    schema: [{ fileName: schemaFile, contents: schema! }],
    preload: IMPORTS[schemaFile].map((fileName, i) => ({ fileName, contents: imports[i]! })),
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage).filter((m) => m.trim().length > 0) };
}

/** The schema each file of an arkivuttrekk is checked against. */
export const UTTREKK_SCHEMAS = {
  'arkivstruktur.xml': 'arkivstruktur.xsd',
  'endringslogg.xml': 'endringslogg.xsd',
  'loependeJournal.xml': 'loependeJournal.xsd',
  'offentligJournal.xml': 'offentligJournal.xsd',
} as const satisfies Record<string, NoarkSchemaFile>;

/** Validates every XML file of an extract against its schema; files absent from it are skipped. */
export async function validateArkivuttrekk(
  files: Partial<Record<keyof typeof UTTREKK_SCHEMAS, string>>,
  options: { schemaDir?: string } = {},
): Promise<Partial<Record<keyof typeof UTTREKK_SCHEMAS, NoarkValidationResult>>> {
  const results: Partial<Record<keyof typeof UTTREKK_SCHEMAS, NoarkValidationResult>> = {};
  for (const [name, schema] of Object.entries(UTTREKK_SCHEMAS) as [keyof typeof UTTREKK_SCHEMAS, NoarkSchemaFile][]) {
    const xml = files[name];
    if (xml !== undefined) results[name] = await validateAgainstNoark(xml, schema, { ...options, fileName: name });
  }
  return results;
}
