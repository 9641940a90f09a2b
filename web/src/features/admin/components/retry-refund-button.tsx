// "Retry refund now" beside a refund the payment provider failed (the dispute page, the overview's
// failed refunds): sends it at once instead of at its next scheduled try; the page says what happened.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/alerts.tsx';
import { formatMoney } from '../../../lib/format.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { disputesApi, type RetriedRefund } from '../api.ts';

/** What the page says after a retry (the button itself may be gone once the refund is sent). */
export function retryOutcome(t: TFunction<'admin'>, refund: RetriedRefund): string {
  const amount = formatMoney(refund.amount);
  if (refund.status === 'succeeded') return t('retry.sent', { amount, attempt: refund.attempt });
  if (refund.status === 'failed')
    return t('retry.failed', { attempt: refund.attempt, code: refund.failureCode ?? t('retry.noCode') });
  return t('retry.waiting', { attempt: refund.attempt });
}

type Props = { refundId: string; label?: string; onDone: (refund: RetriedRefund) => void };

export function RetryRefundButton({ refundId, label, onDone }: Props) {
  const { t } = useTranslation('admin');
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
        {pending ? t('retry.retrying') : t('retry.button')}
      </button>
    </div>
  );
}
