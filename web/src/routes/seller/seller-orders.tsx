import { usePageTitle } from '../../lib/use-page-title.ts';

/** Placeholder until seller fulfilment (incoming orders, marking shipped, tracking) is built. */
export function SellerOrdersPage() {
  usePageTitle('Orders');
  return (
    <>
      <h1>Orders</h1>
      <p>Orders appear here.</p>
    </>
  );
}
