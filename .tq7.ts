import { Parser, Composer, parseDocument } from 'yaml';
import { readYamlSource } from './src/mutation/yaml-source.js';
import { updateYaml } from './src/mutation/index.js';
let gen = '';
for (let i=0;i<2000;i++) gen += `svc${i}:\n  image:\n    repository: ghcr.io/acme/app${i} # c\n    tag: "1.${i}.0"\n  replicas: ${i}\n`;
function time(name: string, f: () => void, n=10){ f(); const t=performance.now(); for(let i=0;i<n;i++) f(); const d=(performance.now()-t)/n; console.log(name, d.toFixed(1)); }
time('parser', () => Array.from(new Parser().parse(gen)));
const toks = Array.from(new Parser().parse(gen));
time('composer', () => Array.from(new Composer().compose(toks, true, gen.length)));
time('readYamlSource', () => readYamlSource(gen));
time('update', () => updateYaml(gen, [{key:'svc1500.image.tag', value:'x'}]));
time('parseDocument', () => parseDocument(gen));
time('base', () => { const d = parseDocument(gen); d.setIn(['svc1500','image','tag'], 'x'); String(d); });
