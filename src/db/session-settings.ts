// Settings every connection starts with, on both engines.

// random_page_cost: the data is in memory or on SSD, where a random page costs about what a
// sequential one does (1.1 is the usual setting; 4 assumes spinning disks). At 4 the planner
// preferred reading the whole products table to a full-text index for "the first 1,001 matches"
// of a broad word, a scan four times slower (docs/decisions/021).
export const SESSION_SETTINGS = { random_page_cost: '1.1' };
