import type { ErasurePolicy } from '../../db/erasure.ts';

// Runs before the catalog's policy for stores, which removes the owner link these rows are found by.
export const sellerErasure: ErasurePolicy[] = [
  {
    table: 'product_images',
    action: 'delete',
    match: [{ custom: "images of products in the store the user owns (stores.owner_user_id); deleteStoreImages() removes the rows and the files in file storage" }],
    reason:
      'Photos a seller uploaded can show the seller, their home or other people; the store is anonymised and its listings ' +
      'delisted at erasure, so no buyer needs them. Orders keep their own copy of titles and prices, not images.',
  },
];
