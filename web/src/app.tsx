import { useEffect, useRef } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { PageLayout, SiteLayout } from './components/layouts.tsx';
import { AccountLayout } from './routes/account-layout.tsx';
import { AccountOverviewPage } from './routes/account-overview.tsx';
import { BrowsePage } from './routes/browse.tsx';
import { CartPage } from './routes/cart.tsx';
import { DeleteAccountPage, DeletionNotMePage } from './routes/delete-account.tsx';
import { CheckoutDonePage, CheckoutPage, CheckoutPayPage } from './routes/checkout.tsx';
import { ConfirmEmailPage } from './routes/confirm-email.tsx';
import { ForgotPasswordPage } from './routes/forgot-password.tsx';
import { HomePage } from './routes/home.tsx';
import { NotFoundPage } from './routes/not-found.tsx';
import { OrderDetailPage } from './routes/order-detail.tsx';
import { OrdersPage } from './routes/orders.tsx';
import { ProductPage } from './routes/product.tsx';
import { ResetPasswordPage } from './routes/reset-password.tsx';
import { SettingsAddressesPage } from './routes/settings-addresses.tsx';
import { SellerOrdersPage } from './routes/seller-orders.tsx';
import { SettingsNotificationsPage } from './routes/settings-notifications.tsx';
import { SettingsPasswordPage } from './routes/settings-password.tsx';
import { SettingsPaymentMethodsPage } from './routes/settings-payment-methods.tsx';
import { SettingsProfilePage } from './routes/settings-profile.tsx';
import { SettingsSessionsPage } from './routes/settings-sessions.tsx';
import { SettingsPage } from './routes/settings.tsx';
import { SignInPage } from './routes/sign-in.tsx';
import { SignUpPage } from './routes/sign-up.tsx';
import { TrackingPage, TrackPage } from './routes/track.tsx';
import { VerifyEmailPage } from './routes/verify-email.tsx';
import { SellerLayout } from './routes/seller/seller-layout.tsx';
import { SellerNewProductPage, SellerProductPage } from './routes/seller/product.tsx';
import { SellerProductsPage } from './routes/seller/products.tsx';
import { SellerShippingPage } from './routes/seller/shipping.tsx';
import { SellerStorePage } from './routes/seller/store-settings.tsx';
import { AdminReportsPage } from './routes/admin/reports.tsx';
import { AdminDeletionsPage, AdminLeavingInsightsPage } from './routes/admin/deletions.tsx';
import { ConversationPage, MessagesPage, NewConversationPage } from './routes/messages.tsx';
import { SellerConversationPage, SellerMessagesPage } from './routes/seller/messages.tsx';
// Support, the management console and the help area
import { SupportNewPage, SupportPage, SupportTicketPage } from './routes/support.tsx';
import { AdminLayout } from './routes/admin/admin-layout.tsx';
import { AdminTicketPage, AdminTicketsPage } from './routes/admin/tickets.tsx';
import { EmailCheckPage, HelpPage } from './routes/help.tsx';
import { PrivacyDataPage } from './routes/privacy-data.tsx';

function focusElement(target: HTMLElement) {
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: true });
}

/**
 * After a client-side navigation, move focus to the new page's heading so screen reader and
 * keyboard users start at the new content, as they would after a full page load. Pages that
 * load their heading (a product's title) get <main> first, then the heading once it appears,
 * unless the user has moved on meanwhile.
 */
function useFocusOnNavigate() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    const heading = document.querySelector<HTMLElement>('main h1');
    if (heading !== null) {
      focusElement(heading);
      return;
    }
    const main = document.getElementById('main');
    if (main === null) return;
    focusElement(main);
    const observer = new MutationObserver(() => {
      const late = main.querySelector<HTMLElement>('h1');
      if (late === null) return;
      observer.disconnect();
      if (document.activeElement === main) focusElement(late);
    });
    observer.observe(main, { childList: true, subtree: true });
    const timeout = window.setTimeout(() => observer.disconnect(), 10_000);
    return () => {
      observer.disconnect();
      window.clearTimeout(timeout);
    };
  }, [pathname]);
}

