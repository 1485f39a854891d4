import type { FieldSpec } from './field-spec.js';

// The places kustomize's builtin transformers write by default (its builtin field-spec
// configuration), restated as data.

const fs = (path: string, kind: string, group?: string, create = true, version?: string): FieldSpec => ({
  path,
  kind,
  create,
  ...(group === undefined ? {} : { group }),
  ...(version === undefined ? {} : { version }),
});

/** Where labels go on metadata and pod templates (no selectors). */
export const METADATA_LABEL_FIELD_SPECS: readonly FieldSpec[] = [
  { path: 'metadata/labels', create: true },
  fs('spec/template/metadata/labels', 'ReplicationController', undefined, true, 'v1'),
  fs('spec/template/metadata/labels', 'Deployment'),
  fs('spec/template/metadata/labels', 'ReplicaSet'),
  fs('spec/template/metadata/labels', 'DaemonSet'),
  fs('spec/template/metadata/labels', 'StatefulSet', 'apps'),
  fs('spec/template/metadata/labels', 'Job', 'batch'),
  fs('spec/jobTemplate/metadata/labels', 'CronJob', 'batch'),
  fs('spec/jobTemplate/spec/template/metadata/labels', 'CronJob', 'batch'),
];

/** Where labels go on the volume claim templates of StatefulSets. */
export const VOLUME_CLAIM_TEMPLATE_LABEL_FIELD_SPECS: readonly FieldSpec[] = [fs('spec/volumeClaimTemplates[]/metadata/labels', 'StatefulSet', 'apps')];

const affinityPaths = [
  'spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels',
];

/** Where `commonLabels` (and `labels` with includeSelectors) go: metadata, templates and selectors. */
export const COMMON_LABEL_FIELD_SPECS: readonly FieldSpec[] = [
  fs('spec/selector', 'Service', undefined, true, 'v1'),
  fs('spec/selector', 'ReplicationController', undefined, true, 'v1'),
  fs('spec/selector/matchLabels', 'Deployment'),
  ...affinityPaths.map((p) => fs(p, 'Deployment', 'apps', false)),
  fs('spec/selector/matchLabels', 'ReplicaSet'),
  fs('spec/selector/matchLabels', 'DaemonSet'),
  fs('spec/selector/matchLabels', 'StatefulSet', 'apps'),
  ...affinityPaths.map((p) => fs(p, 'StatefulSet', 'apps', false)),
  fs('spec/selector/matchLabels', 'Job', 'batch', false),
  fs('spec/jobTemplate/spec/selector/matchLabels', 'CronJob', 'batch', false),
  fs('spec/selector/matchLabels', 'PodDisruptionBudget', 'policy', false),
  fs('spec/podSelector/matchLabels', 'NetworkPolicy', 'networking.k8s.io', false),
  fs('spec/ingress/from/podSelector/matchLabels', 'NetworkPolicy', 'networking.k8s.io', false),
  fs('spec/egress/to/podSelector/matchLabels', 'NetworkPolicy', 'networking.k8s.io', false),
  ...METADATA_LABEL_FIELD_SPECS,
  ...VOLUME_CLAIM_TEMPLATE_LABEL_FIELD_SPECS,
];

/** Where `commonAnnotations` go. */
export const COMMON_ANNOTATION_FIELD_SPECS: readonly FieldSpec[] = [
  { path: 'metadata/annotations', create: true },
  fs('spec/template/metadata/annotations', 'ReplicationController', undefined, true, 'v1'),
  fs('spec/template/metadata/annotations', 'Deployment'),
  fs('spec/template/metadata/annotations', 'ReplicaSet'),
  fs('spec/template/metadata/annotations', 'DaemonSet'),
  fs('spec/template/metadata/annotations', 'StatefulSet'),
  fs('spec/template/metadata/annotations', 'Job', 'batch'),
  fs('spec/jobTemplate/metadata/annotations', 'CronJob', 'batch'),
  fs('spec/jobTemplate/spec/template/metadata/annotations', 'CronJob', 'batch'),
];

