import { parseDocument, type CST } from 'yaml';
import { createIssue, type Issue } from '../errors/index.js';
import { err, ok, type Result } from '../result.js';
import { applyEdits, detectLineEnding, lineEndAt, lineStartAt, positionAt, type TextEdit } from './text-lines.js';
import type { Change, EditResult } from './types.js';
import { contentEnd, entryColumn, itemContentEnd, keyText } from './yaml-cst.js';
import { renderString } from './yaml-render.js';
import { readYamlSource } from './yaml-source.js';
import {
  buildImageTargets,
  mergeImages,
  sameEntry,
  type FreightImageRef,
  type KustomizeImage,
  type KustomizeImageEntry,
} from './kustomize-merge.js';

const ENTRY_FIELDS = ['name', 'newName', 'newTag', 'digest'] as const;

/**
 * Sets images in a kustomization with Kargo's kustomize-set-image rules (entry name is `name`
 * or `image`; a target replaces its entry except `*` fields, which keep the current value; the
 * list is sorted by name), written as an in-place edit of the `images` list: changed entries are
 * rewritten, new ones are written in the list's indentation, untouched entries and the rest of the
 * file keep their bytes. Without an `images` key, one is appended.
 */
export function setKustomizeImages(text: string, images: readonly KustomizeImage[]): Result<EditResult> {
  const invalid = images.flatMap((im, i): Issue[] => {
    const hasPin = (im.tag !== undefined && im.tag !== '') || (im.digest !== undefined && im.digest !== '');
    if (typeof im.image === 'string' && im.image !== '' && hasPin) return [];
    return [createIssue('KUSTOMIZE_INVALID_IMAGE', `image update ${i} needs a non-empty image and a tag or a digest`, { path: ['images', i] })];
  });
  if (invalid.length > 0) return err(invalid);
  const parsed = readYamlSource(text);
  if (!parsed.ok) return err(parsed.issues);
  const doc = parsed.source.documents[0];
  const root = doc?.value;
  const nl = detectLineEnding(text);
  const targets = buildImageTargets(images);
  if (root !== undefined && root.type !== 'block-map' && !(root.type === 'flow-collection' && root.start.source === '{')) {
    return err(createIssue('KUSTOMIZE_IMAGES_NOT_A_LIST', 'the kustomization is not a mapping'));
  }
  const current = readCurrentImages(text);
  if (!current.ok) return current;
  const merged = mergeImages(current.value, targets);
  const item = root?.items.find((it) => keyText(it.key) === 'images');
  const lines = parsed.source.lines();
  const at = (offset: number) => positionAt(lines, offset);
  if (!root || root.type === 'flow-collection' || !item) {
    if (root?.type === 'flow-collection') {
      return err(createIssue('KUSTOMIZE_IMAGES_NOT_A_LIST', 'a kustomization written as a flow mapping cannot be edited in place'));
    }
    // No images yet: append the list as the last entry of the kustomization.
    const offset = root ? lineEndAt(text, contentEnd(root)) : text.length;
    const col = root ? entryColumn(text, root) : 0;
    const lead = offset === 0 || text[offset - 1] === '\n' ? '' : nl;
    const body = merged.map((e) => renderEntry(e, col, nl)).join('');
    const insert = root ? `${nl}${' '.repeat(col)}images:${nl}${body.slice(0, -nl.length)}` : `${lead}images:${nl}${body}`;
    return ok({ text: applyEdits(text, [{ start: offset, end: offset, insert }]), changes: [{ op: 'add', path: ['images'], value: merged, ...at(offset) }] });
  }
  const value = item.value;
  if (value === undefined) {
    const col = entryColumn(text, root);
    const offset = lineEndAt(text, itemContentEnd(item));
    const body = merged.map((e) => renderEntry(e, col, nl)).join('');
    const edit: TextEdit = { start: offset, end: offset, insert: nl + body.slice(0, -nl.length) };
    return ok({ text: applyEdits(text, [edit]), changes: [{ op: 'replace', path: ['images'], from: null, value: merged, ...at(offset) }] });
  }
  if (value.type === 'flow-collection' && value.start.source === '[') {
    const start = value.start.offset;
    const end = contentEnd(value);
    const insert = `[${merged.map(renderFlowEntry).join(', ')}]`;
    const changes = sameList(current.value, merged) ? [] : [{ op: 'replace' as const, path: ['images'], from: current.value, value: merged, ...at(start) }];
    return ok({ text: changes.length ? applyEdits(text, [{ start, end, insert }]) : text, changes });
  }
  if (value.type !== 'block-seq') return err(createIssue('KUSTOMIZE_IMAGES_NOT_A_LIST', '`images` is not a list', { path: ['images'] }));
  return ok(editBlockList(text, value, current.value, merged, nl, at));
}

/**
 * Chooses the images to set from Freight, as the step's automatic mode does: every image of
 * every piece of Freight, with both its tag and its digest. A repository carried by two pieces
 * of Freight is ambiguous.
 */
export function kustomizeImagesFromFreight(freight: readonly { readonly images?: readonly FreightImageRef[] }[]): Result<KustomizeImage[]> {
  const seen = new Map<string, number>();
  const out: KustomizeImage[] = [];
  const issues: Issue[] = [];
  freight.forEach((f, i) => {
    for (const im of f.images ?? []) {
      const before = seen.get(im.repoURL);
      if (before !== undefined && before !== i) {
        issues.push(createIssue('KUSTOMIZE_AMBIGUOUS_IMAGES', `image ${im.repoURL} comes from more than one piece of Freight; list the images explicitly`, { path: [i, 'images'] }));
        continue;
      }
      seen.set(im.repoURL, i);
      out.push({ image: im.repoURL, ...(im.tag ? { tag: im.tag } : {}), ...(im.digest ? { digest: im.digest } : {}) });
    }
  });
  return issues.length > 0 ? err(issues) : ok(out);
}

