import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { setKustomizeImages, updateChartDependencies, updateJson, updateYaml } from '../../src/mutation/index.js';
import { anyValue } from '../unit/mutation/support/values.js';

const yamlish = fc.string({ unit: fc.constantFrom(...'ab: -#\n\t[]{},"\'|>&*!?%@`~.0123\r\\'.split('')), maxLength: 60 });
const keyish = fc.string({ unit: fc.constantFrom(...'ab0.:\\-1 '.split('')), maxLength: 8 });

describe('updateYaml on broken input', () => {
  it('answers with issues or a parsable text, never a throw', () => {
    fc.assert(
      fc.property(yamlish, keyish, anyValue, fc.boolean(), (text, key, value, create) => {
        const r = updateYaml(text, [{ key, value }], { create });
        const docs = parseAllDocuments(text);
        const readable = Array.isArray(docs) && docs.every((d) => d.errors.length === 0);
        if (!readable) expect(r.ok).toBe(false);
        if (r.ok) {
          const out = parseAllDocuments(r.value.text);
          expect(Array.isArray(out) && out.every((d) => d.errors.length === 0)).toBe(true);
        } else {
          expect(r.issues.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('answers an alias bomb without expanding it', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const bomb = levels.join('\n') + '\nversion: 1\n';
    const started = performance.now();
    const through = updateYaml(bomb, [{ key: 'l.0.0', value: 'x' }]);
    expect(!through.ok && through.issues[0]?.code).toBe('YAML_KEY_NOT_FOUND');
    const ok = updateYaml(bomb, [{ key: 'version', value: 2 }]);
    expect(ok.ok && ok.value.text.endsWith('version: 2\n')).toBe(true);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('refuses tabs used as indentation and duplicate keys', () => {
    for (const text of ['a:\n\tb: 1\n', 'a: 1\na: 2\n']) {
      const r = updateYaml(text, [{ key: 'a', value: 1 }]);
      expect(!r.ok && r.issues[0]?.code).toBe('YAML_PARSE');
    }
  });

  it('works on text that is not valid UTF-16 (lone surrogates, replacement characters)', () => {
    const text = 'a: "\uD800"\nb: \uFFFD\uDC00x\n';
    const r = updateYaml(text, [{ key: 'b', value: '\uDBFF' }]);
    if (r.ok) expect(r.value.text.startsWith('a: "\uD800"\nb: ')).toBe(true);
    else expect(r.issues.length).toBeGreaterThan(0);
  });

  it('edits a 10 MB file', () => {
    const chunk = 'svc:\n  image:\n    repository: ghcr.io/acme/app # the app\n    tag: "1.0.0"\n  replicas: 3\n';
    const count = Math.ceil((10 * 1024 * 1024) / chunk.length);
    const text = Array.from({ length: count }, (_, i) => chunk.replace('svc', `svc${i}`)).join('');
    const r = updateYaml(text, [{ key: `svc${count - 1}.image.tag`, value: '2.0.0' }]);
    expect(r.ok && r.value.text.length).toBe(text.length);
    expect(r.ok && r.value.text.endsWith('    tag: "2.0.0"\n  replicas: 3\n')).toBe(true);
    // An anchor takes the file off the line-scan shortcut: the full parser must cope with the size too.
    const anchored = 'base: &base 1\n' + text;
    const full = updateYaml(anchored, [{ key: 'svc0.replicas', value: 4 }]);
    expect(full.ok && full.value.changes).toEqual([expect.objectContaining({ path: ['svc0', 'replicas'], from: 3, value: 4 })]);
  });
});

describe('updateJson on broken input', () => {
  const jsonish = fc.string({ unit: fc.constantFrom(...'{}[]:,"ab01-.e \n\\tnulfrs'.split('')), maxLength: 40 });
  it('answers with issues or valid JSON, never a throw', () => {
    fc.assert(
      fc.property(fc.oneof(jsonish, fc.json()), keyish, anyValue, (text, key, value) => {
        const r = updateJson(text, [{ key, value }]);
        if (r.ok) expect(() => JSON.parse(r.value.text) as unknown).not.toThrow();
        else expect(r.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 1500 },
    );
  });
  it('sets values in valid JSON: the parsed output is the input with the update applied', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }).filter((k) => !/[.\\:]/.test(k) && k !== '__proto__'), fc.jsonValue(), { minKeys: 1 }), fc.nat(), fc.oneof(fc.string(), fc.integer(), fc.boolean()), fc.boolean(), (data, k, value, pretty) => {
        const keys = Object.keys(data);
        const key = keys[k % keys.length] as string;
        const text = JSON.stringify(data, null, pretty ? 2 : undefined);
        const r = updateJson(text, [{ key, value }]);
        expect(r.ok).toBe(true);
        if (r.ok) expect(JSON.parse(r.value.text)).toEqual({ ...(JSON.parse(text) as object), [key]: value });
      }),
      { numRuns: 300 },
    );
  });
  it('refuses nesting too deep to scan safely', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const r = updateJson(deep, [{ key: '0', value: 1 }]);
    expect(!r.ok && r.issues[0]?.code).toBe('JSON_PARSE');
  });
});

describe('kustomization and Chart.yaml edits on broken input', () => {
  it('never throw', () => {
    fc.assert(
      fc.property(yamlish, fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), (text, image, tag) => {
        const k = setKustomizeImages(text, [{ image, tag }]);
        const c = updateChartDependencies(text, [{ name: image, repository: 'r', version: tag }]);
        for (const r of [k, c]) if (!r.ok) expect(r.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});
