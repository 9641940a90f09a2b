// Settings every connection starts with, on both engines. (None at the moment: the catalog's
// trigram threshold went with the typo search that used it, docs/decisions/021.)
export const SESSION_SETTINGS: Record<string, string> = {};