/** Where `images` look for container images. */
export const IMAGE_FIELD_SPECS: readonly FieldSpec[] = [
  { path: 'spec/containers[]/image', create: true },
  { path: 'spec/initContainers[]/image', create: true },
  { path: 'spec/template/spec/containers[]/image', create: true },
  { path: 'spec/template/spec/initContainers[]/image', create: true },
];

/** Where `replicas` sets counts. */
export const REPLICA_FIELD_SPECS: readonly FieldSpec[] = ['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((kind) => fs('spec/replicas', kind));

/** Which fields of which kinds refer to an object of some kind by name. */
export interface NameReferenceRule {
  readonly kind: string;
  readonly group?: string;
  readonly referrers: readonly FieldSpec[];
}

// The pod specs of the workload kinds, with the path prefix that leads to each.
const POD_SPECS: readonly (readonly [kind: string, prefix: string, version?: string])[] = [
  ['Pod', 'spec', 'v1'],
  ['PodTemplate', 'template/spec'],
  ['Deployment', 'spec/template/spec'],
  ['ReplicaSet', 'spec/template/spec'],
  ['DaemonSet', 'spec/template/spec'],
  ['StatefulSet', 'spec/template/spec'],
  ['Job', 'spec/template/spec'],
  ['CronJob', 'spec/jobTemplate/spec/template/spec'],
];

const inPodSpecs = (suffixes: readonly string[], kinds: readonly (readonly [string, string, string?])[] = POD_SPECS): FieldSpec[] =>
  kinds.flatMap(([kind, prefix, version]) => suffixes.map((s) => ({ path: `${prefix}/${s}`, kind, ...(version === undefined ? {} : { version }) })));

const WORKLOADS_WITHOUT_PODTEMPLATE = POD_SPECS.filter(([kind]) => kind !== 'PodTemplate' && kind !== 'ReplicaSet');
const WITH_RC: readonly (readonly [string, string, string?])[] = [...WORKLOADS_WITHOUT_PODTEMPLATE, ['ReplicationController', 'spec/template/spec']];

/** kustomize's default name references, for the kinds real kustomizations rename. */
export const NAME_REFERENCE_RULES: readonly NameReferenceRule[] = [
  ...['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((kind) => ({ kind, referrers: [{ path: 'spec/scaleTargetRef/name', kind: 'HorizontalPodAutoscaler' }] })),
  {
    kind: 'ConfigMap',
    referrers: [
      ...inPodSpecs([
        'volumes/configMap/name',
        'containers/env/valueFrom/configMapKeyRef/name',
        'initContainers/env/valueFrom/configMapKeyRef/name',
        'containers/envFrom/configMapRef/name',
        'initContainers/envFrom/configMapRef/name',
        'volumes/projected/sources/configMap/name',
      ]),
      { path: 'spec/configSource/configMap', kind: 'Node' },
      { path: 'rules/resourceNames', kind: 'Role' },
      { path: 'rules/resourceNames', kind: 'ClusterRole' },
      { path: 'metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap', kind: 'Ingress' },
    ],
  },
  {
    kind: 'Secret',
    referrers: [
      ...inPodSpecs([
        'volumes/secret/secretName',
        'containers/env/valueFrom/secretKeyRef/name',
        'initContainers/env/valueFrom/secretKeyRef/name',
        'containers/envFrom/secretRef/name',
        'initContainers/envFrom/secretRef/name',
        'imagePullSecrets/name',
        'volumes/projected/sources/secret/name',
      ]),
      { path: 'spec/tls/secretName', kind: 'Ingress' },
      { path: 'metadata/annotations/ingress.kubernetes.io\\/auth-secret', kind: 'Ingress' },
      { path: 'metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret', kind: 'Ingress' },
      { path: 'metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret', kind: 'Ingress' },
      { path: 'imagePullSecrets/name', kind: 'ServiceAccount' },
      { path: 'parameters/secretName', kind: 'StorageClass' },
      { path: 'parameters/adminSecretName', kind: 'StorageClass' },
      { path: 'parameters/userSecretName', kind: 'StorageClass' },
      { path: 'parameters/secretRef', kind: 'StorageClass' },
      { path: 'rules/resourceNames', kind: 'Role' },
      { path: 'rules/resourceNames', kind: 'ClusterRole' },
      { path: 'spec/azureFile/secretName', kind: 'PersistentVolume' },
    ],
  },
  {
    kind: 'Service',
    referrers: [
      { path: 'spec/serviceName', kind: 'StatefulSet', group: 'apps' },
      { path: 'spec/rules/http/paths/backend/serviceName', kind: 'Ingress' },
      { path: 'spec/backend/serviceName', kind: 'Ingress' },
      { path: 'spec/rules/http/paths/backend/service/name', kind: 'Ingress' },
      { path: 'spec/defaultBackend/service/name', kind: 'Ingress' },
      { path: 'spec/service/name', kind: 'APIService', group: 'apiregistration.k8s.io' },
      { path: 'webhooks/clientConfig/service', kind: 'ValidatingWebhookConfiguration', group: 'admissionregistration.k8s.io' },
      { path: 'webhooks/clientConfig/service', kind: 'MutatingWebhookConfiguration', group: 'admissionregistration.k8s.io' },
    ],
  },
  { kind: 'Role', group: 'rbac.authorization.k8s.io', referrers: [{ path: 'roleRef/name', kind: 'RoleBinding', group: 'rbac.authorization.k8s.io' }] },
  {
    kind: 'ClusterRole',
    group: 'rbac.authorization.k8s.io',
    referrers: [
      { path: 'roleRef/name', kind: 'RoleBinding', group: 'rbac.authorization.k8s.io' },
      { path: 'roleRef/name', kind: 'ClusterRoleBinding', group: 'rbac.authorization.k8s.io' },
    ],
  },
  {
    kind: 'ServiceAccount',
    referrers: [
      { path: 'subjects', kind: 'RoleBinding', group: 'rbac.authorization.k8s.io' },
      { path: 'subjects', kind: 'ClusterRoleBinding', group: 'rbac.authorization.k8s.io' },
      { path: 'spec/serviceAccountName', kind: 'Pod' },
      ...inPodSpecs(['serviceAccountName'], WITH_RC.filter(([k]) => k !== 'Pod')),
    ],
  },
  {
    kind: 'PersistentVolumeClaim',
    referrers: [{ path: 'spec/volumes/persistentVolumeClaim/claimName', kind: 'Pod' }, ...inPodSpecs(['volumes/persistentVolumeClaim/claimName'], WITH_RC.filter(([k]) => k !== 'Pod'))],
  },
  { kind: 'PersistentVolume', referrers: [{ path: 'spec/volumeName', kind: 'PersistentVolumeClaim' }, { path: 'rules/resourceNames', kind: 'ClusterRole' }] },
  {
    kind: 'StorageClass',
    group: 'storage.k8s.io',
    referrers: [
      { path: 'spec/storageClassName', kind: 'PersistentVolume' },
      { path: 'spec/storageClassName', kind: 'PersistentVolumeClaim' },
      { path: 'spec/volumeClaimTemplates/spec/storageClassName', kind: 'StatefulSet' },
    ],
  },
  {
    kind: 'PriorityClass',
    group: 'scheduling.k8s.io',
    referrers: [{ path: 'spec/priorityClassName', kind: 'Pod' }, ...inPodSpecs(['priorityClassName'], WITH_RC.filter(([k]) => k !== 'Pod'))],
  },
  {
    kind: 'ValidatingAdmissionPolicy',
    group: 'admissionregistration.k8s.io',
    referrers: [{ path: 'spec/policyName', kind: 'ValidatingAdmissionPolicyBinding', group: 'admissionregistration.k8s.io' }],
  },
];
