/** Writes docs/reference/api.md from src/index.ts and its doc comments (`npm run docs:api`). */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readApi, renderApiDoc } from './api-doc.js';

const barrel = fileURLToPath(new URL('../src/index.ts', import.meta.url));
const target = fileURLToPath(new URL('../docs/reference/api.md', import.meta.url));
const sections = readApi(barrel);
writeFileSync(target, renderApiDoc(sections));
const entries = sections.flatMap((s) => s.entries);
const undocumented = entries.filter((e) => e.summary === '').map((e) => e.name);
console.log(`wrote ${target}: ${entries.length} names in ${sections.length} sections`);
if (undocumented.length > 0) console.log(`without a doc comment (${undocumented.length}): ${undocumented.join(', ')}`);
