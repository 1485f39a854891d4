import { describe, expect, it } from 'vitest';
import { freightCanonicalString, freightId } from '../../../src/freight/index.js';

const origin = { kind: 'Warehouse', name: 'wh' };

describe('freightId', () => {
  it('is 40 lowercase hex digits', () => {
    expect(freightId({ origin, images: [{ repoURL: 'nginx', tag: '1.0.0' }] })).toMatch(/^[0-9a-f]{40}$/);
  });
  it('ignores fields that are not identity', () => {
    const a = freightId({ origin, commits: [{ repoURL: 'https://github.com/o/r', id: 'abc', message: 'one', author: 'x', branch: 'main' }] });
    const b = freightId({ origin, commits: [{ repoURL: 'https://github.com/o/r', id: 'abc', message: 'two' }] });
    expect(a).toBe(b);
  });
  it('changes with the tag of a commit, the digest of an image and the subscription name', () => {
    const base = { origin, commits: [{ repoURL: 'https://github.com/o/r', id: 'abc' }] };
    expect(freightId({ origin, commits: [{ repoURL: 'https://github.com/o/r', id: 'abc', tag: 'v1' }] })).not.toBe(freightId(base));
    expect(freightId({ origin, commits: [{ repoURL: 'https://github.com/o/r', id: 'abc', subscriptionName: 's' }] })).not.toBe(freightId(base));
    expect(freightId({ origin, images: [{ repoURL: 'n', tag: 't', digest: 'sha256:1' }] })).not.toBe(freightId({ origin, images: [{ repoURL: 'n', tag: 't', digest: 'sha256:2' }] }));
  });
  it('differs between Warehouses finding the same artifacts', () => {
    const images = [{ repoURL: 'nginx', tag: '1.0.0' }];
    expect(freightId({ origin, images })).not.toBe(freightId({ origin: { kind: 'Warehouse', name: 'other' }, images }));
  });
  it('joins chart URL and name with Go path.Join', () => {
    expect(freightCanonicalString({ origin, charts: [{ repoURL: 'https://charts.example.com/', name: 'redis', version: '1.0.0' }] })).toBe(
      'Warehouse/wh:https:/charts.example.com/redis:1.0.0',
    );
    expect(freightCanonicalString({ origin, charts: [{ repoURL: 'oci://ghcr.io/o/app', version: '2.0.0' }] })).toBe('Warehouse/wh:ghcr.io/o/app:2.0.0');
  });
  it('sorts parts bytewise (UTF-8), not by UTF-16 units', () => {
    const s = freightCanonicalString({ origin, artifacts: [{ artifactType: '\uFF61', version: '1' }, { artifactType: '😀', version: '1' }] });
    expect(s).toBe('Warehouse/wh:\uFF61::1|😀::1');
  });
  it('hashes empty Freight too', () => {
    expect(freightCanonicalString({ origin })).toBe('Warehouse/wh:');
  });
});
