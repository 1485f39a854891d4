import { describe, expect, it } from 'vitest';
import { formatIssues } from '../../../src/errors/index.js';
import { isKargoResource, parseManifest, parseManifests, projectConfigOf, resourcesOfKind } from '../../../src/model/index.js';

const STAGE = `apiVersion: kargo.akuity.io/v1alpha1
kind: Stage
metadata:
  name: test
  namespace: demo
spec:
  requestedFreight:
  - origin:
      kind: Warehouse
      name: 42
    sources:
      direct: true
`;

describe('parseManifests', () => {
  it('parses multi-document text into typed resources and skips empty documents', () => {
    const text = `---\n# only a comment\n---\napiVersion: kargo.akuity.io/v1alpha1\nkind: Project\nmetadata:\n  name: demo\n---\n${STAGE.replace('name: 42', 'name: wh')}---\n`;
    const r = parseManifests(text, { file: 'all.yaml' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((x) => x.kind)).toEqual(['Project', 'Stage']);
    const [stage] = resourcesOfKind(r.value, 'Stage');
    expect(stage?.spec.requestedFreight[0]?.origin).toEqual({ kind: 'Warehouse', name: 'wh' });
  });

  it('positions schema issues on the offending node', () => {
    const r = parseManifests(STAGE, { file: 'stage.yaml' });
    expect(r.ok).toBe(false);
    expect(r.issues).toEqual([
      {
        code: 'MANIFEST_INVALID',
        message: 'Invalid input: expected string, received number',
        path: ['spec', 'requestedFreight', 0, 'origin', 'name'],
        severity: 'error',
        file: 'stage.yaml',
        line: 10,
        column: 13,
        endLine: 10,
        endColumn: 15,
      },
    ]);
    expect(formatIssues(r.issues, { sources: { 'stage.yaml': STAGE } })).toBe(
      [
        'stage.yaml:10:13 error MANIFEST_INVALID Invalid input: expected string, received number (at spec.requestedFreight[0].origin.name)',
        '    9 |       kind: Warehouse',
        '   10 |       name: 42',
        '      |             ^^',
      ].join('\n'),
    );
  });

  it('points a missing field at the key of its parent', () => {
    const text = 'apiVersion: kargo.akuity.io/v1alpha1\nkind: Stage\nmetadata:\n  name: s\nspec:\n  shard: a\n';
    const r = parseManifests(text);
    expect(r.issues[0]).toMatchObject({ path: ['spec', 'requestedFreight'], message: 'required field "requestedFreight" is missing', line: 5, column: 1 });
  });

  it('positions webhook rule violations too', () => {
    const text = `apiVersion: kargo.akuity.io/v1alpha1
kind: ProjectConfig
metadata:
  name: demo
  namespace: demo
spec:
  promotionPolicies:
  - stageSelector:
      name: regex:(
`;
    const r = parseManifests(text);
    expect(r.issues[0]).toMatchObject({ code: 'PATTERN_INVALID_REGEX', path: ['spec', 'promotionPolicies', 0, 'stageSelector', 'name'], line: 9, column: 13 });
  });

  it('reports YAML syntax errors with positions and keeps reading other documents', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n---\napiVersion: kargo.akuity.io/v1alpha1\nkind: Project\nmetadata:\n  name: demo\n';
    const r = parseManifests(text, { file: 'bad.yaml' });
    expect(r.ok).toBe(false);
    expect(r.issues.length).toBeGreaterThan(0);
    for (const issue of r.issues) expect(issue).toMatchObject({ code: 'YAML_SYNTAX', file: 'bad.yaml', line: expect.any(Number), column: expect.any(Number) });
    expect(r.issues[0]?.line).toBeGreaterThanOrEqual(3);
    expect(r.issues[0]?.line).toBeLessThanOrEqual(4);
  });

  it('passes foreign resources through untouched, with a warning', () => {
    const text = 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: app\nspec:\n  project: default\n';
    const r = parseManifests(text);
    expect(r.ok).toBe(true);
    expect(r.ok && r.value).toEqual([{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'app' }, spec: { project: 'default' } }]);
    expect(r.ok && isKargoResource(r.value[0]!)).toBe(false);
    expect(r.issues).toMatchObject([{ code: 'MANIFEST_FOREIGN', severity: 'warning', line: 1, column: 1 }]);
  });

  it('reports documents that are not resources', () => {
    expect(parseManifests('- uses: git-clone\n').issues[0]).toMatchObject({ code: 'MANIFEST_NOT_OBJECT', line: 1 });
    expect(parseManifests('name: x\n').issues[0]).toMatchObject({ code: 'MANIFEST_MISSING_KIND', line: 1 });
    expect(parseManifests('just text\n').issues[0]?.code).toBe('MANIFEST_NOT_OBJECT');
  });

  it('refuses alias bombs', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const r = parseManifests(`${lines.join('\n')}\n`);
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: 'YAML_ALIAS_LIMIT', line: 1, column: 1 });
  });

  it('does not let __proto__ keys pollute prototypes', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n__proto__:\n  polluted: yes\ndata:\n  constructor: {prototype: {polluted: yes}}\n';
    const r = parseManifests(text);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(r.issues.map((i) => i.code)).toContain('MANIFEST_UNSAFE_KEY');
    const unsafe = r.issues.find((i) => i.code === 'MANIFEST_UNSAFE_KEY');
    expect(unsafe).toMatchObject({ line: 5, column: 1, severity: 'warning' });
  });

  it('survives deep nesting', () => {
    const depth = 10_000;
    const r = parseManifests(`${'['.repeat(depth)}${']'.repeat(depth)}\n`);
    expect(r.ok).toBe(false);
    expect(r.issues[0]?.line).toBe(1);
  });

  it('refuses texts beyond the size limit without parsing them', () => {
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: "${'x'.repeat(10 * 1024 * 1024)}"\n`;
    const started = performance.now();
    const r = parseManifests(big);
    expect(r.issues).toMatchObject([{ code: 'MANIFEST_TOO_LARGE', line: 1, column: 1 }]);
    expect(performance.now() - started).toBeLessThan(1000);
    const raised = parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n', { maxBytes: 10 });
    expect(raised.issues[0]?.code).toBe('MANIFEST_TOO_LARGE');
  });

  it('reports truncated files', () => {
    const cut = STAGE.replace('name: 42', 'name: wh').slice(0, 120);
    const r = parseManifests(cut, { file: 'cut.yaml' });
    expect(r.ok).toBe(false);
    for (const i of r.issues) expect(i.line).toBeGreaterThanOrEqual(1);
  });

  it('never throws for non-string input', () => {
    expect(parseManifests(42 as unknown as string).ok).toBe(false);
  });

  it('drops nulls of typed sections, as Kubernetes does', () => {
    const r = parseManifests('apiVersion: kargo.akuity.io/v1alpha1\nkind: ClusterConfig\nmetadata:\n  name: cluster\nspec:\n  # ...\n');
    expect(r.ok).toBe(true);
  });

  it('parses exactly one resource with parseManifest', () => {
    expect(parseManifest('apiVersion: kargo.akuity.io/v1alpha1\nkind: Project\nmetadata:\n  name: demo\n').ok).toBe(true);
    expect(parseManifest('').ok).toBe(false);
  });
});

describe('legacy Project.spec.promotionPolicies', () => {
  const legacy = `apiVersion: kargo.akuity.io/v1alpha1
kind: Project
metadata:
  name: demo
spec:
  promotionPolicies:
  - stage: test
    autoPromotionEnabled: true
`;

  it('is accepted with a deprecation warning and exposed as the ProjectConfig', () => {
    const r = parseManifests(legacy, { file: 'project.yaml' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.issues.map((i) => [i.code, i.severity, i.line])).toEqual([
      ['MANIFEST_DEPRECATED', 'warning', 7],
      ['MANIFEST_DEPRECATED', 'warning', 7],
    ]);
    expect(projectConfigOf(r.value, 'demo')).toEqual({
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'ProjectConfig',
      metadata: { name: 'demo', namespace: 'demo' },
      spec: { promotionPolicies: [{ stage: 'test', autoPromotionEnabled: true }] },
    });
    expect(projectConfigOf(r.value, 'other')).toBeUndefined();
  });

  it('gives way to a real ProjectConfig', () => {
    const real = 'apiVersion: kargo.akuity.io/v1alpha1\nkind: ProjectConfig\nmetadata:\n  name: demo\n  namespace: demo\nspec:\n  promotionPolicies:\n  - stageSelector:\n      name: glob:*\n';
    const r = parseManifests(`${legacy}---\n${real}`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(projectConfigOf(r.value, 'demo')?.spec?.promotionPolicies?.[0]?.stageSelector?.name).toBe('glob:*');
  });

  it('is undefined without policies', () => {
    const r = parseManifests('apiVersion: kargo.akuity.io/v1alpha1\nkind: Project\nmetadata:\n  name: demo\n');
    expect(r.ok && projectConfigOf(r.value, 'demo')).toBeUndefined();
  });
});
