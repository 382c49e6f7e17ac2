/**
 * Who is signed in. The token is kept in memory only (api.md, The web app): a reload or a
 * closed tab signs the person out, and nothing is left in the browser's storage.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, must, setToken } from '../api/client';
import type { Me, Role } from '../api/types';
import { setBusinessToday } from '../i18n/i18n';

interface SessionValue {
  me: Me | null;
  signIn(token: string): Promise<void>;
  signOut(): void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const queries = useQueryClient();
  const signIn = useCallback(async (token: string) => {
    setToken(token);
    try {
      const me = await must<Me>(api.GET('/me'));
      setBusinessToday(me.today ?? null);
      setMe(me);
    } catch (error) {
      setToken(null);
      throw error;
    }
  }, []);
  const signOut = useCallback(() => {
    setToken(null);
    setBusinessToday(null);
    setMe(null);
    // Nothing one person read may be shown to the next on the same screen.
    queries.clear();
  }, [queries]);
  const value = useMemo(() => ({ me, signIn, signOut }), [me, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in person (pages behind the sign-in only). */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('not signed in');
  return me;
}

export function hasRole(me: Me, ...roles: Role[]): boolean {
  return me.roles.some((role) => roles.includes(role));
}

/** The caller's groups as { schoolId, groupId } (claims are `<schoolId>/<groupId>`). */
export function groupsOf(me: Me): { schoolId: string; groupId: string }[] {
  return me.groups.flatMap((g) => {
    const slash = g.indexOf('/');
    return slash > 0 ? [{ schoolId: g.slice(0, slash), groupId: g.slice(slash + 1) }] : [];
  });
}