function readCurrentImages(text: string): Result<KustomizeImageEntry[]> {
  const doc = parseDocument(text);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return err(createIssue('YAML_PARSE', `cannot read the kustomization: ${e instanceof Error ? e.message : String(e)}`));
  }
  const images = data !== null && typeof data === 'object' ? (data as Record<string, unknown>)['images'] : undefined;
  if (images === undefined || images === null) return ok([]);
  if (!Array.isArray(images)) return err(createIssue('KUSTOMIZE_IMAGES_NOT_A_LIST', '`images` is not a list', { path: ['images'] }));
  const entries: KustomizeImageEntry[] = [];
  for (const [i, raw] of (images as unknown[]).entries()) {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      return err(createIssue('KUSTOMIZE_IMAGES_NOT_A_LIST', `images entry ${i} is not a mapping`, { path: ['images', i] }));
    }
    const r = raw as Record<string, unknown>;
    const entry: Record<string, string> = { name: typeof r['name'] === 'string' ? r['name'] : String(r['name'] ?? '') };
    for (const f of ['newName', 'newTag', 'digest'] as const) {
      const v = r[f];
      if (v !== undefined && v !== null && v !== '') entry[f] = String(v);
    }
    entries.push(entry as unknown as KustomizeImageEntry);
  }
  return ok(entries);
}

function renderEntry(entry: KustomizeImageEntry, col: number, nl: string): string {
  const pad = ' '.repeat(col);
  const lines: string[] = [];
  for (const f of ENTRY_FIELDS) {
    const v = entry[f];
    if (v === undefined) continue;
    const text = `${f}: ${renderString(v, { style: 'plain', flow: false })}`;
    lines.push(lines.length === 0 ? `${pad}- ${text}` : `${pad}  ${text}`);
  }
  return lines.map((l) => l + nl).join('');
}

function renderFlowEntry(entry: KustomizeImageEntry): string {
  const parts = ENTRY_FIELDS.filter((f) => entry[f] !== undefined).map((f) => `${f}: ${renderString(entry[f] as string, { style: 'plain', flow: true })}`);
  return `{${parts.join(', ')}}`;
}

function sameList(a: readonly KustomizeImageEntry[], b: readonly KustomizeImageEntry[]): boolean {
  return a.length === b.length && a.every((e, i) => sameEntry(e, b[i] as KustomizeImageEntry));
}

function editBlockList(
  text: string,
  seq: CST.BlockSequence,
  current: readonly KustomizeImageEntry[],
  merged: readonly KustomizeImageEntry[],
  nl: string,
  at: (offset: number) => { line: number; column: number },
): EditResult {
  if (sameList(current, merged)) return { text, changes: [] };
  const col = entryColumn(text, seq);
  // Each entry owns its lines, from its dash to the next entry's dash (comments between go with the entry above).
  const dashes = seq.items.map((it) => {
    const dash = it.start.find((t) => t.type === 'seq-item-ind');
    return lineStartAt(text, dash ? dash.offset : itemContentEnd(it));
  });
  const last = seq.items[seq.items.length - 1];
  const regionStart = dashes[0] ?? seq.offset;
  const lastLineEnd = last ? lineEndAt(text, itemContentEnd(last)) : regionStart;
  const regionEnd = text.startsWith('\r\n', lastLineEnd) ? lastLineEnd + 2 : text[lastLineEnd] === '\n' ? lastLineEnd + 1 : lastLineEnd;
  const spans = dashes.map((start, i) => {
    const s = text.slice(start, dashes[i + 1] ?? regionEnd);
    return s.endsWith('\n') ? s : s + nl;
  });
  const byName = new Map<string, { entry: KustomizeImageEntry; index: number }[]>();
  current.forEach((entry, index) => {
    const list = byName.get(entry.name) ?? [];
    list.push({ entry, index });
    byName.set(entry.name, list);
  });
  let body = '';
  const changes: Change[] = [];
  let lastKept = -1;
  let inOrder = true;
  merged.forEach((entry, j) => {
    const old = byName.get(entry.name)?.shift();
    if (old && sameEntry(old.entry, entry)) body += spans[old.index] ?? '';
    else body += renderEntry(entry, col, nl);
    if (old) {
      if (old.index < lastKept) inOrder = false;
      lastKept = old.index;
      if (!sameEntry(old.entry, entry)) changes.push({ op: 'replace', path: ['images', j], from: old.entry, value: entry, ...at(dashes[old.index] ?? regionStart) });
    } else {
      changes.push({ op: 'add', path: ['images', j], value: entry, ...at(regionEnd) });
    }
  });
  if (regionEnd === lastLineEnd && body.endsWith(nl)) body = body.slice(0, -nl.length);
  const edited = applyEdits(text, [{ start: regionStart, end: regionEnd, insert: body }]);
  const listChanges = inOrder ? changes : [{ op: 'replace' as const, path: ['images'], from: current, value: merged, ...at(regionStart) }];
  return { text: edited, changes: listChanges };
}
