/** The Noark 5 export: model in, schema-valid XML out. */
export type {
  NoarkDokument,
  NoarkEndring,
  NoarkJournalpost,
  NoarkKorrespondansepart,
  NoarkPart,
  NoarkSaksmappe,
  NoarkSkjerming,
} from './noark-model.js';
export { SKJERMING_JOURNALPOST, SKJERMING_SAKSMAPPE, SKJERMINGSHJEMMEL_ELEVSAK } from './noark-model.js';
export * from './noark-codes.js';
export { JOURNAL_KINDS, type JournalKind, type JournalKindName } from './journal-kinds.js';
export { DEFAULT_EXPORTED_BY, DEFAULT_KLASSE, type NoarkExportOptions } from './export-options.js';
export { exportSaksmappe } from './export-saksmappe.js';
export { exportArkivuttrekk, type Arkivuttrekk, type ArkivuttrekkOptions } from './export-arkivuttrekk.js';
export { documentFile, documentFiles, type DocumentFile } from './document-file.js';
export {
  validateAgainstNoark,
  validateArkivuttrekk,
  UTTREKK_SCHEMAS,
  type NoarkSchemaFile,
  type NoarkValidationResult,
} from './validate-noark.js';
export { noarkSchemaDir } from './noark-schema-dir.js';
export { ScreenedWordInPublicField, screenedWordsIn, findPublicTitleLeaks, type ScreenedWordLeak } from './screened-words.js';
export { caseToNoark, type CaseNoarkContext } from './case-to-noark.js';
