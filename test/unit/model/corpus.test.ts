import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { isKargoResource, jsonSchemaFor, KARGO_KINDS, kargoJsonSchemas, parseManifests, validatePromotionSteps } from '../../../src/model/index.js';

const kargoDir = new URL('../../fixtures/kargo/', import.meta.url);
const fragmentsDir = new URL('../../fixtures/kargo/fragments/', import.meta.url);
const unparsableDir = new URL('../../fixtures/unparsable/', import.meta.url);
const yamlFiles = (dir: URL) => readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
const read = (dir: URL, f: string) => readFileSync(new URL(f, dir), 'utf8');

/** Corpus files that Kargo itself would reject, each with the reason. */
const REJECTED: Record<string, string> = {
  'akuity__kargo__pkg__server__testdata__promote-subscribers-downstream1.yaml': 'test data in the Stage schema of Kargo < v0.5 (promotionMechanisms, no requestedFreight)',
  'akuity__kargo__pkg__server__testdata__promote-subscribers-downstream2.yaml': 'test data in the Stage schema of Kargo < v0.5 (promotionMechanisms, no requestedFreight)',
  'akuity__kargo__pkg__server__testdata__promote-subscribers-upstream.yaml': 'test data in the Stage schema of Kargo < v0.5 (promotionMechanisms, no requestedFreight)',
  'akuity__kargo__pkg__server__testdata__query-freight-1.yaml': 'test data in the Stage schema of Kargo < v0.5 (promotionMechanisms, no requestedFreight)',
  'akuity__kargo__pkg__server__testdata__query-freight-2.yaml': 'test data in the Stage schema of Kargo < v0.5 (promotionMechanisms, no requestedFreight)',
  'akuity__kargo__pkg__server__testdata__query-freight-3.yaml': 'test data in the Stage schema of Kargo < v0.5 (promotionMechanisms, no requestedFreight)',
  'akuity__kargo__pkg__server__testdata__stage.yaml': 'test data in the Stage schema of Kargo < v0.5 (spec.subscriptions, no requestedFreight)',
  'docs__docs__docs__50-user-guide__20-how-to-guides__20-working-with-projects.md__11.yaml': 'uses the placeholder `<project>` as a name',
  'docs__docs__docs__50-user-guide__20-how-to-guides__40-working-with-stages.md__8.yaml': 'uses the placeholders `<stage>` and `<project>` as names',
  'docs__docs__docs__50-user-guide__60-reference-docs__30-promotion-steps__gh-create-issue.md__1.yaml': 'Stage snippets that leave out requestedFreight without a `# ...` marker',
  'docs__docs__docs__80-release-notes__97-v1.2.0.md__2.yaml': 'steps indented under promotionTemplate instead of promotionTemplate.spec (a typo in the docs)',
};

/** Docs snippets that mark elided parts with `# ...` may lack required fields, and nothing else. */
const isElided = (text: string) => /^\s*# \.\.\./m.test(text);

describe('the Kargo corpus', () => {
  const files = yamlFiles(kargoDir);

  it('holds the copied corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(100);
  });

  it.each(files)('%s parses as Kargo accepts it', (file) => {
    const text = read(kargoDir, file);
    const r = parseManifests(text, { file });
    const errors = r.issues.filter((i) => i.severity === 'error');
    for (const issue of r.issues) {
      expect(issue.file).toBe(file);
      expect(issue.line).toBeGreaterThanOrEqual(1);
    }
    if (Object.hasOwn(REJECTED, file)) {
      expect(errors.length, REJECTED[file]).toBeGreaterThan(0);
    } else if (isElided(text)) {
      for (const e of errors) expect(e.message, `${e.line}:${e.column} ${e.message}`).toMatch(/^required field ".+" is missing$/);
    } else {
      expect(errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)).toEqual([]);
    }
  });

  it('finds Kargo resources of every common kind, and passes others through', () => {
    const kinds = new Set<string>();
    let foreign = 0;
    for (const file of files) {
      const r = parseManifests(read(kargoDir, file), { file });
      if (!r.ok) continue;
      for (const res of r.value) {
        if (isKargoResource(res)) kinds.add(res.kind);
        else foreign++;
      }
    }
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['ClusterConfig', 'ClusterPromotionTask', 'Project', 'ProjectConfig', 'PromotionTask', 'Stage', 'Warehouse']));
    expect(foreign).toBeGreaterThan(0);
  });
});

describe('the step fragments of the Kargo docs', () => {
  const files = readdirSync(fragmentsDir).filter((f) => f.endsWith('.yaml')).sort();
  it('are there', () => expect(files.length).toBeGreaterThan(100));

  it.each(files)('%s validates as promotion steps', (file) => {
    const doc = parse(read(fragmentsDir, file)) as unknown;
    const body = doc as { steps?: unknown; promotionTemplate?: { spec?: { steps?: unknown } } } | unknown[];
    const steps = Array.isArray(body) ? body : (body.steps ?? body.promotionTemplate?.spec?.steps);
    expect(steps, 'a steps list').toBeDefined();
    expect(validatePromotionSteps(steps)).toEqual([]);
  });
});

describe('unparsable files', () => {
  const files = yamlFiles(unparsableDir);
  it('are there', () => expect(files.length).toBeGreaterThan(0));

  it.each(files)('%s gives positioned syntax issues', (file) => {
    const text = read(unparsableDir, file);
    const r = parseManifests(text, { file });
    expect(r.ok).toBe(false);
    const lines = text.split('\n').length;
    const syntax = r.issues.filter((i) => i.code === 'YAML_SYNTAX');
    expect(syntax.length).toBeGreaterThan(0);
    for (const i of r.issues) {
      expect(i.file).toBe(file);
      expect(i.line).toBeGreaterThanOrEqual(1);
      expect(i.line).toBeLessThanOrEqual(lines);
      expect(i.column).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('JSON Schemas', () => {
  it.each(KARGO_KINDS)('describe %s', (kind) => {
    const schema = jsonSchemaFor(kind);
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema['type']).toBe('object');
    expect(schema['title']).toBe(kind);
    const properties = schema['properties'] as Record<string, { const?: string }>;
    expect(properties['kind']?.const).toBe(kind);
    expect(properties['apiVersion']?.const).toBe('kargo.akuity.io/v1alpha1');
    expect(() => JSON.parse(JSON.stringify(schema))).not.toThrow();
  });

  it('types Warehouse subscriptions and documents defaults', () => {
    const text = JSON.stringify(jsonSchemaFor('Warehouse'));
    expect(text).toContain('"imageSelectionStrategy"');
    expect(text).toContain('"default":"5m0s"');
    expect(text).toContain('"anyOf"');
    expect(Object.keys(kargoJsonSchemas()).sort()).toEqual([...KARGO_KINDS].sort());
  });

  it('hands out copies', () => {
    const a = jsonSchemaFor('Stage');
    a['title'] = 'changed';
    expect(jsonSchemaFor('Stage')['title']).toBe('Stage');
  });
});
