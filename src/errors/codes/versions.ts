import type { CodeCatalog } from './catalog.js';

/** Codes of Masterminds versions and constraints (`parseVersion`, `parseConstraint`, ...). */
export const versionCodes = {
  VERSION_INVALID: {
    summary: 'A text is not a semantic version in the dialect Kargo uses.',
    cause:
      'The text does not have the shape `[v]MAJOR[.MINOR[.PATCH]][-PRERELEASE][+METADATA]`: for example it has an uppercase `V`, a fourth number (`1.0.0.0`), surrounding spaces, an underscore, an empty or leading-zero numeric prerelease part (`1.0.0-alpha.01`), or a number above 18446744073709551615. In strict mode (the default for tag discovery) it must also have all three numbers and no leading zeros (`1.2` and `01.2.3` fail).',
    fix: 'Write the version as `1.2.3`, `v1.2.3`, `1.2.3-rc.1` or `1.2.3+build.5`. For a Warehouse whose tags are partial versions (`1.2`), set `strictSemvers: false`.',
  },
  VERSION_INVALID_CONSTRAINT: {
    summary: 'A semantic version constraint does not parse in the Masterminds dialect.',
    cause:
      'Kargo reads constraints with Masterminds semver v3, not node-semver: comparisons are joined by spaces or commas (AND) and `||` (OR). Texts such as `&&`, a lone `|`, `~=`, an uppercase `V`, an empty side of `||`, `latest`, or a hyphen range without spaces around the `-` are rejected or mean something else.',
    fix: 'Use Masterminds syntax, e.g. `>=1.2.0 <2.0.0`, `^1.4`, `~1.2.3`, `1.x`, `1.2 - 1.4.5` (spaces around the hyphen) or `<2.0.0 || >=3.0.0`. Add a prerelease to a comparison (`>=1.0.0-0`) to admit prerelease versions.',
  },
} as const satisfies CodeCatalog;
