/**
 * Logg inn (api.md, The web app): with AUTH_DEV=1 one button per demo person, named with the
 * person's name and role word; with AUTH_OIDC_ISSUER, the provider's sign-in (the code flow with
 * PKCE, oidc.ts); with only AUTH_JWT_SECRET, a field for a pasted token.
 */
import { Alert, Button, Paragraph, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { api, must } from '../api/client';
import type { DevPerson, SignInConfig } from '../api/types';
import { ErrorText, QueryState } from '../components/query-state';
import { PageHeading } from '../components/page-heading';
import { finishOidcSignIn, isOidcCallback, startOidcSignIn } from './oidc';
import { useSession } from './session';

export function SignInPage() {
  const { t } = useTranslation();
  const config = useQuery({ queryKey: ['sign-in-config'], queryFn: () => must<SignInConfig>(api.GET('/auth/config')) });
  return (
    <main id="main" className="app-main sign-in">
      <PageHeading>{t('signIn.title')}</PageHeading>
      <QueryState query={config}>
        {(c) =>
          c.mode === 'dev' ? <DevPeople /> : c.oidc ? <OidcSignIn issuer={c.oidc.issuer} clientId={c.oidc.clientId} /> : <TokenForm />
        }
      </QueryState>
    </main>
  );
}

function useFinishSignIn() {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  return async (token: string) => {
    await signIn(token);
    await navigate(from, { replace: true });
  };
}

function DevPeople() {
  const { t } = useTranslation();
  const finish = useFinishSignIn();
  const [error, setError] = useState<unknown>(null);
  const people = useQuery({ queryKey: ['dev-people'], queryFn: () => must<DevPerson[]>(api.GET('/auth/dev/people')) });
  const choose = async (sub: string) => {
    setError(null);
    try {
      const { token } = await must<{ token: string }>(api.POST('/auth/dev/sign-in', { body: { sub } }));
      await finish(token);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <Alert data-color="warning">{t('signIn.devWarning')}</Alert>
      <Paragraph>{t('signIn.devIntro')}</Paragraph>
      <QueryState query={people}>
        {(list) => (
          <ul className="sign-in__people">
            {list.map((person) => (
              <li key={person.sub}>
                <Button variant="secondary" onClick={() => void choose(person.sub)}>
                  {person.name} – {t(`role.${person.role}`)}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      {error ? <ErrorText error={error} /> : null}
    </>
  );
}

/** OIDC: one button to the provider; on the way back, the code is exchanged and the person lands where they were going. */
function OidcSignIn({ issuer, clientId }: { issuer: string; clientId: string }) {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const returning = isOidcCallback();
  const started = useRef(false);
  useEffect(() => {
    if (!returning || started.current) return;
    started.current = true;
    finishOidcSignIn(issuer, clientId)
      .then(async ({ token, returnTo }) => {
        await signIn(token);
        await navigate(returnTo, { replace: true });
      })
      .catch((e: unknown) => setError(t('signIn.failed', { message: e instanceof Error ? e.message : String(e) })));
  }, [returning, issuer, clientId, signIn, navigate, t]);
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const provider = new URL(issuer).host;
  return (
    <>
      {returning && !error ? <Paragraph>{t('app.loading')}</Paragraph> : null}
      {!returning || error ? (
        <Button onClick={() => void startOidcSignIn(issuer, clientId, from).catch((e: unknown) => setError(String(e)))}>
          {t('signIn.oidc', { provider })}
        </Button>
      ) : null}
      {error ? <ValidationMessage>{error}</ValidationMessage> : null}
    </>
  );
}

function TokenForm() {
  const { t } = useTranslation();
  const finish = useFinishSignIn();
  const [token, setTokenText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await finish(token.trim());
    } catch (e) {
      setError(t('signIn.failed', { message: e instanceof Error ? e.message : String(e) }));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="form">
      <Textfield
        label={t('signIn.tokenLabel')}
        description={t('signIn.tokenHelp')}
        value={token}
        onChange={(e) => setTokenText(e.target.value)}
        autoComplete="off"
        spellCheck={false}
        error={error ?? undefined}
        required
      />
      <Button type="submit">{t('signIn.submit')}</Button>
    </form>
  );
}
