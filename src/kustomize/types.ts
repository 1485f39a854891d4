/**
 * What a kustomize build reads files through: a directory tree addressed by relative paths with
 * `/` separators (a promotion's work tree fits it as it is).
 */
export interface KustomizeReader {
  /** The text of a file, or `undefined` when there is no file at the path. */
  readFile(path: string): Promise<string | undefined>;
  /** The children of a directory, or `undefined` when the path is not a directory. */
  list(path: string): Promise<readonly { readonly name: string; readonly type: 'file' | 'directory' | 'symlink' }[] | undefined>;
}

/** A JSON object, as resources are held during a build. */
export type JsonObject = Record<string, unknown>;

/** Group, version and kind of a resource. */
export interface Gvk {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

/** The identity of a resource in a build: its kind and where it lives. */
export interface ResId extends Gvk {
  readonly name: string;
  readonly namespace: string;
}

/** A resource while it is being built, with what kustomize remembers about it. */
export interface BuildResource {
  /** The object itself (plain JSON). */
  obj: JsonObject;
  /** The file it came from (or the kustomization that generated it). */
  readonly file: string;
  /** Its ids before each rename (prefix, suffix, namespace, hash), oldest first. */
  prevIds: ResId[];
  /** The name prefixes and suffixes applied to it, in order, for name references. */
  prefixes: string[];
  suffixes: string[];
  /** Whether a content hash is appended to its name at the end of the build. */
  needsHash: boolean;
  /** For generated objects: how they combine with an existing object of the same id. */
  behavior?: 'create' | 'merge' | 'replace';
}

/** Options of {@link buildKustomization}. */
export interface BuildKustomizationOptions {
  /** How many kustomizations deep the build may go before it stops (default 64). */
  readonly maxDepth?: number;
  /**
   * The output order when the kustomization sets no `sortOptions`: `legacy` (default, what the
   * `kustomize build` command prints: by kind, then name) or `fifo` (the order resources were
   * met, which is what Kargo's kustomize-build step writes, since it builds without reordering).
   */
  readonly order?: 'legacy' | 'fifo';
}

/** One rendered resource of a build, in output order. */
export interface KustomizeOutputResource {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** `''` when the resource has no namespace. */
  readonly namespace: string;
  /** Whether the kind lives outside namespaces (Namespace, ClusterRole, CustomResourceDefinition, ...). */
  readonly clusterScoped: boolean;
  /** The object, as plain JSON. */
  readonly object: JsonObject;
}

/** The result of a build: the resources in `kustomize build` order. */
export interface KustomizeBuild {
  readonly resources: readonly KustomizeOutputResource[];
}
