// The database as Kysely sees it. Each table's erasure policy lives in its module's erasure.ts.
// The values a column's check constraint allows are listed here once, as arrays: the column's type
// and the API schemas' enums are both made from them.
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
  delete_after_send: Generated<boolean>;
  /** claimed lowest first: 0 account security, 1 other notifications, 2 offers (decision 032) */
  priority: Generated<number>;
}

export interface WebhookOutboxTable {
  /** the event id, sent in the body and the Souk-Event-Id header */
  id: Generated<string>;
  event_type: string;
  /** the event's `data`: opaque references only (webhooks/events.ts) */
  data: ColumnType<Record<string, unknown>, string, never>;
  created_at: CreatedAt;
  next_attempt_at: Timestamp;
  attempts: Generated<number>;
  last_attempt_at: Date | null;
  /** HTTP status of the last attempt; null when none came back */
  last_status: number | null;
  /** a short code (TIMEOUT, HTTP_500, ECONNREFUSED…), never a response body */
  last_error: string | null;
  delivered_at: Date | null;
  failed_at: Date | null;
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

export const STORE_STATUSES = ['active', 'hidden', 'closed'] as const;
export type StoreStatus = (typeof STORE_STATUSES)[number];

export interface StoresTable {
  id: Generated<string>;
  owner_user_id: string | null;
  name: string;
  country: string;
  description: Generated<string>;
  status: Generated<StoreStatus>;
  created_at: CreatedAt;
  rating_sum: Generated<number>;
  rating_count: Generated<number>;
  /** The store's address, /s/<slug>: set at insert by a trigger (migration 036); null once its seller is erased. */
  slug: Generated<string | null>;
  /** Its orders that shipped (shipped or delivered), kept by a trigger on orders (migration 036). */
  orders_count: Generated<number>;
}

export interface CategoriesTable {
  slug: string;
  name: string;
  position: Generated<number>;
}

/** Every word of a listed title, ever (migration 019): what typo correction corrects to. */
export interface SearchWordsTable {
  word: string;
  /** Active products whose title has the word, kept by triggers (migration 041): suggestions rank by it. */
  products: Generated<number>;
}

/** Everyday words and what they also mean in titles (migration 039): search reads them in its statement. */
export interface SearchSynonymsTable {
  word: string;
  means: string;
  target: Generated<string>;
  substitute: Generated<string>;
}

export interface ShippingProfilesTable {
  id: Generated<string>;
  store_id: string;
  label: string;
  /** Its rates as the product page lists them, rebuilt by triggers on shipping_rates (migration 025). */
  rates: ColumnType<unknown, never, never>;
  /** Its rates as the product page's shipsTo JSON, with '$' for the product's currency, rebuilt by the same triggers (migration 027). */
  ships_to_body: ColumnType<string, never, never>;
}

export interface ShippingRatesTable {
  profile_id: string;
  country: string;
  cost_minor: number;
  min_days: number;
  max_days: number;
}

export const PRODUCT_STATUSES = ['active', 'delisted'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

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
  status: Generated<ProductStatus>;
  /** Copied from its store by triggers (migration 024): true while the store is active. */
  store_active: Generated<boolean>;
  /** The countries its shipping profile has a rate for, sorted; kept by triggers (migration 041). */
  ships_to: ColumnType<string[], never, never>;
  sold_count: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  search: ColumnType<string, never, never>;
  offer_price_minor: ColumnType<number | null, number | null | undefined, number | null>;
  offer_ends_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  current_price_minor: number;
  /**
   * current_price_minor in the base currency of the rate set in use, its minor units (exact, half away
   * from zero); kept by triggers on price writes and new rate sets (migration 055, decision 060).
   */
  comparable_price_minor: ColumnType<number, never, never>;
  rating_sum: Generated<number>;
  rating_count: Generated<number>;
  /** When the stock last went from none to some, set by a trigger (migration 042); null if never. */
  restocked_at: ColumnType<Date | null, never, never>;
  /** The options' names (Colour, Size…), in order; empty without variants (migration 040). */
  option_names: Generated<string[]>;
  /** The highest active variant's price; null without variants. Kept by a trigger, as price_minor and stock are then. */
  price_max_minor: ColumnType<number | null, never, never>;
}

export interface ProductVariantsTable {
  id: Generated<string>;
  product_id: string;
  option_values: string[];
  sku: string | null;
  price_minor: number;
  stock: number;
  image_index: number | null;
  position: Generated<number>;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface OffersTable {
  id: Generated<string>;
  product_id: string;
  price_minor: number;
  starts_at: Timestamp;
  ends_at: Timestamp;
}

export interface CartsTable {
  id: Generated<string>;
  user_id: string | null;
  guest_token_hash: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface CartLinesTable {
  id: Generated<string>;
  cart_id: string;
  product_id: string;
  /** null: the product itself (a product without variants). */
  variant_id: string | null;
  quantity: number;
  added_at: CreatedAt;
}

export interface SavedItemsTable {
  id: Generated<string>;
  user_id: string | null;
  guest_token_hash: string | null;
  product_id: string;
  saved_price_minor: number;
  saved_currency: string;
  saved_out_of_stock: boolean;
  saved_at: Timestamp;
}

export interface RecentViewsTable {
  id: Generated<string>;
  user_id: string | null;
  guest_token_hash: string | null;
  product_id: string;
  viewed_at: Timestamp;
}

export interface AddressesTable {
  id: Generated<string>;
  user_id: string;
  full_name: string;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postal_code: string | null;
  country: string;
  phone: string | null;
  is_default: Generated<boolean>;
  created_at: CreatedAt;
}

export interface PaymentMethodsTable {
  id: Generated<string>;
  user_id: string;
  provider: string;
  provider_token: string;
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  created_at: CreatedAt;
}

export const CHECKOUT_STATUSES = ['awaiting_payment', 'paid', 'cancelled'] as const;
export type CheckoutStatus = (typeof CHECKOUT_STATUSES)[number];

export interface CheckoutsTable {
  id: Generated<string>;
  buyer_user_id: string | null;
  idempotency_key: string;
  currency: string;
  total_minor: number;
  status: Generated<CheckoutStatus>;
  payment_attempts: Generated<number>;
  paying_until: Date | null;
  created_at: CreatedAt;
}

/** 'pending': an attempt whose outcome is not recorded yet (decision 033). */
export type PaymentStatus = 'pending' | 'succeeded' | 'declined' | 'retry' | 'refunded';

export interface PaymentsTable {
  id: Generated<string>;
  checkout_id: string;
  provider: string;
  provider_reference: string | null;
  card_brand: string | null;
  card_last4: string | null;
  amount_minor: number;
  currency: string;
  status: PaymentStatus;
  failure_code: string | null;
  created_at: CreatedAt;
  /** The key the provider got for this attempt (`<checkout id>:<attempt>`); null on refunds. */
  idempotency_key: string | null;
  attempt: number | null;
  settled_at: Date | null;
  settled_by: 'charge' | 'retry' | 'reconciler' | null;
}

/** The card token of a pending attempt, until its outcome is recorded. */
export interface PendingChargeTokensTable {
  payment_id: string;
  provider_token: string;
}

export const ORDER_STATUSES = ['awaiting_payment', 'paid', 'shipped', 'delivered', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Who cancelled an order. */
export const ORDER_CANCELLERS = ['buyer', 'seller', 'system'] as const;
export type OrderCanceller = (typeof ORDER_CANCELLERS)[number];

export interface OrdersTable {
  id: Generated<string>;
  number: string;
  checkout_id: string;
  buyer_user_id: string | null;
  store_id: string;
  status: Generated<OrderStatus>;
  currency: string;
  items_minor: number;
  discount_minor: number;
  shipping_minor: number;
  total_minor: number;
  ship_full_name: string;
  ship_line1: string;
  ship_line2: string | null;
  ship_city: string;
  ship_region: string | null;
  ship_postal_code: string | null;
  ship_country: string;
  ship_phone: string | null;
  delivery_min_days: number;
  delivery_max_days: number;
  cancelled_by: OrderCanceller | null;
  placed_at: CreatedAt;
  paid_at: Date | null;
  shipped_at: Date | null;
  delivered_at: Date | null;
  cancelled_at: Date | null;
  anonymised_at: Date | null;
  /** The currency the buyer saw the order in when it is not the seller's (decision 060); else null. */
  display_currency: string | null;
  /** The rate set the conversion used, both currencies' rates in it (exact decimals), and its day. */
  rate_set_id: string | null;
  rate_from: string | null;
  rate_to: string | null;
  rates_as_of: ColumnType<string | null, string | null, string | null>;
  /** total_minor converted to display_currency's minor units with those rates. */
  display_total_minor: number | null;
}

export interface OrderItemsTable {
  order_id: string;
  position: number;
  product_id: string | null;
  title: string;
  quantity: number;
  unit_price_minor: number;
  list_price_minor: number;
  variant_id: string | null;
  /** The variant's options when ordered ("Colour: Red · Size: M"); null for a product without variants. */
  variant_label: string | null;
}

export const SHIPMENT_STATUSES = ['shipped', 'in_transit', 'out_for_delivery', 'delivered'] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

export interface ShipmentsTable {
  id: Generated<string>;
  order_id: string;
  tracking_number: string;
  carrier: string;
  destination_country: string;
  status: ShipmentStatus;
  created_at: CreatedAt;
}

export interface TrackingEventsTable {
  id: Generated<string>;
  shipment_id: string;
  status: ShipmentStatus;
  occurred_at: Timestamp;
}

export interface ProductImagesTable {
  id: Generated<string>;
  product_id: string;
  position: number;
  storage_key: string;
  content_type: 'image/jpeg' | 'image/png' | 'image/webp';
  byte_size: number;
  created_at: CreatedAt;
}

export const STAFF_ROLES = ['staff', 'support'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface UserRolesTable {
  user_id: string;
  role: StaffRole;
  granted_at: CreatedAt;
}

export const DELETION_STATUSES = ['received', 'processing', 'completed', 'needs_attention', 'cancelled'] as const;
export type DeletionStatus = (typeof DELETION_STATUSES)[number];

export interface DeletionRequestsTable {
  id: Generated<string>;
  reference: string;
  user_id: string | null;
  status: Generated<DeletionStatus>;
  received_at: CreatedAt;
  due_at: Date;
  process_after: Date;
  cancel_token_hash: string | null;
  hold_reason: string | null;
  completed_at: Date | null;
  cancelled_at: Date | null;
  attention: string | null;
  certificate: ColumnType<ErasureCertificate | null, string | null | undefined, string | null>;
  erasure: ColumnType<ErasureProgress | null, string | null | undefined, string | null>;
  /** the person's unique identifiers (src/erasure/identifiers.ts) while the request is processed */
  identifiers: ColumnType<ErasureIdentifier[] | null, string | null | undefined, string | null>;
  lease_token: string | null;
  lease_until: Date | null;
}

export type ErasureIdentifier = { kind: 'user id' | 'email' | 'phone' | 'upload key' | 'token'; value: string };

/** How far a request's erasure got; committed with each batch, cleared when the request completes. */
export type ErasureProgress = {
  /** the person, for the verification scan (this column is the one place the scan leaves out) */
  userId: string;
  email: string;
  /** the language of the final mail, read with the address (the account's preferences are erased with it); English when absent */
  language?: string;
  /** before decision 031: every string that named them (their id and address are read as identifiers) */
  needles?: string[];
  /** whether the keys of every row that was theirs are recorded (erasure_owned_rows); taken before anything is erased */
  recorded?: boolean;
  /** quotes of their email or phone removed from other people's words, per "table.column", over every run */
  redacted?: Record<string, number>;
  /** the registry step to run next ("table#match"), 'scan' when every step is done, null to start over */
  at: string | null;
  rows: Record<string, { action: 'delete' | 'anonymise'; rows: number }>;
  files: number;
  /** stored files whose rows the last committed batch deleted; deleted (again, harmlessly) on resume */
  pendingFiles: string[];
};

export type ErasureCertificate = {
  reference: string;
  receivedAt: string;
  completedAt: string;
  rows: Array<{ table: string; action: 'delete' | 'anonymise'; rows: number }>;
  filesDeleted: number;
  scan: { clean: boolean; identifiersChecked: number; tablesScanned: number; identifierKinds?: string[] };
  /** every table that held rows of the person, recorded before the erasure: how many, how many are gone, how many remain anonymised */
  ownership?: Array<{ table: string; recorded: number; gone: number; anonymised: number }>;
  /** quotes of the person's exact email or phone removed from other people's words */
  redacted?: Array<{ table: string; column: string; values: number }>;
  /** findings staff marked "not this person's data", with their written reason */
  dismissed?: Array<{ table: string; column: string; identifier: string; reason: string }>;
  /** findings whose value staff erased */
  erasedByStaff?: number;
};

/** One completed erasure, as the erasure ledger keeps it (migration 034, decision 042). */
export interface ErasureLedgerTable {
  reference: string;
  /** HMAC-SHA256 of the account id, keyed by AUTH_SECRET */
  subject_hash: string;
  /** which secret keyed subject_hash (a keyed hash of a fixed text) */
  key_id: string;
  completed_at: Date;
  certificate: ColumnType<ErasureCertificate, string, string>;
  settled: 'erased_again' | 'absent' | null;
  settled_at: Date | null;
}

export interface ErasureOwnedRowsTable {
  request_id: string;
  table_name: string;
  relation: string;
  chunk: number;
  /** keys of a non-uuid type, as text (exactly one of k0 and u0 is set) */
  k0: string[] | null;
  k1: string[] | null;
  /** keys of type uuid */
  u0: string[] | null;
  u1: string[] | null;
  rows: number;
}

export const FINDING_STATUSES = ['open', 'erased', 'dismissed'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export interface DeletionFindingsTable {
  id: Generated<string>;
  request_id: string;
  table_name: string;
  column_name: string;
  row_key: string;
  identifier: string;
  needle: number;
  excerpt: string;
  status: Generated<FindingStatus>;
  reason: string | null;
  resolved_by: string | null;
  resolved_at: Date | null;
  found_at: CreatedAt;
}

export type LeavingReason =
  | 'too_much_money'
  | 'data_worries'
  | 'bad_seller_experience'
  | 'bad_support_experience'
  | 'other_account'
  | 'other';

export interface LeavingFeedbackTable {
  id: Generated<string>;
  reason: LeavingReason | null;
  comment: string | null;
  week: string;
}

// Posts (migration 010): reviews with photos and helpful votes, questions and answers, reports.
export interface ReviewsTable {
  id: Generated<string>;
  product_id: string;
  author_user_id: string;
  rating: number;
  body: string;
  photo_count: Generated<number>;
  helpful_count: Generated<number>;
  hidden_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ReviewPhotosTable {
  id: Generated<string>;
  review_id: string;
  position: number;
  storage_key: string;
  content_type: 'image/jpeg' | 'image/png' | 'image/webp';
  byte_size: number;
  created_at: CreatedAt;
}

export interface ReviewVotesTable {
  review_id: string;
  user_id: string;
  created_at: CreatedAt;
}

export interface QuestionsTable {
  id: Generated<string>;
  product_id: string;
  author_user_id: string;
  body: string;
  hidden_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface AnswersTable {
  id: Generated<string>;
  question_id: string;
  author_user_id: string;
  by_seller: boolean;
  body: string;
  hidden_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export const REPORT_REASONS = ['spam', 'offensive', 'off_topic', 'personal_data', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export interface PostReportsTable {
  id: Generated<string>;
  review_id: string | null;
  question_id: string | null;
  answer_id: string | null;
  reporter_user_id: string;
  reason: ReportReason;
  note: Generated<string>;
  created_at: CreatedAt;
  resolved_at: Date | null;
}

export const MESSAGE_SIDES = ['buyer', 'store'] as const;
export type MessageSide = (typeof MESSAGE_SIDES)[number];

export interface ConversationsTable {
  id: Generated<string>;
  buyer_user_id: string | null;
  store_id: string;
  subject_key: string;
  product_id: string | null;
  order_id: string | null;
  created_at: CreatedAt;
  last_message_at: Timestamp;
  last_message_id: string | null;
  buyer_unread_count: Generated<number>;
  store_unread_count: Generated<number>;
  buyer_notified_at: Date | null;
  store_notified_at: Date | null;
}

export interface MessagesTable {
  id: Generated<string>;
  conversation_id: string;
  sender_side: MessageSide;
  sender_user_id: string | null;
  /** null: a tombstone of a message whose sender's account was erased */
  body: string | null;
  created_at: CreatedAt;
}

export interface AuditLogTable {
  id: Generated<string>;
  actor_user_id: string | null;
  action: string;
  subject: string;
  detail: string | null;
  at: CreatedAt;
}

export const TICKET_CATEGORIES = ['order_problem', 'seller_problem', 'account', 'other'] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];
export const TICKET_STATUSES = ['open', 'waiting_for_customer', 'resolved'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export interface SupportTicketsTable {
  id: Generated<string>;
  reference: string;
  requester_user_id: string;
  category: TicketCategory;
  order_id: string | null;
  subject: string;
  status: Generated<TicketStatus>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  resolved_at: Date | null;
}

export interface SupportMessagesTable {
  id: Generated<string>;
  ticket_id: string;
  author_user_id: string | null;
  from_staff: boolean;
  body: string;
  created_at: CreatedAt;
}

export interface StoredFilesTable {
  key: string;
  data: Buffer;
  created_at: CreatedAt;
}

export interface StoreReturnPoliciesTable {
  store_id: string;
  window_days: Generated<number>;
  response_days: Generated<number>;
  updated_at: Generated<Date>;
}

export const RETURN_STATUSES = [
  'requested',
  'awaiting_return',
  'partial_offered',
  'refused',
  'escalated',
  'refunding',
  'refunded',
  'closed',
] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];
export const RETURN_REASONS = ['not_as_described', 'damaged', 'wrong_item', 'changed_mind', 'other'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

export interface ReturnRequestsTable {
  id: Generated<string>;
  number: string;
  order_id: string;
  buyer_user_id: string | null;
  store_id: string;
  status: Generated<ReturnStatus>;
  reason: ReturnReason;
  comment: string | null;
  requested_minor: number;
  offered_minor: number | null;
  currency: string;
  refusal_reason: string | null;
  return_carrier: string | null;
  return_tracking_number: string | null;
  return_received_at: Timestamp | null;
  respond_by: Timestamp;
  photo_count: Generated<number>;
  created_at: CreatedAt;
  closed_at: Timestamp | null;
  anonymised_at: Timestamp | null;
}

export interface ReturnItemsTable {
  return_id: string;
  position: number;
  title: string;
  quantity: number;
}

export interface ReturnPhotosTable {
  id: Generated<string>;
  return_id: string;
  position: number;
  storage_key: string;
  content_type: string;
  byte_size: number;
  created_at: CreatedAt;
}

export const RETURN_EVENT_KINDS = [
  'requested',
  'accepted_refund',
  'accepted_return',
  'return_received',
  'partial_offered',
  'offer_accepted',
  'refused',
  'escalated',
  'auto_escalated',
  'refund_failed',
  'refunded',
  'withdrawn',
  'dispute_decided',
] as const;
export type ReturnEventKind = (typeof RETURN_EVENT_KINDS)[number];

export interface ReturnEventsTable {
  id: Generated<string>;
  return_id: string;
  kind: ReturnEventKind;
  amount_minor: number | null;
  occurred_at: CreatedAt;
}

export const REFUND_STATUSES = ['pending', 'failed', 'succeeded'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export interface RefundsTable {
  id: Generated<string>;
  order_id: string;
  return_id: string | null;
  amount_minor: number;
  currency: string;
  status: Generated<RefundStatus>;
  attempt: Generated<number>;
  charge_reference: string;
  provider_reference: string | null;
  failure_code: string | null;
  next_attempt_at: Timestamp;
  created_at: CreatedAt;
  succeeded_at: Timestamp | null;
}

export const DISPUTE_STATUSES = ['open', 'decided_refund', 'decided_no_refund'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

export interface DisputesTable {
  id: Generated<string>;
  return_id: string;
  status: Generated<DisputeStatus>;
  opened_by: 'buyer' | 'deadline';
  buyer_statement: string | null;
  due_at: Timestamp;
  opened_at: CreatedAt;
  decided_at: Timestamp | null;
  decision_note: string | null;
}

/** Sales and orders per store, UTC day and currency, kept by a trigger on orders (migration 047). */
export interface StoreSalesDaysTable {
  store_id: string;
  day: ColumnType<string, string, string>;
  currency: string;
  orders: number;
  sales_minor: ColumnType<string, number, number>;
}

/** Written only by the database (migration 056): the dashboard's days and sales text of a store. */
export interface StoreDashboardDaysTable {
  store_id: string;
  first_day: ColumnType<string, string, string>;
  day_count: number;
  rollup_rows: string;
  days_text: string;
  sales_text: string;
}

export const RATE_SOURCES = ['file', 'staff', 'feed', 'sample'] as const;
export type RateSource = (typeof RATE_SOURCES)[number];

export interface ExchangeRateSetsTable {
  id: Generated<string>;
  base: string;
  /** The day the rates are the rates of (YYYY-MM-DD). */
  as_of: ColumnType<string, string, string>;
  source: RateSource;
  recorded_at: CreatedAt;
}

export interface ExchangeRatesTable {
  set_id: string;
  currency: string;
  /** numeric(24,12): exact decimal text, never a float. */
  rate: string;
}

export interface AccountPreferencesTable {
  user_id: string;
  display_currency: string | null;
  language: string | null;
  updated_at: Timestamp;
}

/** The catalogue's version: its sum changes with every committed change of the catalogue (migration 048). */
export interface CatalogVersionTable {
  slot: number;
  n: ColumnType<number, number, number>;
}

export interface DB {
  catalog_version: CatalogVersionTable;
  users: UsersTable;
  sessions: SessionsTable;
  accounts: AccountsTable;
  verifications: VerificationsTable;
  email_change_requests: EmailChangeRequestsTable;
  notification_preferences: NotificationPreferencesTable;
  rate_limits: RateLimitsTable;
  mail_outbox: MailOutboxTable;
  dev_mailbox: DevMailboxTable;
  webhook_outbox: WebhookOutboxTable;
  stores: StoresTable;
  categories: CategoriesTable;
  search_synonyms: SearchSynonymsTable;
  search_words: SearchWordsTable;
  shipping_profiles: ShippingProfilesTable;
  shipping_rates: ShippingRatesTable;
  products: ProductsTable;
  offers: OffersTable;
  carts: CartsTable;
  cart_lines: CartLinesTable;
  saved_items: SavedItemsTable;
  recent_views: RecentViewsTable;
  addresses: AddressesTable;
  payment_methods: PaymentMethodsTable;
  checkouts: CheckoutsTable;
  payments: PaymentsTable;
  pending_charge_tokens: PendingChargeTokensTable;
  orders: OrdersTable;
  order_items: OrderItemsTable;
  shipments: ShipmentsTable;
  tracking_events: TrackingEventsTable;
  product_images: ProductImagesTable;
  product_variants: ProductVariantsTable;
  user_roles: UserRolesTable;
  deletion_requests: DeletionRequestsTable;
  erasure_owned_rows: ErasureOwnedRowsTable;
  erasure_ledger: ErasureLedgerTable;
  deletion_findings: DeletionFindingsTable;
  leaving_feedback: LeavingFeedbackTable;
  reviews: ReviewsTable;
  review_photos: ReviewPhotosTable;
  review_votes: ReviewVotesTable;
  questions: QuestionsTable;
  answers: AnswersTable;
  post_reports: PostReportsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  audit_log: AuditLogTable;
  support_tickets: SupportTicketsTable;
  support_messages: SupportMessagesTable;
  stored_files: StoredFilesTable;
  store_return_policies: StoreReturnPoliciesTable;
  return_requests: ReturnRequestsTable;
  return_items: ReturnItemsTable;
  return_photos: ReturnPhotosTable;
  return_events: ReturnEventsTable;
  refunds: RefundsTable;
  disputes: DisputesTable;
  store_sales_days: StoreSalesDaysTable;
  store_dashboard_days: StoreDashboardDaysTable;
  exchange_rate_sets: ExchangeRateSetsTable;
  exchange_rates: ExchangeRatesTable;
  account_preferences: AccountPreferencesTable;
}
