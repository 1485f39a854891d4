import { describe, expect, it } from 'vitest';
import { compileLabelSelector, compilePromotionPolicies, matchPromotionPolicy } from '../../../../src/pipeline/index.js';
import { deepFreeze, stageRes } from '../../../fixtures/pipeline/resources.js';

const config = (promotionPolicies: object[]) =>
  deepFreeze({ apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'ProjectConfig', metadata: { name: 'p', namespace: 'p' }, spec: { promotionPolicies } });
const stage = (name: string, labels?: Record<string, string>) => deepFreeze(stageRes({ name, ...(labels ? { labels } : {}) }));

describe('matchPromotionPolicy', () => {
  it('matches doublestar globs on whole names', () => {
    const c = config([{ stageSelector: { name: 'glob:prod-*' }, autoPromotionEnabled: true }]);
    expect(matchPromotionPolicy(c, stage('prod-east')).index).toBe(0);
    expect(matchPromotionPolicy(c, stage('pre-prod-east')).index).toBeNull();
  });

  it('supports patterns in the deprecated stage field too', () => {
    const c = config([{ stage: 'regex:^qa', autoPromotionEnabled: true }]);
    expect(matchPromotionPolicy(c, stage('qa-1'))).toMatchObject({ index: 0, autoPromotionEnabled: true });
  });

  it('matches label expressions with Kubernetes semantics', () => {
    const c = config([
      {
        stageSelector: {
          matchExpressions: [
            { key: 'tier', operator: 'In', values: ['prod', 'staging'] },
            { key: 'region', operator: 'NotIn', values: ['cn'] },
            { key: 'team', operator: 'Exists' },
            { key: 'frozen', operator: 'DoesNotExist' },
          ],
        },
        autoPromotionEnabled: true,
      },
    ]);
    expect(matchPromotionPolicy(c, stage('a', { tier: 'prod', team: 'x' })).index).toBe(0);
    expect(matchPromotionPolicy(c, stage('a', { tier: 'prod', team: 'x', region: 'eu' })).index).toBe(0);
    expect(matchPromotionPolicy(c, stage('a', { tier: 'prod', team: 'x', region: 'cn' })).index).toBeNull();
    expect(matchPromotionPolicy(c, stage('a', { tier: 'dev', team: 'x' })).index).toBeNull();
    expect(matchPromotionPolicy(c, stage('a', { tier: 'prod' })).index).toBeNull();
    expect(matchPromotionPolicy(c, stage('a', { tier: 'prod', team: 'x', frozen: '' })).index).toBeNull();
    expect(matchPromotionPolicy(c, stage('a')).index).toBeNull();
  });

  it('requires both the name and the labels to match', () => {
    const c = config([{ stageSelector: { name: 'prod', matchLabels: { auto: 'yes' } }, autoPromotionEnabled: true }]);
    expect(matchPromotionPolicy(c, stage('prod', { auto: 'no' })).index).toBeNull();
    expect(matchPromotionPolicy(c, stage('prod', { auto: 'yes' })).index).toBe(0);
  });

  it('compares a name with an unknown prefix literally at run time (it matches nothing)', () => {
    const c = config([{ stageSelector: { name: 'foo:bar' }, autoPromotionEnabled: true }, { stageSelector: {}, autoPromotionEnabled: false }]);
    expect(matchPromotionPolicy(c, stage('bar'))).toEqual(expect.objectContaining({ index: 1, autoPromotionEnabled: false, issues: [] }));
  });

  it('stops at an invalid pattern before any match, and reports it', () => {
    const c = config([{ stageSelector: { name: 'regex:(' }, autoPromotionEnabled: true }, { stageSelector: {}, autoPromotionEnabled: true }]);
    const r = matchPromotionPolicy(c, stage('dev'));
    expect(r).toMatchObject({ index: null, autoPromotionEnabled: false });
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([['PATTERN_INVALID_REGEX', ['spec', 'promotionPolicies', 0, 'stageSelector', 'name']]]);
  });

  it('never reaches an invalid policy after the first match', () => {
    const c = config([{ stageSelector: { name: 'dev' }, autoPromotionEnabled: true }, { stageSelector: { name: 'regex:(' } }]);
    expect(matchPromotionPolicy(c, stage('dev'))).toMatchObject({ index: 0, autoPromotionEnabled: true, issues: [] });
  });

  it('reports an invalid label operator', () => {
    const c = config([{ stageSelector: { matchExpressions: [{ key: 'a', operator: 'Like', values: ['x'] }] } }]);
    expect(matchPromotionPolicy(c, stage('dev')).issues[0]?.code).toBe('POLICY_INVALID_SELECTOR');
  });

  it('compiles once for many Stages', () => {
    const match = compilePromotionPolicies(config([{ stageSelector: { name: 'glob:*-prod' }, autoPromotionEnabled: true }]));
    expect(['eu-prod', 'us-prod', 'dev'].map((n) => match(stage(n)).autoPromotionEnabled)).toEqual([true, true, false]);
  });
});

describe('compileLabelSelector', () => {
  it('matches everything when empty', () => {
    const r = compileLabelSelector({});
    expect(r.ok && r.value(undefined) && r.value({ a: 'b' })).toBe(true);
  });
  it('rejects values on Exists and missing values on In', () => {
    expect(compileLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }).ok).toBe(false);
    expect(compileLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }).ok).toBe(false);
    expect(compileLabelSelector({ matchExpressions: [{ operator: 'Exists' }] }).ok).toBe(false);
  });
});
