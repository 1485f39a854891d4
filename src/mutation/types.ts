import type { PathSegment } from '../errors/index.js';

/** What an edit did to one value: replaced an existing one, or added a new one. */
export type ChangeOp = 'replace' | 'add';

/**
 * One value changed by an edit, as data. `path` points into the parsed document (mapping keys
 * as strings, sequence indexes as numbers); for `add`, it is the outermost path that did not
 * exist before and `value` is everything added there. `line` and `column` (1-based) locate the
 * replaced token, or the insertion point, in the input text.
 */
export interface Change {
  readonly op: ChangeOp;
  readonly path: readonly PathSegment[];
  /** The update key that caused this change, as the caller wrote it. */
  readonly key?: string;
  /** The value before the edit (only for `replace`). */
  readonly from?: unknown;
  readonly value: unknown;
  readonly line?: number;
  readonly column?: number;
}

/** One value to set: a key in Kargo's key syntax (`image.tag`, `containers.0.image`) and its new value. */
export interface ValueUpdate {
  readonly key: string;
  readonly value: unknown;
}

/** The outcome of an edit: the new text and the changes made. The input is never modified. */
export interface EditResult {
  readonly text: string;
  readonly changes: Change[];
}

/** Options of `updateYaml`. */
export interface UpdateYamlOptions {
  /** Add missing mapping keys and append sequence items (index equal to the length, or `-1`). Default `false`. */
  readonly create?: boolean;
  /** Which document of a multi-document file to edit, counted from 0. Default `0`. */
  readonly document?: number;
}
