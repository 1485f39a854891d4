import { parseDocument } from 'yaml';

/** The chart versions of an index, per chart name, in the index's order. */
export type ChartIndex = ReadonlyMap<string, readonly string[]>;

/** An index, or a sentence saying what is wrong with it. */
export type ParsedIndex = { readonly ok: true; readonly index: ChartIndex } | { readonly ok: false; readonly reason: string };

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads the `entries` of a Helm repository `index.yaml` (YAML or JSON). The failsafe schema keeps
 * every scalar as the text the index holds, so a version written `1.10` stays `1.10` instead of
 * becoming the number 1.1. `maxAliasCount` stops alias-expansion bombs. An entry without a string
 * `version` is skipped: it cannot be selected.
 */
export function parseIndex(text: string, maxAliasCount: number): ParsedIndex {
  let data: unknown;
  try {
    const document = parseDocument(text, { schema: 'failsafe', uniqueKeys: false, prettyErrors: false });
    if (document.errors.length > 0) return { ok: false, reason: `the index is not valid YAML (${document.errors[0]?.code ?? 'syntax error'})` };
    data = document.toJS({ maxAliasCount });
  } catch {
    // toJS throws when the alias limit is passed; the message is not needed beyond that.
    return { ok: false, reason: `the index is not valid YAML or uses more than ${maxAliasCount} aliases` };
  }
  if (!isRecord(data)) return { ok: false, reason: 'the index is not a YAML mapping' };
  const entries = data.entries === undefined || (typeof data.entries === 'string' && NULLS.has(data.entries)) ? {} : data.entries;
  if (!isRecord(entries)) return { ok: false, reason: 'the index entries are not a mapping of chart names' };
  const index = new Map<string, string[]>();
  for (const [name, list] of Object.entries(entries)) {
    // Under the failsafe schema a YAML null arrives as its text.
    if (list === null || (typeof list === 'string' && NULLS.has(list))) {
      index.set(name, []);
      continue;
    }
    if (!Array.isArray(list)) return { ok: false, reason: `the index entry of chart ${JSON.stringify(name)} is not a list` };
    const versions: string[] = [];
    for (const item of list) {
      const version = isRecord(item) ? item.version : undefined;
      if (typeof version === 'string' && version !== '') versions.push(version);
    }
    index.set(name, versions);
  }
  return { ok: true, index };
}
