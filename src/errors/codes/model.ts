import type { CodeCatalog } from './catalog.js';

/** Codes of Kargo manifest parsing and validation (`parseManifests`, `validateStage`, ...). */
export const modelCodes = {
  YAML_SYNTAX: {
    summary: 'The manifest text is not valid YAML.',
    cause: 'A syntax error: bad indentation, an unclosed quote or flow collection, a tab used for indentation, a repeated key, and so on.',
    fix: 'Fix the YAML at the position shown; the excerpt points at the first character the parser could not read.',
  },
  YAML_ALIAS_LIMIT: {
    summary: 'A document expands YAML aliases too many times.',
    cause:
      'Aliases (`*name`) that refer to anchors which themselves hold aliases grow exponentially when expanded (the "billion laughs" pattern). waybill stops expanding past a fixed budget instead of exhausting memory.',
    fix: 'Write the repeated values out, or use fewer nested aliases. Kubernetes manifests rarely need aliases at all.',
  },
  YAML_TOO_DEEP: {
    summary: 'A document nests collections too deeply to be read.',
    cause: 'Thousands of nested sequences or mappings (for example `[[[[...]]]]`), which no Kargo resource needs and which would exhaust the stack.',
    fix: 'Flatten the structure; Kargo resources nest a few dozen levels at most.',
  },
  MANIFEST_TOO_LARGE: {
    summary: 'The manifest text is larger than waybill reads.',
    cause: 'The text exceeds the size limit (3 MiB by default, the Kubernetes API request limit), so no Kargo server would accept it either.',
    fix: 'Split the file, or raise `maxBytes` in the options of `parseManifests` if the file is really meant to be read.',
  },
  MANIFEST_INVALID: {
    summary: 'A Kargo resource breaks a rule of its schema.',
    cause: 'A field has the wrong type, a required field is missing, or a value is outside what Kargo accepts.',
    fix: 'Change the field named by the path to what the message asks for.',
  },
  MANIFEST_NOT_OBJECT: {
    summary: 'A YAML document is not a mapping, so it cannot be a Kubernetes resource.',
    cause: 'The document is a scalar or a sequence (for example a bare list of steps, or text pasted before the manifest).',
    fix: 'Make the document a mapping with `apiVersion`, `kind`, `metadata` and `spec`, or remove it.',
  },
  MANIFEST_MISSING_KIND: {
    summary: 'A document has no `apiVersion` or no `kind`.',
    cause: 'Every Kubernetes resource names its API version and kind; without them waybill cannot tell what the document is.',
    fix: 'Add `apiVersion: kargo.akuity.io/v1alpha1` and the `kind` (Stage, Warehouse, ...), or remove the document.',
  },
  MANIFEST_FOREIGN: {
    summary: 'A document is not a Kargo resource; waybill passes it through untouched.',
    cause: 'Its API group is not `kargo.akuity.io` (a Secret, an Argo CD Application, ...). This is information, not a problem: such resources often sit next to Kargo ones.',
    fix: 'Nothing to fix. Filter these out with `isKargoResource` if you only want Kargo resources.',
  },
  MANIFEST_UNKNOWN_KIND: {
    summary: 'A document uses the Kargo API group with a kind waybill does not know.',
    cause: 'A typo in `kind`, or a kind from a newer Kargo version or from Kargo Enterprise. The document is passed through untouched.',
    fix: 'Check the spelling of `kind` (Project, ProjectConfig, ClusterConfig, Warehouse, Freight, Stage, Promotion, PromotionTask, ClusterPromotionTask).',
  },
  MANIFEST_DEPRECATED: {
    summary: 'A resource uses a deprecated field.',
    cause:
      'The field still works (or is still accepted) but Kargo has replaced it: `Project.spec.promotionPolicies` (now a ProjectConfig), a policy `stage` (now `stageSelector.name`), or `allowTags`/`ignoreTags` (now the `*Regexes` fields; discovery fails while they are set).',
    fix: 'Move to the replacement named in the message.',
  },
  MANIFEST_UNSAFE_KEY: {
    summary: 'A mapping has a `__proto__` key, which waybill drops.',
    cause: 'A key named `__proto__` cannot be kept in a plain JavaScript object without changing its prototype, so waybill leaves it out to keep every object safe.',
    fix: 'Rename or remove the key; no Kargo field is called `__proto__`.',
  },
  MANIFEST_DUPLICATE_SUBSCRIPTION: {
    summary: 'Two Warehouse subscriptions watch the same repository.',
    cause: 'Kargo admits one subscription per normalized Git URL, per normalized image URL, and per chart (normalized URL, plus the chart name for classic repositories); spellings such as `nginx` and `docker.io/library/nginx` count as the same.',
    fix: 'Remove one of the two subscriptions, or merge their settings.',
  },
  MANIFEST_SUBSCRIPTION_INVALID: {
    summary: 'A Warehouse subscription is malformed.',
    cause:
      'A subscription must have exactly one key naming its type (`image`, `git`, `chart`, or a generic type) besides an optional `name`; generic subscriptions need a name; names must be DNS-1123 labels and unique within the Warehouse.',
    fix: 'Split combined subscriptions into one entry each, and give every subscription a distinct lowercase name where one is needed.',
  },
  MANIFEST_DUPLICATE_ORIGIN: {
    summary: 'A Stage requests Freight from the same origin twice.',
    cause: 'Two entries of `spec.requestedFreight` name the same Warehouse; a Stage holds at most one Freight per origin.',
    fix: 'Merge the entries into one, listing all of its sources there.',
  },
  MANIFEST_MATCH_UPSTREAM: {
    summary: "A Freight request uses the 'MatchUpstream' selection policy where it cannot work.",
    cause: "'MatchUpstream' auto-promotes what one upstream Stage holds, so it needs exactly one upstream Stage and cannot be combined with `direct: true`.",
    fix: "List exactly one Stage in `sources.stages` and drop `direct`, or use the 'NewestFreight' policy.",
  },
  MANIFEST_STEP_INVALID: {
    summary: 'A promotion step breaks a rule of steps.',
    cause:
      'A Stage template step must set exactly one of `uses` and `task`, and a step that references a task cannot set `if`, `config`, `continueOnError` or `retry`; Promotion and PromotionTask steps must use `uses`. Aliases (`as`) must be unique and must not look like generated ones (`step-1`, `task-2`).',
    fix: 'Change the step as the message says: move settings into the task, or rename the alias.',
  },
  MANIFEST_POLICY_INVALID: {
    summary: 'A promotion policy does not say which Stages it covers.',
    cause: 'A policy must set exactly one of `stage` (deprecated) and `stageSelector`.',
    fix: 'Use `stageSelector` (with a `name` pattern and/or `matchLabels`) and remove `stage`.',
  },
  MANIFEST_POLICY_DUPLICATE: {
    summary: 'Two promotion policies name the same Stage exactly.',
    cause: 'Only the first matching policy ever applies, so a second policy for the same exact name is dead; Kargo rejects it.',
    fix: 'Remove the later policy or merge it into the first one.',
  },
  MANIFEST_NAME_MISMATCH: {
    summary: 'A ProjectConfig is not named like its Project.',
    cause: 'A Project has one ProjectConfig, and it must be named exactly like the Project (its namespace).',
    fix: 'Set `metadata.name` to the Project name.',
  },
} as const satisfies CodeCatalog;
