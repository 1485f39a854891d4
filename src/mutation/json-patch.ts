import type { PathSegment } from '../errors/index.js';
import type { Change } from './types.js';

/** An RFC 6902 operation, as produced from change records. */
export interface JsonPatchOperation {
  readonly op: 'replace' | 'add';
  readonly path: string;
  readonly value: unknown;
}

/** Encodes path segments as an RFC 6901 JSON Pointer (`~` as `~0`, `/` as `~1`). */
export function toJsonPointer(path: readonly PathSegment[]): string {
  return path.map((s) => '/' + String(s).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}

/**
 * Turns the changes of an edit into RFC 6902 JSON Patch operations that, applied in order to
 * the parsed input, give the parsed output.
 */
export function toJsonPatch(changes: readonly Change[]): JsonPatchOperation[] {
  return changes.map((c) => ({ op: c.op, path: toJsonPointer(c.path), value: c.value }));
}
