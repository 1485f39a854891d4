import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { fastScan } from './src/mutation/yaml-fast-scan.js';
import { updateYaml } from './src/mutation/index.js';
import { updateYamlOnCst } from './src/mutation/update-yaml.js';
const readable = (text: string) => { const d = parseAllDocuments(text); return Array.isArray(d) && d.every(x => x.errors.length === 0); };
const unit = fc.constantFrom('\n', '  ', ' ', '- ', '-', 'a', 'b', ':', ': ', '|', '|-', '>+', '#', ' #', '"', "'", '[x]', '{}', 'k: v', '1', '01', 'yes', '\t', '\r\n', '---', '...', '?', '\\', 'ü', ',');
const key = fc.constantFrom('a', 'b', 'key', 'a.b', '0', '1', 'a.0', 'b.a', 'key.a');
fc.assert(fc.property(fc.string({ unit, maxLength: 60 }), key, fc.oneof(fc.string(), fc.integer()), (text, k, v) => {
  if (fastScan(text)) {
    if (!readable(text)) throw new Error('accepts ' + JSON.stringify(text));
    const a = updateYaml(text, [{ key: k, value: v }]); const b = updateYamlOnCst(text, [{ key: k, value: v }]);
    if (a.ok && JSON.stringify(a) !== JSON.stringify(b)) throw new Error('differs ' + JSON.stringify([text, k, v, a, b]));
  }
}), { numRuns: 200000 });
console.log('ok');
