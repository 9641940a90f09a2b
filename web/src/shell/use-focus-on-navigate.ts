import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

function focusElement(target: HTMLElement) {
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: true });
}

/**
 * After a client-side navigation, move focus to the new page's heading so screen reader and
 * keyboard users start at the new content, as they would after a full page load. Pages that
 * load their heading (a product's title) get <main> first, then the heading once it appears,
 * unless the user has moved on meanwhile.
 */
export function useFocusOnNavigate() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    const heading = document.querySelector<HTMLElement>('main h1');
    if (heading !== null) {
      focusElement(heading);
      return;
    }
    const main = document.getElementById('main');
    if (main === null) return;
    focusElement(main);
    const observer = new MutationObserver(() => {
      const late = main.querySelector<HTMLElement>('h1');
      if (late === null) return;
      observer.disconnect();
      if (document.activeElement === main) focusElement(late);
    });
    observer.observe(main, { childList: true, subtree: true });
    const timeout = window.setTimeout(() => observer.disconnect(), 10_000);
    return () => {
      observer.disconnect();
      window.clearTimeout(timeout);
    };
  }, [pathname]);
}
