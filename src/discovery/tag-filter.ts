import { createIssue, prefixIssuePath, type Issue } from '../errors/index.js';
import { compileRegex } from '../patterns/index.js';

/** A compiled allow/ignore tag filter: true when the tag may be considered. */
export type TagFilter = (tag: string) => boolean;

interface TagFilterFields {
  readonly allowTagsRegexes?: readonly string[] | undefined;
  readonly ignoreTagsRegexes?: readonly string[] | undefined;
}

function compileList(field: 'allowTagsRegexes' | 'ignoreTagsRegexes', sources: readonly string[], issues: Issue[]): ((s: string) => boolean)[] {
  const out: ((s: string) => boolean)[] = [];
  sources.forEach((source, index) => {
    const compiled = compileRegex(source);
    if (compiled.ok) {
      out.push(compiled.value);
    } else {
      const reason = compiled.issues[0]?.message ?? 'invalid expression';
      issues.push(
        prefixIssuePath(createIssue('DISCOVERY_INVALID_TAG_REGEX', `error compiling regular expression ${JSON.stringify(source)}: ${reason}`), [field, index]),
      );
    }
  });
  return out;
}

/**
 * Compiles Kargo's tag filter: a tag is rejected when any `ignoreTagsRegexes` entry matches, else
 * accepted when `allowTagsRegexes` is empty or any of its entries matches. Expressions are Go RE2
 * and unanchored (`1` matches `2.0.1`). Bad expressions are reported with their field and index.
 */
export function compileTagFilter(fields: TagFilterFields, issues: Issue[]): TagFilter {
  const allow = compileList('allowTagsRegexes', fields.allowTagsRegexes ?? [], issues);
  const ignore = compileList('ignoreTagsRegexes', fields.ignoreTagsRegexes ?? [], issues);
  if (allow.length === 0 && ignore.length === 0) return () => true;
  return (tag) => {
    for (const re of ignore) if (re(tag)) return false;
    if (allow.length === 0) return true;
    for (const re of allow) if (re(tag)) return true;
    return false;
  };
}

/** Reports the tag fields Kargo removed in v1.11.0; any non-empty value fails selection. */
export function checkDeprecatedTagFields(
  fields: { readonly allowTags?: string | undefined; readonly ignoreTags?: readonly string[] | undefined },
  issues: Issue[],
): void {
  if (fields.allowTags !== undefined && fields.allowTags !== '') {
    issues.push(
      createIssue('DISCOVERY_DEPRECATED_ALLOW_TAGS', 'AllowTags is deprecated and unsupported as of v1.11.0; use AllowTagsRegexes instead', { path: ['allowTags'] }),
    );
  }
  if (fields.ignoreTags !== undefined && fields.ignoreTags.length > 0) {
    issues.push(
      createIssue('DISCOVERY_DEPRECATED_IGNORE_TAGS', 'IgnoreTags is deprecated and unsupported as of v1.11.0; use IgnoreTagsRegexes instead', { path: ['ignoreTags'] }),
    );
  }
}
