import type { GitCommitMetadata, GitTagMetadata } from '../../ports/index.js';

/** The `git log --format` that {@link parseLog} reads: NUL between fields, one commit a line. */
export const LOG_FORMAT = ['%H', '%cI', '%an', '%ae', '%cn', '%ce', '%s'].join('%x00');

/** `%(…)` fields of `git for-each-ref` that {@link parseTagRefs} reads, in order. */
const TAG_FIELDS = [
  'refname',
  'objecttype',
  'objectname',
  '*objecttype',
  '*objectname',
  'creatordate:iso-strict',
  'subject',
  'authorname',
  'authoremail',
  'committername',
  'committeremail',
  '*authorname',
  '*authoremail',
  '*committername',
  '*committeremail',
  'taggername',
  'taggeremail',
  'contents',
  'contents:signature',
] as const;

/** The `git for-each-ref --format` that {@link parseTagRefs} reads: NUL after every field. */
export const TAG_FORMAT = TAG_FIELDS.map((f) => `%(${f})%00`).join('');

/** An RFC 3339 time in UTC with whole seconds (`2026-01-01T00:00:00Z`), from git's ISO 8601. */
export function toUTCTime(iso: string): string | undefined {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `Name <email>`, as Kargo writes people; undefined when git knows neither. */
export function formatPerson(name: string, email: string): string | undefined {
  const bare = email.replace(/^<|>$/g, '');
  if (name === '' && bare === '') return undefined;
  return `${name} <${bare}>`;
}

/** Reads the output of `git log --format=LOG_FORMAT`, skipping lines it cannot read. */
export function parseLog(stdout: string): GitCommitMetadata[] {
  const commits: GitCommitMetadata[] = [];
  for (const line of stdout.split('\n')) {
    if (line === '') continue;
    const [id, date, an, ae, cn, ce, subject] = line.split('\0');
    const creatorDate = toUTCTime(date ?? '');
    if (id === undefined || !/^[0-9a-f]{40,64}$/.test(id) || creatorDate === undefined) continue;
    const author = formatPerson(an ?? '', ae ?? '');
    const committer = formatPerson(cn ?? '', ce ?? '');
    commits.push({
      id,
      creatorDate,
      ...(subject ? { subject } : {}),
      ...(author !== undefined ? { author } : {}),
      ...(committer !== undefined ? { committer } : {}),
    });
  }
  return commits;
}

/** A tag read from for-each-ref whose commit could not be read from the fields alone. */
export interface NestedTag {
  /** The full ref name, for `git rev-parse <ref>^{commit}`. */
  readonly ref: string;
}

/**
 * Reads the output of `git for-each-ref --format=TAG_FORMAT refs/tags`, in git's order. Annotated
 * tags are described by their tag object (tagger, message, tagger date) and point at the commit
 * they dereference to; tags of trees or blobs are left out, since they name no commit. A tag of a
 * tag is returned with `id` empty and listed in `nested`, for the caller to resolve.
 */
export function parseTagRefs(stdout: string): { tags: GitTagMetadata[]; nested: Map<number, NestedTag> } {
  const fields = stdout.split('\0');
  const tags: GitTagMetadata[] = [];
  const nested = new Map<number, NestedTag>();
  for (let i = 0; i + TAG_FIELDS.length <= fields.length; i += TAG_FIELDS.length) {
    const f = fields.slice(i, i + TAG_FIELDS.length).map((v, j) => (j === 0 ? v.replace(/^\n/, '') : v));
    const [ref = '', type, objectName = '', derefType, derefName = '', date = '', subject = '', an = '', ae = '', cn = '', ce = '', dan = '', dae = '', dcn = '', dce = '', tn = '', te = '', contents = '', signature = ''] = f;
    if (!ref.startsWith('refs/tags/')) continue;
    const creatorDate = toUTCTime(date);
    if (creatorDate === undefined) continue;
    const tag = ref.slice('refs/tags/'.length);
    if (type === 'commit') {
      const author = formatPerson(an, ae);
      const committer = formatPerson(cn, ce);
      tags.push({
        tag,
        id: objectName,
        creatorDate,
        ...(subject ? { subject } : {}),
        ...(author !== undefined ? { author } : {}),
        ...(committer !== undefined ? { committer } : {}),
      });
      continue;
    }
    if (type !== 'tag' || (derefType !== 'commit' && derefType !== 'tag')) continue;
    const author = derefType === 'commit' ? formatPerson(dan, dae) : undefined;
    const committer = derefType === 'commit' ? formatPerson(dcn, dce) : undefined;
    const tagger = formatPerson(tn, te);
    const message = signature !== '' && contents.endsWith(signature) ? contents.slice(0, -signature.length) : contents;
    if (derefType === 'tag') nested.set(tags.length, { ref });
    tags.push({
      tag,
      id: derefType === 'commit' ? derefName : '',
      creatorDate,
      ...(subject ? { subject } : {}),
      ...(author !== undefined ? { author } : {}),
      ...(committer !== undefined ? { committer } : {}),
      ...(tagger !== undefined ? { tagger } : {}),
      annotation: message.replace(/\s+$/, ''),
    });
  }
  return { tags, nested };
}
