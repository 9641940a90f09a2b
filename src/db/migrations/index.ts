// Plain numbered migrations, run in order at start on both engines. Never edit one that shipped:
// add the next number.
import type { Migration } from 'kysely/migration';
import * as m001 from './001-accounts.ts';
import * as m002 from './002-mail.ts';
import * as m003 from './003-catalog.ts';
import * as m004 from './004-offer-prices.ts';
import * as m005 from './005-commerce.ts';
import * as m006 from './006-seller.ts';
import * as m008 from './008-roles.ts';
import * as m009 from './009-messages.ts';
import * as m010 from './010-posts.ts';
import * as m011 from './011-support.ts';
import * as m012 from './012-deletion.ts';
import * as m013 from './013-users-email-index.ts';
import * as m014 from './014-audit.ts';
import * as m015 from './015-catalog-at-scale.ts';
import * as m016 from './016-erasure-progress.ts';
import * as m017 from './017-webhooks.ts';
import * as m019 from './019-search-vocabulary.ts';
import * as m020 from './020-messages-sender-index.ts';
import * as m021 from './021-messages-reads.ts';
import * as m022 from './022-auth-reads.ts';
import * as m024 from './024-listed-store.ts';
import * as m025 from './025-profile-rates.ts';
import * as m026 from './026-search-cards.ts';
import * as m027 from './027-product-page-shipping.ts';
import * as m028 from './028-messages-partitions.ts';
import * as m029 from './029-products-fillfactor.ts';
import * as m030 from './030-erasure-proof.ts';
import * as m031 from './031-mail-priority.ts';
import * as m032 from './032-charge-attempts.ts';
import * as m033 from './033-erasure-keys-typed.ts';
import * as m034 from './034-erasure-ledger.ts';
import * as m035 from './035-stored-files.ts';
import * as m036 from './036-store-pages.ts';
import * as m037 from './037-saved-and-recent.ts';
import * as m039 from './039-search-synonyms.ts';
import * as m040 from './040-variants.ts';
import * as m041 from './041-listing-speed.ts';
import * as m042 from './042-product-restocked-at.ts';
import * as m043 from './043-messages-sender-keys.ts';
import * as m045 from './045-prepared-listings.ts';
import * as m046 from './046-returns.ts';
import * as m047 from './047-seller-dashboard.ts';
import * as m048 from './048-catalog-version.ts';
import * as m049 from './049-search-rewrite-cached.ts';
import * as m050 from './050-seller-dashboard-text.ts';
import * as m052 from './052-exchange-rates.ts';
import * as m053 from './053-account-language.ts';
import * as m054 from './054-order-conversions.ts';
import * as m055 from './055-comparable-prices.ts';
import * as m056 from './056-seller-dashboard-days-kept.ts';

export const migrations: Record<string, Migration> = {
  '001-accounts': m001,
  '002-mail': m002,
  '003-catalog': m003,
  '004-offer-prices': m004,
  '005-commerce': m005,
  '006-seller': m006,
  '008-roles': m008,
  '009-messages': m009,
  '010-posts': m010,
  '011-support': m011,
  '012-deletion': m012,
  '013-users-email-index': m013,
  '014-audit': m014,
  '015-catalog-at-scale': m015,
  '016-erasure-progress': m016,
  '017-webhooks': m017,
  '019-search-vocabulary': m019,
  '020-messages-sender-index': m020,
  '021-messages-reads': m021,
  '022-auth-reads': m022,
  '024-listed-store': m024,
  '025-profile-rates': m025,
  '026-search-cards': m026,
  '027-product-page-shipping': m027,
  '028-messages-partitions': m028,
  '029-products-fillfactor': m029,
  '030-erasure-proof': m030,
  '031-mail-priority': m031,
  '032-charge-attempts': m032,
  '033-erasure-keys-typed': m033,
  '034-erasure-ledger': m034,
  '035-stored-files': m035,
  '036-store-pages': m036,
  '037-saved-and-recent': m037,
  '039-search-synonyms': m039,
  '040-variants': m040,
  '041-listing-speed': m041,
  '042-product-restocked-at': m042,
  '043-messages-sender-keys': m043,
  '045-prepared-listings': m045,
  '046-returns': m046,
  '047-seller-dashboard': m047,
  '048-catalog-version': m048,
  '049-search-rewrite-cached': m049,
  '050-seller-dashboard-text': m050,
  '052-exchange-rates': m052,
  '053-account-language': m053,
  '054-order-conversions': m054,
  '055-comparable-prices': m055,
  '056-seller-dashboard-days-kept': m056,
};
