import { usePageTitle } from '../lib/use-page-title.ts';

export function MessagesPage() {
  usePageTitle('Messages');
  return (
    <>
      <h1>Messages</h1>
      <p>No messages yet.</p>
    </>
  );
}
