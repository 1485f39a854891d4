import semver from 'semver';
import {
  compareVersionsWithOriginal,
  parseConstraint,
  parseVersion,
  satisfiesParsed,
  type Version,
} from '../src/versions/index.js';

/** One benchmark's outcome: our time divided by the baseline's, measured in the same run. */
export interface BenchResult {
  name: string;
  baseline: string;
  ratio: number;
  detail?: string;
}

/** A small deterministic generator, so every run measures the same tags. */
function createRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Tags as registries hold them: mostly versions, some prereleases, partials and plain names. */
export function makeMixedTags(count: number, seed = 42): string[] {
  const random = createRandom(seed);
  const int = (max: number) => Math.floor(random() * max);
  const tags: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = random();
    const core = `${int(4)}.${int(30)}.${int(60)}`;
    if (r < 0.3) tags.push(`v${core}`);
    else if (r < 0.55) tags.push(core);
    else if (r < 0.67) tags.push(`${core}-rc.${int(5)}`);
    else if (r < 0.72) tags.push(`${core}+build.${int(1000)}`);
    else if (r < 0.78) tags.push(`${int(4)}.${int(30)}`);
    else if (r < 0.84) tags.push(`2024${String(int(12) + 1).padStart(2, '0')}${String(int(28) + 1).padStart(2, '0')}`);
    else if (r < 0.92) tags.push(`sha-${(int(0xfffffff) + 0x1000000).toString(16)}`);
    else tags.push(['latest', 'main', 'stable', 'nightly', 'edge'][int(5)]!);
  }
  return tags;
}

/** What discovery does with a SemVer subscription: strict parse, constraint, best first. */
function selectTags(tags: readonly string[], constraintText: string): Version[] {
  const parsed = parseConstraint(constraintText);
  if (!parsed.ok) throw new Error(`benchmark constraint does not parse: ${constraintText}`);
  const constraint = parsed.value;
  const kept: Version[] = [];
  for (const tag of tags) {
    const v = parseVersion(tag, { strict: true });
    if (v !== undefined && satisfiesParsed(v, constraint)) kept.push(v);
  }
  return kept.sort((a, b) => compareVersionsWithOriginal(b, a));
}

function validateAll(tags: readonly string[]): number {
  let valid = 0;
  for (const tag of tags) if (semver.valid(tag) !== null) valid++;
  return valid;
}

function parseAll(tags: readonly string[]): number {
  let valid = 0;
  for (const tag of tags) if (parseVersion(tag, { strict: true }) !== undefined) valid++;
  return valid;
}

function timeOnce(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Runs `ours` and `baseline` alternately and compares their median times. */
function compareTimes(ours: () => unknown, baseline: () => unknown, rounds: number): { ours: number; baseline: number } {
  for (let i = 0; i < 2; i++) {
    ours();
    baseline();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    a.push(timeOnce(ours));
    b.push(timeOnce(baseline));
  }
  return { ours: median(a), baseline: median(b) };
}

/**
 * Benchmarks of the versions area. Selection (strict parse + constraint + sort, best first) of
 * 100,000 mixed tags is compared with merely validating the same tags with node-semver's
 * `semver.valid()`; the target is a ratio of at most 0.8.
 */
export async function benchVersions(options: { tags?: number; rounds?: number } = {}): Promise<BenchResult[]> {
  const count = options.tags ?? 100_000;
  const rounds = options.rounds ?? 9;
  const tags = makeMixedTags(count);
  const constraint = '>=1.2.0 <3.0.0 || ^0.5';
  const selected = selectTags(tags, constraint).length;

  const selection = compareTimes(() => selectTags(tags, constraint), () => validateAll(tags), rounds);
  const parsing = compareTimes(() => parseAll(tags), () => validateAll(tags), rounds);
  // node-semver throws (and catches) for every invalid tag, which flatters the mixed-tag ratios;
  // this one measures tags that are all valid versions.
  const versionsOnly = tags.filter((t) => semver.valid(t) !== null);
  const clean = compareTimes(() => selectTags(versionsOnly, constraint), () => validateAll(versionsOnly), rounds);
  return [
    {
      name: `versions: select ${count.toLocaleString('en-US')} mixed tags (strict parse + constraint + sort)`,
      baseline: 'semver.valid() on each tag (node-semver)',
      ratio: selection.ours / selection.baseline,
      detail: `${selection.ours.toFixed(1)} ms vs ${selection.baseline.toFixed(1)} ms; ${selected} tags kept by "${constraint}"`,
    },
    {
      name: `versions: parseVersion(strict) on ${count.toLocaleString('en-US')} mixed tags`,
      baseline: 'semver.valid() on each tag (node-semver)',
      ratio: parsing.ours / parsing.baseline,
      detail: `${parsing.ours.toFixed(1)} ms vs ${parsing.baseline.toFixed(1)} ms`,
    },
    {
      name: `versions: select ${versionsOnly.length.toLocaleString('en-US')} tags that are all valid versions`,
      baseline: 'semver.valid() on each tag (node-semver)',
      ratio: clean.ours / clean.baseline,
      detail: `${clean.ours.toFixed(1)} ms vs ${clean.baseline.toFixed(1)} ms`,
    },
  ];
}
