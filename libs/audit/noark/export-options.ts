/** Options every export takes. */
export interface NoarkExportOptions {
  /** Instant the extract is made (ISO 8601). Default: now. Pass it for a reproducible document. */
  exportedAt?: string;
  /** Who or what made the extract. Default: {@link DEFAULT_EXPORTED_BY}. */
  exportedBy?: string;
  /** The body that created the archive (M006/M023). Default: the school, by name. */
  arkivskaper?: { arkivskaperID: string; arkivskaperNavn: string };
  /** The class the case files sit in. Default: {@link DEFAULT_KLASSE}; a municipality sets its own key. */
  klasse?: { klasseID: string; tittel: string };
}

export const DEFAULT_EXPORTED_BY = 'skolefravaer (Noark 5-uttrekk)';

export const DEFAULT_KLASSE = { klasseID: 'skolefravaer', tittel: 'Oppfølging av elevers skolefravær' } as const;
