import type { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';

/** The module `@kubernetes/client-node`, as the adapter loads it. */
export type KubernetesClientModule = typeof import('@kubernetes/client-node');

/** Options of {@link createKubernetesAdapter}. */
export interface KubernetesAdapterOptions {
  /**
   * Which cluster and user to talk to. Default: the client's default loading (`KUBECONFIG`, then
   * `~/.kube/config`, then the in-cluster service account).
   */
  readonly kubeConfig?: KubeConfig | undefined;
  /** Your own CustomObjectsApi (for example one with extra middleware); default: made from `kubeConfig`. */
  readonly customObjects?: CustomObjectsApi | undefined;
  /**
   * The namespace of Kargo resources when a call names none (a Kargo Project's namespace).
   * Default: the namespace of the kubeconfig's current context, else `default`.
   */
  readonly namespace?: string | undefined;
  /** How many times a status write is retried after a 409 Conflict (default 5). */
  readonly maxConflictRetries?: number | undefined;
  /**
   * Loads `@kubernetes/client-node`; default: a dynamic `import()`. Only this adapter loads the
   * package, and only when one of its methods first runs.
   */
  readonly loadClient?: (() => Promise<KubernetesClientModule>) | undefined;
}
