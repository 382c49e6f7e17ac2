/**
 * The page's main heading (api.md names one per page). It names the browser tab too, and takes
 * focus when the page changes, so a screen reader announces where the person landed.
 */
import { Heading } from '@digdir/designsystemet-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export function PageHeading({ children }: { children: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${children} – ${t('app.name')}`;
    ref.current?.focus();
  }, [children, t]);
  return (
    <Heading level={1} data-size="lg" ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </Heading>
  );
}
