import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import '../styles.css';

export function SettingsPage() {
  const { t } = useTranslation('account');
  usePageTitle(t('settings.title'));
  const SECTIONS = [
    { to: '/account/settings/profile', label: t('settings.profile'), description: t('settings.profileDescription') },
    {
      to: '/account/settings/password',
      label: t('settings.password'),
      description: t('settings.passwordDescription'),
    },
    {
      to: '/account/settings/sessions',
      label: t('settings.sessions'),
      description: t('settings.sessionsDescription'),
    },
    {
      to: '/account/settings/notifications',
      label: t('settings.notifications'),
      description: t('settings.notificationsDescription'),
    },
    {
      to: '/account/settings/payment-methods',
      label: t('settings.paymentMethods'),
      description: t('settings.paymentMethodsDescription'),
    },
    {
      to: '/account/settings/addresses',
      label: t('settings.addresses'),
      description: t('settings.addressesDescription'),
    },
  ];
  return (
    <>
      <h1>{t('settings.title')}</h1>
      <ul className="card-list">
        {SECTIONS.map((section) => (
          <li key={section.to} className="card">
            <Link to={section.to} className="card-title">
              {section.label}
            </Link>
            <p>{section.description}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
