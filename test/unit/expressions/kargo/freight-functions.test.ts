import { describe, expect, it } from 'vitest';
import { kargoFunctions } from '../../../../src/expressions/kargo/index.js';
import type { KargoExpressionContext } from '../../../../src/expressions/kargo/index.js';
import { makeFreightOrigin } from '../../../../src/expressions/kargo/structs.js';
import { ExprObject } from '../../../../src/expressions/values.js';
import { call, callJS } from './call.js';

const wh = (name: string, subscriptions: unknown[]) => ({ metadata: { name, namespace: 'p' }, spec: { subscriptions } });

const context: KargoExpressionContext = {
  project: 'p',
  freightRequests: [{ origin: { kind: 'Warehouse', name: 'w1' } }, { origin: { kind: 'Warehouse', name: 'w2' } }],
  warehouses: [
    wh('w1', [
      { git: { repoURL: 'https://github.com/acme/app.git' } },
      { image: { repoURL: 'ghcr.io/acme/app' } },
      { chart: { repoURL: 'oci://ghcr.io/acme/charts/app', name: '' } },
      { name: 'model', huggingface: { repo: 'x' } },
    ]),
    wh('w2', [{ image: { repoURL: 'ghcr.io/acme/app' } }, { chart: { repoURL: 'https://charts.acme.io', name: 'db' } }]),
  ],
  freight: [
    {
      name: 'f1',
      origin: { kind: 'Warehouse', name: 'w1' },
      commits: [{ repoURL: 'https://github.com/acme/app', id: 'abc123', branch: 'main' }],
      images: [{ repoURL: 'ghcr.io/acme/app', tag: '1.2.3', digest: 'sha256:aa', annotations: { team: 'x' } }],
      charts: [{ repoURL: 'oci://ghcr.io/acme/charts/app', version: '0.4.0' }],
      artifacts: [{ artifactType: 'huggingface', subscriptionName: 'model', version: 'v7', metadata: { sha: 'f00' } }],
    },
    {
      name: 'f2',
      origin: { kind: 'Warehouse', name: 'w2' },
      images: [{ repoURL: 'ghcr.io/acme/app', tag: '2.0.0' }],
      charts: [{ repoURL: 'https://charts.acme.io', name: 'db', version: '9.1.0' }],
    },
  ],
};
const fns = kargoFunctions(context);
const fn = (name: string) => {
  const f = fns[name];
  if (f === undefined) throw new Error(`no function ${name}`);
  return f;
};

describe('warehouse()', () => {
  it('builds a Warehouse origin whose JSON is {kind, name}', () => {
    const origin = call(fn('warehouse'), 'w1');
    expect(origin).toBeInstanceOf(ExprObject);
    expect(callJS(fn('warehouse'), 'w1')).toEqual({ kind: 'Warehouse', name: 'w1' });
    expect((origin as ExprObject).getField('Name')).toBe('w1');
    expect((origin as ExprObject).getField('Kind')).toBe('Warehouse');
  });

  it('rejects an empty name, a non-string and a wrong count', () => {
    expect(() => call(fn('warehouse'), '')).toThrow('name must not be empty');
    expect(() => call(fn('warehouse'), 1n)).toThrow('argument must be string, got int');
    expect(() => call(fn('warehouse'))).toThrow('expected 1 argument, got 0');
  });
});

describe('commitFrom()', () => {
  it('finds the commit of the only origin that subscribes to the repo, comparing normalized URLs', () => {
    const commit = call(fn('commitFrom'), 'https://GitHub.com/acme/app/') as ExprObject;
    expect(commit.getField('ID')).toBe('abc123');
    expect(commit.getField('Branch')).toBe('main');
    expect(callJS(fn('commitFrom'), 'https://github.com/acme/app.git')).toEqual({ repoURL: 'https://github.com/acme/app', id: 'abc123', branch: 'main' });
  });

  it('is nil when no requested origin subscribes to the repo', () => {
    expect(call(fn('commitFrom'), 'https://github.com/acme/other')).toBeNull();
  });

  it('uses an explicit origin without looking at subscriptions', () => {
    expect(call(fn('commitFrom'), 'https://github.com/acme/app', makeFreightOrigin('Warehouse', 'w2'))).toBeNull();
  });

  it('requires a FreightOrigin as the second argument', () => {
    expect(() => call(fn('commitFrom'), 'x', { kind: 'Warehouse', name: 'w1' })).toThrow('second argument must be FreightOrigin, got map[string]interface {}');
    expect(() => call(fn('commitFrom'))).toThrow('expected 1-2 arguments, got 0');
  });
});

