import type { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { failureFromError, kubeFailure, type KubernetesFailure, type KubernetesResult } from './failures.js';
import type { KubernetesAdapterOptions, KubernetesClientModule } from './options.js';

/** Where a custom resource lives: API group, version, plural, and namespace when it has one. */
export interface ObjectAddress {
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  readonly namespace?: string | undefined;
}

/** A JSON object as the API server sends it. */
export type JsonObject = Record<string, unknown>;

/** The few API calls the adapter makes, over a loaded client. */
export interface KubeClient {
  readonly config: KubeConfig;
  readonly defaultNamespace: string;
  /** Credentials to keep out of every message. */
  readonly secrets: readonly string[];
  get(address: ObjectAddress, name: string): Promise<JsonObject>;
  list(address: ObjectAddress, labelSelector: string | undefined): Promise<JsonObject>;
  create(address: ObjectAddress, body: JsonObject): Promise<JsonObject>;
  replaceStatus(address: ObjectAddress, name: string, body: JsonObject): Promise<JsonObject>;
  mergePatch(address: ObjectAddress, name: string, patch: JsonObject): Promise<JsonObject>;
  /** Deletes one object; the API server answers with the object (when finalizers hold it) or a Status. */
  remove(address: ObjectAddress, name: string): Promise<unknown>;
  watch(address: ObjectAddress, query: Record<string, string | undefined>, onLine: (type: string, object: unknown) => void, done: (error: unknown) => void): Promise<AbortController>;
}

const MISSING_CLIENT =
  'the Kubernetes adapter needs the optional peer dependency @kubernetes/client-node (>= 1.0): install it with `npm install @kubernetes/client-node`';

/** The URL path of a collection of custom resources. */
export function collectionPath(address: ObjectAddress): string {
  const ns = address.namespace === undefined ? '' : `/namespaces/${encodeURIComponent(address.namespace)}`;
  return `/apis/${address.group}/${address.version}${ns}/${address.plural}`;
}

function secretsOf(config: KubeConfig): string[] {
  const user = config.getCurrentUser();
  const out: string[] = [];
  for (const value of [user?.token, user?.password, user?.keyData]) if (typeof value === 'string' && value !== '') out.push(value);
  return out;
}

function makeClient(k8s: KubernetesClientModule, options: KubernetesAdapterOptions): KubeClient {
  let config = options.kubeConfig;
  if (config === undefined) {
    config = new k8s.KubeConfig();
    config.loadFromDefault();
  }
  const kc = config;
  const api: CustomObjectsApi = options.customObjects ?? kc.makeApiClient(k8s.CustomObjectsApi);
  const contextNamespace = kc.getContextObject(kc.getCurrentContext())?.namespace;
  const defaultNamespace = options.namespace ?? (contextNamespace !== undefined && contextNamespace !== '' ? contextNamespace : 'default');
  const mergePatchHeader = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);
  return {
    config: kc,
    defaultNamespace,
    secrets: secretsOf(kc),
    async get(a, name) {
      const base = { group: a.group, version: a.version, plural: a.plural, name };
      return (a.namespace === undefined ? await api.getClusterCustomObject(base) : await api.getNamespacedCustomObject({ ...base, namespace: a.namespace })) as JsonObject;
    },
    async list(a, labelSelector) {
      const base = { group: a.group, version: a.version, plural: a.plural, ...(labelSelector === undefined ? {} : { labelSelector }) };
      return (a.namespace === undefined ? await api.listClusterCustomObject(base) : await api.listNamespacedCustomObject({ ...base, namespace: a.namespace })) as JsonObject;
    },
    async create(a, body) {
      const base = { group: a.group, version: a.version, plural: a.plural, body };
      return (a.namespace === undefined ? await api.createClusterCustomObject(base) : await api.createNamespacedCustomObject({ ...base, namespace: a.namespace })) as JsonObject;
    },
    async replaceStatus(a, name, body) {
      const base = { group: a.group, version: a.version, plural: a.plural, name, body };
      return (a.namespace === undefined ? await api.replaceClusterCustomObjectStatus(base) : await api.replaceNamespacedCustomObjectStatus({ ...base, namespace: a.namespace })) as JsonObject;
    },
    async mergePatch(a, name, patch) {
      const base = { group: a.group, version: a.version, plural: a.plural, name, body: patch };
      return (a.namespace === undefined
        ? await api.patchClusterCustomObject(base, mergePatchHeader)
        : await api.patchNamespacedCustomObject({ ...base, namespace: a.namespace }, mergePatchHeader)) as JsonObject;
    },
    async remove(a, name) {
      const base = { group: a.group, version: a.version, plural: a.plural, name };
      return a.namespace === undefined ? await api.deleteClusterCustomObject(base) : await api.deleteNamespacedCustomObject({ ...base, namespace: a.namespace });
    },
    watch(a, query, onLine, done) {
      const watcher = new k8s.Watch(kc);
      return watcher.watch(collectionPath(a), query, (type, object) => onLine(type, object), done);
    },
  };
}

/**
 * Loads the client once, on first use, so that importing this subpath (let alone `waybill`)
 * never loads `@kubernetes/client-node`. A missing package becomes a failure that says how to
 * install it, for every call.
 */
export function lazyClient(options: KubernetesAdapterOptions): () => Promise<KubernetesResult<KubeClient>> {
  let pending: Promise<KubernetesResult<KubeClient>> | undefined;
  const load = options.loadClient ?? (() => import('@kubernetes/client-node'));
  return () => {
    pending ??= load().then(
      (k8s): KubernetesResult<KubeClient> => {
        try {
          return { ok: true, value: makeClient(k8s, options) };
        } catch (error) {
          const failure: KubernetesFailure = kubeFailure('unauthorized', `the kubeconfig could not be used: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}`, false);
          return { ok: false, failure };
        }
      },
      (error: unknown): KubernetesResult<KubeClient> => ({ ok: false, failure: { ...failureFromError(error, 'loading @kubernetes/client-node', []), kind: 'transport', retryable: false, message: MISSING_CLIENT } }),
    );
    return pending;
  };
}
