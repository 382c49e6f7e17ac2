import type { NoarkJournalpost, NoarkKorrespondansepart, NoarkSaksmappe } from './noark-model.js';

/**
 * The entry's correspondents, or the school as internal sender when it has none: both journal
 * schemas require at least one korrespondansepart per entry, and an internal note is the
 * school's own.
 */
export function correspondentsOf(journalpost: NoarkJournalpost, saksmappe: NoarkSaksmappe): readonly NoarkKorrespondansepart[] {
  if (journalpost.korrespondanseparter.length > 0) return journalpost.korrespondanseparter;
  return [{ korrespondanseparttype: 'Intern avsender', korrespondansepartNavn: saksmappe.administrativEnhet }];
}

/** What the public journal shows instead of a screened correspondent's name. */
export const SKJERMET_NAVN = 'Skjermet';

/**
 * Whether the entry's screening hides this correspondent's name: outside senders under
 * "Skjerming navn avsender", outside recipients under "Skjerming navn mottaker". Internal
 * senders and recipients are the school's own staff and units, which the public journal shows.
 */
export function isNameScreened(part: NoarkKorrespondansepart, journalpost: NoarkJournalpost): boolean {
  const screened = journalpost.skjerming?.skjermingMetadata ?? [];
  switch (part.korrespondanseparttype) {
    case 'Avsender':
      return screened.includes('Skjerming navn avsender');
    case 'Mottaker':
    case 'Kopimottaker':
    case 'Gruppemottaker':
      return screened.includes('Skjerming navn mottaker');
    case 'Intern avsender':
    case 'Intern mottaker':
      return false;
  }
}
