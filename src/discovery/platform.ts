import { createIssue, type Issue } from '../errors/index.js';
import type { ImageCandidate, ImagePlatform } from './types.js';

/** A parsed `os/arch[/variant]` platform constraint. */
export interface PlatformConstraint {
  readonly os: string;
  readonly arch: string;
  readonly variant: string;
}

/**
 * Parses an image subscription's `platform` as Kargo does: split on `/` into at most three parts
 * (the third keeps any further slashes), of which at least two are needed.
 */
export function parsePlatform(text: string, issues: Issue[]): PlatformConstraint | undefined {
  const first = text.indexOf('/');
  if (first < 0) {
    issues.push(createIssue('DISCOVERY_INVALID_PLATFORM', `platform ${JSON.stringify(text)} must be in format <os>/<arch>`, { path: ['platform'] }));
    return undefined;
  }
  const second = text.indexOf('/', first + 1);
  return {
    os: text.slice(0, first),
    arch: second < 0 ? text.slice(first + 1) : text.slice(first + 1, second),
    variant: second < 0 ? '' : text.slice(second + 1),
  };
}

const samePlatform = (p: ImagePlatform | null | undefined, c: PlatformConstraint): boolean =>
  typeof p === 'object' && p !== null && p.os === c.os && p.arch === c.arch && (p.variant ?? '') === c.variant;

/**
 * True when the image satisfies the platform constraint: its index lists a platform with exactly
 * the same os, arch and variant (an empty variant only matches an empty variant). A single-platform
 * image has no platform list, so it never satisfies a constraint, as in Kargo.
 */
export function matchesPlatform(candidate: ImageCandidate, constraint: PlatformConstraint | undefined): boolean {
  if (constraint === undefined) return true;
  const platforms: unknown = candidate.platforms;
  return Array.isArray(platforms) && platforms.some((p: ImagePlatform | null | undefined) => samePlatform(p, constraint));
}
