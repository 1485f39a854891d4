import semver from 'semver';
import { selectImages, type ImageCandidate } from '../src/discovery/index.js';
import { compare, formatMs, measure, type BenchResult } from './measure.js';

/** A registry-like tag list: versions with and without `v`, prereleases, builds and non-versions. */
function mixedTags(count: number): ImageCandidate[] {
  const out: ImageCandidate[] = new Array<ImageCandidate>(count);
  for (let i = 0; i < count; i++) {
    const major = i % 13;
    const minor = (i >> 3) % 47;
    const patch = i % 997;
    let tag: string;
    switch (i % 8) {
      case 0:
        tag = `v${major}.${minor}.${patch}`;
        break;
      case 1:
        tag = `${major}.${minor}.${patch}-rc.${i % 5}`;
        break;
      case 2:
        tag = `sha-${(i * 2654435761).toString(16).slice(0, 7)}`;
        break;
      case 3:
        tag = `${major}.${minor}`;
        break;
      case 4:
        tag = `${major}.${minor}.${patch}+build.${i % 100}`;
        break;
      case 5:
        tag = `nightly-2024${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}`;
        break;
      default:
        tag = `${major}.${minor}.${patch}`;
    }
    out[i] = { tag };
  }
  return out;
}

const subscription = { repoURL: 'ghcr.io/org/app', constraint: '>=2.0.0 <11.0.0', discoveryLimit: 20 };

function selectFrom(tags: ImageCandidate[]): () => unknown {
  return () => {
    const r = selectImages(subscription, tags);
    if (!r.ok || r.value.length !== 20) throw new Error('selection gave an unexpected result');
    return r.value;
  };
}

function validateEach(tags: ImageCandidate[]): () => unknown {
  return () => {
    let valid = 0;
    for (const c of tags) if (semver.valid(c.tag) !== null) valid++;
    return valid;
  };
}

/**
 * Benchmarks SemVer image selection (tag filter, one parse per tag, constraint, best 20 in order)
 * against a loop that only asks node-semver whether each tag is valid, at 100,000 and 1,000,000
 * mixed tags (goal: at most 0.8x), and how selection time grows from 100,000 to 1,000,000 tags
 * (goal: at most 12x, i.e. close to linear).
 */
export async function benchDiscovery(): Promise<BenchResult[]> {
  const small = mixedTags(100_000);
  const large = mixedTags(1_000_000);
  const baseline = 'node-semver valid() on each tag';
  const results: BenchResult[] = [
    await compare('selectImages SemVer with constraint, 100k mixed tags', selectFrom(small), baseline, validateEach(small), { samples: 9, minSampleMs: 1, goal: 0.8 }),
    await compare('selectImages SemVer with constraint, 1M mixed tags', selectFrom(large), baseline, validateEach(large), { samples: 5, minSampleMs: 1, warmupMs: 0, goal: 0.8 }),
  ];
  const smallTime = await measure(selectFrom(small), { samples: 9, minSampleMs: 1 });
  const largeTime = await measure(selectFrom(large), { samples: 5, minSampleMs: 1, warmupMs: 0 });
  results.push({
    name: 'selectImages growth from 100k to 1M tags',
    baseline: 'selectImages on 100k tags (10x fewer)',
    ratio: largeTime.medianMs / smallTime.medianMs,
    detail: `${formatMs(largeTime.medianMs)} vs ${formatMs(smallTime.medianMs)}`,
    goal: 12,
  });
  return results;
}
