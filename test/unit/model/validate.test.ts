import { describe, expect, it } from 'vitest';
import { isKargoResource, validateProjectConfig, validatePromotionSteps, validateResource, validateStage } from '../../../src/model/index.js';

const stage = (spec: Record<string, unknown>) => ({ apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Stage', metadata: { name: 'test', namespace: 'demo' }, spec });
const request = (name: string, sources: Record<string, unknown>) => ({ origin: { kind: 'Warehouse', name }, sources });
const config = (policies: unknown[], name = 'demo') => ({ apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'ProjectConfig', metadata: { name, namespace: 'demo' }, spec: { promotionPolicies: policies } });
const codes = (issues: readonly { code: string }[]) => issues.map((i) => i.code);

describe('validateStage', () => {
  it('accepts what Kargo accepts: cycles, unknown upstreams, sources without direct or stages', () => {
    expect(validateStage(stage({ requestedFreight: [request('wh', { stages: ['test'] })] }))).toEqual([]);
    expect(validateStage(stage({ requestedFreight: [request('wh', {})] }))).toEqual([]);
    expect(validateStage(stage({ requestedFreight: [request('wh', { direct: true, stages: ['x', 'x'] })] }))).toEqual([]);
  });

  it('requires at least one Freight request with an origin and sources', () => {
    expect(codes(validateStage(stage({ requestedFreight: [] })))).toEqual(['MANIFEST_INVALID']);
    const issues = validateStage(stage({ requestedFreight: [{ origin: { kind: 'Warehouse', name: 'wh' } }] }));
    expect(issues[0]).toMatchObject({ path: ['spec', 'requestedFreight', 0, 'sources'], message: 'required field "sources" is missing' });
  });

  it('only knows Warehouses as origins', () => {
    const issues = validateStage(stage({ requestedFreight: [{ origin: { kind: 'Stage', name: 'x' }, sources: { direct: true } }] }));
    expect(issues[0]?.path).toEqual(['spec', 'requestedFreight', 0, 'origin', 'kind']);
  });

  it('checks soak durations against Kargo units', () => {
    expect(validateStage(stage({ requestedFreight: [request('wh', { direct: true, requiredSoakTime: '1h30m' })] }))).toEqual([]);
    expect(codes(validateStage(stage({ requestedFreight: [request('wh', { direct: true, requiredSoakTime: '1d' })] })))).toEqual(['MANIFEST_INVALID']);
  });

  it('applies the template step rules', () => {
    const template = (steps: unknown[]) => stage({ requestedFreight: [request('wh', { direct: true })], promotionTemplate: { spec: { steps } } });
    expect(validateStage(template([{ uses: 'git-clone' }, { task: { name: 'deploy' }, as: 'deploy', vars: [{ name: 'x', value: '1' }] }]))).toEqual([]);
    const both = validateStage(template([{ uses: 'git-clone', task: { name: 'deploy' } }]));
    expect(both[0]).toMatchObject({ code: 'MANIFEST_STEP_INVALID', path: ['spec', 'promotionTemplate', 'spec', 'steps', 0] });
    expect(codes(validateStage(template([{}])))).toEqual(['MANIFEST_STEP_INVALID']);
    const taskWithExtras = validateStage(template([{ task: { name: 'deploy' }, if: '${{ true }}', config: { a: 1 }, retry: { errorThreshold: 2 }, continueOnError: true }]));
    expect(taskWithExtras.map((i) => i.path[i.path.length - 1]).sort()).toEqual(['config', 'continueOnError', 'if', 'retry']);
    expect(validateStage(template([{ uses: 'a', as: 'x' }, { uses: 'b', as: ' x ' }]))[0]?.message).toContain('already used');
    expect(validateStage(template([{ uses: 'a', as: 'step-1' }]))[0]?.message).toContain('reserved');
    expect(codes(validateStage(template([])))).toEqual(['MANIFEST_INVALID']);
  });

  it('never throws on nonsense', () => {
    for (const input of [undefined, null, 42, 'stage', [], { kind: 'Stage' }, { spec: { requestedFreight: 'x' } }]) {
      expect(validateStage(input).length).toBeGreaterThan(0);
    }
  });
});

describe('validateProjectConfig', () => {
  it('accepts exact names, patterns and label selectors', () => {
    expect(validateProjectConfig(config([{ stageSelector: { name: 'prod' }, autoPromotionEnabled: true }, { stageSelector: { name: 'glob:dev-*' } }, { stageSelector: { matchLabels: { tier: 'x' } } }, { stage: 'uat' }]))).toEqual([]);
  });

  it('requires exactly one of stage and stageSelector', () => {
    expect(codes(validateProjectConfig(config([{ autoPromotionEnabled: true }])))).toEqual(['MANIFEST_POLICY_INVALID']);
    expect(codes(validateProjectConfig(config([{ stage: 'a', stageSelector: { name: 'b' } }])))).toEqual(['MANIFEST_POLICY_INVALID']);
  });

  it('reports every later duplicate exact name against the first', () => {
    const issues = validateProjectConfig(config([{ stage: 'a' }, { stageSelector: { name: 'b' } }, { stageSelector: { name: 'a' } }, { stage: 'a' }]));
    expect(issues.map((i) => [i.code, i.path, i.message])).toEqual([
      ['MANIFEST_POLICY_DUPLICATE', ['spec', 'promotionPolicies', 2], 'stage name already defined at spec.promotionPolicies[0]'],
      ['MANIFEST_POLICY_DUPLICATE', ['spec', 'promotionPolicies', 3], 'stage name already defined at spec.promotionPolicies[0]'],
    ]);
  });

  it('checks globs and rejects patterns in the deprecated stage field', () => {
    expect(codes(validateProjectConfig(config([{ stageSelector: { name: 'glob:[' } }])))).toEqual(['PATTERN_INVALID_GLOB']);
    expect(codes(validateProjectConfig(config([{ stage: 'glob:a*' }])))).toContain('MANIFEST_INVALID');
  });

  it('requires the name of the Project', () => {
    expect(codes(validateProjectConfig(config([], 'other')))).toEqual(['MANIFEST_NAME_MISMATCH']);
  });
});

describe('validatePromotionSteps', () => {
  it('uses the stricter rules for Promotions and tasks', () => {
    expect(validatePromotionSteps([{ task: { name: 't' } }])).toEqual([]);
    expect(codes(validatePromotionSteps([{ task: { name: 't' } }], 'promotion'))).toEqual(['MANIFEST_STEP_INVALID']);
    expect(codes(validatePromotionSteps([{ task: { name: 't' } }], 'task'))).toEqual(['MANIFEST_STEP_INVALID']);
    expect(validatePromotionSteps([{ uses: 'x', retry: { timeout: '5m', errorThreshold: 3 } }], 'task')).toEqual([]);
    expect(validatePromotionSteps([{ uses: 'x', retry: { timeout: 'soon' } }])[0]?.path).toEqual([0, 'retry', 'timeout']);
    expect(validatePromotionSteps([{ uses: 'x', vars: [{ name: '1bad' }] }])[0]?.path).toEqual([0, 'vars', 0, 'name']);
  });
});

describe('validateResource', () => {
  it('applies the Warehouse defaults', () => {
    const r = validateResource({
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Warehouse',
      metadata: { name: 'wh', namespace: 'demo' },
      spec: { subscriptions: [{ image: { repoURL: 'ghcr.io/org/app' } }, { git: { repoURL: 'https://github.com/org/repo.git' } }, { chart: { repoURL: 'oci://ghcr.io/org/chart' } }] },
    });
    expect(r.ok).toBe(true);
    if (!r.ok || !isKargoResource(r.value) || r.value.kind !== 'Warehouse') return;
    expect(r.value.spec).toMatchObject({
      interval: '5m0s',
      freightCreationPolicy: 'Automatic',
      subscriptions: [
        { image: { imageSelectionStrategy: 'SemVer', strictSemvers: true, discoveryLimit: 20 } },
        { git: { commitSelectionStrategy: 'NewestFromBranch', strictSemvers: true, discoveryLimit: 20 } },
        { chart: { discoveryLimit: 20 } },
      ],
    });
  });

  const warehouse = (subscriptions: unknown[]) => ({ apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Warehouse', metadata: { name: 'wh' }, spec: { subscriptions } });
  it.each([
    ['two type keys', [{ image: { repoURL: 'nginx' }, git: { repoURL: 'https://x.io/r' } }], 'MANIFEST_SUBSCRIPTION_INVALID', ['spec', 'subscriptions', 0]],
    ['no type key', [{ name: 'x' }], 'MANIFEST_SUBSCRIPTION_INVALID', ['spec', 'subscriptions', 0]],
    ['generic without name', [{ custom: { config: {} } }], 'MANIFEST_SUBSCRIPTION_INVALID', ['spec', 'subscriptions', 0, 'name']],
    ['bad name', [{ name: 'Bad_Name', image: { repoURL: 'nginx' } }], 'MANIFEST_INVALID', ['spec', 'subscriptions', 0, 'name']],
    ['duplicate names', [{ name: 'a', image: { repoURL: 'nginx' } }, { name: 'a', git: { repoURL: 'https://x.io/r' } }], 'MANIFEST_SUBSCRIPTION_INVALID', ['spec', 'subscriptions', 1, 'name']],
    ['image with a tag', [{ image: { repoURL: 'nginx:1.0' } }], 'MANIFEST_INVALID', ['spec', 'subscriptions', 0, 'image', 'repoURL']],
    ['Digest without constraint', [{ image: { repoURL: 'nginx', imageSelectionStrategy: 'Digest' } }], 'MANIFEST_INVALID', ['spec', 'subscriptions', 0, 'image', 'constraint']],
    ['unknown strategy', [{ image: { repoURL: 'nginx', imageSelectionStrategy: 'Newest' } }], 'MANIFEST_INVALID', ['spec', 'subscriptions', 0, 'image', 'imageSelectionStrategy']],
    ['bad platform', [{ image: { repoURL: 'nginx', platform: 'linux' } }], 'MANIFEST_INVALID', ['spec', 'subscriptions', 0, 'image', 'platform']],
    ['limit above 100', [{ image: { repoURL: 'nginx', discoveryLimit: 101 } }], 'MANIFEST_INVALID', ['spec', 'subscriptions', 0, 'image', 'discoveryLimit']],
    ['http chart without name', [{ chart: { repoURL: 'https://charts.example.com' } }], 'MANIFEST_INVALID', ['spec', 'subscriptions', 0, 'chart', 'name']],
    ['oci chart with name', [{ chart: { repoURL: 'oci://ghcr.io/org/chart', name: 'chart' } }], 'MANIFEST_INVALID', ['spec', 'subscriptions', 0, 'chart', 'name']],
    ['bad git URL', [{ git: { repoURL: 'github.com/org/repo' } }], 'MANIFEST_INVALID', ['spec', 'subscriptions', 0, 'git', 'repoURL']],
    ['no subscriptions', [], 'MANIFEST_INVALID', ['spec', 'subscriptions']],
  ])('rejects a Warehouse with %s', (_, subscriptions, code, path) => {
    const r = validateResource(warehouse(subscriptions));
    expect(r.ok).toBe(false);
    expect(r.issues.find((i) => i.code === code && JSON.stringify(i.path) === JSON.stringify(path)), JSON.stringify(r.issues)).toBeDefined();
  });

  it('accepts generic subscriptions with a name', () => {
    const r = validateResource(warehouse([{ name: 'my-artifacts', s3: { config: { bucket: 'b' } } }]));
    expect(r.ok).toBe(true);
    if (r.ok && isKargoResource(r.value) && r.value.kind === 'Warehouse') expect(r.value.spec.subscriptions[0]).toEqual({ name: 'my-artifacts', s3: { config: { bucket: 'b' }, discoveryLimit: 20 } });
  });

  it('requires exactly one of freight and origin on a Promotion', () => {
    const promotion = (spec: Record<string, unknown>) => ({ apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Promotion', metadata: { name: 'p' }, spec: { stage: 'test', steps: [{ uses: 'x' }], ...spec } });
    expect(validateResource(promotion({ freight: 'abc' })).ok).toBe(true);
    expect(validateResource(promotion({})).ok).toBe(false);
    expect(validateResource(promotion({ freight: 'abc', origin: { kind: 'Warehouse', name: 'w' } })).ok).toBe(false);
  });

  it('requires Freight to carry at least one artifact', () => {
    const freight = (extra: Record<string, unknown>) => ({ apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Freight', metadata: { name: 'f' }, origin: { kind: 'Warehouse', name: 'w' }, ...extra });
    expect(validateResource(freight({ images: [{ repoURL: 'nginx', tag: '1.0' }] })).ok).toBe(true);
    expect(validateResource(freight({})).ok).toBe(false);
  });

  it('keeps unknown fields', () => {
    const r = validateResource({ ...stage({ requestedFreight: [request('wh', { direct: true })], futureField: { x: 1 } }), extra: true });
    expect(r.ok && r.value).toMatchObject({ extra: true, spec: { futureField: { x: 1 } } });
  });

  it('passes foreign resources through with a warning', () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { a: 'b' } };
    const r = validateResource(secret);
    expect(r.ok && r.value).toBe(secret);
    expect(r.issues.map((i) => [i.code, i.severity])).toEqual([['MANIFEST_FOREIGN', 'warning']]);
    const unknownKind = validateResource({ apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Target', metadata: { name: 't' } });
    expect(unknownKind.ok).toBe(true);
    expect(unknownKind.issues[0]?.code).toBe('MANIFEST_UNKNOWN_KIND');
  });
});
