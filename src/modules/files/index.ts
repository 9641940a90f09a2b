// The files module's public surface (decision 039): uploaded files' bytes in the database
// (STORAGE=database, decision 043). The disk and memory drivers are src/storage.ts.
export { filesErasure } from './erasure.ts';
export { createDatabaseStorage } from './storage.ts';
