/** A refusal in the reader's words: the domain's code where the app knows it, else the service's message. */
import type { TFunction } from 'i18next';
import { ApiError } from './client';

export function refusalText(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  if (error.status === 409) return t('errors.conflict');
  const details = error.body?.details as { code?: string } | undefined;
  const code = details && !Array.isArray(details) ? details.code : undefined;
  if (code && t(`errors.${code}`, { defaultValue: '' })) return t(`errors.${code}`);
  const fields = error.fields();
  if (fields.length > 0) return `${t('errors.field', { field: fields.join(', ') })} (${error.message})`;
  return error.message;
}