describe('imageFrom()', () => {
  it('reports ambiguity when two requested origins subscribe to the image', () => {
    expect(() => call(fn('imageFrom'), 'ghcr.io/acme/app')).toThrow(
      'multiple requested Freight could potentially provide a container image from repository ghcr.io/acme/app: please provide a Freight origin to disambiguate',
    );
  });

  it('resolves the ambiguity with an origin', () => {
    const image = call(fn('imageFrom'), 'ghcr.io/acme/app', call(fn('warehouse'), 'w2')) as ExprObject;
    expect(image.getField('Tag')).toBe('2.0.0');
    expect(callJS(fn('imageFrom'), 'ghcr.io/acme/app', call(fn('warehouse'), 'w1'))).toEqual({
      repoURL: 'ghcr.io/acme/app',
      tag: '1.2.3',
      digest: 'sha256:aa',
      annotations: { team: 'x' },
    });
  });

  it('compares image URLs exactly, as Kargo does', () => {
    expect(call(fn('imageFrom'), 'GHCR.io/acme/app', call(fn('warehouse'), 'w1'))).toBeNull();
  });

  it('fails when a requested Warehouse is unknown', () => {
    const f = kargoFunctions({ project: 'p', freightRequests: [{ origin: { kind: 'Warehouse', name: 'gone' } }] });
    expect(() => call(f['imageFrom']!, 'x')).toThrow('Warehouse "gone" not found in namespace "p"');
  });

  it('asks the warehouse lookup for Warehouses not listed', () => {
    const f = kargoFunctions({
      freightRequests: [{ origin: { kind: 'Warehouse', name: 'w9' } }],
      lookups: { warehouse: (name) => (name === 'w9' ? wh('w9', [{ image: { repoURL: 'r' } }]) : undefined) },
      freight: [{ origin: { kind: 'Warehouse', name: 'w9' }, images: [{ repoURL: 'r', tag: 't' }] }],
    });
    expect(callJS(f['imageFrom']!, 'r')).toEqual({ repoURL: 'r', tag: 't' });
  });
});

describe('chartFrom()', () => {
  it('finds a chart by repo alone (OCI) and by repo and name', () => {
    expect(callJS(fn('chartFrom'), 'oci://ghcr.io/acme/charts/app')).toEqual({ repoURL: 'oci://ghcr.io/acme/charts/app', version: '0.4.0' });
    expect((call(fn('chartFrom'), 'https://charts.acme.io', 'db') as ExprObject).getField('Version')).toBe('9.1.0');
  });

  it('accepts an origin as the second or third argument', () => {
    expect(callJS(fn('chartFrom'), 'https://charts.acme.io', 'db', call(fn('warehouse'), 'w2'))).toMatchObject({ version: '9.1.0' });
    expect(call(fn('chartFrom'), 'https://charts.acme.io', call(fn('warehouse'), 'w1'))).toBeNull();
  });

  it('errors when no requested origin subscribes to the chart', () => {
    expect(() => call(fn('chartFrom'), 'https://charts.acme.io', 'nope')).toThrow('chart "nope" from repo https://charts.acme.io not found in referenced Freight');
    expect(() => call(fn('chartFrom'), 'https://x.io')).toThrow('chart from repo https://x.io not found in referenced Freight');
  });

  it('checks argument types', () => {
    expect(() => call(fn('chartFrom'), 'r', 1n)).toThrow('second argument must be string or FreightOrigin, got int');
    expect(() => call(fn('chartFrom'), 'r', call(fn('warehouse'), 'w1'), call(fn('warehouse'), 'w1'))).toThrow(
      'when using three arguments, second argument must be string, got v1alpha1.FreightOrigin',
    );
    expect(() => call(fn('chartFrom'), 'r', 'db', 'w1')).toThrow('third argument must be FreightOrigin, got string');
  });
});

describe('artifactFrom()', () => {
  it('finds a generic artifact by subscription name, with its metadata as a map', () => {
    const artifact = call(fn('artifactFrom'), 'model') as ExprObject;
    expect(artifact.getField('Version')).toBe('v7');
    expect(callJS(fn('artifactFrom'), 'model')).toEqual({ ArtifactType: 'huggingface', SubscriptionName: 'model', Version: 'v7', Metadata: { sha: 'f00' } });
  });

  it('is nil for an unknown subscription', () => {
    expect(call(fn('artifactFrom'), 'unknown')).toBeNull();
  });
});
