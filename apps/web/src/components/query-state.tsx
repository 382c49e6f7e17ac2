/** What a page shows while its data loads or when the service refused: never a blank page. */
import { Paragraph, Spinner, ValidationMessage } from '@digdir/designsystemet-react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

export function ErrorText({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.status === 403) return <ValidationMessage>{t('app.forbidden')}</ValidationMessage>;
  if (error instanceof ApiError && error.status === 404) return <ValidationMessage>{t('app.notFoundText')}</ValidationMessage>;
  const message = error instanceof Error ? error.message : String(error);
  return <ValidationMessage>{t('app.error', { message })}</ValidationMessage>;
}

export function QueryState<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <Paragraph>
        <Spinner aria-hidden="true" data-size="sm" /> {t('app.loading')}
      </Paragraph>
    );
  }
  if (query.isError) return <ErrorText error={query.error} />;
  return <>{children(query.data)}</>;
}
