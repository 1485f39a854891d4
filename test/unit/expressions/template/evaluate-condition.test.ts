import { describe, expect, it } from 'vitest';
import { evaluateCondition } from '../../../../src/expressions/template/index.js';
import { kargoFunctions } from '../../../../src/expressions/kargo/index.js';

describe('evaluateCondition (a step if)', () => {
  it('accepts booleans, including coerced text', () => {
    expect(evaluateCondition('${{ true }}', {})).toEqual({ ok: true, value: true, issues: [] });
    expect(evaluateCondition("${{ 'true' }}", {})).toMatchObject({ ok: true, value: true });
    expect(evaluateCondition("${{ 'F' }}", {})).toMatchObject({ ok: true, value: false });
    expect(evaluateCondition('${{ vars.n > 2 }}', { vars: { n: 3 } })).toMatchObject({ ok: true, value: true });
  });

  it('rejects everything else with the Go type name', () => {
    expect(evaluateCondition('true', {})).toMatchObject({ ok: false, issues: [{ code: 'EXPR_RUNTIME', message: 'expression must evaluate to a boolean, got string' }] });
    expect(evaluateCondition('${{ 1 }}', {})).toMatchObject({ ok: false, issues: [{ message: 'expression must evaluate to a boolean, got float64' }] });
    expect(evaluateCondition('${{ nil }}', {})).toMatchObject({ ok: false, issues: [{ message: 'expression must evaluate to a boolean, got <nil>' }] });
  });

  it('runs status functions', () => {
    const functions = kargoFunctions({ stepMetas: [{ alias: 'build', status: 'Failed' }], currentStepAlias: 'notify' });
    expect(evaluateCondition("${{ failure() && status('build') == 'Failed' }}", {}, { functions })).toMatchObject({ ok: true, value: true });
    expect(evaluateCondition('${{ success() }}', {}, { functions })).toMatchObject({ ok: true, value: false });
  });
});
