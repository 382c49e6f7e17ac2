import { buildArkivstruktur } from './arkivstruktur-xml.js';
import { DEFAULT_EXPORTED_BY, DEFAULT_KLASSE, type NoarkExportOptions } from './export-options.js';
import type { NoarkSaksmappe } from './noark-model.js';
import { assertPublicTitlesScreened } from './screened-words.js';

/**
 * One case as a Noark 5.5 arkivstruktur document: arkiv → arkivdel → klassifikasjonssystem →
 * klasse → one saksmappe with a journalpost per entry. What `GET /cases/:caseId/export/noark`
 * serves. Validates against arkivstruktur.xsd (see `validateAgainstNoark`).
 *
 * Throws `ScreenedWordInPublicField` rather than emit a public title naming a screened word.
 */
export function exportSaksmappe(model: NoarkSaksmappe, options: NoarkExportOptions = {}): string {
  assertPublicTitlesScreened([model]);
  const exportedBy = options.exportedBy ?? DEFAULT_EXPORTED_BY;
  return buildArkivstruktur([model], {
    exportedAt: options.exportedAt ?? new Date().toISOString(),
    exportedBy,
    arkivskaper: options.arkivskaper ?? { arkivskaperID: model.administrativEnhet, arkivskaperNavn: model.administrativEnhet },
    arkivTittel: `Elevsaker – ${model.administrativEnhet}`,
    arkivdelTittel: 'Oppfølging av skolefravær',
    arkivdelstatus: model.saksstatus === 'Under behandling' ? 'Aktiv periode' : 'Avsluttet periode',
    klasse: options.klasse ?? DEFAULT_KLASSE,
    idSeed: `saksmappe/${model.systemID}`,
  });
}
