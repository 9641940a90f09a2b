// Settings every connection starts with, on both engines.

// random_page_cost: the data is in memory or on SSD, where a random page costs about what a
// sequential one does (1.1 is the usual setting; 4 assumes spinning disks). At 4 the planner
// counted a broad word's matches by scanning the products table, and a table larger than a quarter
// of shared_buffers is scanned through a small ring of buffers: every scan reads it again from the
// file system, which on PGlite is its WASM file layer (docs/decisions/021).
export const SESSION_SETTINGS: Record<string, string> = { random_page_cost: '1.1' };
