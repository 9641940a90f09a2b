import { Link } from 'react-router';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import '../styles.css';

const SECTIONS = [
  {
    to: '/account/settings/profile',
    label: 'Edit profile',
    description: 'Your display name, phone, country and email address.',
  },
  { to: '/account/settings/password', label: 'Password', description: 'Change the password you sign in with.' },
  {
    to: '/account/settings/sessions',
    label: 'Sessions',
    description: 'See where you are signed in and sign out of other devices.',
  },
  { to: '/account/settings/notifications', label: 'Notifications', description: 'Choose which emails Souk sends you.' },
  {
    to: '/account/settings/payment-methods',
    label: 'Payment methods',
    description: 'The cards you can pay with at checkout.',
  },
  {
    to: '/account/settings/addresses',
    label: 'Addresses',
    description: 'Where your orders can be delivered, and your default address.',
  },
] as const;

export function SettingsPage() {
  usePageTitle('Settings');
  return (
    <>
      <h1>Settings</h1>
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
