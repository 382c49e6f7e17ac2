import type { create } from 'xmlbuilder2';

export type XmlNode = ReturnType<typeof create>;

/** Anything outside XML 1.0's Char production: C0 controls but tab/newline/CR, U+FFFE/FFFF, lone surrogates. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Free text comes from people (minutes pasted from a word processor, names typed on phones)
 * and may hold control characters that XML 1.0 cannot carry at all. xmlbuilder2 writes them
 * through, which yields a document no parser accepts; they become U+FFFD instead.
 */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML_CHAR, '\uFFFD');
}

/**
 * Appends `<name>value</name>` when there is a value. Optional Noark elements are left out
 * rather than written empty: every string type in the metadatakatalog has minLength 1.
 */
export function leaf(parent: XmlNode, name: string, value: string | number | undefined | null): void {
  if (value === undefined || value === null) return;
  parent.ele(name).txt(ampersandsEscaped(xmlSafe(String(value))));
}

/**
 * xmlbuilder2 (4.x) leaves what looks like an entity reference in text unescaped: a title typed
 * as `R&amp;D` came back as `R&D`, and one holding `&A;` made the document unparseable (found by
 * the export's property test). With every `&` written as `&amp;` first, it leaves them all be.
 */
function ampersandsEscaped(text: string): string {
  return text.replace(/&/g, '&amp;');
}

/** Appends one `<name>` per value, in order. */
export function leaves(parent: XmlNode, name: string, values: readonly (string | number)[] | undefined): void {
  for (const value of values ?? []) leaf(parent, name, value);
}

export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';
