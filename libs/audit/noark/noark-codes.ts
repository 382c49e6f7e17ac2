/**
 * Code values from the Noark 5 metadatakatalog (the standard's appendix 1).
 *
 * The v5.5 XSDs in `../shared/noark5/v5.5/` dropped their enumerations ("Elementer med
 * obligatoriske verdier mister begrensningen") and accept any non-empty string, so schema
 * validation cannot catch a wrong code. The types below are where that check lives instead:
 * only the values the catalogue lists as mandatory ("Obligatoriske verdier") type-check.
 */

/** M082. */
export const JOURNALPOSTTYPER = [
  'Inngående dokument',
  'Utgående dokument',
  'Organinternt dokument for oppfølging',
  'Organinternt dokument uten oppfølging',
  'Saksframlegg',
] as const;
export type Journalposttype = (typeof JOURNALPOSTTYPER)[number];

/** M053. An extract (avlevering) should hold only "Arkivert" or "Utgår". */
export const JOURNALSTATUSER = ['Journalført', 'Ekspedert', 'Arkivert', 'Utgår'] as const;
export type Journalstatus = (typeof JOURNALSTATUSER)[number];

/** M052. An extract (avlevering) should hold only "Avsluttet" or "Utgår". */
export const SAKSSTATUSER = ['Under behandling', 'Avsluttet', 'Utgår'] as const;
export type Saksstatus = (typeof SAKSSTATUSER)[number];

/** M054. */
export const DOKUMENTSTATUSER = ['Dokumentet er under redigering', 'Dokumentet er ferdigstilt'] as const;
export type Dokumentstatus = (typeof DOKUMENTSTATUSER)[number];

/** M217. */
export type TilknyttetRegistreringSom = 'Hoveddokument' | 'Vedlegg';

/** M087. */
export const KORRESPONDANSEPARTTYPER = [
  'Avsender',
  'Mottaker',
  'Kopimottaker',
  'Gruppemottaker',
  'Intern avsender',
  'Intern mottaker',
] as const;
export type Korrespondanseparttype = (typeof KORRESPONDANSEPARTTYPER)[number];

/** M500: "Unntatt offentlighet" is the mandatory value; the others are optional ones. */
export type Tilgangsrestriksjon = 'Unntatt offentlighet' | 'Klientsaker' | 'Personalsaker';

/** M502. Which metadata a screening hides. */
export const SKJERMING_METADATA = [
  'Skjerming klasseID',
  'Skjerming tittel klasse',
  'Skjerming tittel mappe - unntatt første linje',
  'Skjerming tittel mappe - utvalgte ord',
  'Skjerming navn part i sak',
  'Skjerming tittel registrering - unntatt første linje',
  'Skjerming tittel registrering - utvalgte ord',
  'Skjerming navn avsender',
  'Skjerming navn mottaker',
  'Skjerming tittel dokumentbeskrivelse',
  'Skjerming merknadstekst',
  'Midlertidig skjerming',
] as const;
export type SkjermingMetadata = (typeof SKJERMING_METADATA)[number];

/** M700. */
export type Variantformat = 'Produksjonsformat' | 'Arkivformat' | 'Dokument hvor deler av innholdet er skjermet';

/** M051. Arkivdeler in an extract should have "Avsluttet periode". */
export type Arkivdelstatus = 'Aktiv periode' | 'Overlappingsperiode' | 'Avsluttet periode' | 'Uaktuelle mapper';

/**
 * M701 takes PRONOM ids. The generated document files are UTF-8 plain text, which
 * Riksarkivarens forskrift accepts as an archive format; PRONOM calls it x-fmt/111.
 */
export const PLAIN_TEXT_FORMAT = 'x-fmt/111';

/** M706: the catalogue says SHA256 is the algorithm to use "inntil videre". */
export const SJEKKSUM_ALGORITME = 'SHA256';

/**
 * The archival formats a deposit's documents may have (Riksarkivarens forskrift § 5-17): plain
 * text (x-fmt/111) and PDF/A-1a, 1b, 2a, 2b (PRONOM fmt/95, fmt/354, fmt/476, fmt/477).
 */
export const ARCHIVAL_FORMATS: ReadonlySet<string> = new Set([PLAIN_TEXT_FORMAT, 'fmt/95', 'fmt/354', 'fmt/476', 'fmt/477']);
