import { Document, isAlias, isMap, isScalar, isSeq, parseAllDocuments, Scalar, visit, YAMLMap, type Node, type Pair } from 'yaml';
import * as z from 'zod';
import { defineStep } from '../registry.js';
import { confinePath } from '../secure-path.js';
import { stepErrored, stepSucceeded } from '../step-results.js';
import { errorText, workTreeOf } from './support.js';

/**
 * What a merge produced for one place: a node, nothing there (the field is left out), or two
 * kinds that cannot be merged.
 */
type Merged = { node: Node | undefined } | { conflict: string };

const PATCH_DIRECTIVE = '$patch';

/**
 * Merges YAML documents the way Kargo's yaml-merge does (kustomize's kyaml merge without a
 * schema), written here because the `yaml` package has no merge and kyaml's rules are particular:
 * - mappings merge key by key, recursively; a later file's value wins;
 * - sequences are replaced whole by a later file's sequence (as Helm does for values files);
 * - a null value in a later file removes the key, and a merged mapping keeps no null values;
 * - a mapping and a non-mapping (or a sequence and a scalar) at the same place are an error;
 * - `$patch: delete` in a later mapping removes it, `$patch: replace` replaces instead of merging.
 * Comments of the earlier file's nodes are kept where the nodes are kept.
 */
export function mergeYamlNodes(dest: Node | undefined, src: Node | undefined): Merged {
  const destNull = isMissingOrNull(dest);
  const srcNull = isMissingOrNull(src);
  const first = destNull ? (srcNull ? undefined : src) : dest;
  if (first === undefined) return { node: src ?? dest };
  if (isMap(first)) {
    for (const n of [dest, src]) if (!isMissingOrNull(n) && !isMap(n)) return { conflict: `wrong node kind: expected a mapping but got ${kindOf(n)}` };
    if (destNull) {
      if (srcNull) return { node: undefined };
      const fresh = src as YAMLMap;
      if (patchDirective(fresh) === 'delete') return { node: undefined };
      // A mapping only the later file has is still walked, so its null values are dropped too.
      const stripped = stripDirective(fresh);
      return mergeMaps(stripped, stripped);
    }
    if (src !== undefined && srcNull) return { node: undefined };
    const directive = src === undefined ? undefined : patchDirective(src as YAMLMap);
    if (directive === 'delete') return { node: undefined };
    if (directive === 'replace') return { node: stripDirective(src as YAMLMap) };
    return mergeMaps(dest as YAMLMap, src as YAMLMap | undefined);
  }
  if (isSeq(first)) {
    for (const n of [dest, src]) if (!isMissingOrNull(n) && !isSeq(n)) return { conflict: `wrong node kind: expected a sequence but got ${kindOf(n)}` };
    return { node: src ?? dest };
  }
  for (const n of [dest, src]) if (!isMissingOrNull(n) && !isScalar(n)) return { conflict: `wrong node kind: expected a scalar but got ${kindOf(n)}` };
  return { node: src ?? dest };
}

function mergeMaps(dest: YAMLMap, src: YAMLMap | undefined): Merged {
  const out = dest;
  const srcPairs = new Map<string, Pair>();
  for (const pair of src?.items ?? []) {
    const key = keyText(pair.key);
    if (key !== PATCH_DIRECTIVE) srcPairs.set(key, pair as Pair);
  }
  const seen = new Set<string>();
  const kept: Pair[] = [];
  for (const pair of dest.items as Pair[]) {
    const key = keyText(pair.key);
    seen.add(key);
    const other = srcPairs.get(key);
    const merged = mergeYamlNodes(asNode(pair.value), other === undefined ? undefined : asNode(other.value) ?? new Scalar(null));
    if ('conflict' in merged) return { conflict: `${key}: ${merged.conflict}` };
    if (merged.node === undefined || isMissingOrNull(merged.node)) continue;
    pair.value = merged.node;
    kept.push(pair);
  }
  // New keys go after the existing ones, in sorted order, as kyaml adds them.
  const added = [...srcPairs.keys()].filter((k) => !seen.has(k)).sort();
  for (const key of added) {
    const pair = srcPairs.get(key) as Pair;
    const merged = mergeYamlNodes(undefined, asNode(pair.value) ?? new Scalar(null));
    if ('conflict' in merged) return { conflict: `${key}: ${merged.conflict}` };
    if (merged.node === undefined || isMissingOrNull(merged.node)) continue;
    pair.value = merged.node;
    kept.push(pair);
  }
  out.items = kept;
  return { node: out };
}

