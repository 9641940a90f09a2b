// Which products are saved, as every card and product page sees it: loaded once in a request of
// its own (the pages' own reads stay one request each, decision 046), reloaded when the person
// signs in or out (a guest's saved items merge into the account's), updated by each save or unsave.
import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { savedApi } from './api.ts';
import { useMe } from '../../lib/me-context.tsx';

type SavedContextValue = {
  savedIds: ReadonlySet<string>;
  setSaved: (productId: string, saved: boolean) => void;
};

const SavedContext = createContext<SavedContextValue | null>(null);

export function SavedProvider({ children }: { children: ReactNode }) {
  const { state } = useMe();
  const [savedIds, setSavedIds] = useState<ReadonlySet<string>>(new Set());
  const userId = state.status === 'signed-in' ? state.me.id : state.status;

  useEffect(() => {
    if (userId === 'loading') return;
    const controller = new AbortController();
    savedApi
      .productIds(controller.signal)
      .then((answer) => setSavedIds(new Set(answer.productIds)))
      .catch(() => {
        // Buttons then start as "Save"; saving still works and answers the truth.
      });
    return () => controller.abort();
  }, [userId]);

  const setSaved = useCallback((productId: string, saved: boolean) => {
    setSavedIds((current) => {
      const next = new Set(current);
      if (saved) next.add(productId);
      else next.delete(productId);
      return next;
    });
  }, []);

  const value = useMemo(() => ({ savedIds, setSaved }), [savedIds, setSaved]);
  return <SavedContext value={value}>{children}</SavedContext>;
}

export function useSaved(): SavedContextValue {
  const value = use(SavedContext);
  if (value === null) throw new Error('useSaved must be used inside <SavedProvider>');
  return value;
}
