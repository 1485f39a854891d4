import { createIssue, type Issue } from '../errors/index.js';

type FieldKind = 'string' | 'strings' | 'boolean' | 'number';

const KIND_TEXT: Record<FieldKind, string> = {
  string: 'text',
  strings: 'a list of text',
  boolean: 'true or false',
  number: 'a number',
};

function fits(value: unknown, kind: FieldKind): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'strings':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'boolean':
      return typeof value === 'boolean';
    case 'number':
      return typeof value === 'number';
  }
}

/**
 * Reads the fields selection needs from a subscription given as untyped JSON: fields of the wrong
 * type are reported (`DISCOVERY_INVALID_INPUT` at the field) and left out; `null` counts as unset.
 * Undefined when the subscription is not an object at all. Keeps selection total for JavaScript
 * callers and hand-written YAML.
 */
export function readSubscription<T>(sub: unknown, fields: Readonly<Record<string, FieldKind>>, what: string, issues: Issue[]): T | undefined {
  if (typeof sub !== 'object' || sub === null || Array.isArray(sub)) {
    issues.push(createIssue('DISCOVERY_INVALID_INPUT', `the ${what} subscription must be an object`));
    return undefined;
  }
  const out: Record<string, unknown> = {};
  const source = sub as Record<string, unknown>;
  for (const [field, kind] of Object.entries(fields)) {
    if (!Object.hasOwn(source, field)) continue;
    const value = source[field];
    if (value === undefined || value === null) continue;
    if (fits(value, kind)) out[field] = value;
    else issues.push(createIssue('DISCOVERY_INVALID_INPUT', `${field} must be ${KIND_TEXT[kind]}`, { path: [field] }));
  }
  return out as T;
}

/** The fields of an image subscription that selection reads, with their types. */
export const IMAGE_FIELDS = {
  repoURL: 'string',
  imageSelectionStrategy: 'string',
  constraint: 'string',
  strictSemvers: 'boolean',
  allowTagsRegexes: 'strings',
  ignoreTagsRegexes: 'strings',
  allowTags: 'string',
  ignoreTags: 'strings',
  platform: 'string',
  discoveryLimit: 'number',
} as const satisfies Record<string, FieldKind>;

/** The fields of a Git subscription that selection reads, with their types. */
export const GIT_FIELDS = {
  repoURL: 'string',
  commitSelectionStrategy: 'string',
  branch: 'string',
  strictSemvers: 'boolean',
  semverConstraint: 'string',
  allowTagsRegexes: 'strings',
  ignoreTagsRegexes: 'strings',
  allowTags: 'string',
  ignoreTags: 'strings',
  expressionFilter: 'string',
  includePaths: 'strings',
  excludePaths: 'strings',
  discoveryLimit: 'number',
  since: 'string',
} as const satisfies Record<string, FieldKind>;

/** The fields of a chart subscription that selection reads, with their types. */
export const CHART_FIELDS = {
  repoURL: 'string',
  name: 'string',
  semverConstraint: 'string',
  discoveryLimit: 'number',
} as const satisfies Record<string, FieldKind>;

/** The fields of path filters, with their types. */
export const PATH_FILTER_FIELDS = {
  includePaths: 'strings',
  excludePaths: 'strings',
} as const satisfies Record<string, FieldKind>;
