import { readdirSync, readFileSync, statSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { updateYaml } from '../src/mutation/index.js';
import { updateYamlOnCst } from '../src/mutation/update-yaml.js';
import { scalarPaths } from '../test/unit/mutation/support/scalar-paths.js';
import { compare, type BenchResult } from './measure.js';

/** The goal for one update: at least 5x faster than a `yaml` Document round trip. */
export const goal = { maxRatio: 0.2, note: 'updateYaml at least 5x faster than parseDocument + setIn + String(doc); 50 updates at most one parse' };

function largestValuesFile(): { name: string; text: string } {
  const dir = new URL('../test/fixtures/corpus/values/', import.meta.url);
  const sized = readdirSync(dir).map((name) => ({ name, size: statSync(new URL(name, dir)).size }));
  sized.sort((a, b) => b.size - a.size);
  const name = (sized[0] as { name: string }).name;
  return { name, text: readFileSync(new URL(name, dir), 'utf8') };
}

function generatedFile(lines: number): string {
  const chunks: string[] = [];
  for (let i = 0; chunks.length * 5 < lines; i++) {
    chunks.push(`svc${i}:\n  image:\n    repository: ghcr.io/acme/app${i} # the app\n    tag: "1.${i}.0"\n  replicas: ${i % 5}\n`);
  }
  return chunks.join('');
}

/** One-line string scalars in block collections: what promotions update (tags, repositories, versions). */
function stringTargets(text: string) {
  return scalarPaths(parseDocument(text)).filter(
    (p) => typeof p.value === 'string' && !p.inFlow && p.type !== 'BLOCK_LITERAL' && p.type !== 'BLOCK_FOLDED',
  );
}

async function oneUpdate(label: string, text: string): Promise<BenchResult> {
  const target = stringTargets(text).at(-1);
  if (!target) throw new Error(`no string scalar in ${label}`);
  const subject = (): void => {
    const r = updateYaml(text, [{ key: target.key, value: 'v9.9.9' }]);
    if (!r.ok) throw new Error(r.issues[0]?.message);
  };
  const baseline = (): void => {
    const d = parseDocument(text);
    d.setIn(target.path as unknown[], 'v9.9.9');
    String(d);
  };
  return compare(`updateYaml, one update: ${label}`, subject, 'parseDocument + setIn + String(doc)', baseline, {
    samples: 9,
    goal: 0.2,
    detail: `${(text.length / 1024).toFixed(0)} KiB, ${text.split('\n').length} lines`,
  });
}

/**
 * Config-file edits against the `yaml` Document round trip: one update to the largest values
 * file of the corpus and to a generated 10,000-line file, 50 updates in one call against a
 * single parse of the same file, and one update through the full parser (no line-scan shortcut).
 */
export async function benchMutation(): Promise<BenchResult[]> {
  const largest = largestValuesFile();
  const results = [await oneUpdate(largest.name, largest.text), await oneUpdate('generated file', generatedFile(10_000))];
  const targets = stringTargets(largest.text);
  const step = Math.max(1, Math.floor(targets.length / 50));
  const fifty = targets.filter((_, i) => i % step === 0).slice(0, 50).map((p) => ({ key: p.key, value: 'v9.9.9' }));
  const many = await compare(
    `updateYaml, ${fifty.length} updates in one call: ${largest.name}`,
    () => {
      const r = updateYaml(largest.text, fifty);
      if (!r.ok) throw new Error(r.issues[0]?.message);
    },
    'one parseDocument of the same file',
    () => parseDocument(largest.text),
    { samples: 9, goal: 1, detail: 'one-line string scalars of block collections, spread over the file' },
  );
  // Files outside the line scanner's subset (anchors, multi-line flow collections, ...) take the full parser.
  const target = targets.at(-1);
  if (!target) return [...results, many];
  const full = await compare(
    `updateYaml through the full parser: ${largest.name}`,
    () => updateYamlOnCst(largest.text, [{ key: target.key, value: 'v9.9.9' }]),
    'parseDocument + setIn + String(doc)',
    () => {
      const d = parseDocument(largest.text);
      d.setIn(target.path as unknown[], 'v9.9.9');
      String(d);
    },
    { samples: 9, goal: 1, detail: 'the path taken by files with anchors, tags or multi-line flow collections' },
  );
  return [...results, many, full];
}
