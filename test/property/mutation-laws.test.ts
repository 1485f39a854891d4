import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseAllDocuments, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { updateYaml } from '../../src/mutation/index.js';
import { checkScalarUpdateLaws, parseDocs } from '../unit/mutation/support/laws.js';
import { scalarPaths } from '../unit/mutation/support/scalar-paths.js';
import { anyValue } from '../unit/mutation/support/values.js';

const corpusDir = new URL('../fixtures/corpus/', import.meta.url);

function corpusFiles(folder: string): { name: string; text: string }[] {
  const dir = new URL(`${folder}/`, corpusDir);
  return readdirSync(dir)
    .sort()
    .map((name) => ({ name, text: readFileSync(new URL(name, dir), 'utf8') }));
}

/** A seed per file, so every run checks the same sample and failures reproduce. */
function seedOf(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return h | 0;
}

describe.each(['values', 'charts', 'kustomize'])('laws of updateYaml over corpus/%s', (folder) => {
  const runs = folder === 'values' ? 1 : 2;
  it.each(corpusFiles(folder).map((f) => [f.name, f] as const))('%s', (_name, file) => {
    const docs = parseAllDocuments(file.text);
    const broken = !Array.isArray(docs) || docs.some((d) => d.errors.length > 0);
    const probe = updateYaml(file.text, []);
    // What the `yaml` reader rejects, updateYaml rejects too, and the other way round.
    expect(probe.ok).toBe(!broken);
    if (broken || !Array.isArray(docs)) return;
    const data = parseDocs(file.text);
    const targets = docs.map((d) => scalarPaths(d));
    const docsWithTargets = targets.flatMap((t, i) => (t.length > 0 ? [i] : []));
    if (docsWithTargets.length === 0) return;
    fc.assert(
      fc.property(fc.nat(), fc.nat(), anyValue, (d, k, value) => {
        const docIndex = docsWithTargets[d % docsWithTargets.length] as number;
        const list = targets[docIndex] ?? [];
        const target = list[k % list.length];
        if (target) checkScalarUpdateLaws(file.text, data, docIndex, target, value);
      }),
      { numRuns: runs, seed: seedOf(file.name) },
    );
  });
});

// Generated documents in every layout the `yaml` writer offers, with CRLF and missing final newlines.
const leaf = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null), fc.double({ noNaN: true }));
const tree = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('map'), tie('list')),
  map: fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }).filter((k) => k !== '__proto__' && k.trim() === k), tie('node'), { minKeys: 1, maxKeys: 4 }),
  list: fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
})).map;

const layout = fc.record({
  defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
  collectionStyle: fc.constantFrom('any', 'block', 'flow'),
  indent: fc.integer({ min: 2, max: 4 }),
  indentSeq: fc.boolean(),
  crlf: fc.boolean(),
  finalNewline: fc.boolean(),
  comments: fc.boolean(),
});

describe('laws of updateYaml over generated documents', () => {
  it('holds for random scalar paths and values of every type', () => {
    fc.assert(
      fc.property(tree, layout, fc.nat(), anyValue, (data, opts, k, value) => {
        let text = stringify(data, {
          defaultStringType: opts.defaultStringType as 'PLAIN',
          defaultKeyType: 'PLAIN',
          collectionStyle: opts.collectionStyle as 'any',
          indent: opts.indent,
          indentSeq: opts.indentSeq,
        });
        if (opts.comments) text = text.replace(/\n/g, ' # note\n').replace(/\| # note\n|> # note\n|\|- # note\n|>- # note\n|\|\+ # note\n|>\+ # note\n/g, (m) => m.replace(' # note', ''));
        if (!opts.finalNewline) text = text.replace(/\n$/, '');
        if (opts.crlf) text = text.replace(/\n/g, '\r\n');
        const docs = parseAllDocuments(text);
        if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return;
        const targets = scalarPaths(docs[0] as (typeof docs)[number]);
        const target = targets[k % Math.max(targets.length, 1)];
        if (target) checkScalarUpdateLaws(text, parseDocs(text), 0, target, value);
      }),
      { numRuns: 300 },
    );
  });
});
