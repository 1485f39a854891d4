import type { CodeCatalog } from './catalog.js';

/** Codes of artifact selection (`selectImages`, `selectGitRefs`, `selectChartVersions`, path filters). */
export const discoveryCodes = {
  DISCOVERY_DEPRECATED_ALLOW_TAGS: {
    summary: 'The subscription uses the removed `allowTags` field.',
    cause: 'Kargo stopped supporting `allowTags` in v1.11.0; a subscription that still sets it fails at discovery (images, and Git tag strategies).',
    fix: 'Move the pattern to `allowTagsRegexes` (a list of RE2 expressions) and remove `allowTags`.',
  },
  DISCOVERY_DEPRECATED_IGNORE_TAGS: {
    summary: 'The subscription uses the removed `ignoreTags` field.',
    cause: 'Kargo stopped supporting `ignoreTags` in v1.11.0; a subscription that still sets it fails at discovery (images, and Git tag strategies).',
    fix: 'Turn each entry into an anchored RE2 expression (`^1\\.0\\.0$`) in `ignoreTagsRegexes` and remove `ignoreTags`.',
  },
  DISCOVERY_INVALID_TAG_REGEX: {
    summary: 'A tag filter is not a valid RE2 regular expression.',
    cause: 'An entry of `allowTagsRegexes` or `ignoreTagsRegexes` does not compile under Go RE2 rules (no lookaround, no backreferences).',
    fix: 'Rewrite the expression in RE2 syntax; the issue path names the list and index of the bad entry.',
  },
  DISCOVERY_INVALID_CONSTRAINT: {
    summary: 'A semantic version constraint does not parse.',
    cause: 'The `constraint` (images) or `semverConstraint` (Git, charts) is not valid in the Masterminds constraint dialect Kargo uses (for example `&&`, `~=` or a lone `|`).',
    fix: 'Use Masterminds syntax: comparisons joined by spaces or commas (AND) and `||` (OR), e.g. `>=1.2.0 <2.0.0`.',
  },
  DISCOVERY_UNSUPPORTED_STRATEGY: {
    summary: 'The selection strategy is not one Kargo knows.',
    cause: '`imageSelectionStrategy` must be SemVer, Lexical, NewestBuild or Digest; `commitSelectionStrategy` must be NewestFromBranch, SemVer, Lexical or NewestTag.',
    fix: 'Pick one of the listed strategies (an empty value means the default).',
  },
  DISCOVERY_DIGEST_CONSTRAINT_REQUIRED: {
    summary: 'A Digest image subscription does not name the tag to follow.',
    cause: 'With `imageSelectionStrategy: Digest`, `constraint` holds the mutable tag (such as `latest`) whose digest is tracked; it is empty.',
    fix: 'Set `constraint` to the tag to follow.',
  },
  DISCOVERY_INVALID_PLATFORM: {
    summary: 'The image platform is not `os/arch` or `os/arch/variant`.',
    cause: 'The `platform` field needs at least an operating system and an architecture separated by `/`.',
    fix: 'Write it like `linux/amd64` or `linux/arm/v7`, or remove it.',
  },
  DISCOVERY_INVALID_LIMIT: {
    summary: 'The discovery limit is not a whole number of zero or more.',
    cause: '`discoveryLimit` must be an integer; Kargo admits 1 to 100 (default 20), and 0 means no limit.',
    fix: 'Set `discoveryLimit` to an integer between 1 and 100.',
  },
  DISCOVERY_INVALID_CHART_REPO_URL: {
    summary: 'The chart repository URL is neither a classic Helm repository nor an OCI one.',
    cause: 'A chart subscription `repoURL` must start with `http://`, `https://` (a repository with an index.yaml) or `oci://` (an OCI registry); the prefix is case-sensitive.',
    fix: 'Prefix the URL with the right scheme, in lowercase.',
  },
  DISCOVERY_INVALID_PATH_SELECTOR: {
    summary: 'An `includePaths` or `excludePaths` entry does not compile.',
    cause: 'A `glob:` entry is not a valid doublestar pattern, or a `regex:`/`regexp:` entry is not valid RE2.',
    fix: 'Fix the pattern named by the issue path; plain entries (no prefix) are base directories and always valid.',
  },
  DISCOVERY_INVALID_EXPRESSION_FILTER: {
    summary: 'The Git subscription `expressionFilter` does not compile.',
    cause: 'The filter is not a valid expr-lang expression.',
    fix: 'Fix the expression; it sees `tag`, `id`, `creatorDate`, `author`, `committer`, `subject`, `tagger`, `annotation` for tags, and `id`, `commitDate`, `author`, `committer`, `subject` for branch commits.',
  },
  DISCOVERY_EXPRESSION_FILTER_FAILED: {
    summary: 'The Git subscription `expressionFilter` failed on a candidate.',
    cause: 'Evaluating the filter raised an error, or gave a value that is neither a boolean nor text Go reads as one (`true`, `1`, `f`, ...).',
    fix: 'Make the expression return a boolean for every tag or commit, for example by guarding optional fields.',
  },
  DISCOVERY_INVALID_INPUT: {
    summary: 'A subscription or a candidate is not the expected shape.',
    cause: 'Selection was given something other than a subscription object, or a candidate without its required fields (an image without a string `tag`, a commit without a string `id`).',
    fix: 'Pass the subscription object and the candidates as a port lists them; the issue path points at the bad entry.',
  },
  DISCOVERY_REPOSITORY_NOT_FOUND: {
    summary: 'A subscribed repository, branch or image does not exist.',
    cause: 'The registry, Git server or chart repository answered "not found" for the repository (or branch, or the tag whose metadata was being read) that a Warehouse subscription names.',
    fix: 'Check the subscription `repoURL` (and `branch`), and that the credentials in use can see the repository; the issue path names the subscription.',
  },
  DISCOVERY_ACCESS_DENIED: {
    summary: 'A subscribed repository refused the credentials.',
    cause: 'The registry, Git server or chart repository answered that the request was not authorized.',
    fix: 'Provide credentials that can read the repository named in the message, or make the repository public.',
  },
  DISCOVERY_TRANSPORT_FAILED: {
    summary: 'A subscribed repository could not be read.',
    cause: 'The service was unreachable, answered with a server error, or sent something the adapter could not read; the message says whether trying again may help.',
    fix: 'Retry later when the message says the failure is retryable; otherwise check the repository URL, the network path to the service and what it serves.',
  },
  DISCOVERY_CANCELLED: {
    summary: 'Discovery was cancelled before it finished.',
    cause: 'The `AbortSignal` passed to `discover()` fired, so the remaining subscriptions were not read and nothing was returned.',
    fix: 'Nothing to fix: run discovery again when it should complete, or give it a later deadline.',
  },
  DISCOVERY_PORT_MISSING: {
    summary: 'No port was given for a kind of subscription the Warehouse has.',
    cause: 'An image subscription needs a `registry`, a Git subscription a `git` and a chart subscription a `charts` port, and `discover()` was called without it.',
    fix: 'Pass the missing port in the second argument of `discover()` (the in-memory ones are in `waybill/adapters/memory`).',
  },
  DISCOVERY_UNSUPPORTED_SUBSCRIPTION: {
    summary: 'A subscription is of a type discovery cannot serve.',
    cause: 'The subscription names a type other than `image`, `git` or `chart`; Kargo serves such types with separately registered subscribers, which waybill does not have.',
    fix: 'Use an image, Git or chart subscription, or discover that artifact yourself and add it to the result before building Freight.',
  },
} as const satisfies CodeCatalog;
