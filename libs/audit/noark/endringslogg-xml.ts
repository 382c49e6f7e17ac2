import { create } from 'xmlbuilder2';
import type { NoarkSaksmappe } from './noark-model.js';
import { leaf, XSI_NAMESPACE } from './xml-leaf.js';

const NAMESPACE = 'http://www.arkivverket.no/standarder/noark5/endringslogg';

/**
 * endringslogg.xml: every change to the metadata of the given case files, oldest first.
 * Returns undefined when there is none: the schema requires at least one endring.
 */
export function buildEndringslogg(models: readonly NoarkSaksmappe[]): string | undefined {
  const changes = models.flatMap((m) => m.endringer).sort((a, b) => Date.parse(a.endretDato) - Date.parse(b.endretDato));
  if (changes.length === 0) return undefined;
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const root = doc.ele(NAMESPACE, 'endringslogg', {
    'xmlns:xsi': XSI_NAMESPACE,
    'xsi:schemaLocation': `${NAMESPACE} endringslogg.xsd`,
  });
  for (const change of changes) {
    const el = root.ele('endring');
    leaf(el, 'referanseArkivenhet', change.referanseArkivenhet);
    leaf(el, 'referanseMetadata', change.referanseMetadata);
    leaf(el, 'endretDato', change.endretDato);
    leaf(el, 'endretAv', change.endretAv);
    leaf(el, 'tidligereVerdi', change.tidligereVerdi);
    leaf(el, 'nyVerdi', change.nyVerdi);
  }
  return doc.end({ prettyPrint: true });
}
