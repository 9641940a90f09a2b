// postinstall: prepares PGlite's initdb template so the first `npm start` is fast.
import { prepareInitdbTemplate, INITDB_TEMPLATE } from '../src/db/pglite-template.ts';

const made = await prepareInitdbTemplate();
console.log(made ? `souk: prepared ${INITDB_TEMPLATE}` : 'souk: PGlite template already prepared');
