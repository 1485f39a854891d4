import { describe, expect, it } from 'vitest';
import { evaluateTemplate } from '../../../../src/expressions/template/index.js';
import { kargoFunctions } from '../../../../src/expressions/kargo/index.js';
import type { ExprFunction } from '../../../../src/expressions/functions.js';

const env = { vars: { tag: '1.10', n: 42, s: 'nginx', m: { b: 2, a: 1 }, l: [1, 'x'], flag: 'T', html: '<b>&' } };

describe('evaluateTemplate', () => {
  it('returns text without delimiters unchanged, as a string', () => {
    expect(evaluateTemplate('42', env)).toEqual({ ok: true, value: '42', issues: [] });
    expect(evaluateTemplate('{{ not a template }}', env)).toMatchObject({ ok: true, value: '{{ not a template }}' });
  });

  it('re-types the result under the default coercion', () => {
    expect(evaluateTemplate('${{ vars.tag }}', env)).toMatchObject({ ok: true, value: 1.1 });
    expect(evaluateTemplate('${{ vars.flag }}', env)).toMatchObject({ ok: true, value: true });
    expect(evaluateTemplate('${{ vars.n }}', env)).toMatchObject({ ok: true, value: 42 });
    expect(evaluateTemplate('${{ vars.m }}', env)).toMatchObject({ ok: true, value: { a: 1, b: 2 } });
    expect(evaluateTemplate('${{ vars.missing }}', env)).toMatchObject({ ok: true, value: null });
    expect(evaluateTemplate('${{ 1 }}.${{ 5 }}', env)).toMatchObject({ ok: true, value: 1.5 });
  });

  it('keeps strings with quote()', () => {
    expect(evaluateTemplate('${{ quote(vars.tag) }}', env)).toMatchObject({ ok: true, value: '1.10' });
    expect(evaluateTemplate('${{ quote(vars.n) }}', env)).toMatchObject({ ok: true, value: '42' });
    expect(evaluateTemplate('${{ quote(nil) }}', env)).toMatchObject({ ok: true, value: 'null' });
    expect(evaluateTemplate("${{ quote({'foo': 'bar'}) }}", env)).toMatchObject({ ok: true, value: '{"foo":"bar"}' });
    expect(evaluateTemplate(`\${{ quote('a"b') }}`, env)).toMatchObject({ ok: true, value: 'a\\"b' });
    expect(evaluateTemplate("${{ unsafeQuote('x') }}", env)).toMatchObject({ ok: true, value: '"x"' });
  });

  it('writes non-string results into text as Go JSON', () => {
    expect(evaluateTemplate('cfg=${{ vars.m }}', env)).toMatchObject({ ok: true, value: 'cfg={"a":1,"b":2}' });
    expect(evaluateTemplate('x=${{ [vars.html] }}', env)).toMatchObject({ ok: true, value: 'x=["\\u003cb\\u003e\\u0026"]' });
    expect(evaluateTemplate('v${{ vars.n }}', env)).toMatchObject({ ok: true, value: 'v42' });
    expect(evaluateTemplate('${{ vars.s }}:${{ vars.tag }}', env)).toMatchObject({ ok: true, value: 'nginx:1.10' });
  });

  it('keeps the text of YAML block values', () => {
    expect(evaluateTemplate('${{ 42 }}\n', env)).toMatchObject({ ok: true, value: 42 });
    expect(evaluateTemplate('${{ quote(42) }}\n', env)).toMatchObject({ ok: true, value: '42\n' });
    expect(evaluateTemplate("${{ quote({'foo': 'bar'}) }}\n", env)).toMatchObject({ ok: true, value: '{"foo":"bar"}\n' });
  });

  it('formats with asJSON and asYAML', () => {
    expect(evaluateTemplate("${{ asJSON({'foo': 'bar', 'count': 2}) }}", env)).toMatchObject({ ok: true, value: '{\n  "count": 2,\n  "foo": "bar"\n}\n' });
    expect(evaluateTemplate("${{ asYAML(['one', 'two']) }}", env)).toMatchObject({ ok: true, value: '- one\n- two\n' });
    expect(evaluateTemplate("${{ asYAML({'foo': 'bar', 'count': 2}) }}", env)).toMatchObject({ ok: true, value: 'count: 2\nfoo: bar\n' });
  });

  it('supports ${% %} and mixed delimiters', () => {
    expect(evaluateTemplate("${% '{{.domain}}' %}", env)).toMatchObject({ ok: true, value: '{{.domain}}' });
    expect(evaluateTemplate("foo ${{ vars.s }} and ${% 'bar' %}", env)).toMatchObject({ ok: true, value: 'foo nginx and bar' });
  });

  it('keeps a lone expression value with coercion none', () => {
    expect(evaluateTemplate('${{ vars.tag }}', env, { coercion: 'none' })).toMatchObject({ ok: true, value: '1.10' });
    expect(evaluateTemplate('${{ 7 }}', env, { coercion: 'none' })).toMatchObject({ ok: true, value: 7 });
    expect(evaluateTemplate('${{ 9223372036854775807 }}', env, { coercion: 'none' })).toMatchObject({ ok: true, value: 9223372036854775807n });
    expect(evaluateTemplate('${{ 1 }}.${{ 5 }}', env, { coercion: 'none' })).toMatchObject({ ok: true, value: '1.5' });
    expect(evaluateTemplate('${{ vars.l }}', env, { coercion: 'none' })).toMatchObject({ ok: true, value: [1, 'x'] });
  });

  it('reports an unclosed expression at its opener', () => {
    const r = evaluateTemplate('abc ${{ vars.a ', env, { path: ['config', 'value'] });
    expect(r).toEqual({
      ok: false,
      issues: [
        {
          code: 'EXPR_TEMPLATE_UNCLOSED',
          message: 'unclosed expression: expected "}}" but reached end of template',
          path: ['config', 'value'],
          severity: 'error',
          line: 1,
          column: 5,
          endLine: 1,
          endColumn: 8,
        },
      ],
    });
  });

  it('points syntax and runtime errors at the column inside the template', () => {
    const syntax = evaluateTemplate('image: ${{ vars.s + }}', env);
    expect(syntax.ok).toBe(false);
    expect(syntax.ok ? undefined : syntax.issues[0]).toMatchObject({ code: 'EXPR_SYNTAX', line: 1 });
    expect(syntax.ok ? 0 : (syntax.issues[0]?.column ?? 0)).toBeGreaterThan(11);

    const runtime = evaluateTemplate('x\n  ${{ vars.missing.deeper }}', env);
    expect(runtime.ok ? undefined : runtime.issues[0]).toMatchObject({ code: 'EXPR_RUNTIME', line: 2 });
    expect(runtime.ok ? 0 : (runtime.issues[0]?.column ?? 0)).toBeGreaterThan(5);
  });

  it('refuses results that JSON cannot hold', () => {
    const r = evaluateTemplate('${{ 1 / 0 }}', env);
    expect(r.ok ? undefined : r.issues[0]).toMatchObject({ code: 'EXPR_TEMPLATE_RESULT', message: 'json: unsupported value: +Inf', column: 1 });
  });

  it('has Kargo functions without a context and takes caller functions', () => {
    expect(evaluateTemplate("${{ warehouse('w1') }}", {})).toMatchObject({ ok: true, value: { kind: 'Warehouse', name: 'w1' } });
    expect(evaluateTemplate("${{ semverDiff('1.0.0', '1.1.0') }}", {})).toMatchObject({ ok: true, value: 'Minor' });
    expect(evaluateTemplate("${{ semverParse('v1.2.3').IncMinor().String() }}", {})).toMatchObject({ ok: true, value: '1.3.0' });
    const twice: ExprFunction = { name: 'twice', call: ([v]) => (typeof v === 'bigint' ? v * 2n : null) };
    expect(evaluateTemplate('${{ twice(21) }}', {}, { functions: { twice } })).toMatchObject({ ok: true, value: 42 });
    expect(evaluateTemplate('${{ failure() }}', {}, { functions: kargoFunctions({ stepMetas: [{ alias: 'a', status: 'Errored' }] }) })).toMatchObject({
      ok: true,
      value: true,
    });
  });

  it('does not let callers replace quote()', () => {
    const fake: ExprFunction = { name: 'quote', call: () => 'fake' };
    expect(evaluateTemplate('${{ quote(1) }}', {}, { functions: { quote: fake } })).toMatchObject({ ok: true, value: '1' });
  });

  it('reads field names of Kargo objects as Go names', () => {
    const functions = kargoFunctions({
      freightRequests: [{ origin: { kind: 'Warehouse', name: 'w' } }],
      warehouses: [{ metadata: { name: 'w' }, spec: { subscriptions: [{ image: { repoURL: 'ghcr.io/a/b' } }] } }],
      freight: [{ origin: { kind: 'Warehouse', name: 'w' }, images: [{ repoURL: 'ghcr.io/a/b', tag: '1.10', digest: 'sha256:x' }] }],
    });
    expect(evaluateTemplate("${{ imageFrom('ghcr.io/a/b').Tag }}", {}, { functions })).toMatchObject({ ok: true, value: 1.1 });
    expect(evaluateTemplate("${{ quote(imageFrom('ghcr.io/a/b').Tag) }}", {}, { functions })).toMatchObject({ ok: true, value: '1.10' });
    expect(evaluateTemplate("${{ imageFrom('ghcr.io/a/b') }}", {}, { functions })).toMatchObject({
      ok: true,
      value: { repoURL: 'ghcr.io/a/b', tag: '1.10', digest: 'sha256:x' },
    });
    expect(evaluateTemplate("${{ imageFrom('ghcr.io/a/b', warehouse('w')).Digest }}", {}, { functions })).toMatchObject({ ok: true, value: 'sha256:x' });
    expect(evaluateTemplate("${{ imageFrom('ghcr.io/none') }}", {}, { functions })).toMatchObject({ ok: true, value: null });
  });

  it('ends an expression at the first }} even inside a map literal', () => {
    expect(evaluateTemplate("${{ asYAML({'a': {'b': 1}}) }}", env)).toMatchObject({ ok: false, issues: [{ code: 'EXPR_SYNTAX' }] });
    expect(evaluateTemplate("${% asYAML({'a': {'b': 1}}) %}", env)).toMatchObject({ ok: true, value: 'a:\n    b: 1\n' });
  });

  it('compares versions with methods only, as Kargo does', () => {
    expect(evaluateTemplate("${{ semverParse('1.2.3').LessThan(semverParse('1.10.0')) }}", {})).toMatchObject({ ok: true, value: true });
    expect(evaluateTemplate("${{ semverParse('1.2.3') == semverParse('1.2.3') }}", {})).toMatchObject({ ok: true, value: true });
    expect(evaluateTemplate("${{ semverParse('1.2.3') < semverParse('1.3.0') }}", {})).toMatchObject({ ok: false, issues: [{ code: 'EXPR_RUNTIME' }] });
  });

  it('uses the given time for now()', () => {
    expect(evaluateTemplate("${{ now().Year() }}", {}, { now: '2030-05-01T00:00:00Z' })).toMatchObject({ ok: true, value: 2030 });
    expect(evaluateTemplate('${{ now() }}', {}).ok).toBe(false);
  });
});

describe('evaluateTemplate default functions', () => {
  it('has no status functions unless they are passed', () => {
    expect(evaluateTemplate('${{ always() }}', {}).ok).toBe(false);
    expect(evaluateTemplate('${{ always() }}', {}, { functions: kargoFunctions() })).toMatchObject({ ok: true, value: true });
    expect(evaluateTemplate('${{ success() }}', {}, { functions: kargoFunctions({}, { status: false }) }).ok).toBe(false);
  });
});
