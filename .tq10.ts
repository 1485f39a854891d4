import { readFileSync } from 'node:fs';
import { fastScan } from './src/mutation/yaml-fast-scan.js';
const text = readFileSync('test/fixtures/corpus/values/bitnami__charts__bitnami__thanos__values.yaml','utf8');
// find the first line where a prefix stops being accepted
const lines = text.split('\n');
let lo = 0, hi = lines.length;
while (lo < hi) { const mid = (lo + hi) >> 1; if (fastScan(lines.slice(0, mid + 1).join('\n') + '\n')) lo = mid + 1; else hi = mid; }
console.log(lo, lines.slice(Math.max(0, lo - 3), lo + 2));
