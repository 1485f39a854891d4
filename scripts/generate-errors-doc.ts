/** Writes docs/reference/errors.md from the issue-code catalog (`npm run docs:errors`). */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { issueCodeCatalog } from '../src/errors/index.js';
import { renderErrorsDoc } from './errors-doc.js';

const target = fileURLToPath(new URL('../docs/reference/errors.md', import.meta.url));
writeFileSync(target, renderErrorsDoc(issueCodeCatalog));
console.log(`wrote ${target}`);
