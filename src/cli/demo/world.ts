import type { GitIdentity } from '../../ports/index.js';

/** The GitOps repository the quickstart Stages clone; the demo serves it from a bare repository on disk. */
export const DEMO_GITOPS_URL = 'https://github.com/example/kargo-demo.git';

/** The image the quickstart Warehouse subscribes to; the demo serves it from an in-memory registry. */
export const DEMO_IMAGE = 'ghcr.io/example/app';

/** The Project (namespace) of the quickstart. */
export const DEMO_PROJECT = 'kargo-demo';

/** The Warehouse of the quickstart. */
export const DEMO_WAREHOUSE = 'kargo-demo';

/** When the demo's clock starts. */
export const DEMO_START = '2026-05-04T09:00:00Z';

/** Who made the first commit of the GitOps repository. */
export const DEMO_OWNER: GitIdentity = { name: 'Dana Ops', email: 'dana@example.com' };

/** Who commits for the promotions (Kargo's default identity is its own bot; this one is waybill's). */
export const DEMO_PROMOTER: GitIdentity = { name: 'waybill', email: 'waybill@example.com' };

/** The person who approves and promotes by hand in the demo. */
export const DEMO_ACTOR = 'dana@example.com';

/** Tags in the registry when the demo starts, oldest first, with their build times. */
export const DEMO_INITIAL_TAGS: readonly { readonly tag: string; readonly createdAt: string }[] = [
  { tag: '1.0.0', createdAt: '2026-03-02T10:00:00Z' },
  { tag: '1.1.0', createdAt: '2026-04-06T10:00:00Z' },
  { tag: '1.2.0', createdAt: '2026-04-27T10:00:00Z' },
];

/** The tag pushed in the middle of the demo. */
export const DEMO_NEW_TAG = { tag: '1.3.0', createdAt: '2026-05-04T10:00:00Z' } as const;

const STAGE_SETTINGS: readonly { readonly stage: string; readonly replicas: number }[] = [
  { stage: 'dev', replicas: 1 },
  { stage: 'staging', replicas: 2 },
  { stage: 'prod', replicas: 3 },
];

/** The Helm values file of one Stage, as the GitOps repository holds it before any promotion. */
export function initialValuesFile(stage: string, replicas: number): string {
  return [
    `# Helm values of the app in ${stage}.`,
    `# Kargo sets image.tag when it promotes Freight to ${stage}; the rest is edited by people.`,
    'image:',
    `  repository: ${DEMO_IMAGE}`,
    '  tag: 1.0.0 # the release running now',
    `replicaCount: ${replicas}`,
    '',
  ].join('\n');
}

/** The files of the GitOps repository's first commit: one values file per Stage. */
export function initialRepositoryFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const { stage, replicas } of STAGE_SETTINGS) files[`env/${stage}/values.yaml`] = initialValuesFile(stage, replicas);
  return files;
}
