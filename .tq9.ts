import { readFileSync, readdirSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import fc from 'fast-check';
import { updateYaml } from './src/mutation/index.js';
import { updateYamlOnCst } from './src/mutation/update-yaml.js';
import { fastScan } from './src/mutation/yaml-fast-scan.js';
import { scalarPaths } from './test/unit/mutation/support/scalar-paths.js';
import { anyValue } from './test/unit/mutation/support/values.js';
let fast = 0, total = 0, bad = 0;
for (const dir of ['values', 'charts', 'kustomize']) for (const f of readdirSync(`test/fixtures/corpus/${dir}`)) {
  const text = readFileSync(`test/fixtures/corpus/${dir}/${f}`, 'utf8');
  total++;
  const root = fastScan(text);
  const docs = parseAllDocuments(text) as any[];
  const valid = Array.isArray(docs) && docs.every(d => !d.errors.length);
  if (root) { fast++; if (!valid) { bad++; console.log('ACCEPTS INVALID', f); continue; } }
  if (!valid || !docs.length) continue;
  const paths = scalarPaths(docs[0]);
  for (let k = 0; k < 5 && paths.length; k++) {
    const sp = paths[Math.floor(Math.random()*paths.length)]!;
    const value = fc.sample(anyValue, 1)[0];
    const a = updateYaml(text, [{key: sp.key, value}]);
    const b = updateYamlOnCst(text, [{key: sp.key, value}]);
    if (JSON.stringify(a) !== JSON.stringify(b)) { bad++; console.log('DIFF', f, sp.key, JSON.stringify(value), JSON.stringify(a).slice(0,300), JSON.stringify(b).slice(0,300)); }
  }
}
console.log({ total, fast, bad });
