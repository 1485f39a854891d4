import type { KargoKind, KargoResource } from '../../model/index.js';

/** The Kargo API group and version the adapter reads and writes. */
export const KARGO_GROUP = 'kargo.akuity.io';
/** The Kargo API version the adapter reads and writes. */
export const KARGO_VERSION = 'v1alpha1';
/** The Argo CD API group of Applications. */
export const ARGOCD_GROUP = 'argoproj.io';
/** The Argo CD API version of Applications. */
export const ARGOCD_VERSION = 'v1alpha1';
/** The resource name of Argo CD Applications. */
export const ARGOCD_APPLICATIONS = 'applications';

/** How a Kargo kind is addressed in the Kubernetes API. */
export interface KindRoute {
  /** The lower-case plural of the resource path (`stages`). */
  readonly plural: string;
  /** Whether the kind lives in a namespace (Projects, ClusterConfigs and ClusterPromotionTasks do not). */
  readonly namespaced: boolean;
}

/** The API route of each Kargo kind, as Kargo's CRDs declare it. */
export const KIND_ROUTES: Readonly<Record<KargoKind, KindRoute>> = {
  Project: { plural: 'projects', namespaced: false },
  ProjectConfig: { plural: 'projectconfigs', namespaced: true },
  ClusterConfig: { plural: 'clusterconfigs', namespaced: false },
  Warehouse: { plural: 'warehouses', namespaced: true },
  Freight: { plural: 'freights', namespaced: true },
  Stage: { plural: 'stages', namespaced: true },
  Promotion: { plural: 'promotions', namespaced: true },
  PromotionTask: { plural: 'promotiontasks', namespaced: true },
  ClusterPromotionTask: { plural: 'clusterpromotiontasks', namespaced: false },
};

/** The core type of one Kargo kind. */
export type ResourceOf<K extends KargoKind> = Extract<KargoResource, { kind: K }>;