function asNode(value: unknown): Node | undefined {
  return value === null || value === undefined ? undefined : (value as Node);
}

function isMissingOrNull(node: Node | undefined): boolean {
  return node === undefined || (isScalar(node) && node.value === null);
}

function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return String(key);
}

function kindOf(node: Node | undefined): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a sequence';
  return 'a scalar';
}

function patchDirective(map: YAMLMap): string | undefined {
  const value = map.get(PATCH_DIRECTIVE);
  return typeof value === 'string' ? value : undefined;
}

function stripDirective(map: YAMLMap): YAMLMap {
  map.items = map.items.filter((p) => keyText(p.key) !== PATCH_DIRECTIVE);
  return map;
}

/** A file's first document as a node tree, or why it cannot be read; `undefined` when it is empty. */
function readYamlNode(text: string): { node: Node | undefined } | { error: string } {
  const docs = parseAllDocuments(text, { merge: true });
  const doc = Array.isArray(docs) ? docs[0] : undefined;
  if (doc === undefined) return { node: undefined };
  const problem = doc.errors[0];
  if (problem !== undefined) return { error: problem.message };
  let hasAlias = false;
  visit(doc, {
    Alias: () => {
      hasAlias = true;
      return visit.BREAK;
    },
  });
  // Nodes move between documents, where an alias would lose its anchor: such a file is merged
  // as plain data (its comments are not kept).
  if (hasAlias) return { node: new Document(doc.toJS({ maxAliasCount: 100 }), { aliasDuplicateObjects: false }).contents ?? undefined };
  const contents = doc.contents;
  return { node: contents === null || isAlias(contents) ? undefined : contents };
}

/**
 * `yaml-merge`: merges `inFiles` in order (later files win; see `mergeYamlNodes`) and
 * writes the result to `outFile`. A missing input file is an error unless `ignoreMissingFiles`
 * is set; empty files are skipped; with nothing to merge the output is an empty file.
 * Output: `commitMessage`, naming the files merged.
 */
export const yamlMergeStep = defineStep({
  uses: 'yaml-merge',
  configSchema: z.strictObject({
    inFiles: z.array(z.string()).min(1),
    outFile: z.string().min(1),
    ignoreMissingFiles: z.boolean().optional(),
  }),
  run: async (config, context) => {
    const wt = workTreeOf(context, 'yaml-merge');
    if ('result' in wt) return wt.result;
    try {
      const used: string[] = [];
      const texts: string[] = [];
      for (const file of config.inFiles) {
        const text = await wt.tree.readFile(confinePath(file));
        if (text === undefined) {
          if (config.ignoreMissingFiles === true) continue;
          return stepErrored(`input file ${JSON.stringify(file)} not found`);
        }
        used.push(file);
        texts.push(text);
      }
      let target: Node | undefined;
      for (const [i, text] of texts.entries()) {
        const read = readYamlNode(text);
        if ('error' in read) return stepErrored(`error merging YAML files: error reading input file ${used[i] ?? ''}: ${read.error}`);
        if (read.node === undefined) continue;
        if (target === undefined) {
          target = read.node;
          continue;
        }
        const merged = mergeYamlNodes(target, read.node);
        if ('conflict' in merged) return stepErrored(`error merging YAML files: error merging in file ${used[i] ?? ''}: ${merged.conflict}`);
        target = merged.node;
      }
      let out = '';
      if (target !== undefined) {
        const doc = new Document();
        doc.contents = target;
        out = doc.toString({ indent: 2, indentSeq: false, lineWidth: 0 });
      }
      await wt.tree.writeFile(confinePath(config.outFile), out, { mode: 0o600 });
      if (used.length === 0) return stepSucceeded();
      const message = used.length === 1 ? `Wrote ${used[0] ?? ''} to ${config.outFile}` : `Merged ${used.length} YAML files to ${config.outFile}${used.map((p) => `\n- ${p}`).join('')}`;
      return stepSucceeded({ commitMessage: message });
    } catch (e) {
      return stepErrored(`error merging YAML files: ${errorText(e)}`);
    }
  },
});
