import { useEffect } from 'react';
import { accountPreferences } from '../lib/account-preferences.ts';
import { useMe } from '../lib/me-context.tsx';
import { changeLanguage, currentLanguage } from './index.ts';
import { isLanguage } from './languages.ts';

/** Once signed in, pages follow the language saved for the account (it wins over this browser's). */
export function useAccountLanguage(): void {
  const { state } = useMe();
  const userId = state.status === 'signed-in' ? state.me.id : null;
  useEffect(() => {
    if (userId === null) return;
    let current = true;
    accountPreferences(userId)
      .then(({ language }) => {
        if (current && isLanguage(language) && language !== currentLanguage()) void changeLanguage(language);
      })
      .catch(() => {});
    return () => {
      current = false;
    };
  }, [userId]);
}
