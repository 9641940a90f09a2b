// Unread message counts for the account and seller-center navigation. Reloaded on every
// navigation and whenever a page reports that messages were read or sent.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { messagesApi, type UnreadCounts } from '../api.ts';
import '../styles.css';

const CHANGED = 'souk:messages-changed';

/** Tell the navigation to count again (after a thread was read, or a message sent). */
export function notifyMessagesChanged(): void {
  window.dispatchEvent(new Event(CHANGED));
}

/** The signed-in person's unread counts; null until loaded, or when `enabled` is false (signed out). */
export function useUnreadCounts(enabled = true): UnreadCounts | null {
  const { pathname } = useLocation();
  const [counts, setCounts] = useState<UnreadCounts | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    window.addEventListener(CHANGED, bump);
    return () => window.removeEventListener(CHANGED, bump);
  }, []);
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    messagesApi.unreadCounts(controller.signal).then(
      (value) => {
        if (!controller.signal.aborted) setCounts(value);
      },
      () => {
        // a badge is not worth an error message: the pages themselves report failures
      },
    );
    return () => controller.abort();
  }, [enabled, pathname, version]);
  return enabled ? counts : null;
}

/** "1 unread message", "3 unread messages", in the reader's language. */
export function useUnreadText(): (count: number) => string {
  const { t } = useTranslation('messages');
  return (count) => t('unread', { count });
}

/**
 * The visible count inside a navigation link, hidden from assistive technology: the link's
 * accessible name stays its label ("Messages"), and the count is its description
 * (aria-describedby pointing at an UnreadDescription outside the link), like the cart count.
 */
export function UnreadBadge({ count }: { count: number }) {
  if (count <= 0) return null;
  return (
    <span className="badge unread-badge" aria-hidden="true">
      {count > 99 ? '99+' : count}
    </span>
  );
}

export function UnreadDescription({ id, count }: { id: string; count: number }) {
  const unreadText = useUnreadText();
  if (count <= 0) return null;
  return (
    <span id={id} className="visually-hidden">
      {unreadText(count)}
    </span>
  );
}
