import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coerceTemplateText, evaluateConfig, evaluateTemplate, marshalGoJSON, parseGoFloat } from '../../src/expressions/template/index.js';
import { kargoFunctions } from '../../src/expressions/kargo/index.js';

const noDelimiters = fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('${{') && !s.includes('${%'));
// JSON-like values without NaN/infinity (which JSON cannot hold).
const jsonValue = fc.jsonValue();

describe('templates (laws)', () => {
  it('a text without an opening delimiter comes back unchanged', () => {
    fc.assert(
      fc.property(noDelimiters, (text) => {
        expect(evaluateTemplate(text, {}, { coercion: 'none' })).toEqual({ ok: true, value: text, issues: [] });
        expect(evaluateTemplate(text, {})).toEqual({ ok: true, value: text, issues: [] });
      }),
    );
  });

  it('quote() always yields a string', () => {
    fc.assert(
      fc.property(jsonValue, (v) => {
        const r = evaluateTemplate('${{ quote(vars.v) }}', { vars: { v } });
        expect(r.ok).toBe(true);
        expect(typeof (r.ok ? r.value : undefined)).toBe('string');
      }),
    );
  });

  it('quote() returns a plain string as it is', () => {
    const plain = fc.string({ unit: fc.constantFrom(...'abcXYZ019 .-_:/@é世'.split('')) });
    fc.assert(
      fc.property(plain, (s) => {
        expect(evaluateTemplate('${{ quote(vars.s) }}', { vars: { s } })).toMatchObject({ ok: true, value: s });
      }),
    );
  });

  it('a non-string value written as JSON reads back as the same value', () => {
    fc.assert(
      fc.property(
        jsonValue.filter((v) => typeof v !== 'string'),
        (v) => {
          expect(coerceTemplateText(marshalGoJSON(v))).toEqual(v);
        },
      ),
    );
  });

  it('every finite double survives the number coercion', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Object.is(parseGoFloat(marshalGoJSON(x)), x)).toBe(true);
      }),
    );
  });

  it('broken templates give issues, never throws', () => {
    const pieces = fc.constantFrom('${{', '}}', '${%', '%}', ' ', 'vars', '.', 'x', '(', ')', "'", '"', '[', ']', '+', '1', 'quote', '\n', '{', '}');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 20 }), (parts) => {
        const text = parts.join('');
        const r = evaluateTemplate(text, { vars: { x: 1 } });
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.issues.length).toBeGreaterThan(0);
        const c = evaluateConfig({ a: [text] }, { vars: {} });
        if (!c.ok) expect(c.issues.every((i) => i.path[0] === 'a')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('Kargo functions (fuzz)', () => {
  const names = ['warehouse', 'commitFrom', 'imageFrom', 'chartFrom', 'artifactFrom', 'semverParse', 'semverDiff', 'status', 'failure', 'success', 'always', 'secret', 'configMap', 'freightMetadata', 'stageMetadata', 'freightStatus', 'sharedSecret', 'quote', 'unsafeQuote', 'asJSON', 'asYAML'];

  it('any arguments give a value or an issue, never a throw', () => {
    const functions = kargoFunctions({
      freightRequests: [{ origin: { kind: 'Warehouse', name: 'w' } }],
      warehouses: [{ metadata: { name: 'w' }, spec: { subscriptions: [{ image: { repoURL: 'r' } }, { git: { repoURL: 'g' } }, { chart: { repoURL: 'c', name: '' } }, { name: 'a', custom: {} }] } }],
      freight: [{ origin: { kind: 'Warehouse', name: 'w' }, images: [{ repoURL: 'r', tag: 't' }] }],
      lookups: { secret: () => ({ data: { a: 'b' } }), configMap: () => undefined, freight: () => ({ status: {} }), stage: () => undefined },
    });
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }), (name, args) => {
        const list = args.map((_, i) => `vars.a${i}`).join(', ');
        const vars = Object.fromEntries(args.map((a, i) => [`a${i}`, a]));
        const r = evaluateTemplate(`\${{ ${name}(${list}) }}`, { vars }, { functions });
        if (!r.ok) expect(r.issues.every((i) => i.code.startsWith('EXPR_'))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
