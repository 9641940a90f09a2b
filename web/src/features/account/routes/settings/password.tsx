import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { accountApi } from '../../api.ts';
import { CheckboxField, formText, TextField } from '../../../../components/fields.tsx';
import { ErrorAlert, StatusMessage } from '../../../../components/alerts.tsx';
import { usePageTitle } from '../../../../lib/use-page-title.ts';
import { useRequest } from '../../../../lib/use-request.ts';
import '../../styles.css';

const FIELDS = ['currentPassword', 'newPassword'] as const;
const CODE_FIELDS = {
  INVALID_PASSWORD: 'currentPassword',
  PASSWORD_TOO_SHORT: 'newPassword',
  PASSWORD_TOO_LONG: 'newPassword',
  PASSWORD_TOO_COMMON: 'newPassword',
};

export function SettingsPasswordPage() {
  const { t } = useTranslation('account');
  usePageTitle(t('password.title'));
  const { pending, error, run } = useRequest({ codeFields: CODE_FIELDS });
  const [changed, setChanged] = useState<{ othersSignedOut: boolean } | null>(null);

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setChanged(null);
    const form = event.currentTarget;
    const input = {
      currentPassword: formText(form, 'currentPassword'),
      newPassword: formText(form, 'newPassword'),
      revokeOtherSessions: new FormData(form).has('revokeOtherSessions'),
    };
    const outcome = await run(() => accountApi.changePassword(input));
    if (!outcome.ok) return;
    form.reset();
    setChanged({ othersSignedOut: input.revokeOtherSessions });
  }

  return (
    <>
      <h1>{t('password.title')}</h1>
      <form className="form" onSubmit={onSubmit}>
        <ErrorAlert error={error} formFields={FIELDS} />
        <TextField
          label={t('password.current')}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={error?.fields.currentPassword}
        />
        <TextField
          label={t('password.new')}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          hint={t('password.newHint')}
          required
          error={error?.fields.newPassword}
        />
        <CheckboxField
          label={t('password.signOutOthers')}
          name="revokeOtherSessions"
          defaultChecked
          hint={t('password.signOutOthersHint')}
        />
        <button type="submit" className="button" disabled={pending}>
          {t('password.submit')}
        </button>
        {changed !== null ? (
          <StatusMessage>
            <p>{t('password.changed')}</p>
            {changed.othersSignedOut ? <p>{t('password.othersSignedOut')}</p> : null}
          </StatusMessage>
        ) : null}
      </form>
    </>
  );
}
