import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  matchesPathFilters,
  normalizeChartURL,
  normalizeGitURL,
  normalizeImageURL,
  selectChartVersions,
  selectGitRefs,
  selectImages,
  type ImageCandidate,
  type TagCandidate,
} from '../../src/discovery/index.js';
import { freightCanonicalString, freightId } from '../../src/freight/index.js';

// Vector inputs are free-form JSON, read field by field as the conformance runner does.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Input = Record<string, any>;

interface VectorCase {
  name: string;
  op: string;
  input: Input;
  expected: unknown;
}

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'discovery');
const load = (file: string): VectorCase[] => (JSON.parse(readFileSync(join(fixtures, file), 'utf8')) as { cases: VectorCase[] }).cases;
const isErrorExpectation = (e: unknown): boolean => typeof e === 'object' && e !== null && !Array.isArray(e) && 'error' in e;


function runImageSelect(i: Input): unknown {
  const sub = {
    repoURL: 'example.com/app',
    imageSelectionStrategy: i['strategy'],
    ...(i['constraint'] !== undefined ? { constraint: i['constraint'] } : {}),
    ...(i['allowTagsRegexes'] ? { allowTagsRegexes: i['allowTagsRegexes'] } : {}),
    ...(i['ignoreTagsRegexes'] ? { ignoreTagsRegexes: i['ignoreTagsRegexes'] } : {}),
    strictSemvers: i['strictSemvers'] ?? true,
    discoveryLimit: i['discoveryLimit'] || 100,
    ...(i['platform'] ? { platform: i['platform'] } : {}),
  };
  const cands: ImageCandidate[] = i['images'] ? i['images'].map((x: ImageCandidate) => ({ ...x })) : (i['tags'] ?? []).map((tag: string) => ({ tag }));
  const r = selectImages(sub, cands);
  return r.ok ? r.value.map((c) => c.tag) : { error: true };
}

function runGitSelect(i: Input): unknown {
  const sub = {
    repoURL: 'https://github.com/example/repo',
    commitSelectionStrategy: i['strategy'],
    ...(i['semverConstraint'] ? { semverConstraint: i['semverConstraint'] } : {}),
    ...(i['allowTagsRegexes'] ? { allowTagsRegexes: i['allowTagsRegexes'] } : {}),
    ...(i['ignoreTagsRegexes'] ? { ignoreTagsRegexes: i['ignoreTagsRegexes'] } : {}),
    ...(i['includePaths'] ? { includePaths: i['includePaths'] } : {}),
    ...(i['excludePaths'] ? { excludePaths: i['excludePaths'] } : {}),
    strictSemvers: i['strictSemvers'] ?? true,
    discoveryLimit: i['discoveryLimit'] || 100,
  };
  const tags: TagCandidate[] = (i['tags'] ?? []).map((t: string | TagCandidate, n: number) =>
    typeof t === 'string' ? { tag: t, id: `c${String(n).padStart(39, '0')}`, creatorDate: new Date(Date.UTC(2024, 0, 1) - n * 1000).toISOString() } : t,
  );
  const r = selectGitRefs(sub, i['commits'] ? { commits: i['commits'] } : { tags });
  return r.ok ? r.value.map((x) => x.tag || x.id) : { error: true };
}

function runChartSelect(i: Input): unknown {
  const sub = {
    repoURL: i['repoURL'] ?? (i['repoType'] === 'oci' ? 'oci://example.com/charts/app' : 'https://charts.example.com'),
    ...(i['repoType'] === 'oci' ? {} : { name: i['name'] ?? 'app' }),
    ...(i['semverConstraint'] ? { semverConstraint: i['semverConstraint'] } : {}),
    discoveryLimit: i['discoveryLimit'] || 100,
  };
  const r = selectChartVersions(sub, i['versions']);
  return r.ok ? r.value : { error: true };
}

function checkSelection(got: unknown, expected: unknown): void {
  if (isErrorExpectation(expected)) expect(got).toEqual({ error: true });
  else expect(got).toEqual(expected);
}

describe('image selection vectors', () => {
  for (const file of ['image_semver.json', 'image_lexical.json', 'image_newest_build.json']) {
    for (const c of load(file)) {
      it(`${file}: ${c.name}`, () => checkSelection(runImageSelect(c.input), c.expected));
    }
  }
});

describe('git selection vectors', () => {
  for (const c of load('git_commits.json')) {
    it(c.name, () => checkSelection(runGitSelect(c.input), c.expected));
  }
});

describe('path filter vectors', () => {
  for (const c of load('git_paths.json')) {
    it(c.name, () => {
      const i = c.input as Input;
      const r = matchesPathFilters({ includePaths: i['includePaths'], excludePaths: i['excludePaths'] }, i['paths']);
      if (isErrorExpectation(c.expected)) {
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.issues[0]?.code).toBe('DISCOVERY_INVALID_PATH_SELECTOR');
      } else {
        expect(r).toMatchObject({ ok: true, value: c.expected });
      }
    });
  }
});

describe('chart selection vectors', () => {
  for (const c of load('chart_semver.json')) {
    it(c.name, () => checkSelection(runChartSelect(c.input), c.expected));
  }
});

describe('URL normalization vectors', () => {
  const fns = { git: normalizeGitURL, image: normalizeImageURL, chart: normalizeChartURL };
  for (const c of load('url_normalization.json')) {
    it(c.name, () => {
      const i = c.input as Input;
      expect(fns[i['kind'] as keyof typeof fns](i['url'])).toBe(c.expected);
    });
  }
});

describe('Freight id vectors', () => {
  for (const c of load('freight_id.json')) {
    it(c.name, () => {
      const e = c.expected as { canonical: string; id: string };
      expect(freightCanonicalString(c.input as never)).toBe(e.canonical);
      expect(freightId(c.input as never)).toBe(e.id);
    });
  }
});
