// Every page's address. Pages live in their feature (features/<domain>/routes); the signed-in
// areas (/account, /seller, /admin) sit under the one RequireSignedIn guard.
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { useAccountLanguage } from './i18n/use-account-language.ts';
import { NotFoundPage } from './components/not-found.tsx';
import { AccountLayout } from './features/account/routes/account-layout.tsx';
import { SavedPage } from './features/saved/routes/saved.tsx';
import { ConfirmEmailPage } from './features/account/routes/confirm-email.tsx';
import { AccountOverviewPage } from './features/account/routes/overview.tsx';
import { SettingsPage } from './features/account/routes/settings.tsx';
import { SettingsNotificationsPage } from './features/account/routes/settings/notifications.tsx';
import { SettingsPasswordPage } from './features/account/routes/settings/password.tsx';
import { SettingsProfilePage } from './features/account/routes/settings/profile.tsx';
import { SettingsSessionsPage } from './features/account/routes/settings/sessions.tsx';
import { AdminLayout } from './features/admin/routes/admin-layout.tsx';
import { AdminOverviewPage } from './features/admin/routes/admin-overview.tsx';
import { AdminDisputesPage } from './features/admin/routes/admin-disputes.tsx';
import { AdminDisputePage } from './features/admin/routes/admin-dispute.tsx';
import { AdminRatesPage } from './features/admin/routes/admin-rates.tsx';
import { ForgotPasswordPage } from './features/auth/routes/forgot-password.tsx';
import { ResetPasswordPage } from './features/auth/routes/reset-password.tsx';
import { SignInPage } from './features/auth/routes/sign-in.tsx';
import { SignUpPage } from './features/auth/routes/sign-up.tsx';
import { VerifyEmailPage } from './features/auth/routes/verify-email.tsx';
import { CartPage } from './features/cart/routes/cart.tsx';
import { BrowsePage } from './features/catalog/routes/browse.tsx';
import { HomePage } from './features/catalog/routes/home.tsx';
import { ProductPage } from './features/catalog/routes/product.tsx';
import { StorePage } from './features/catalog/routes/store.tsx';
import { CheckoutDonePage } from './features/checkout/routes/checkout-done.tsx';
import { CheckoutPayPage } from './features/checkout/routes/checkout-pay.tsx';
import { CheckoutPage } from './features/checkout/routes/checkout.tsx';
import { AdminDeletionsPage } from './features/deletion/routes/admin-deletions.tsx';
import { AdminLeavingInsightsPage } from './features/deletion/routes/admin-leaving.tsx';
import { DeleteAccountPage, DeletionNotMePage } from './features/deletion/routes/delete-account.tsx';
import { EmailCheckPage, HelpPage } from './features/help/routes/help.tsx';
import { ConversationPage, MessagesPage, NewConversationPage } from './features/messages/routes/messages.tsx';
import { SellerConversationPage, SellerMessagesPage } from './features/messages/routes/seller-messages.tsx';
import { OrderDetailPage } from './features/orders/routes/order-detail.tsx';
import { OrdersPage } from './features/orders/routes/orders.tsx';
import { SellerOrdersPage } from './features/orders/routes/seller-orders.tsx';
import { TrackingPage, TrackPage } from './features/orders/routes/track.tsx';
import { AdminReportsPage } from './features/posts/routes/admin-reports.tsx';
import { PrivacyDataPage } from './features/privacy/routes/privacy-data.tsx';
import { SellerNewProductPage, SellerProductPage } from './features/seller/routes/product.tsx';
import { SellerProductsPage } from './features/seller/routes/products.tsx';
import { SellerLayout } from './features/seller/routes/seller-layout.tsx';
import { SellerDashboardPage } from './features/seller/routes/dashboard.tsx';
import { SellerShippingPage } from './features/seller/routes/shipping.tsx';
import { SellerStorePage } from './features/seller/routes/store-settings.tsx';
import { AdminTicketPage, AdminTicketsPage } from './features/support/routes/admin-tickets.tsx';
import { SupportNewPage, SupportPage, SupportTicketPage } from './features/support/routes/support.tsx';
import { SettingsAddressesPage } from './features/wallet/routes/addresses.tsx';
import { SettingsPaymentMethodsPage } from './features/wallet/routes/payment-methods.tsx';
import { RequireSignedIn } from './shell/require-signed-in.tsx';
import { PageLayout, SiteLayout } from './shell/site-layout.tsx';
import { useFocusOnNavigate } from './shell/use-focus-on-navigate.ts';

export function App() {
  useFocusOnNavigate();
  useAccountLanguage();
  // Subscribes the whole tree to the language: a change re-renders every page in it, formats included.
  useTranslation();
  return (
    <SiteLayout>
      <Routes>
        <Route element={<PageLayout wide />}>
          <Route index element={<HomePage />} />
          <Route path="search" element={<BrowsePage />} />
          <Route path="c/:slug" element={<BrowsePage />} />
          <Route path="p/:id" element={<ProductPage />} />
          <Route path="s/:slug" element={<StorePage />} />
        </Route>
        <Route element={<PageLayout />}>
          <Route path="cart" element={<CartPage />} />
          {/* Guests have saved items too: the page is outside the signed-in area. */}
          <Route path="account/saved" element={<SavedPage />} />
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
        <Route element={<RequireSignedIn />}>
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
            <Route index element={<SellerDashboardPage />} />
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
            <Route index element={<AdminOverviewPage />} />
            <Route path="disputes" element={<AdminDisputesPage />} />
            <Route path="disputes/:id" element={<AdminDisputePage />} />
            <Route path="tickets" element={<AdminTicketsPage />} />
            <Route path="tickets/:id" element={<AdminTicketPage />} />
            <Route path="reports" element={<AdminReportsPage />} />
            <Route path="deletions" element={<AdminDeletionsPage />} />
            <Route path="insights/leaving" element={<AdminLeavingInsightsPage />} />
            <Route path="exchange-rates" element={<AdminRatesPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Routes>
    </SiteLayout>
  );
}
