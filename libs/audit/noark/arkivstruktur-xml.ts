import { create } from 'xmlbuilder2';
import { correspondentsOf } from './correspondents.js';
import { documentFile } from './document-file.js';
import { nameBasedUuid } from '#event-store/name-based-uuid.js';
import type { Arkivdelstatus } from './noark-codes.js';
import type { NoarkJournalpost, NoarkSaksmappe, NoarkSkjerming } from './noark-model.js';
import { leaf, leaves, XSI_NAMESPACE, type XmlNode } from './xml-leaf.js';

export const ARKIVSTRUKTUR_NAMESPACE = 'http://www.arkivverket.no/standarder/noark5/arkivstruktur';

/** Everything about an arkivstruktur document that is not in the case files themselves. */
export interface ArkivstrukturContext {
  /** Instant the extract is made: creates and closes the containers (arkiv, arkivdel). */
  exportedAt: string;
  /** Who or what made it: opprettetAv/avsluttetAv of the containers. */
  exportedBy: string;
  arkivskaper: { arkivskaperID: string; arkivskaperNavn: string };
  arkivTittel: string;
  arkivdelTittel: string;
  arkivdelstatus: Arkivdelstatus;
  /** Dates, for a period extract. */
  arkivperiode?: { from: string; to: string };
  /** The one class every case file sits in. */
  klasse: { klasseID: string; tittel: string };
  /** Seeds the derived systemIDs of the containers, so one extract always gets the same ones. */
  idSeed: string;
}

/** Builds one arkivstruktur.xml: arkiv → arkivdel → klassifikasjonssystem → klasse → case files. */
export function buildArkivstruktur(models: readonly NoarkSaksmappe[], ctx: ArkivstrukturContext): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const arkiv = doc.ele(ARKIVSTRUKTUR_NAMESPACE, 'arkiv', {
    'xmlns:xsi': XSI_NAMESPACE,
    'xsi:schemaLocation': `${ARKIVSTRUKTUR_NAMESPACE} arkivstruktur.xsd`,
  });
  leaf(arkiv, 'systemID', nameBasedUuid(`${ctx.idSeed}/arkiv`));
  leaf(arkiv, 'tittel', ctx.arkivTittel);
  leaf(arkiv, 'arkivstatus', 'Avsluttet');
  leaf(arkiv, 'opprettetDato', ctx.exportedAt);
  leaf(arkiv, 'opprettetAv', ctx.exportedBy);
  // The schema requires the archive to be closed; an extract is a closed copy as of exportedAt.
  leaf(arkiv, 'avsluttetDato', ctx.exportedAt);
  leaf(arkiv, 'avsluttetAv', ctx.exportedBy);
  const arkivskaper = arkiv.ele('arkivskaper');
  leaf(arkivskaper, 'arkivskaperID', ctx.arkivskaper.arkivskaperID);
  leaf(arkivskaper, 'arkivskaperNavn', ctx.arkivskaper.arkivskaperNavn);

  const arkivdel = arkiv.ele('arkivdel');
  leaf(arkivdel, 'systemID', nameBasedUuid(`${ctx.idSeed}/arkivdel`));
  leaf(arkivdel, 'tittel', ctx.arkivdelTittel);
  leaf(arkivdel, 'arkivdelstatus', ctx.arkivdelstatus);
  leaf(arkivdel, 'opprettetDato', ctx.exportedAt);
  leaf(arkivdel, 'opprettetAv', ctx.exportedBy);
  leaf(arkivdel, 'avsluttetDato', ctx.exportedAt);
  leaf(arkivdel, 'avsluttetAv', ctx.exportedBy);
  leaf(arkivdel, 'arkivperiodeStartDato', ctx.arkivperiode?.from);
  leaf(arkivdel, 'arkivperiodeSluttDato', ctx.arkivperiode?.to);

  const system = arkivdel.ele('klassifikasjonssystem');
  leaf(system, 'systemID', nameBasedUuid(`${ctx.idSeed}/klassifikasjonssystem`));
  leaf(system, 'klassifikasjonstype', 'Funksjonsbasert, hierarkisk');
  leaf(system, 'tittel', 'Funksjonsbasert klassifikasjon');
  leaf(system, 'opprettetDato', ctx.exportedAt);
  leaf(system, 'opprettetAv', ctx.exportedBy);

  const klasse = system.ele('klasse');
  leaf(klasse, 'systemID', nameBasedUuid(`${ctx.idSeed}/klasse/${ctx.klasse.klasseID}`));
  leaf(klasse, 'klasseID', ctx.klasse.klasseID);
  leaf(klasse, 'tittel', ctx.klasse.tittel);
  leaf(klasse, 'opprettetDato', ctx.exportedAt);
  leaf(klasse, 'opprettetAv', ctx.exportedBy);
  for (const model of models) appendSaksmappe(klasse, model, ctx);

  return doc.end({ prettyPrint: true });
}

