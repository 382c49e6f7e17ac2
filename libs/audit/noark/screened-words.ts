import type { NoarkSaksmappe } from './noark-model.js';

/** A public field that contains a screened word (a student's or guardian's name). */
export interface ScreenedWordLeak {
  /** Where, e.g. 'journalposter[2].offentligTittel'. */
  field: string;
  word: string;
}

/** Thrown instead of producing a document that would publish a screened name. */
export class ScreenedWordInPublicField extends Error {
  override readonly name = 'ScreenedWordInPublicField';
  constructor(readonly leaks: readonly ScreenedWordLeak[]) {
    // The message names the fields only: the words themselves are what must not be spread.
    super(`screened words in public fields: ${leaks.map((l) => l.field).join(', ')}`);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whole-word, case-insensitive matchers. Letters and digits of any script count as word
 * characters, so 'Ola' is found in 'Ola Nordmann' and 'Ola.' but not in 'Olavsgate'.
 */
function matchers(words: readonly string[]): { word: string; pattern: RegExp }[] {
  return words
    .map((w) => w.trim())
    .filter((w) => w.length > 0)
    .map((word) => ({ word, pattern: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(word)}(?![\\p{L}\\p{N}])`, 'iu') }));
}

/**
 * The screened words that occur in `text`, not counting those inside `publicNames`.
 *
 * Norwegian surnames are often place names, and so are schools: a student called Haugen may
 * attend Haugen skole. The school's name is public and belongs in public titles, so its
 * occurrences are taken out before looking; 'Ola Haugen, Haugen skole' still leaks 'Haugen'.
 */
export function screenedWordsIn(text: string, words: readonly string[], publicNames: readonly string[] = []): string[] {
  const rest = publicNames
    .map((n) => n.trim())
    .filter((n) => n.length > 0)
    .reduce((t, name) => t.replace(new RegExp(escapeRegExp(name), 'giu'), ' '), text);
  return matchers(words)
    .filter(({ pattern }) => pattern.test(rest))
    .map(({ word }) => word);
}

/** Every public title of a case file that contains one of its `skjermedeOrd` outside the school's name. */
export function findPublicTitleLeaks(model: NoarkSaksmappe): ScreenedWordLeak[] {
  const fields: [string, string][] = [
    ['offentligTittel', model.offentligTittel],
    ...model.journalposter.map((jp, i): [string, string] => [`journalposter[${i}].offentligTittel`, jp.offentligTittel]),
  ];
  return fields.flatMap(([field, text]) =>
    screenedWordsIn(text, model.skjermedeOrd, [model.administrativEnhet]).map((word) => ({ field, word })),
  );
}

/** Throws `ScreenedWordInPublicField` when any public title of any case file names a screened word. */
export function assertPublicTitlesScreened(models: readonly NoarkSaksmappe[]): void {
  const leaks = models.flatMap((model) =>
    findPublicTitleLeaks(model).map((leak) => ({ ...leak, field: `saksmappe ${model.systemID}: ${leak.field}` })),
  );
  if (leaks.length > 0) throw new ScreenedWordInPublicField(leaks);
}
