import { Link, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { PageHeading } from '../components/page-heading';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading>{t('app.notFound')}</PageHeading>
      <Paragraph>{t('app.notFoundText')}</Paragraph>
      <Link asChild>
        <RouterLink to="/">{t('app.backToOverview')}</RouterLink>
      </Link>
    </>
  );
}