function appendSkjerming(parent: XmlNode, skjerming: NoarkSkjerming | undefined): void {
  if (!skjerming) return;
  const el = parent.ele('skjerming');
  leaf(el, 'tilgangsrestriksjon', skjerming.tilgangsrestriksjon);
  leaf(el, 'skjermingshjemmel', skjerming.skjermingshjemmel);
  leaves(el, 'skjermingMetadata', skjerming.skjermingMetadata);
  leaf(el, 'skjermingDokument', skjerming.skjermingDokument);
  leaf(el, 'skjermingsvarighet', skjerming.skjermingsvarighet);
  leaf(el, 'skjermingOpphoererDato', skjerming.skjermingOpphoererDato);
}

/**
 * `<mappe xsi:type="saksmappe">`: the schema declares no saksmappe element, only the type.
 * Element order follows the xs:sequence of mappe, then the saksmappe extension, which comes
 * after the base type's registreringer.
 */
function appendSaksmappe(parent: XmlNode, model: NoarkSaksmappe, ctx: ArkivstrukturContext): void {
  const mappe = parent.ele('mappe', { 'xsi:type': 'saksmappe' });
  leaf(mappe, 'systemID', model.systemID);
  leaf(mappe, 'mappeID', model.mappeID ?? `${model.saksaar}/${model.sakssekvensnummer}`);
  leaf(mappe, 'tittel', model.tittel);
  leaf(mappe, 'offentligTittel', model.offentligTittel);
  leaf(mappe, 'beskrivelse', model.beskrivelse);
  leaf(mappe, 'opprettetDato', model.opprettetDato);
  leaf(mappe, 'opprettetAv', model.opprettetAv);
  leaf(mappe, 'avsluttetDato', model.avsluttetDato ?? ctx.exportedAt);
  leaf(mappe, 'avsluttetAv', model.avsluttetAv ?? ctx.exportedBy);
  for (const part of model.parter ?? []) {
    const el = mappe.ele('part');
    leaf(el, 'partNavn', part.partNavn);
    leaf(el, 'partRolle', part.partRolle);
  }
  appendSkjerming(mappe, model.skjerming);
  for (const journalpost of model.journalposter) appendJournalpost(mappe, journalpost, model);
  leaf(mappe, 'saksaar', model.saksaar);
  leaf(mappe, 'sakssekvensnummer', model.sakssekvensnummer);
  leaf(mappe, 'saksdato', model.saksdato);
  leaf(mappe, 'administrativEnhet', model.administrativEnhet);
  leaf(mappe, 'saksansvarlig', model.saksansvarlig);
  leaf(mappe, 'journalenhet', model.journalenhet);
  leaf(mappe, 'saksstatus', model.saksstatus);
}

