import { describe, expect, it } from 'vitest';
import { evaluateConfig } from '../../../../src/expressions/template/index.js';

describe('evaluateConfig', () => {
  it('evaluates string values at any depth and leaves keys and other values alone', () => {
    const config = { '${{ vars.k }}': '${{ vars.k }}', list: ['${{ vars.n }}', 'n=${{ vars.n }}', 5, true, null], nested: { deep: ['${{ quote(vars.n) }}'] } };
    const before = JSON.stringify(config);
    expect(evaluateConfig(config, { vars: { k: 'key', n: 3 } })).toEqual({
      ok: true,
      value: { '${{ vars.k }}': 'key', list: [3, 'n=3', 5, true, null], nested: { deep: ['3'] } },
      issues: [],
    });
    expect(JSON.stringify(config)).toBe(before);
  });

  it('rejects reserved env keys', () => {
    for (const key of ['quote', 'asYAML', 'asJSON']) {
      const r = evaluateConfig({ a: '${{ 1 }}' }, { [key]: 'x' });
      expect(r.ok ? undefined : r.issues[0]).toMatchObject({
        code: 'EXPR_FORBIDDEN_ENV_KEY',
        message: `"${key}" is a forbidden key in the environment map; it is reserved for internal use`,
      });
    }
  });

  it('reports every failing value with its path', () => {
    const r = evaluateConfig({ a: '${{ vars.x.y }}', b: ['ok', '${{ 1 +  }}'], c: '${{ "NaN" }}' }, { vars: {} });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ['EXPR_RUNTIME', ['a']],
      ['EXPR_SYNTAX', ['b', 1]],
      ['EXPR_TEMPLATE_RESULT', ['c']],
    ]);
  });

  it('prefixes paths given in the options', () => {
    const r = evaluateConfig({ a: '${{' }, {}, { path: ['steps', 2, 'config'] });
    expect(r.ok ? undefined : r.issues[0]?.path).toEqual(['steps', 2, 'config', 'a']);
  });
});
