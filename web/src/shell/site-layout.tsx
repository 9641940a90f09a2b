import type { MouseEvent, ReactNode } from 'react';
import { Main } from '../components/main.tsx';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { Header } from './header.tsx';

function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  const main = document.getElementById('main');
  if (main === null) return;
  event.preventDefault();
  main.focus();
}

/** Header and footer around every page. */
export function SiteLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="site">
      <a href="#main" className="skip-link" onClick={skipToMain}>
        {t('layout.skipToContent')}
      </a>
      <Header />
      {children}
      <footer className="site-footer">
        <p>{t('layout.about')}</p>
        <nav aria-label={t('layout.footer')} className="footer-nav">
          <Link to="/track">{t('layout.track')}</Link>
          <Link to="/help">{t('layout.help')}</Link>
          <Link to="/help/email-check">{t('layout.emailCheck')}</Link>
          <Link to="/privacy/data">{t('layout.yourData')}</Link>
        </nav>
      </footer>
    </div>
  );
}

/** Pages outside the account area: one centred column, or a wider one for the catalogue. */
export function PageLayout({ wide = false }: { wide?: boolean }) {
  return (
    <Main className={wide ? 'page page-wide' : 'page'}>
      <Outlet />
    </Main>
  );
}
