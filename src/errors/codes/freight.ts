import type { CodeCatalog } from './catalog.js';

/** Codes of Freight assembly, ids, aliases and creation criteria. */
export const freightCodes = {
  FREIGHT_NO_COMMITS: {
    summary: 'A Git subscription discovered no commits, so no Freight can be built.',
    cause: 'Freight takes the newest commit of every Git subscription; this one found none (no tag or commit passed its filters, or the branch is empty).',
    fix: 'Check the subscription filters (tag regexes, constraint, path filters, expression) against the repository.',
  },
  FREIGHT_NO_IMAGES: {
    summary: 'An image subscription discovered no images, so no Freight can be built.',
    cause: 'Freight takes the newest image of every image subscription; this one found none (no tag passed its filters or matched its platform).',
    fix: 'Check the tag regexes, constraint, strictSemvers and platform against the tags in the registry.',
  },
  FREIGHT_NO_CHART_VERSIONS: {
    summary: 'A chart subscription discovered no versions, so no Freight can be built.',
    cause: 'Freight takes the newest version of every chart subscription; this one found none (the chart is missing from the index, or no version satisfies the constraint).',
    fix: 'Check the chart name and `semverConstraint` against the repository.',
  },
  FREIGHT_NO_ARTIFACTS: {
    summary: 'A generic subscription discovered no artifacts, so no Freight can be built.',
    cause: 'Freight takes the first artifact reference of every generic subscription result; this one has none.',
    fix: 'Check the subscriber that serves this subscription type.',
  },
  FREIGHT_EMPTY: {
    summary: 'The Freight has no commit, image, chart or artifact.',
    cause: 'Kargo refuses Freight without artifacts; discovery found nothing at all.',
    fix: 'Give the Warehouse at least one subscription that discovers something.',
  },
  FREIGHT_CRITERIA_FAILED: {
    summary: 'The Warehouse `freightCreationCriteria` expression could not be evaluated.',
    cause: 'The expression does not compile, raised an error, or gave a value that is neither a boolean nor text Go reads as one.',
    fix: 'Fix the expression; it can call `commitFrom(repoURL)`, `imageFrom(repoURL)`, `chartFrom(repoURL[, name])` and `artifactFrom(subscriptionName)`.',
  },
  FREIGHT_ALIAS_EXHAUSTED: {
    summary: 'No free Freight alias was found.',
    cause: 'Every alias the alias source proposed within the attempt limit is already taken.',
    fix: 'Pass an explicit alias, or an alias source with more names.',
  },
  FREIGHT_DUPLICATE_SUBSCRIPTION: {
    summary: 'Two Warehouse subscriptions watch the same repository.',
    cause: 'Kargo admits one subscription per normalized Git URL, per normalized image URL, and per chart (normalized URL, plus the chart name for classic repositories); spellings such as `nginx` and `docker.io/library/nginx` count as the same.',
    fix: 'Remove one of the two subscriptions, or merge their settings.',
  },
  FREIGHT_INVALID_INPUT: {
    summary: 'Freight cannot be built from the given input.',
    cause: 'The Warehouse has no name (so the Freight would have no origin), or `now` is not a time.',
    fix: 'Pass the Warehouse resource with its `metadata.name` and `now` as a Date or RFC 3339 text.',
  },
  FREIGHT_DUPLICATE_SUBSCRIPTION_NAME: {
    summary: 'Two Warehouse subscriptions have the same name.',
    cause: 'Subscription names identify discovery results and Freight artifacts, so Kargo requires them to be unique within a Warehouse.',
    fix: 'Rename one of the subscriptions.',
  },
  FREIGHT_UNKNOWN_ARTIFACT: {
    summary: 'A Freight artifact matches no subscription of its Warehouse.',
    cause: 'Kargo admits Freight only when each commit, image and chart comes from a subscription of the origin Warehouse (commits by normalized Git URL, images by the exact repoURL, charts by normalized URL and name).',
    fix: 'Use the repository URL exactly as the Warehouse subscription spells it (for images), or add the subscription.',
  },
  FREIGHT_MISSING_ARTIFACT: {
    summary: 'A Warehouse subscription has no artifact in the Freight.',
    cause: 'Freight from a Warehouse must carry exactly one artifact for each of its Git, image and chart subscriptions.',
    fix: 'Add the missing commit, image or chart to the Freight.',
  },
  FREIGHT_MULTIPLE_ARTIFACTS: {
    summary: 'A Warehouse subscription has more than one artifact in the Freight.',
    cause: 'Freight from a Warehouse must carry exactly one artifact for each subscription; two entries map to the same one.',
    fix: 'Keep one artifact per subscription.',
  },
} as const satisfies CodeCatalog;
