/**
 * arkivuttrekk.xml: the ADDML description of a Noark 5 deposit (addml.xsd), as Arkivverket's
 * template lays it out: one dataObject "Noark 5-arkivuttrekk" holding a dataObject per XML file
 * of the deposit, each with its file's name and SHA-256, the schemas it follows (with theirs),
 * and the number of its elements an archive's test tool counts (mapper, registreringer,
 * journalregistreringer, endringer); the number of document files in `additionalInfo`.
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { leaf } from '../xml-leaf.js';

export const ADDML_NAMESPACE = 'http://www.arkivverket.no/standarder/addml';

export interface DescribedFile {
  name: string;
  sha256: string;
}

/** One XML file of the deposit: the file, its schemas (the main one first) and its counted elements. */
export interface DescribedXml {
  /** The dataObject's name: the file's name without `.xml`. */
  object: string;
  file: DescribedFile;
  schemas: DescribedFile[];
  /** Element name → how many the file holds (counted at `//name`). */
  counts: Record<string, number>;
}

export interface AddmlDescription {
  /** The archive's creator (the school), and the system that made the deposit. */
  recordCreator: string;
  systemName: string;
  archive: string;
  period: { from: string; to: string };
  xmlFiles: DescribedXml[];
  documentFiles: number;
}

function property(parent: XMLBuilder, name: string, value?: string, dataType?: string): XMLBuilder {
  const p = parent.ele('property', dataType ? { name, dataType } : { name });
  if (value !== undefined) leaf(p, 'value', value);
  return p;
}

function fileProperty(parent: XMLBuilder, file: DescribedFile): void {
  const props = property(parent, 'file').ele('properties');
  property(props, 'name', file.name);
  property(property(props, 'format', 'XML').ele('properties'), 'version', '1.0');
  const checksum = property(props, 'checksum').ele('properties');
  property(checksum, 'algorithm', 'SHA-256');
  property(checksum, 'value', file.sha256);
}

export function addmlDescription(d: AddmlDescription): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const addml = doc.ele(ADDML_NAMESPACE, 'addml', {
    name: 'Noark 5-arkivuttrekk',
    'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    'xsi:schemaLocation': `${ADDML_NAMESPACE} addml.xsd`,
  });
  const dataset = addml.ele('dataset');
  leaf(dataset, 'description', 'Noark 5-arkivuttrekk');
  const reference = dataset.ele('reference');
  const context = reference.ele('context').ele('additionalElements');
  const creators = context.ele('additionalElement', { name: 'recordCreators' }).ele('additionalElements');
  leaf(creators.ele('additionalElement', { name: 'recordCreator' }), 'value', d.recordCreator);
  leaf(context.ele('additionalElement', { name: 'systemType' }), 'value', 'Sakarkiv (Noark-5)');
  leaf(context.ele('additionalElement', { name: 'systemName' }), 'value', d.systemName);
  leaf(context.ele('additionalElement', { name: 'archive' }), 'value', d.archive);
  const period = reference.ele('content').ele('additionalElements').ele('additionalElement', { name: 'archivalPeriod' }).ele('properties');
  property(period, 'startDate', d.period.from);
  property(period, 'endDate', d.period.to);

  const top = dataset.ele('dataObjects').ele('dataObject', { name: 'Noark 5-arkivuttrekk' });
  const info = property(top.ele('properties'), 'info').ele('properties');
  property(property(info, 'type', 'Noark 5').ele('properties'), 'version', '5.5');
  const additional = property(info, 'additionalInfo').ele('properties');
  property(additional, 'inneholderSkjermetInformasjon', 'true', 'boolean');
  property(additional, 'antallDokumentfiler', String(d.documentFiles), 'integer');

  const objects = top.ele('dataObjects');
  for (const xml of d.xmlFiles) {
    const props = objects.ele('dataObject', { name: xml.object }).ele('properties');
    fileProperty(props, xml.file);
    xml.schemas.forEach((schema, i) => {
      const s = property(props, 'schema', i === 0 ? 'main' : undefined).ele('properties');
      fileProperty(s, schema);
      property(property(s, 'type', 'XML Schema').ele('properties'), 'version', '1.0');
    });
    const counted = property(props, 'info').ele('properties');
    for (const [element, count] of Object.entries(xml.counts)) {
      const c = property(counted, 'numberOfOccurrences', element).ele('properties');
      property(c, 'elementPath', `//${element}`);
      property(c, 'value', String(count), 'integer');
    }
  }
  return doc.end({ prettyPrint: true });
}
