import { updateJson } from './src/mutation/update-json.js';
import { readFileSync } from 'node:fs';
const d = JSON.parse(readFileSync('test/fixtures/mutation/json_update.json','utf8'));
for (const c of d.cases) {
  const r = updateJson(c.input, c.updates);
  const okk = c.expected.output !== undefined ? r.ok && r.value.text === c.expected.output : !r.ok;
  console.log(okk ? 'ok  ' : 'FAIL', c.name, JSON.stringify(r.ok ? r.value : r.issues.map(i=>i.code)));
}
const t = (text: string, ups: any[]) => { const r = updateJson(text, ups); console.log(JSON.stringify(r.ok ? r.value.text : r.issues)); };
t('{\n  "a": {\n    "b": 1\n  },\n  "l": [\n    1\n  ]\n}\n', [{key:'a.c', value:'x'},{key:'a.d.e', value:true},{key:'l.3', value:2},{key:'n.0.k', value:1}]);
t('', [{key:'a.b', value:1}]);
t('{"a":1}', [{key:'a.b', value:1}]);
t('{"a":', [{key:'a', value:1}]);
