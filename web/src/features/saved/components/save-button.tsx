import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { savedApi } from '../api.ts';
import { useSaved } from '../saved-context.tsx';
import { describeError } from '../../../lib/form-error.ts';
import '../styles.css';

/**
 * "Save" / "Saved": a toggle button (aria-pressed) on product cards and the product page. Its name
 * says which product; the outcome and any refusal (the 500 limit) are announced politely.
 */
export function SaveButton({ productId, productTitle }: { productId: string; productTitle: string }) {
  const { t } = useTranslation('saved');
  const { savedIds, setSaved } = useSaved();
  const saved = savedIds.has(productId);
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState('');
  const [failed, setFailed] = useState(false);

  async function toggle() {
    setPending(true);
    setMessage('');
    setFailed(false);
    try {
      const answer = saved ? await savedApi.unsave(productId) : await savedApi.save(productId);
      setSaved(productId, answer.saved);
      setMessage(
        answer.saved
          ? t('button.savedMessage', { title: productTitle })
          : t('button.removedMessage', { title: productTitle }),
      );
    } catch (failure) {
      setMessage(describeError(failure).message);
      setFailed(true);
    } finally {
      setPending(false);
    }
  }

  return (
    <span className="save-control">
      <button
        type="button"
        className={saved ? 'save-button save-button-on' : 'save-button'}
        aria-pressed={saved}
        aria-label={
          saved ? t('button.savedLabel', { title: productTitle }) : t('button.saveLabel', { title: productTitle })
        }
        disabled={pending}
        onClick={toggle}
      >
        <span aria-hidden="true">{saved ? '♥' : '♡'}</span> {saved ? t('button.saved') : t('button.save')}
      </button>
      <span className={failed ? 'save-error' : 'visually-hidden'} role="status">
        {message}
      </span>
    </span>
  );
}
