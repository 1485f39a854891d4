import { KubeConfig } from '@kubernetes/client-node';
import type { Json } from '../../../support/kube-api-server.js';
import demo from './recorded/kargo-demo.json' with { type: 'json' };
import apps from './recorded/argocd-applications.json' with { type: 'json' };

/** The bearer token the fake API server accepts; it must never show in a failure. */
export const TOKEN = 'tok-3f9a7c1e5b2d48a6-sekret';

/** A kubeconfig for a cluster at `server` with a token user (the client speaks plain HTTP only with `skipTLSVerify`). */
export function kubeConfigFor(server: string, token = TOKEN, namespace = 'kargo-demo', skipTLSVerify = true): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'fake', server, skipTLSVerify }],
    users: [{ name: 'robot', token }],
    contexts: [{ name: 'fake', cluster: 'fake', user: 'robot', namespace }],
    currentContext: 'fake',
  });
  return kc;
}

/** Every recorded Kargo object and Argo CD Application. */
export function recordedObjects(): Json[] {
  return [demo.project, demo.warehouse, ...demo.stages, demo.freight, ...apps.items] as Json[];
}
