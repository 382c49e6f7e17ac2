/** "Last ned CSV" and "Last ned Excel" for a list the service offers as files (`?format=`), in the page's language. */
import { Button, ValidationMessage } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download } from '../api/client';
import { refusalText } from '../api/errors';
import i18n from '../i18n/i18n';

export function DownloadButtons({
  path,
  query,
  name,
  disabled,
}: {
  path: string;
  query: Record<string, string>;
  name: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const fetchFile = async (format: 'csv' | 'xlsx') => {
    setError(null);
    try {
      await download(path, { ...query, format, lang: i18n.language }, `${name}.${format}`);
    } catch (e) {
      setError(refusalText(e, t));
    }
  };
  return (
    <div className="downloads">
      <Button variant="secondary" onClick={() => void fetchFile('csv')} disabled={disabled}>
        {t('absenceList.csv')}
      </Button>
      <Button variant="secondary" onClick={() => void fetchFile('xlsx')} disabled={disabled}>
        {t('absenceList.xlsx')}
      </Button>
      <Button variant="tertiary" onClick={() => window.print()}>
        {t('app.print')}
      </Button>
      {error ? <ValidationMessage>{error}</ValidationMessage> : null}
    </div>
  );
}
