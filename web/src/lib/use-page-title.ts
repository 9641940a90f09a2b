import { useEffect } from 'react';

/** Sets the tab title to "Title · Souk" while the page is shown. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title === '' ? 'Souk' : `${title} · Souk`;
  }, [title]);
}
