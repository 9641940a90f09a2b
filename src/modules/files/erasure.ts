import { sql } from 'kysely';
import type { ErasurePolicy } from '../../erasure/policy.ts';

// A stored file belongs to the row that names its key (a product image, a review photo): that row's
// policy deletes the file, by key through the storage interface, once its batch has committed, as it
// does on disk. So this table has no rows of its own to find or erase.
export const filesErasure: ErasurePolicy[] = [
  {
    table: 'stored_files',
    action: 'delete',
    about: {
      data: 'The photos themselves (listings and reviews), where Souk keeps them in its database instead of on disk',
      keptFor: 'As long as the listing or review they belong to',
    },
    match: [
      {
        custom:
          'the files of the person’s product images and review photos: deleted by key through the file storage by those ' +
          'tables’ policies after each commit (deleteFiles, recorded with the progress); the verification’s scan searches ' +
          'this table’s keys for the person’s upload keys',
        owns: () => sql<boolean>`false`,
        erase: async () => 0,
      },
    ],
    reason:
      'With STORAGE=database the bytes of uploaded photos live here; they go with the rows that name them, exactly as ' +
      'files on disk do, so an erased person’s photos leave no copy behind.',
  },
];
