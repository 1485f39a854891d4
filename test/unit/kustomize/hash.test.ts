import { describe, expect, it } from 'vitest';
import { encodeHashSuffix, goJson, kustomizeHash } from '../../../src/kustomize/hash.js';

describe('kustomizeHash', () => {
  // Names from kustomize's own tests (api/krusty/configmaps_test.go).
  it('gives the suffixes kustomize gives generated ConfigMaps', () => {
    expect(kustomizeHash({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'bob' }, data: { fruit: 'Indian Gooseberry', year: '2020', crisis: 'true' } })).toBe('79t79mt227');
    expect(kustomizeHash({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'test' }, data: { TEST: "this is a 'test'" } })).toBe('k9cc55dfm5');
  });

  it('does not depend on the name, labels or annotations (kustomize hashes an empty name)', () => {
    const base = { apiVersion: 'v1', kind: 'ConfigMap', data: { a: 'b' } };
    expect(kustomizeHash({ ...base, metadata: { name: 'one' } })).toBe(kustomizeHash({ ...base, metadata: { name: 'two', labels: { x: 'y' } } }));
  });

  it('hashes a Secret with its type', () => {
    const secret = (type: string) => ({ apiVersion: 'v1', kind: 'Secret', type, metadata: { name: 's' }, data: { k: 'dg==' } });
    expect(kustomizeHash(secret('Opaque'))).not.toBe(kustomizeHash(secret('kubernetes.io/tls')));
    expect(kustomizeHash(secret('Opaque'))).toMatch(/^[^013ae]{10}$/);
  });
});

describe('goJson', () => {
  it('sorts keys and escapes as Go does', () => {
    expect(goJson({ b: 1, a: ['<x>', '&', '\u2028', 'é', '\n\t"\\'] })).toBe('{"a":["\\u003cx\\u003e","\\u0026","\\u2028","é","\\n\\t\\"\\\\"],"b":1}');
  });
});

describe('encodeHashSuffix', () => {
  it('keeps ten characters and respells 0, 1, 3, a and e', () => {
    expect(encodeHashSuffix('0123456789abcdef')).toBe('gh2k456789');
    expect(encodeHashSuffix('aeaeaeaeaeff')).toBe('mtmtmtmtmt');
  });
});
