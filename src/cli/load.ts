import { parseAllDocuments } from 'yaml';
import { parseManifests } from '../model/index.js';
import { buildStageGraph, type StageGraph } from '../pipeline/index.js';
import type { Issue } from '../errors/index.js';
import { readText } from './files.js';
import { SourceLocator } from './locate.js';

/** The parts of a parsed resource the command reads. */
export interface LoadedResource {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | undefined;
  readonly file: string;
  /** The resource as `parseManifests` returned it. */
  readonly resource: unknown;
}

/** Everything read from the files given to a command. */
export interface LoadedProject {
  readonly files: readonly string[];
  readonly sources: Readonly<Record<string, string>>;
  readonly resources: readonly LoadedResource[];
  /** Issues of parsing, in file order. */
  readonly issues: readonly Issue[];
  /** Files that could not be read, with the reason. */
  readonly unreadable: readonly { readonly file: string; readonly reason: string }[];
}

/** One Project's stage graph, with its issues placed in the files they come from. */
export interface ProjectGraph {
  /** The namespace of the Stages and Warehouses, or `null` for resources without one. */
  readonly namespace: string | null;
  /** The graph, or `undefined` when it could not be built (see `issues`). */
  readonly graph: StageGraph | undefined;
  readonly issues: readonly Issue[];
}

/** Reads and parses every file; files that cannot be read are listed in `unreadable`. */
export function loadProject(files: readonly string[], cwd: string): LoadedProject {
  const sources: Record<string, string> = {};
  const resources: LoadedResource[] = [];
  const issues: Issue[] = [];
  const unreadable: { file: string; reason: string }[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readText(file, cwd);
    } catch (error) {
      unreadable.push({ file, reason: error instanceof Error ? error.message : String(error) });
      continue;
    }
    sources[file] = text;
    const result = parseManifests(text, { file });
    issues.push(...result.issues);
    for (const resource of result.ok ? result.value : recoverResources(text, file)) {
      const { kind, name, namespace } = identify(resource);
      resources.push({ kind, name, namespace, file, resource });
    }
  }
  return { files, sources, resources, issues, unreadable };
}

/**
 * Builds one stage graph per namespace (a Kargo Project is a namespace), and places the graph's
 * issues, whose paths point into the list of Stages, at the line of the manifest they are about.
 */
export function buildProjectGraphs(project: LoadedProject): ProjectGraph[] {
  const locator = new SourceLocator(project.sources);
  const anyWarehouse = project.resources.some((r) => r.kind === 'Warehouse');
  const namespaces = [...new Set(project.resources.filter((r) => r.kind === 'Stage' || r.kind === 'Warehouse').map((r) => r.namespace ?? null))];
  return namespaces.map((namespace) => {
    const inNamespace = (r: LoadedResource): boolean => (r.namespace ?? null) === namespace;
    const stages = project.resources.filter((r) => r.kind === 'Stage' && inNamespace(r));
    const warehouses = project.resources.filter((r) => r.kind === 'Warehouse' && inNamespace(r));
    // Without any Warehouse in the files, the user is checking Stages alone: unknown origins say nothing.
    const result = buildStageGraph({ stages: stages.map((s) => s.resource as object), warehouses: anyWarehouse ? warehouses.map((w) => w.resource as object) : undefined });
    const issues = result.issues.map((issue) => placeIssue(issue, { stages, warehouses }, locator));
    return { namespace, graph: result.ok ? result.value : undefined, issues };
  });
}

function placeIssue(issue: Issue, lists: { stages: readonly LoadedResource[]; warehouses: readonly LoadedResource[] }, locator: SourceLocator): Issue {
  const [list, index, ...rest] = issue.path;
  const owner = typeof index === 'number' ? (list === 'stages' ? lists.stages[index] : list === 'warehouses' ? lists.warehouses[index] : undefined) : undefined;
  if (owner === undefined) return issue;
  const at = locator.locate(owner.file, owner.kind, owner.name, rest);
  const placed: Issue = { ...issue, path: rest, file: owner.file };
  return at === undefined ? placed : { ...placed, ...at };
}

/**
 * A file with one broken document fails as a whole, yet its other documents are still worth
 * listing and drawing. Each document is parsed again on its own, with the rest of the text blanked
 * out (newlines kept) so that positions stay those of the file; only the resources are kept, the
 * issues were already reported by the whole-file parse.
 */
function recoverResources(text: string, file: string): unknown[] {
  let docs: { range?: readonly number[] | null }[];
  try {
    docs = parseAllDocuments(text);
  } catch {
    return [];
  }
  if (!Array.isArray(docs) || docs.length < 2) return [];
  return docs.flatMap((doc) => {
    const [start, , end] = doc.range ?? [];
    if (start === undefined || end === undefined) return [];
    const masked = blank(text.slice(0, start)) + text.slice(start, end) + blank(text.slice(end));
    const one = parseManifests(masked, { file });
    return one.ok ? (one.value as readonly unknown[]) : [];
  });
}

function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}

function identify(resource: unknown): { kind: string; name: string; namespace: string | undefined } {
  const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});
  const metadata = record(record(resource)['metadata']);
  const kind = record(resource)['kind'];
  const name = metadata['name'];
  const namespace = metadata['namespace'];
  return {
    kind: typeof kind === 'string' ? kind : 'Unknown',
    name: typeof name === 'string' ? name : '',
    namespace: typeof namespace === 'string' && namespace !== '' ? namespace : undefined,
  };
}
