import { formatVersion, parseVersion, type Version } from '../../versions/index.js';
import type { ExprFunction } from '../functions.js';
import { ExprObject, ExprRuntimeError, goTypeOf, type ExprMethod, type ExprValue } from '../values.js';

/**
 * A Masterminds `*semver.Version`, as `semverParse()` returns it. Expressions call its methods as
 * in Kargo: `Major()`, `Minor()`, `Patch()`, `Prerelease()`, `Metadata()`, `Original()`,
 * `String()`, `IncMajor()`, `IncMinor()`, `IncPatch()`, `SetPrerelease(s)`, `SetMetadata(s)`,
 * `Compare(v)`, `Equal(v)`, `LessThan(v)`, `LessThanEqual(v)`, `GreaterThan(v)`,
 * `GreaterThanEqual(v)`. Its JSON form is the version text.
 */
export class SemverValue extends ExprObject {
  readonly typeName = 'semver.Version';
  readonly version: Version;

  constructor(version: Version) {
    super();
    this.version = version;
  }

  override get goTypeName(): string {
    return '*semver.Version';
  }

  override getMethod(name: string): ExprMethod | undefined {
    const v = this.version;
    switch (name) {
      case 'Major':
        return () => BigInt(v.major);
      case 'Minor':
        return () => BigInt(v.minor);
      case 'Patch':
        return () => BigInt(v.patch);
      case 'Prerelease':
        return () => v.prerelease;
      case 'Metadata':
        return () => v.metadata;
      case 'Original':
        return () => v.original;
      case 'String':
        return () => v.normalized;
      case 'IncMajor':
        return () => this.#next({ major: BigInt(v.major) + 1n, minor: 0n, patch: 0n });
      case 'IncMinor':
        return () => this.#next({ major: BigInt(v.major), minor: BigInt(v.minor) + 1n, patch: 0n });
      case 'IncPatch':
        // A prerelease of x.y.z increments to x.y.z itself (the release it precedes).
        return () =>
          this.#next({ major: BigInt(v.major), minor: BigInt(v.minor), patch: v.prerelease === '' ? BigInt(v.patch) + 1n : BigInt(v.patch) });
      case 'SetPrerelease':
        return (args) => this.#withLabel(args, 'prerelease');
      case 'SetMetadata':
        return (args) => this.#withLabel(args, 'metadata');
      case 'Compare':
        return (args) => BigInt(compareSemver(v, otherVersion(args)));
      case 'Equal':
        return (args) => compareSemver(v, otherVersion(args)) === 0;
      case 'LessThan':
        return (args) => compareSemver(v, otherVersion(args)) < 0;
      case 'LessThanEqual':
        return (args) => compareSemver(v, otherVersion(args)) <= 0;
      case 'GreaterThan':
        return (args) => compareSemver(v, otherVersion(args)) > 0;
      case 'GreaterThanEqual':
        return (args) => compareSemver(v, otherVersion(args)) >= 0;
      default:
        return undefined;
    }
  }

  #next(numbers: { major: bigint; minor: bigint; patch: bigint }): SemverValue {
    const parts = { ...numbers, prerelease: '', metadata: '' };
    return new SemverValue(this.#make(parts));
  }

