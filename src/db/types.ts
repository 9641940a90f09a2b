// The database as Kysely sees it. Each table's erasure policy lives in its module's erasure.ts.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export type UserStatus = 'active' | 'deactivated';

export interface UsersTable {
  id: string;
  email: string;
  email_verified: Generated<boolean>;
  display_name: string;
  image: string | null;
  phone: string | null;
  country: string | null;
  status: Generated<UserStatus>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  token: string;
  expires_at: Timestamp;
  ip_address: string | null;
  user_agent: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface AccountsTable {
  id: string;
  user_id: string;
  account_id: string;
  provider_id: string;
  access_token: string | null;
  refresh_token: string | null;
  id_token: string | null;
  access_token_expires_at: Date | null;
  refresh_token_expires_at: Date | null;
  scope: string | null;
  password: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface VerificationsTable {
  id: string;
  identifier: string;
  value: string;
  expires_at: Timestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface EmailChangeRequestsTable {
  id: Generated<string>;
  user_id: string;
  new_email: string;
  token_hash: string;
  expires_at: Timestamp;
  created_at: CreatedAt;
}

export interface NotificationPreferencesTable {
  user_id: string;
  kind: string;
  enabled: boolean;
  updated_at: Timestamp;
}

export interface RateLimitsTable {
  key: string;
  count: number;
  window_started_at: Timestamp;
  window_seconds: number;
}

export interface MailOutboxTable {
  id: Generated<string>;
  user_id: string | null;
  to_address: string;
  kind: string;
  subject: string;
  html: string;
  text: string;
  created_at: CreatedAt;
  claimed_until: Date | null;
  attempts: Generated<number>;
  sent_at: Date | null;
  failed_at: Date | null;
  last_error: string | null;
}

export interface DevMailboxTable {
  id: Generated<string>;
  outbox_id: string;
  to_address: string;
  from_address: string;
  subject: string;
  html: string;
  text: string;
  sent_at: CreatedAt;
}

export interface StoresTable {
  id: Generated<string>;
  owner_user_id: string | null;
  name: string;
  country: string;
  description: Generated<string>;
  status: Generated<'active' | 'hidden' | 'closed'>;
  created_at: CreatedAt;
}

export interface CategoriesTable {
  slug: string;
  name: string;
  position: Generated<number>;
}

export interface ShippingProfilesTable {
  id: Generated<string>;
  store_id: string;
  label: string;
}

export interface ShippingRatesTable {
  profile_id: string;
  country: string;
  cost_minor: number;
  min_days: number;
  max_days: number;
}

export interface ProductsTable {
  id: Generated<string>;
  store_id: string;
  category_slug: string;
  shipping_profile_id: string;
  title: string;
  description: Generated<string>;
  price_minor: number;
  currency: string;
  stock: number;
  image_count: Generated<number>;
  status: Generated<'active' | 'delisted'>;
  sold_count: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  search: ColumnType<string, never, never>;
  offer_price_minor: ColumnType<number | null, number | null | undefined, number | null>;
  offer_ends_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  current_price_minor: number;
}

export interface OffersTable {
  id: Generated<string>;
  product_id: string;
  price_minor: number;
  starts_at: Timestamp;
  ends_at: Timestamp;
}

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  accounts: AccountsTable;
  verifications: VerificationsTable;
  email_change_requests: EmailChangeRequestsTable;
  notification_preferences: NotificationPreferencesTable;
  rate_limits: RateLimitsTable;
  mail_outbox: MailOutboxTable;
  dev_mailbox: DevMailboxTable;
  stores: StoresTable;
  categories: CategoriesTable;
  shipping_profiles: ShippingProfilesTable;
  shipping_rates: ShippingRatesTable;
  products: ProductsTable;
  offers: OffersTable;
}