/** `<registrering xsi:type="journalpost">`: the registrering sequence, then the journalpost extension. */
function appendJournalpost(parent: XmlNode, jp: NoarkJournalpost, model: NoarkSaksmappe): void {
  const reg = parent.ele('registrering', { 'xsi:type': 'journalpost' });
  leaf(reg, 'systemID', jp.systemID);
  leaf(reg, 'opprettetDato', jp.opprettetDato);
  leaf(reg, 'opprettetAv', jp.opprettetAv);
  leaf(reg, 'arkivertDato', jp.arkivertDato ?? jp.opprettetDato);
  leaf(reg, 'arkivertAv', jp.arkivertAv ?? jp.opprettetAv);
  appendSkjerming(reg, jp.skjerming);
  appendDokumentbeskrivelse(reg, jp);
  leaf(reg, 'tittel', jp.tittel);
  leaf(reg, 'offentligTittel', jp.offentligTittel);
  leaf(reg, 'beskrivelse', jp.beskrivelse);
  leaves(reg, 'forfatter', jp.forfatter);
  for (const part of correspondentsOf(jp, model)) {
    const el = reg.ele('korrespondansepart');
    leaf(el, 'korrespondanseparttype', part.korrespondanseparttype);
    leaf(el, 'korrespondansepartNavn', part.korrespondansepartNavn);
    leaf(el, 'administrativEnhet', part.administrativEnhet);
    leaf(el, 'saksbehandler', part.saksbehandler);
  }
  leaf(reg, 'journalaar', jp.journalaar);
  leaf(reg, 'journalsekvensnummer', jp.journalsekvensnummer);
  leaf(reg, 'journalpostnummer', jp.journalpostnummer);
  leaf(reg, 'journalposttype', jp.journalposttype);
  leaf(reg, 'journalstatus', jp.journalstatus);
  leaf(reg, 'journaldato', jp.journaldato);
  leaf(reg, 'dokumentetsDato', jp.dokumentetsDato);
  leaf(reg, 'mottattDato', jp.mottattDato);
  leaf(reg, 'sendtDato', jp.sendtDato);
}

function appendDokumentbeskrivelse(parent: XmlNode, jp: NoarkJournalpost): void {
  const dok = jp.dokument;
  const file = documentFile(jp);
  const beskrivelse = parent.ele('dokumentbeskrivelse');
  leaf(beskrivelse, 'systemID', nameBasedUuid(`${jp.systemID}/dokumentbeskrivelse/1`));
  leaf(beskrivelse, 'dokumenttype', dok.dokumenttype);
  leaf(beskrivelse, 'dokumentstatus', dok.dokumentstatus);
  leaf(beskrivelse, 'tittel', dok.tittel);
  leaves(beskrivelse, 'forfatter', jp.forfatter);
  leaf(beskrivelse, 'opprettetDato', jp.opprettetDato);
  leaf(beskrivelse, 'opprettetAv', jp.opprettetAv);
  leaf(beskrivelse, 'tilknyttetRegistreringSom', dok.tilknyttetRegistreringSom ?? 'Hoveddokument');
  leaf(beskrivelse, 'dokumentnummer', 1);
  leaf(beskrivelse, 'tilknyttetDato', jp.opprettetDato);
  leaf(beskrivelse, 'tilknyttetAv', jp.opprettetAv);
  // The document inherits the entry's screening in Noark; repeated here so a reader of the
  // document unit alone still sees that its content is exempt.
  appendSkjerming(beskrivelse, jp.skjerming);

  const objekt = beskrivelse.ele('dokumentobjekt');
  leaf(objekt, 'systemID', nameBasedUuid(`${jp.systemID}/dokumentobjekt/1/1`));
  leaf(objekt, 'versjonsnummer', 1);
  leaf(objekt, 'variantformat', 'Arkivformat');
  leaf(objekt, 'format', file.format);
  leaf(objekt, 'formatDetaljer', file.formatDetaljer);
  leaf(objekt, 'opprettetDato', jp.opprettetDato);
  leaf(objekt, 'opprettetAv', jp.opprettetAv);
  leaf(objekt, 'referanseDokumentfil', file.referanseDokumentfil);
  leaf(objekt, 'sjekksum', file.sjekksum);
  leaf(objekt, 'sjekksumAlgoritme', file.sjekksumAlgoritme);
  leaf(objekt, 'filstoerrelse', file.filstoerrelse);
}
