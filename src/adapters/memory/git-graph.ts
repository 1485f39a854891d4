import { sha1Hex } from '../../freight/index.js';
import type { StoredCommit } from './git-repository.js';

/** Finds a commit object by id (a workspace looks in its own objects, then in the remote's). */
export type CommitLookup = (id: string) => StoredCommit | undefined;

/** What a new commit object holds; its id is derived from all of it. */
export interface NewCommit {
  readonly parents: readonly string[];
  readonly tree: ReadonlyMap<string, string>;
  readonly message: string;
  /** `Name <email>`. */
  readonly author: string;
  /** `Name <email>`. */
  readonly committer: string;
  /** RFC 3339, whole seconds. */
  readonly date: string;
}

/**
 * Builds a commit object whose id is the SHA-1 of its content (parents, tree, message, identities
 * and date), as Git's is: the same commit made twice has the same id, which is what lets a
 * retried promotion recognise its own earlier push.
 */
export function makeCommit(input: NewCommit, lookup: CommitLookup): StoredCommit {
  const entries = [...input.tree].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const id = sha1Hex(JSON.stringify(['commit', input.parents, entries, input.message, input.author, input.committer, input.date]));
  const parent = input.parents[0] === undefined ? undefined : lookup(input.parents[0]);
  const subject = input.message.split('\n')[0] ?? '';
  return {
    id,
    creatorDate: input.date,
    ...(subject === '' ? {} : { subject }),
    author: input.author,
    committer: input.committer,
    parents: [...input.parents],
    tree: new Map(entries),
    message: input.message,
    paths: changedPaths(parent?.tree ?? new Map(), input.tree),
  };
}

/** The paths whose text differs between two trees, sorted. */
export function changedPaths(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const out = new Set<string>();
  for (const [path, text] of after) if (before.get(path) !== text) out.add(path);
  for (const path of before.keys()) if (!after.has(path)) out.add(path);
  return [...out].sort();
}

/** Whether two trees hold the same files with the same text. */
export function sameTree(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [path, text] of a) if (b.get(path) !== text) return false;
  return true;
}

/** Every commit reachable from `id` (itself included), in no particular order. */
export function ancestorsOf(id: string, lookup: CommitLookup): Set<string> {
  const seen = new Set<string>();
  const pending = [id];
  while (pending.length > 0) {
    const next = pending.pop() as string;
    if (seen.has(next)) continue;
    const commit = lookup(next);
    if (commit === undefined) continue;
    seen.add(next);
    pending.push(...commit.parents);
  }
  return seen;
}

/** Whether `ancestor` is `descendant` or reachable from it. */
export function isAncestor(ancestor: string, descendant: string, lookup: CommitLookup): boolean {
  return ancestorsOf(descendant, lookup).has(ancestor);
}

/**
 * A best common ancestor of two commits: a common ancestor that no other common ancestor
 * descends from (`undefined` for unrelated histories).
 */
export function mergeBase(a: string, b: string, lookup: CommitLookup): string | undefined {
  const ofA = ancestorsOf(a, lookup);
  const common = [...ancestorsOf(b, lookup)].filter((id) => ofA.has(id));
  return common.find((candidate) => !common.some((other) => other !== candidate && isAncestor(candidate, other, lookup)));
}

/**
 * Merges two trees file by file against their common base: a file changed on one side only takes
 * that side; changed the same way on both is fine; changed differently on both is a conflict.
 * Git merges inside files too; whole-file merging is enough for an in-memory repository.
 */
export function mergeTrees(
  base: ReadonlyMap<string, string>,
  ours: ReadonlyMap<string, string>,
  theirs: ReadonlyMap<string, string>,
): { ok: true; tree: Map<string, string> } | { ok: false; conflicts: string[] } {
  const tree = new Map<string, string>();
  const conflicts: string[] = [];
  for (const path of new Set([...base.keys(), ...ours.keys(), ...theirs.keys()])) {
    const [b, o, t] = [base.get(path), ours.get(path), theirs.get(path)];
    const merged = o === t ? o : o === b ? t : t === b ? o : null;
    if (merged === null) conflicts.push(path);
    else if (merged !== undefined) tree.set(path, merged);
  }
  return conflicts.length === 0 ? { ok: true, tree } : { ok: false, conflicts: conflicts.sort() };
}

/** The commits reachable from `head` that `stop` does not reach, oldest first along first parents. */
export function commitsSince(head: string, stop: string | undefined, lookup: CommitLookup): StoredCommit[] {
  const excluded = stop === undefined ? new Set<string>() : ancestorsOf(stop, lookup);
  const out: StoredCommit[] = [];
  for (let c = lookup(head); c !== undefined && !excluded.has(c.id); c = c.parents[0] === undefined ? undefined : lookup(c.parents[0])) out.push(c);
  return out.reverse();
}
