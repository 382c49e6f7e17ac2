import { createHash } from 'node:crypto';
import { PLAIN_TEXT_FORMAT, SJEKKSUM_ALGORITME } from './noark-codes.js';
import type { NoarkJournalpost, NoarkSaksmappe } from './noark-model.js';

/** The file a journal entry's dokumentobjekt refers to, and what Noark records about it. */
export interface DocumentFile {
  /** M218: path inside the extract, e.g. 'dokumenter/<journalpost systemID>.txt'. */
  referanseDokumentfil: string;
  /** M701 */
  format: string;
  /** M702 */
  formatDetaljer: string;
  /** M705: SHA-256 of `contents` in UTF-8, lowercase hex. */
  sjekksum: string;
  /** M706 */
  sjekksumAlgoritme: string;
  /** M707: bytes of `contents` in UTF-8. */
  filstoerrelse: number;
  contents: string;
}

/**
 * The plain-text file of an entry's document. Named after the entry's systemID, not its title,
 * so a file name never carries a student's name.
 */
export function documentFile(journalpost: NoarkJournalpost): DocumentFile {
  const bytes = Buffer.from(journalpost.dokument.tekst, 'utf8');
  return {
    referanseDokumentfil: `dokumenter/${journalpost.systemID}.txt`,
    format: PLAIN_TEXT_FORMAT,
    formatDetaljer: 'UTF-8',
    sjekksum: createHash('sha256').update(bytes).digest('hex'),
    sjekksumAlgoritme: SJEKKSUM_ALGORITME,
    filstoerrelse: bytes.length,
    contents: journalpost.dokument.tekst,
  };
}

/** Every document file the given case files refer to, by path: what an extract ships beside its XML. */
export function documentFiles(models: readonly NoarkSaksmappe[]): Record<string, string> {
  const files: Record<string, string> = {};
  for (const model of models) {
    for (const journalpost of model.journalposter) {
      const file = documentFile(journalpost);
      files[file.referanseDokumentfil] = file.contents;
    }
  }
  return files;
}
