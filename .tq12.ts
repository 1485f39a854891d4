import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { tryFastUpdate } from './src/mutation/yaml-fast-update.js';
import { scalarPaths } from './test/unit/mutation/support/scalar-paths.js';
const text = readFileSync('test/fixtures/corpus/values/bitnami__charts__bitnami__thanos__values.yaml','utf8');
const ts = scalarPaths(parseDocument(text)).filter((p) => typeof p.value === 'string' && p.type !== 'BLOCK_LITERAL' && p.type !== 'BLOCK_FOLDED');
let n = 0;
for (const t of ts) { if (!tryFastUpdate(text, [{key: t.key, value: 'x'}])) { n++; if (n < 5) console.log(t.key, t.type, JSON.stringify(text.slice(t.range[0]-30, t.range[1]+5))); } }
console.log(n, ts.length);
