/**
 * Sign-in with OpenID Connect (AUTH_OIDC_ISSUER: Feide, ID-porten or the municipality's own
 * provider): the authorisation code flow with PKCE, by oidc-client-ts. The tokens it gets are
 * kept in memory only (its user store is an in-memory one); the flow's own state (the PKCE
 * verifier) waits in sessionStorage across the provider's redirect, as the library does.
 * The service takes the ID token: its audience is this app's client id (AUTH_OIDC_AUDIENCE).
 */
import { InMemoryWebStorage, UserManager, WebStorageStateStore } from 'oidc-client-ts';

let manager: UserManager | null = null;

function managerFor(issuer: string, clientId: string): UserManager {
  if (!manager || manager.settings.authority !== issuer || manager.settings.client_id !== clientId) {
    manager = new UserManager({
      authority: issuer,
      client_id: clientId,
      redirect_uri: `${window.location.origin}/logg-inn`,
      response_type: 'code',
      scope: 'openid profile',
      userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
      automaticSilentRenew: false,
    });
  }
  return manager;
}

/** Sends the browser to the provider; `returnTo` is where the person was going. */
export async function startOidcSignIn(issuer: string, clientId: string, returnTo: string): Promise<void> {
  await managerFor(issuer, clientId).signinRedirect({ state: { returnTo } });
}

/** Whether this page load is the provider's answer (`?code=…&state=…`). */
export function isOidcCallback(): boolean {
  const params = new URLSearchParams(window.location.search);
  return params.has('state') && (params.has('code') || params.has('error'));
}

/** Finishes the code flow: the ID token for the service and where the person was going. */
export async function finishOidcSignIn(issuer: string, clientId: string): Promise<{ token: string; returnTo: string }> {
  const user = await managerFor(issuer, clientId).signinRedirectCallback();
  if (!user.id_token) throw new Error('the provider sent no ID token');
  const returnTo = (user.state as { returnTo?: string } | undefined)?.returnTo ?? '/';
  return { token: user.id_token, returnTo: returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/' };
}
