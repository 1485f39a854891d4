import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, parse, parseDocument } from 'yaml';
import { kustomizeHash, printKustomizeYaml, sortKustomizeKeys } from '../../src/kustomize/index.js';

const key = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('yes', 'no', 'on', '80', '1.5', 'null', '~', 'a: b', '#x', '- x', '0x1F', '2024-01-01', 'a10', 'a9', 'A'));
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom('true', 'Yes', 'off', 'y', 'N', '', ' ', '0755', '1e3', '.5', '+1', '-', '---', '...', 'a\tb', 'line\nline', 'x\n', '\nx', 'x\n\n', ' lead', 'trail ', "it's", '"q"', '12:30:00', '1_000'),
  fc.array(fc.constantFrom('word', 'a', 'longerword', ' ', '\n', ':', '#', "'"), { maxLength: 60 }).map((parts) => parts.join('')),
);
const scalar = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null), fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => (Object.is(d, -0) ? 0 : d)));
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, tie('array'), tie('map')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  map: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
}));
const document = fc.dictionary(key, value, { maxKeys: 6 });

// A strict YAML 1.1 reader's float pattern also takes texts like `.`, `1.2.3` or `E0`, which
// go-yaml (and so kustomize) leaves plain; the two disagree there, so the 1.1 check skips them.
const YAML11_FLOAT_QUIRK = /^[-+]?[0-9_.]*([eE][-+]?[0-9]+)?$/;
function hasYaml11Quirk(v: unknown): boolean {
  if (typeof v === 'string') return YAML11_FLOAT_QUIRK.test(v);
  if (Array.isArray(v)) return v.some(hasYaml11Quirk);
  if (v !== null && typeof v === 'object') return Object.entries(v).some(([k, x]) => hasYaml11Quirk(k) || hasYaml11Quirk(x));
  return false;
}

describe('printKustomizeYaml laws', () => {
  it('reads back as the same value, for YAML 1.1 and YAML 1.2 readers', () => {
    fc.assert(
      fc.property(document, (doc) => {
        const printed = printKustomizeYaml(doc);
        expect(parse(printed, { version: '1.2', uniqueKeys: false })).toEqual(doc);
        if (!hasYaml11Quirk(doc)) expect(parse(printed, { version: '1.1', uniqueKeys: false })).toEqual(doc);
      }),
      { numRuns: 400 },
    );
  });

  it('writes map keys in sortKustomizeKeys order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }).filter((k) => !/[\s:#'"\\\[\]{},&*!|>%@`?-]/.test(k)), fc.constant(1), { maxKeys: 8 }), (map) => {
        const printed = printKustomizeYaml(map);
        // Read the keys in document order (a JS object would put integer-like keys first).
        const contents = parseDocument(printed).contents;
        const keys = isMap(contents) ? contents.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')) : [];
        expect(keys).toEqual(sortKustomizeKeys(Object.keys(map)));
      }),
    );
  });

  it('never writes a line ending in a space, and ends with exactly one newline unless a kept block asks for more', () => {
    fc.assert(
      fc.property(document, (doc) => {
        const printed = printKustomizeYaml(doc);
        expect(printed.endsWith('\n')).toBe(true);
        for (const line of printed.split('\n')) expect(line).not.toMatch(/[ ]$/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('sortKustomizeKeys laws', () => {
  it('is a permutation that does not depend on the input order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 6 }), { maxLength: 10 }), fc.integer(), (keys, seed) => {
        const sorted = sortKustomizeKeys(keys);
        expect([...sorted].sort()).toEqual([...keys].sort());
        const shuffled = [...keys].sort((a, b) => ((a.length * 31 + seed) % 7) - ((b.length * 31 + seed) % 7));
        expect(sortKustomizeKeys(shuffled)).toEqual(sorted);
        expect(sortKustomizeKeys(sorted)).toEqual(sorted);
      }),
    );
  });
});

describe('kustomizeHash laws', () => {
  it('is ten characters of its alphabet, and ignores key order and the name', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 20 }), { maxKeys: 6 }), fc.string(), fc.constantFrom('ConfigMap', 'Secret'), (data, name, kind) => {
        const a = kustomizeHash({ apiVersion: 'v1', kind, metadata: { name }, data });
        const reversed = Object.fromEntries(Object.entries(data).reverse());
        expect(a).toMatch(/^[245-9bcdfghkmt]{10}$/);
        expect(kustomizeHash({ kind, apiVersion: 'v1', data: reversed, metadata: { name: `${name}x` } })).toBe(a);
      }),
    );
  });
});
