import { updateYaml } from './src/mutation/update-yaml.js';
import { readFileSync } from 'node:fs';
const d = JSON.parse(readFileSync('test/fixtures/mutation/yaml_update.json','utf8'));
let pass=0;
for (const c of d.cases) {
  const r = updateYaml(c.input, c.updates, c.document !== undefined ? { document: c.document } : undefined);
  let okk;
  if (c.expected.error !== undefined) okk = !r.ok && r.issues.map(i=>i.code).includes(c.expected.error);
  else okk = r.ok && r.value.text === c.expected.output;
  if (okk) pass++; else console.log('FAIL', c.name, JSON.stringify(r.ok ? r.value.text.slice(0,200) : r.issues));
}
console.log(pass, d.cases.length);
