import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import './styles.css';
import { App } from './app.tsx';
import { CountryProvider } from './lib/country-context.tsx';
import { CurrencyProvider } from './lib/currency-context.tsx';
import { MeProvider } from './lib/me-context.tsx';
import { CartProvider } from './features/cart/cart-context.tsx';
import { SavedProvider } from './features/saved/saved-context.tsx';
import { initI18n } from './i18n/index.ts';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');

// The reader's language is loaded before the first render, so no page flashes in another.
await initI18n();

createRoot(root).render(
  <StrictMode>
    {/* Plain (non-transition) navigation updates: pages here load their own data, and sign-out
        relies on leaving /account before the signed-in state changes. */}
    <BrowserRouter useTransitions={false}>
      <MeProvider>
        <CartProvider>
          <SavedProvider>
            <CountryProvider>
              <CurrencyProvider>
                <App />
              </CurrencyProvider>
            </CountryProvider>
          </SavedProvider>
        </CartProvider>
      </MeProvider>
    </BrowserRouter>
  </StrictMode>,
);
