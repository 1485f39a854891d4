import { describe, expect, expectTypeOf, it } from 'vitest';
import type { CommitCandidate, DiscoveredArtifactsStatus, ImageCandidate, TagCandidate } from '../../../src/discovery/index.js';
import type { DiscoveredArtifacts } from '../../../src/freight/index.js';
import type { GitCommitMetadata, GitTagMetadata, ImageMetadata, Page, PortFailure, PortResult } from '../../../src/ports/index.js';

describe('discovery port shapes', () => {
  it('what ports return is what the selectors take', () => {
    expectTypeOf<ImageMetadata>().toExtend<ImageCandidate>();
    expectTypeOf<GitCommitMetadata>().toExtend<CommitCandidate>();
    expectTypeOf<GitTagMetadata>().toExtend<TagCandidate>();
  });

  it('what discovery returns is what Freight is built from', () => {
    expectTypeOf<DiscoveredArtifactsStatus>().toExtend<DiscoveredArtifacts>();
  });

  it('a port result is either a value or a failure, never both', () => {
    const results: PortResult<Page<string>>[] = [
      { ok: true, value: { items: ['1.0.0'], next: '1' } },
      { ok: false, failure: { kind: 'transport', message: 'timeout', retryable: true, status: 503 } },
    ];
    const described = results.map((r) => (r.ok ? `page of ${r.value.items.length}` : `${r.failure.kind} (${r.failure.retryable ? 'retry' : 'give up'})`));
    expect(described).toEqual(['page of 1', 'transport (retry)']);
    expectTypeOf<PortFailure['kind']>().toEqualTypeOf<'not-found' | 'unauthorized' | 'transport' | 'invalid-response' | 'cancelled'>();
  });
});
