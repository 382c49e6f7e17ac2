/**
 * What an archive's test tool reads out of a deposit's XML: how many of an element a file holds,
 * and the document files its dokumentobjekt entries refer to. Parsed (xmlbuilder2), not matched
 * as text, so a name inside a comment or a text node counts for nothing.
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';

function parse(xml: string): XMLBuilder {
  return create(xml).root();
}

function elements(root: XMLBuilder, localName: string): XMLBuilder[] {
  return root.filter((n) => n.node.nodeType === 1 && (n.node as { localName?: string }).localName === localName, true, true);
}

/** Element name → occurrences in `xml`, for each of `names`. */
export function countElements(xml: string, names: readonly string[]): Record<string, number> {
  const root = parse(xml);
  return Object.fromEntries(names.map((name) => [name, elements(root, name).length]));
}

/** A dokumentobjekt's reference to its file and what it records about the file. */
export interface DocumentReference {
  referanseDokumentfil: string;
  format?: string;
  sjekksum?: string;
  sjekksumAlgoritme?: string;
  filstoerrelse?: number;
}

/** Every dokumentobjekt of an arkivstruktur document, in order. */
export function documentReferences(arkivstruktur: string): DocumentReference[] {
  const text = (objekt: XMLBuilder, name: string): string | undefined => {
    const [el] = elements(objekt, name);
    return el ? (el.node.textContent ?? undefined) : undefined;
  };
  return elements(parse(arkivstruktur), 'dokumentobjekt').map((objekt) => {
    const size = text(objekt, 'filstoerrelse');
    return {
      referanseDokumentfil: text(objekt, 'referanseDokumentfil') ?? '',
      format: text(objekt, 'format'),
      sjekksum: text(objekt, 'sjekksum'),
      sjekksumAlgoritme: text(objekt, 'sjekksumAlgoritme'),
      filstoerrelse: size === undefined ? undefined : Number(size),
    };
  });
}
