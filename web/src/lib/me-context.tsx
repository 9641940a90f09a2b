import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import i18next from 'i18next';
import { api, ApiError, send, type ResponseBody } from '../api/client.ts';

/** The signed-in account; `roles` (staff roles) only /api/me sends, other answers leave it empty. */
export type Me = ResponseBody<'/api/me', 'get'>;

/** An account as an answer carries it (sign-in, a profile change), with the roles when it has them. */
export function toMe(user: Omit<Me, 'roles'> & { roles?: Me['roles'] }): Me {
  return {
    id: user.id,
    email: user.email,
    emailVerified: user.emailVerified,
    displayName: user.displayName,
    phone: user.phone === '' ? null : user.phone,
    country: user.country === '' ? null : user.country,
    createdAt: user.createdAt,
    roles: user.roles ?? [],
  };
}

const fetchMe = async (): Promise<Me> => toMe(await send(api.GET('/api/me')));

export type MeState =
  | { status: 'loading' }
  | { status: 'signed-in'; me: Me }
  | { status: 'signed-out' }
  /** /api/me failed for another reason (server down, network); pages treat it as unknown. */
  | { status: 'unavailable'; error: ApiError };

type MeContextValue = {
  state: MeState;
  /** Asks the server who is signed in; resolves to the user, or null when signed out. */
  refresh: () => Promise<Me | null>;
  /** Stores a user the server just returned (after a profile change), without another request. */
  setMe: (me: Me) => void;
};

const MeContext = createContext<MeContextValue | null>(null);

export function MeProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<MeState>({ status: 'loading' });

  const refresh = useCallback(async (): Promise<Me | null> => {
    try {
      const me = await fetchMe();
      setState({ status: 'signed-in', me });
      return me;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setState({ status: 'signed-out' });
        return null;
      }
      const failure =
        error instanceof ApiError ? error : new ApiError(0, 'UNKNOWN', i18next.t('common:signedIn.couldNotLoadShort'));
      setState({ status: 'unavailable', error: failure });
      return null;
    }
  }, []);

  // Only /api/me carries the staff roles: keep the known ones when another answer updates the profile.
  const setMe = useCallback(
    (me: Me) =>
      setState((previous) => ({
        status: 'signed-in',
        me: previous.status === 'signed-in' && me.roles.length === 0 ? { ...me, roles: previous.me.roles } : me,
      })),
    [],
  );

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const value = useMemo(() => ({ state, refresh, setMe }), [state, refresh, setMe]);
  return <MeContext value={value}>{children}</MeContext>;
}

export function useMe(): MeContextValue {
  const value = use(MeContext);
  if (value === null) throw new Error('useMe must be used inside <MeProvider>');
  return value;
}
