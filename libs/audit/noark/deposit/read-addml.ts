/** Reads back what arkivuttrekk.xml (addml-description.ts) says: the files, their checksums and the counts. */
import { create } from 'xmlbuilder2';

interface El {
  localName?: string;
  nodeType: number;
  childNodes: ArrayLike<El>;
  textContent: string | null;
  getAttribute(name: string): string | null;
}

const kids = (el: El, name: string): El[] => Array.from(el.childNodes).filter((c) => c.nodeType === 1 && c.localName === name);
const kid = (el: El, name: string): El | undefined => kids(el, name)[0];
/** The `property` children of an element's `properties`. */
const properties = (el: El): El[] => (kid(el, 'properties') ? kids(kid(el, 'properties')!, 'property') : []);
const named = (el: El, name: string): El[] => properties(el).filter((p) => p.getAttribute('name') === name);
const valueOf = (el: El | undefined): string | undefined => (el ? (kid(el, 'value')?.textContent ?? undefined) : undefined);

export interface ListedFile {
  name: string;
  sha256?: string;
}

export interface ListedXml {
  object: string;
  file: ListedFile;
  schemas: ListedFile[];
  counts: { element: string; value: number }[];
}

export interface AddmlContents {
  xmlFiles: ListedXml[];
  documentFiles?: number;
}

function fileOf(el: El): ListedFile {
  const file = named(el, 'file')[0];
  const checksum = file ? named(file, 'checksum')[0] : undefined;
  return {
    name: (file && valueOf(named(file, 'name')[0])) ?? '',
    sha256: checksum ? valueOf(named(checksum, 'value')[0])?.toLowerCase() : undefined,
  };
}

export function readAddml(xml: string): AddmlContents {
  const root = create(xml).root().node as unknown as El;
  const dataset = kid(root, 'dataset');
  const top = dataset && kid(dataset, 'dataObjects') && kid(kid(dataset, 'dataObjects')!, 'dataObject');
  if (!top) throw new Error('arkivuttrekk.xml has no dataset/dataObjects/dataObject');
  const additional = named(named(top, 'info')[0] ?? top, 'additionalInfo')[0];
  const documents = additional ? valueOf(named(additional, 'antallDokumentfiler')[0]) : undefined;
  const inner = kid(top, 'dataObjects');
  const xmlFiles = (inner ? kids(inner, 'dataObject') : []).map((object): ListedXml => ({
    object: object.getAttribute('name') ?? '',
    file: fileOf(object),
    schemas: named(object, 'schema').map(fileOf),
    counts: named(named(object, 'info')[0] ?? object, 'numberOfOccurrences').map((c) => ({
      element: valueOf(c) ?? '',
      value: Number(valueOf(named(c, 'value')[0])),
    })),
  }));
  return { xmlFiles, documentFiles: documents === undefined ? undefined : Number(documents) };
}
