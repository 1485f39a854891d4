import jsonpatch from 'fast-json-patch';
import { parseAllDocuments } from 'yaml';
import { expect } from 'vitest';
import { toJsonPatch, updateYaml } from '../../../../src/mutation/index.js';
import { setAtPath, type ScalarPath } from './scalar-paths.js';

/** Parses every document of a text to plain data (aliases become shared references). */
export function parseDocs(text: string): unknown[] {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) return [];
  for (const d of docs) if (d.errors.length > 0) throw new Error(`output does not parse: ${d.errors[0]?.message ?? ''}`);
  return docs.map((d) => d.toJS({ maxAliasCount: -1 }) as unknown);
}

const isScalar = (v: unknown): boolean => v === null || typeof v !== 'object';

/**
 * Checks the laws of an edit for one update of an existing scalar: (1) the output parses to the
 * input with the update applied, and the other documents are unchanged; (2) bytes outside the
 * target's span are unchanged; (3) repeating the update changes nothing; and the JSON Patch of
 * the changes turns the parsed input into the parsed output.
 */
export function checkScalarUpdateLaws(text: string, docs: readonly unknown[], docIndex: number, target: ScalarPath, value: unknown): void {
  const r = updateYaml(text, [{ key: target.key, value }], { document: docIndex });
  expect(r.ok, JSON.stringify(r.ok ? '' : r.issues)).toBe(true);
  if (!r.ok) return;
  const out = r.value.text;
  const outDocs = parseDocs(out);
  expect(outDocs.length).toBe(docs.length);
  const expected = structuredClone(docs as unknown[]);
  expected[docIndex] = setAtPath(expected[docIndex], target.path, value === undefined ? null : value);
  expect(outDocs).toEqual(expected);
  if (out !== text) {
    let p = 0;
    while (p < text.length && p < out.length && text[p] === out[p]) p++;
    let s = 0;
    while (s < text.length - p && s < out.length - p && text[text.length - 1 - s] === out[out.length - 1 - s]) s++;
    // The changed bytes of the input lie inside the target token (an empty value's insertion point is the colon).
    expect(p).toBeGreaterThanOrEqual(target.range[0] - 1);
    expect(text.length - s).toBeLessThanOrEqual(target.range[1] + 1);
  }
  if (isScalar(value)) {
    const again = updateYaml(out, [{ key: target.key, value }], { document: docIndex });
    expect(again.ok && again.value.text).toBe(out);
  }
  const patched = structuredClone(docs[docIndex]);
  const applied = jsonpatch.applyPatch(patched, toJsonPatch(r.value.changes) as jsonpatch.Operation[], false, true).newDocument;
  expect(applied).toEqual(outDocs[docIndex]);
}
