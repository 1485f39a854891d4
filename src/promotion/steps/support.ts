import type { Issue } from '../../errors/index.js';
import { goQuote, parseGoBool, parseGoFloat } from '../../expressions/index.js';
import { stepErrored } from '../step-results.js';
import type { StepResult, StepRunContext } from '../types.js';
import type { WorkTree } from '../work-tree.js';

/** The work tree a file step edits, or the result to return when the embedder gave none. */
export function workTreeOf(context: StepRunContext, uses: string): { tree: WorkTree } | { result: StepResult } {
  const tree = context.ports.workTree;
  if (tree === undefined) return { result: stepErrored(`${uses} needs a work tree: pass ports.workTree to runPromotion`, { terminal: true }) };
  return { tree };
}

/** Joins issue messages for a step message. */
export function describeIssues(issues: readonly Issue[]): string {
  return issues.map((i) => (i.line !== undefined ? `${i.message} (line ${i.line}${i.column !== undefined ? `, column ${i.column}` : ''})` : i.message)).join('; ');
}

/** Joins a directory and a file name with `/`, for relative work-tree paths. */
export function joinPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/** The text of an exception, for a step message. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * How a value appears in a yaml-update commit message. Kargo prints strings that would read as a
 * number, a boolean or JSON in Go quotes and other strings as they are; waybill does the same, and
 * prints other values as JSON (Kargo prints Go's `%v` of them, `map[a:1]`, which says less).
 */
export function formatYamlCommitValue(value: unknown): string {
  if (typeof value === 'string') return looksTyped(value) ? goQuote(value) : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value ?? null) ?? 'null';
}

/** How a value appears in a json-update commit message: strings in Go quotes, the rest as they print. */
export function formatJsonCommitValue(value: unknown): string {
  return typeof value === 'string' ? goQuote(value) : String(value);
}

function looksTyped(text: string): boolean {
  if (parseGoFloat(text) !== undefined || parseGoBool(text) !== undefined) return true;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
