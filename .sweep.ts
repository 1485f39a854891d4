import { readFileSync, readdirSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import fc from 'fast-check';
import { updateYaml, toJsonPatch } from './src/mutation/index.js';
import { scalarPaths, setAtPath } from './test/unit/mutation/support/scalar-paths.js';
import { anyValue } from './test/unit/mutation/support/values.js';
import jsonpatch from 'fast-json-patch';
let fails = 0, n = 0, parseMismatch = 0;
const t0 = performance.now();
for (const dir of ['values', 'charts', 'kustomize']) {
  for (const f of readdirSync(`test/fixtures/corpus/${dir}`)) {
    const text = readFileSync(`test/fixtures/corpus/${dir}/${f}`, 'utf8');
    const docs = parseAllDocuments(text);
    const bad = Array.isArray(docs) ? docs.some(d => d.errors.length) : true;
    const r0 = updateYaml(text, []);
    if (bad !== !r0.ok) { parseMismatch++; console.log('PARSE MISMATCH', f, bad, r0.ok ? '' : r0.issues[0]); continue; }
    if (bad || !Array.isArray(docs)) continue;
    docs.forEach((doc, di) => {
      const paths = scalarPaths(doc);
      if (!paths.length) return;
      const before = doc.toJS();
      for (let k = 0; k < 4; k++) {
        const sp = paths[Math.floor(Math.random() * paths.length)]!;
        const value = fc.sample(anyValue, 1)[0];
        n++;
        const r = updateYaml(text, [{ key: sp.key, value }], { document: di });
        if (!r.ok) { fails++; console.log('ERR', f, sp.key, JSON.stringify(value), r.issues[0]?.message); continue; }
        const out = r.value.text;
        const odocs = parseAllDocuments(out) as any[];
        if (odocs.some(d => d.errors.length) || odocs.length !== docs.length) { fails++; console.log('BROKEN', f, sp.key, JSON.stringify(value), odocs.find(d=>d.errors.length)?.errors[0]?.message); continue; }
        const expected = setAtPath(structuredClone(before), sp.path, value === undefined ? null : value);
        const got = odocs[di].toJS();
        const same = JSON.stringify(got) === JSON.stringify(expected) || (typeof value === 'number' && Number.isNaN(value));
        if (!same) { fails++; console.log('VALUE', f, sp.key, JSON.stringify(value), JSON.stringify(out.slice(sp.range[0]-20, sp.range[1]+40))); continue; }
        // law 2: bytes outside the span
        let p = 0; while (p < text.length && p < out.length && text[p] === out[p]) p++;
        let s = 0; while (s < text.length - p && s < out.length - p && text[text.length-1-s] === out[out.length-1-s]) s++;
        if (p < sp.range[0] - 1 && text !== out) { /* region start before token */
          const hdr = text.slice(p, sp.range[0]);
          if (!/^[|>][-+0-9]*$/.test(hdr.trim())) { fails++; console.log('SPAN', f, sp.key, JSON.stringify(value), p, sp.range); continue; }
        }
        if (text !== out && text.length - s > sp.range[1] + 1) { fails++; console.log('SPAN-END', f, sp.key, JSON.stringify(value), text.length - s, sp.range); continue; }
        // law 3
        const r2 = updateYaml(out, [{ key: sp.key, value }], { document: di });
        if ((value === null || typeof value !== 'object') && (!r2.ok || r2.value.text !== out)) { fails++; console.log('IDEMP', f, sp.key, JSON.stringify(value)); continue; }
        // patch
        const patched = jsonpatch.applyPatch(structuredClone(before), toJsonPatch(r.value.changes) as any, false, true).newDocument;
        if (JSON.stringify(patched) !== JSON.stringify(got) && !(typeof value === 'number' && Number.isNaN(value))) { fails++; console.log('PATCH', f, sp.key); }
      }
    });
  }
}
console.log({ n, fails, parseMismatch, ms: performance.now() - t0 });
