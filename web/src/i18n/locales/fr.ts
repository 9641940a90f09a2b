// Every French catalogue in one chunk, loaded only for a French reader (web/src/i18n/index.ts).
export default import.meta.glob<Record<string, unknown>>('./fr/*.json', { eager: true, import: 'default' });
