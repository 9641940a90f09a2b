// Statements that PostgreSQL keeps prepared on each connection, by their exact SQL text: the hot
// reads whose shape never changes (the product page). A statement named here is parsed once per
// connection instead of on every call, and its plan is cached like any prepared statement's. On
// PGlite there is nothing to do: its statements are the functions' own, whose plans PL/pgSQL keeps.
const named = new Map<string, string>();

/** Marks `text` as a statement to keep prepared; returns it, so the call reads as a constant. */
export function preparedStatement(name: string, text: string): string {
  const existing = named.get(text);
  if (existing !== undefined && existing !== name) throw new Error(`statement already prepared as ${existing}`);
  named.set(text, name);
  return text;
}

/** The name a statement is prepared under, if it is one of them. */
export const preparedName = (text: string): string | undefined => named.get(text);
