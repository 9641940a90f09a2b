import { usePageTitle } from '../lib/use-page-title.ts';

export function OrdersPage() {
  usePageTitle('Orders');
  return (
    <>
      <h1>Orders</h1>
      <p>You have no orders yet.</p>
    </>
  );
}

export function MessagesPage() {
  usePageTitle('Messages');
  return (
    <>
      <h1>Messages</h1>
      <p>No messages yet.</p>
    </>
  );
}
