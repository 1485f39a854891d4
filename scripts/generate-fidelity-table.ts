/** Writes docs/guides/yaml-edit-fidelity.md from the test corpus (`npx tsx scripts/generate-fidelity-table.ts`). */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { corpusFolders, measureCorpus, readCorpus, renderFidelityPage } from './fidelity-table.js';

const corpus = fileURLToPath(new URL('../test/fixtures/corpus', import.meta.url));
const target = fileURLToPath(new URL('../docs/guides/yaml-edit-fidelity.md', import.meta.url));
writeFileSync(target, renderFidelityPage(measureCorpus(readCorpus(corpus, corpusFolders))));
console.log(`wrote ${target}`);