  #withLabel(args: readonly ExprValue[], which: 'prerelease' | 'metadata'): SemverValue {
    const label = args[0];
    if (args.length !== 1 || typeof label !== 'string') throw new ExprRuntimeError(`Set${which === 'prerelease' ? 'Prerelease' : 'Metadata'} expects one string argument`);
    if (label !== '' && !/^[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*$/.test(label)) {
      throw new ExprRuntimeError(which === 'prerelease' ? 'Invalid Prerelease string' : 'Invalid Metadata string');
    }
    const v = this.version;
    return new SemverValue(
      this.#make({
        major: BigInt(v.major),
        minor: BigInt(v.minor),
        patch: BigInt(v.patch),
        prerelease: which === 'prerelease' ? label : v.prerelease,
        metadata: which === 'metadata' ? label : v.metadata,
      }),
    );
  }

  #make(parts: { major: bigint; minor: bigint; patch: bigint; prerelease: string; metadata: string }): Version {
    const segment = (n: bigint): number | bigint => (n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n);
    const normalized = formatVersion(parts);
    // Masterminds keeps a `v` prefix of the original in the new version's Original().
    const prefix = this.version.original.startsWith('v') ? 'v' : '';
    return {
      major: segment(parts.major),
      minor: segment(parts.minor),
      patch: segment(parts.patch),
      prerelease: parts.prerelease,
      metadata: parts.metadata,
      original: prefix + normalized,
      normalized,
    };
  }

  toJS(): unknown {
    return this.version.normalized;
  }

  override toString(): string {
    return this.version.normalized;
  }

  // Like Go's deep equality of two versions: every field counts, the original text included.
  // Ordering operators are not defined on versions (use Compare/LessThan), as in Kargo.
  override equals(other: ExprValue): boolean {
    if (!(other instanceof SemverValue)) return false;
    const a = this.version;
    const b = other.version;
    return a.original === b.original && a.normalized === b.normalized && compareSemver(a, b) === 0;
  }
}

function otherVersion(args: readonly ExprValue[]): Version {
  const other = args[0] ?? null;
  if (args.length !== 1 || !(other instanceof SemverValue)) {
    throw new ExprRuntimeError(`expected one *semver.Version argument, got ${args.length === 1 ? goTypeOf(other) : `${args.length} arguments`}`);
  }
  return other.version;
}

/** Masterminds' precedence: numbers, then prerelease (a release ranks above its prereleases); metadata ignored. */
export function compareSemver(a: Version, b: Version): -1 | 0 | 1 {
  for (const [x, y] of [
    [a.major, b.major],
    [a.minor, b.minor],
    [a.patch, b.patch],
  ] as const) {
    if (x < y) return -1;
    if (x > y) return 1;
  }
  if (a.prerelease === b.prerelease) return 0;
  if (a.prerelease === '') return 1;
  if (b.prerelease === '') return -1;
  const pa = a.prerelease.split('.');
  const pb = b.prerelease.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = comparePrereleasePart(pa[i] ?? '', pb[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

function comparePrereleasePart(s: string, o: string): -1 | 0 | 1 {
  if (s === o) return 0;
  if (s === '') return -1;
  if (o === '') return 1;
  const sNum = /^[0-9]+$/.test(s);
  const oNum = /^[0-9]+$/.test(o);
  if (!sNum && !oNum) return s > o ? 1 : -1;
  if (!oNum) return -1;
  if (!sNum) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

function stringArg(value: ExprValue | undefined, what: string): string {
  if (typeof value !== 'string') throw new ExprRuntimeError(`${what} must be string, got ${goTypeOf(value ?? null)}`);
  return value;
}

/** `semverParse(text)`: the version as a {@link SemverValue}; an error when the text is not a version. */
export const semverParseFunction: ExprFunction = {
  name: 'semverParse',
  call(args, ctx) {
    if (args.length !== 1) ctx.fail(`expected 1 argument, got ${args.length}`);
    const text = stringArg(args[0], 'argument');
    const version = parseVersion(text);
    if (version === undefined) return ctx.fail('invalid semantic version: Invalid Semantic Version');
    return new SemverValue(version);
  },
};

/**
 * `semverDiff(a, b)`: the most significant part that differs, one of `Major`, `Minor`, `Patch`,
 * `Metadata` or `None` (prereleases are not compared), or `Incomparable` when either is not a version.
 */
export const semverDiffFunction: ExprFunction = {
  name: 'semverDiff',
  call(args, ctx) {
    if (args.length !== 2) ctx.fail(`expected 2 arguments, got ${args.length}`);
    const a = parseVersion(stringArg(args[0], 'first argument'));
    const b = parseVersion(stringArg(args[1], 'second argument'));
    if (a === undefined || b === undefined) return 'Incomparable';
    if (BigInt(a.major) !== BigInt(b.major)) return 'Major';
    if (BigInt(a.minor) !== BigInt(b.minor)) return 'Minor';
    if (BigInt(a.patch) !== BigInt(b.patch)) return 'Patch';
    if (a.metadata !== b.metadata) return 'Metadata';
    return 'None';
  },
};
