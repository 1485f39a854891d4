import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseAllDocuments, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { updateYaml } from '../../src/mutation/index.js';
import { updateYamlOnCst } from '../../src/mutation/update-yaml.js';
import { fastScan } from '../../src/mutation/yaml-fast-scan.js';
import { scalarPaths } from '../unit/mutation/support/scalar-paths.js';
import { anyValue } from '../unit/mutation/support/values.js';

const readable = (text: string): boolean => {
  const docs = parseAllDocuments(text);
  return Array.isArray(docs) && docs.every((d) => d.errors.length === 0);
};

const corpus = ['values', 'charts', 'kustomize'].flatMap((folder) => {
  const dir = new URL(`../fixtures/corpus/${folder}/`, import.meta.url);
  return readdirSync(dir)
    .sort()
    .map((name) => ({ name: `${folder}/${name}`, text: readFileSync(new URL(name, dir), 'utf8') }));
});

// The line scanner is only a shortcut: wherever it answers, the answer must be the full parser's.
describe('the fast path of updateYaml agrees with the full parser', () => {
  it('accepts only corpus files the yaml reader accepts, and edits them identically', () => {
    let accepted = 0;
    for (const file of corpus) {
      if (!fastScan(file.text)) continue;
      accepted++;
      expect(readable(file.text), file.name).toBe(true);
      const docs = parseAllDocuments(file.text);
      const targets = Array.isArray(docs) && docs[0] ? scalarPaths(docs[0]) : [];
      const updates = fc.sample(fc.tuple(fc.nat(), anyValue), { numRuns: 3, seed: file.name.length }).flatMap(([k, value]) => {
        const t = targets[k % Math.max(targets.length, 1)];
        return t ? [{ key: t.key, value }] : [];
      });
      for (const u of updates) expect(updateYaml(file.text, [u]), `${file.name} ${u.key}`).toEqual(updateYamlOnCst(file.text, [u]));
      expect(updateYaml(file.text, updates)).toEqual(updateYamlOnCst(file.text, updates));
    }
    expect(accepted).toBeGreaterThan(corpus.length / 2);
  });

  it('agrees on generated block documents', () => {
    const leaf = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('yes', '1.10', 'a: b', "it's", 'x # y'));
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, tie('map'), tie('list')),
      map: fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }).filter((k) => k !== '__proto__'), tie('node'), { minKeys: 1, maxKeys: 4 }),
      list: fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
    })).map;
    fc.assert(
      fc.property(tree, fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'), fc.boolean(), fc.nat(), anyValue, (data, style, crlf, k, value) => {
        let text = stringify(data, { defaultStringType: style as 'PLAIN', collectionStyle: 'block', indentSeq: k % 2 === 0 });
        if (crlf) text = text.replace(/\n/g, '\r\n');
        if (fastScan(text)) expect(readable(text)).toBe(true);
        const docs = parseAllDocuments(text);
        if (!Array.isArray(docs) || !docs[0]) return;
        const target = scalarPaths(docs[0])[k % 7];
        if (target) expect(updateYaml(text, [{ key: target.key, value }])).toEqual(updateYamlOnCst(text, [{ key: target.key, value }]));
      }),
      { numRuns: 300 },
    );
  });

  it('never accepts text the yaml reader refuses', () => {
    const unit = fc.constantFrom(...'ab: -#\n[]{},"\'|>&*!?%@`~.01\t\\'.split(''), 'key: ', '\n  ', '\n- ', ': x\n');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (text) => {
        if (fastScan(text)) expect(readable(text), JSON.stringify(text)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
