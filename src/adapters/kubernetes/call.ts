import type { KubeClient } from './client.js';
import { failureFromError, kubeFailure, type KubernetesResult } from './failures.js';

/** Runs one API call with the loaded client, turning a fired signal and every throw into failures. */
export type CallRunner = <T>(subject: string | ((client: KubeClient) => string), signal: AbortSignal | undefined, run: (client: KubeClient) => Promise<KubernetesResult<T>>) => Promise<KubernetesResult<T>>;

/** A `cancelled` failure about `subject`. */
export function cancelled(subject: string): { ok: false; failure: ReturnType<typeof kubeFailure> } {
  return { ok: false, failure: kubeFailure('cancelled', `${subject}: cancelled`, false) };
}

/**
 * Makes the runner every method goes through. The generated client takes no AbortSignal, so a
 * signal that fires mid-call settles the call as cancelled at once and its answer is dropped.
 */
export function createCallRunner(client: () => Promise<KubernetesResult<KubeClient>>): CallRunner {
  return async (subject, signal, run) => {
    if (signal?.aborted) return cancelled(typeof subject === 'string' ? subject : 'Kubernetes API call');
    const loaded = await client();
    if (!loaded.ok) return loaded;
    const secrets = loaded.value.secrets;
    const named = typeof subject === 'string' ? subject : subject(loaded.value);
    const work = run(loaded.value).catch((error: unknown) => ({ ok: false as const, failure: failureFromError(error, named, secrets) }));
    if (signal === undefined) return work;
    let onAbort: (() => void) | undefined;
    const abort = new Promise<ReturnType<typeof cancelled>>((resolve) => {
      onAbort = () => resolve(cancelled(named));
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([work, abort]);
    } finally {
      if (onAbort !== undefined) signal.removeEventListener('abort', onAbort);
    }
  };
}
