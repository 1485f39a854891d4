import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeChartURL, normalizeGitURL, normalizeImageURL } from '../../src/discovery/index.js';
import { createFreight, freightId, type FreightIdentity } from '../../src/freight/index.js';

const word = fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,8}$/);
const wellFormedGitURL = fc.oneof(
  fc.tuple(fc.constantFrom('https://', 'http://', 'ssh://git@', 'HTTPS://u:p@'), word, fc.array(word, { maxLength: 3 }), fc.constantFrom('', '.git', '/', '.git/')).map(
    ([s, h, p, t]) => `${s}${h}.com/${p.join('/')}${t}`,
  ),
  fc.tuple(word, word).map(([h, p]) => `git@${h}:${p}.git`),
);
const gitURL = fc.oneof(wellFormedGitURL, fc.string({ maxLength: 30 }));
const wellFormedImageURL = fc.tuple(fc.constantFrom('', 'docker.io/', 'ghcr.io/', 'localhost:5000/', 'Registry-1.Docker.io/'), fc.array(word, { minLength: 1, maxLength: 3 }), fc.constantFrom('', ':v1', ':latest')).map(
  ([r, p, t]) => `${r}${p.join('/')}${t}`,
);
const imageURL = fc.oneof(wellFormedImageURL, fc.string({ maxLength: 30 }));
const wellFormedChartURL = fc.oneof(wellFormedImageURL.map((u) => `oci://${u}`), fc.tuple(word, fc.nat({ max: 9000 })).map(([h, p]) => `https://${h}.io:${p}/charts`));
const chartURL = fc.oneof(wellFormedChartURL, fc.string({ maxLength: 30 }));

const freight: fc.Arbitrary<FreightIdentity> = fc.record({
  origin: fc.record({ kind: fc.constant('Warehouse'), name: word }),
  commits: fc.array(fc.record({ repoURL: gitURL, id: word, tag: fc.option(word, { nil: undefined }), subscriptionName: fc.option(word, { nil: undefined }) }), { maxLength: 3 }),
  images: fc.array(fc.record({ repoURL: imageURL, tag: word, digest: word }), { maxLength: 3 }),
  charts: fc.array(fc.record({ repoURL: chartURL, name: fc.option(word, { nil: undefined }), version: word }), { maxLength: 3 }),
  artifacts: fc.array(fc.record({ artifactType: word, subscriptionName: word, version: word }), { maxLength: 2 }),
});

const reorder = <T>(xs: readonly T[] | null | undefined): T[] => [...(xs ?? [])].reverse();

describe('Freight id laws', () => {
  it('is deterministic and independent of the order of artifacts', () => {
    fc.assert(
      fc.property(freight, (f) => {
        const id = freightId(f);
        expect(id).toMatch(/^[0-9a-f]{40}$/);
        expect(freightId(structuredClone(f))).toBe(id);
        expect(freightId({ ...f, commits: reorder(f.commits), images: reorder(f.images), charts: reorder(f.charts), artifacts: reorder(f.artifacts) })).toBe(id);
      }),
      { numRuns: 300 },
    );
  });

  it('createFreight names Freight by its id and leaves its inputs untouched', () => {
    fc.assert(
      fc.property(freight, (f) => {
        const discovered = {
          git: (f.commits ?? []).map((c) => ({ repoURL: c.repoURL ?? '', commits: [{ id: c.id, tag: c.tag }] })),
          images: (f.images ?? []).map((i) => ({ repoURL: i.repoURL ?? '', references: [{ tag: i.tag, digest: i.digest }] })),
        };
        const before = JSON.stringify(discovered);
        const r = createFreight({ metadata: { name: f.origin?.name ?? 'w' } }, discovered, { now: '2024-01-01T00:00:00Z', alias: 'a-b' });
        expect(JSON.stringify(discovered)).toBe(before);
        if (r.ok) expect(r.value.metadata.name).toBe(freightId(r.value));
        else expect(r.issues[0]?.code).toBe('FREIGHT_EMPTY');
      }),
      { numRuns: 200 },
    );
  });
});

describe('URL normalization laws', () => {
  it('is idempotent (for Git: unless one strip leaves another `/` or `.git` to strip, as in Kargo)', () => {
    fc.assert(
      // Text that is not a URL comes back as given (only partly cleaned), so the law is about URLs.
      fc.property(wellFormedGitURL, wellFormedImageURL, wellFormedChartURL, (g, i, c) => {
        const once = normalizeGitURL(g);
        // Kargo strips one `/` then one `.git`, so `repo.git.git` or `/.git` need two passes; ids keep that.
        if (once !== g && !once.endsWith('/') && !once.endsWith('.git')) expect(normalizeGitURL(once)).toBe(once);
        expect(normalizeImageURL(normalizeImageURL(i))).toBe(normalizeImageURL(i));
        expect(normalizeChartURL(normalizeChartURL(c))).toBe(normalizeChartURL(c));
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        for (const fn of [normalizeGitURL, normalizeImageURL, normalizeChartURL]) expect(typeof fn(s)).toBe('string');
      }),
      { numRuns: 2000 },
    );
  });

  it('treats case and credentials in Git URLs as the same repository', () => {
    fc.assert(
      fc.property(word, word, (host, path) => {
        expect(normalizeGitURL(`HTTPS://user:pw@${host.toUpperCase()}.com/${path}.git/`)).toBe(normalizeGitURL(`https://${host}.com/${path}`));
      }),
    );
  });
});
