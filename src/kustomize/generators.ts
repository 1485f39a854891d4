import type { Issue } from '../errors/index.js';
import { mergeGeneratorOptions, type GeneratorEntry, type GeneratorOptions } from './kustomization.js';
import { baseName, joinTreePath } from './paths.js';
import type { BuildResource, JsonObject, KustomizeReader } from './types.js';

/** Reports a problem with one generator entry. */
export type GeneratorIssue = (entry: GeneratorEntry, message: string) => Issue;

const KEY_PATTERN = /^[-._a-zA-Z0-9]+$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** Reads a generator's key/value pairs: env files, then literals, then files (kustomize's order). */
async function loadPairs(reader: KustomizeReader, dir: string, entry: GeneratorEntry, issue: GeneratorIssue): Promise<{ pairs: [string, string][]; issues: Issue[] }> {
  const issues: Issue[] = [];
  const pairs: [string, string][] = [];
  for (const env of entry.envs) {
    const text = await reader.readFile(joinTreePath(dir, env));
    if (text === undefined) {
      issues.push(issue(entry, `env file ${JSON.stringify(env)} not found`));
      continue;
    }
    const lines = text.split('\n');
    lines.forEach((rawLine, n) => {
      let line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
      if (n === 0 && line.startsWith('\uFEFF')) line = line.slice(1);
      line = line.replace(/^\s+/, '');
      if (line === '' || line.startsWith('#')) return;
      const eq = line.indexOf('=');
      const key = eq < 0 ? line : line.slice(0, eq);
      if (!ENV_NAME.test(key)) {
        issues.push(issue(entry, `${env} line ${n + 1}: ${JSON.stringify(key)} is not a valid environment variable name`));
        return;
      }
      pairs.push([key, eq < 0 ? '' : line.slice(eq + 1)]);
    });
  }
  for (const literal of entry.literals) {
    const eq = literal.indexOf('=');
    if (eq <= 0) {
      issues.push(issue(entry, `invalid literal source ${JSON.stringify(literal)}, expected key=value`));
      continue;
    }
    let value = literal.slice(eq + 1);
    if (value.length >= 2 && value[0] === value[value.length - 1] && (value[0] === '"' || value[0] === "'")) value = value.slice(1, -1);
    pairs.push([literal.slice(0, eq), value]);
  }
  for (const source of entry.files) {
    const separators = source.split('=').length - 1;
    let key: string;
    let path: string;
    if (separators === 0) {
      key = baseName(source);
      path = source;
    } else if (separators === 1 && !source.startsWith('=') && !source.endsWith('=')) {
      [key, path] = source.split('=') as [string, string];
    } else {
      issues.push(issue(entry, `invalid file source ${JSON.stringify(source)}: write it as path or key=path`));
      continue;
    }
    const text = await reader.readFile(joinTreePath(dir, path));
    if (text === undefined) {
      issues.push(issue(entry, `file ${JSON.stringify(path)} not found`));
      continue;
    }
    pairs.push([key, text]);
  }
  return { pairs, issues };
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  const encoded = btoa(binary);
  // Like kustomize (kyaml), long encodings are cut into lines of 70 characters, each ending in a
  // newline; the hash covers those newlines too.
  const LINE = 70;
  if (encoded.length < LINE) return encoded;
  let out = '';
  for (let i = 0; i < encoded.length; i += LINE) out += `${encoded.slice(i, i + LINE)}\n`;
  return out;
}

/**
 * Generates a ConfigMap or Secret from a generator entry, as kustomize does: data from the
 * sources (Secret values base64-encoded, Secret type Opaque unless given), the options' labels,
 * annotations and immutability, and a content-hash name suffix unless disabled.
 */
export async function generateObject(
  kind: 'ConfigMap' | 'Secret',
  reader: KustomizeReader,
  dir: string,
  file: string,
  entry: GeneratorEntry,
  globalOptions: GeneratorOptions | undefined,
  issue: GeneratorIssue,
): Promise<{ resource?: BuildResource; issues: Issue[] }> {
  if (entry.name === '') return { issues: [issue(entry, `a ${kind === 'ConfigMap' ? 'configmap' : 'secret'} generator must have a name`)] };
  const behavior = entry.behavior ?? 'create';
  if (behavior !== 'create' && behavior !== 'merge' && behavior !== 'replace' && behavior !== 'unspecified' && behavior !== '') {
    return { issues: [issue(entry, `behavior must be create, merge or replace, not ${JSON.stringify(behavior)}`)] };
  }
  const loaded = await loadPairs(reader, dir, entry, issue);
  const issues = [...loaded.issues];
  const data: Record<string, string> = {};
  for (const [key, value] of loaded.pairs) {
    if (!KEY_PATTERN.test(key)) issues.push(issue(entry, `${JSON.stringify(key)} is not a valid ${kind === 'ConfigMap' ? 'ConfigMap' : 'Secret'} key`));
    else if (Object.hasOwn(data, key)) issues.push(issue(entry, `${kind === 'ConfigMap' ? 'configmap' : 'secret'} ${entry.name} illegally repeats the key ${JSON.stringify(key)}`));
    else data[key] = kind === 'Secret' ? base64(value) : value;
  }
  if (issues.length > 0) return { issues };
  const options = mergeGeneratorOptions(entry.options, globalOptions);
  const metadata: JsonObject = { name: entry.name };
  if (entry.namespace !== undefined && entry.namespace !== '') metadata['namespace'] = entry.namespace;
  if (options.labels !== undefined && Object.keys(options.labels).length > 0) metadata['labels'] = { ...options.labels };
  if (options.annotations !== undefined && Object.keys(options.annotations).length > 0) metadata['annotations'] = { ...options.annotations };
  const obj: JsonObject = { apiVersion: 'v1', kind, metadata };
  if (kind === 'Secret') obj['type'] = entry.type !== undefined && entry.type !== '' ? entry.type : 'Opaque';
  if (Object.keys(data).length > 0) obj['data'] = data;
  if (options.immutable === true) obj['immutable'] = true;
  return {
    resource: {
      obj,
      file,
      prevIds: [],
      prefixes: [],
      suffixes: [],
      needsHash: options.disableNameSuffixHash !== true,
      behavior: behavior === 'merge' ? 'merge' : behavior === 'replace' ? 'replace' : 'create',
    },
    issues,
  };
}
