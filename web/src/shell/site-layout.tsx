import type { MouseEvent, ReactNode } from 'react';
import { Main } from '../components/main.tsx';
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
  return (
    <div className="site">
      <a href="#main" className="skip-link" onClick={skipToMain}>
        Skip to content
      </a>
      <Header />
      {children}
      <footer className="site-footer">
        <p>Souk is a self-hostable marketplace.</p>
        <nav aria-label="Footer" className="footer-nav">
          <Link to="/track">Track a parcel</Link>
          <Link to="/help">Help</Link>
          <Link to="/help/email-check">Is my email still linked to an account?</Link>
          <Link to="/privacy/data">Your data</Link>
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
