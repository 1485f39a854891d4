import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { parseManifests } from '../src/model/index.js';
import { compare, type BenchResult } from './measure.js';

/** parseManifests does YAML parsing plus schema validation; it should cost at most 3x the parse. */
export const goal = { maxRatio: 3, note: 'parseManifests at most 3x yaml.parseAllDocuments' };

const corpusDir = fileURLToPath(new URL('../test/fixtures/kargo/', import.meta.url));

/** The Kargo manifests of the test corpus: upstream test data and the documentation's examples. */
function loadCorpus(): { file: string; text: string }[] {
  return readdirSync(corpusDir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((file) => ({ file, text: readFileSync(corpusDir + file, 'utf8') }));
}

/** `parseManifests` over the whole Kargo corpus, against `yaml.parseAllDocuments` + `toJS` alone. */
export async function benchParse(): Promise<BenchResult[]> {
  const corpus = loadCorpus();
  const bytes = corpus.reduce((n, c) => n + c.text.length, 0);
  let resources = 0;
  for (const { file, text } of corpus) {
    const r = parseManifests(text, { file });
    if (r.ok) resources += r.value.length;
  }
  const detail = `${corpus.length} files, ${(bytes / 1024).toFixed(0)} KiB, ${resources} resources`;
  const subject = (): void => {
    for (const { file, text } of corpus) parseManifests(text, { file });
  };
  // The goal is against parsing alone; the second line shows what validation adds to a parse
  // that also builds the JavaScript values, which parseManifests needs too.
  const vsParse = await compare('parseManifests(corpus)', subject, 'yaml.parseAllDocuments', () => {
    for (const { text } of corpus) parseAllDocuments(text);
  }, { detail, goal: goal.maxRatio });
  const vsToJs = await compare('parseManifests(corpus)', subject, 'yaml.parseAllDocuments + toJS', () => {
    for (const { text } of corpus) for (const doc of parseAllDocuments(text) as Iterable<{ toJS(): unknown }>) doc.toJS();
  }, { detail });
  return [vsParse, vsToJs];
}
