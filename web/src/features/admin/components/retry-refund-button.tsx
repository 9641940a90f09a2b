// "Retry refund now" beside a refund the payment provider failed (the dispute page, the overview's
// failed refunds): sends it at once instead of at its next scheduled try; the page says what happened.
import { ErrorAlert } from '../../../components/alerts.tsx';
import { formatMoney } from '../../../lib/format.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { disputesApi, type RetriedRefund } from '../api.ts';

/** What the page says after a retry (the button itself may be gone once the refund is sent). */
export function retryOutcome(refund: RetriedRefund): string {
  const amount = formatMoney(refund.amount);
  if (refund.status === 'succeeded') return `Refund of ${amount} sent (attempt ${refund.attempt}).`;
  if (refund.status === 'failed')
    return `Attempt ${refund.attempt} failed too (${refund.failureCode ?? 'no code'}); it will be tried again.`;
  return `Attempt ${refund.attempt} is waiting for the payment provider's answer.`;
}

type Props = { refundId: string; label?: string; onDone: (refund: RetriedRefund) => void };

export function RetryRefundButton({ refundId, label, onDone }: Props) {
  const { pending, error, run } = useRequest();
  async function retry() {
    const done = await run(() => disputesApi.retryRefund(refundId));
    if (done.ok) onDone(done.value);
  }
  return (
    <div className="retry-refund">
      <ErrorAlert error={error} />
      <button
        type="button"
        className="button button-secondary"
        disabled={pending}
        onClick={retry}
        {...(label ? { 'aria-label': label } : {})}
      >
        {pending ? 'Retrying…' : 'Retry refund now'}
      </button>
    </div>
  );
}
