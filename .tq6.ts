import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { updateYaml } from './src/mutation/index.js';
const big = readFileSync('test/fixtures/corpus/values/bitnami__charts__bitnami__thanos__values.yaml','utf8');
let gen = '';
for (let i=0;i<2000;i++) gen += `svc${i}:\n  image:\n    repository: ghcr.io/acme/app${i} # c\n    tag: "1.${i}.0"\n  replicas: ${i}\n`;
function time(name: string, f: () => void, n=15){ f(); const t=performance.now(); for(let i=0;i<n;i++) f(); const d=(performance.now()-t)/n; return d;}
for (const [nm, text, key, path] of [['thanos', big, 'image.tag', ['image','tag']], ['gen', gen, 'svc1500.image.tag', ['svc1500','image','tag']]] as const) {
  const base = time('base', () => { const d = parseDocument(text); d.setIn(path as any, 'x'); String(d); });
  const ours = time('ours', () => { const r = updateYaml(text, [{key, value: 'x'}]); if (!r.ok) throw new Error(JSON.stringify(r.issues)); });
  console.log(nm, base.toFixed(1), ours.toFixed(1), (base/ours).toFixed(2));
}
