import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, isAbsolute } from 'node:path';

/** The YAML files found under the paths given on the command line. */
export interface FoundFiles {
  /** Files to read, as they will be shown: relative to the working directory when inside it. */
  readonly files: readonly string[];
  /** Paths given that do not exist. */
  readonly missing: readonly string[];
}

const yamlFile = /\.ya?ml$/i;
/** Directories never worth descending into when looking for manifests. */
const skippedDirs = new Set(['node_modules', '.git']);

/**
 * Expands paths into YAML files: a file is taken as it is (whatever its extension, since the user
 * named it), a directory is searched recursively for `.yaml` and `.yml` files, skipping hidden
 * directories and `node_modules`. Files come out sorted within each directory and de-duplicated.
 */
export function findYamlFiles(paths: readonly string[], cwd: string): FoundFiles {
  const files: string[] = [];
  const seen = new Set<string>();
  const missing: string[] = [];
  const add = (absolute: string): void => {
    if (seen.has(absolute)) return;
    seen.add(absolute);
    files.push(displayPath(absolute, cwd));
  };
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    const kind = kindOf(absolute);
    if (kind === 'file') add(absolute);
    else if (kind === 'dir') walk(absolute, add);
    else missing.push(path);
  }
  return { files, missing };
}

/** Reads a file as UTF-8, relative to `cwd`. */
export function readText(file: string, cwd: string): string {
  return readFileSync(resolve(cwd, file), 'utf8');
}

function walk(dir: string, add: (file: string) => void): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && !skippedDirs.has(entry.name)) walk(path, add);
    } else if (yamlFile.test(entry.name) && kindOf(path) === 'file') {
      add(path);
    }
  }
}

function kindOf(path: string): 'file' | 'dir' | undefined {
  try {
    const stat = statSync(path);
    return stat.isDirectory() ? 'dir' : stat.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

function displayPath(absolute: string, cwd: string): string {
  const rel = relative(cwd, absolute);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? absolute : rel;
}
