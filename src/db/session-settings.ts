// Settings every connection starts with, on both engines.

// Typo tolerance of the catalog search (`query <% title`): the default word similarity of 0.6
// misses two typos in two words ("zanzibr lantrn" scores 0.42 against "Zanzibar Brass Lantern").
export const SESSION_SETTINGS = { 'pg_trgm.word_similarity_threshold': '0.4' };