export function App() {
  useFocusOnNavigate();
  return (
    <SiteLayout>
      <Routes>
        <Route element={<PageLayout wide />}>
          <Route index element={<HomePage />} />
          <Route path="search" element={<BrowsePage />} />
          <Route path="c/:slug" element={<BrowsePage />} />
          <Route path="p/:id" element={<ProductPage />} />
        </Route>
        <Route element={<PageLayout />}>
          <Route path="cart" element={<CartPage />} />
          <Route path="account/delete" element={<DeleteAccountPage />} />
          <Route path="account/deletion/not-me" element={<DeletionNotMePage />} />
          <Route path="checkout" element={<CheckoutPage />} />
          <Route path="checkout/pay/:id" element={<CheckoutPayPage />} />
          <Route path="checkout/done/:id" element={<CheckoutDonePage />} />
          <Route path="sign-up" element={<SignUpPage />} />
          <Route path="verify-email" element={<VerifyEmailPage />} />
          <Route path="sign-in" element={<SignInPage />} />
          <Route path="forgot-password" element={<ForgotPasswordPage />} />
          <Route path="reset-password" element={<ResetPasswordPage />} />
          <Route path="confirm-email" element={<ConfirmEmailPage />} />
          <Route path="track" element={<TrackPage />} />
          <Route path="track/:trackingNumber" element={<TrackingPage />} />
          <Route path="help" element={<HelpPage />} />
          <Route path="help/email-check" element={<EmailCheckPage />} />
          <Route path="privacy/data" element={<PrivacyDataPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
        <Route path="account" element={<AccountLayout />}>
          <Route index element={<AccountOverviewPage />} />
          <Route path="orders" element={<OrdersPage />} />
          <Route path="orders/:id" element={<OrderDetailPage />} />
          <Route path="messages" element={<MessagesPage />} />
          <Route path="messages/new" element={<NewConversationPage />} />
          <Route path="messages/:id" element={<ConversationPage />} />
          <Route path="settings" element={<SettingsPage />} />
          <Route path="settings/profile" element={<SettingsProfilePage />} />
          <Route path="settings/password" element={<SettingsPasswordPage />} />
          <Route path="settings/sessions" element={<SettingsSessionsPage />} />
          <Route path="settings/notifications" element={<SettingsNotificationsPage />} />
          <Route path="settings/payment-methods" element={<SettingsPaymentMethodsPage />} />
          <Route path="settings/addresses" element={<SettingsAddressesPage />} />
          <Route path="support" element={<SupportPage />} />
          <Route path="support/new" element={<SupportNewPage />} />
          <Route path="support/:id" element={<SupportTicketPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
        <Route path="seller" element={<SellerLayout />}>
          <Route index element={<Navigate to="/seller/products" replace />} />
          <Route path="products" element={<SellerProductsPage />} />
          <Route path="products/new" element={<SellerNewProductPage />} />
          <Route path="products/:id" element={<SellerProductPage />} />
          <Route path="orders" element={<SellerOrdersPage />} />
          <Route path="shipping" element={<SellerShippingPage />} />
          <Route path="store" element={<SellerStorePage />} />
          <Route path="messages" element={<SellerMessagesPage />} />
          <Route path="messages/:id" element={<SellerConversationPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
        <Route path="admin" element={<AdminLayout />}>
          <Route index element={<Navigate to="/admin/tickets" replace />} />
          <Route path="tickets" element={<AdminTicketsPage />} />
          <Route path="tickets/:id" element={<AdminTicketPage />} />
          <Route path="reports" element={<AdminReportsPage />} />
          <Route path="deletions" element={<AdminDeletionsPage />} />
          <Route path="insights/leaving" element={<AdminLeavingInsightsPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </SiteLayout>
  );
}
