import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, type Me } from '../api/client.ts';

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
      const me = await api.getMe();
      setState({ status: 'signed-in', me });
      return me;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setState({ status: 'signed-out' });
        return null;
      }
      const failure = error instanceof ApiError ? error : new ApiError(0, 'UNKNOWN', 'Could not load your account.');
      setState({ status: 'unavailable', error: failure });
      return null;
    }
  }, []);

  // Only /api/me carries the staff roles: keep the known ones when another answer updates the profile.
  const setMe = useCallback(
    (me: Me) => setState((previous) => ({ status: 'signed-in', me: previous.status === 'signed-in' && me.roles.length === 0 ? { ...me, roles: previous.me.roles } : me })),
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
