/** The frame of every page after sign-in: skip link, header with the person and language, navigation, main. */
import { Button, Field, Label, Select, SkipLink } from '@digdir/designsystemet-react';
import { NavLink, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe, useSession } from '../auth/session';
import { setLanguage, type Language } from '../i18n/i18n';
import { navigationFor } from './navigation';

export function Shell() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { signOut } = useSession();
  const role = me.roles[0];
  return (
    <>
      <SkipLink href="#main">{t('app.skip')}</SkipLink>
      <header className="app-header">
        <div className="app-header__top">
          <span className="app-name">{t('app.name')}</span>
          <span className="app-person">{t('app.signedInAs', { name: me.name, role: role ? t(`role.${role}`) : '' })}</span>
          <Field className="app-language" data-size="sm">
            <Label htmlFor="language">{t('app.language')}</Label>
            <Select id="language" width="auto" value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)}>
              <Select.Option value="nb">{t('app.nb')}</Select.Option>
              <Select.Option value="nn">{t('app.nn')}</Select.Option>
            </Select>
          </Field>
          <Button variant="secondary" data-size="sm" onClick={signOut}>
            {t('signIn.signOut')}
          </Button>
        </div>
        <nav aria-label={t('nav.label')} className="app-nav">
          <ul>
            {navigationFor(me).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end>
                  {t(item.label)}
                  {item.suffix ? ` ${item.suffix}` : ''}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="app-main">
        <Outlet />
      </main>
    </>
  );
}
