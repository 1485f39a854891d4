import * as z from 'zod';
import type { ArgoCDApplication, ClusterPort } from '../../ports/index.js';
import { defineStep } from '../registry.js';
import { stepErrored } from '../step-results.js';
import type { StepResult } from '../types.js';
import { appRef, appSelectorSchema, callPort, clusterOf, findApplications, hasNameOrSelector } from './argocd-support.js';
import { ARGOCD_POLL_INTERVAL, ARGOCD_STEP_TIMEOUT } from './argocd-update.js';

/** What `argocd-wait` can wait for. Health-like conditions (health, suspended, degraded) are alternatives; the rest must all hold. */
export const ARGOCD_WAIT_CONDITIONS = ['health', 'sync', 'operation', 'suspended', 'degraded'] as const;

/** A condition `argocd-wait` can wait for. */
export type ArgoCDWaitCondition = (typeof ARGOCD_WAIT_CONDITIONS)[number];

/** What `argocd-wait` waits for when an entry says nothing, as `argocd app wait` does. */
export const DEFAULT_ARGOCD_WAIT_FOR: readonly ArgoCDWaitCondition[] = ['health', 'sync', 'operation'];

const ERROR_CONDITIONS: readonly string[] = ['ComparisonError', 'InvalidSpecError'];

const appWaitSchema = z
  .strictObject({
    name: z.string().min(1).optional(),
    namespace: z.string().min(1).optional(),
    selector: appSelectorSchema.optional(),
    waitFor: z
      .array(z.enum(ARGOCD_WAIT_CONDITIONS))
      .min(1)
      .refine((list) => new Set(list).size === list.length, { message: 'waitFor must not repeat a condition' })
      .optional(),
  })
  .refine(hasNameOrSelector, { message: 'give exactly one of name and selector' });

/**
 * `argocd-wait`: waits until Argo CD Applications are ready. Each `apps[]` entry names one
 * Application or a `selector` (in `namespace`, default `argocd`) and what to wait for (`waitFor`,
 * default health, sync and operation): no operation in progress, `Healthy` health (or
 * `Suspended` / `Degraded` when asked for), and `Synced`. Health is trusted only once Argo CD has
 * reconciled the Application after its last operation; until then a hard refresh is requested.
 * It only reads Applications, so it needs no authorization. The step is Running (suggesting a
 * new look in 10 seconds) until all are ready, and errors for good when an Application reports
 * a comparison or spec error, or when its health falls from a good state to `Degraded` while
 * waiting for health. Output: `apps` (`[{name, namespace}]`) and `healthStatus` (the last health
 * seen per `namespace/name`). Times out after 5 minutes by default.
 */
export const argocdWaitStep = defineStep({
  uses: 'argocd-wait',
  configSchema: z.strictObject({ apps: z.array(appWaitSchema).min(1) }),
  timeout: ARGOCD_STEP_TIMEOUT,
  run: async (config, context): Promise<StepResult> => {
    const port = clusterOf(context, 'argocd-wait');
    if ('result' in port) return port.result;
    const previous = previousHealth(context.state[context.alias]);
    const health: Record<string, string> = { ...previous };
    const resolved: { name: string; namespace: string }[] = [];
    const waiting: string[] = [];
    const output = (): Record<string, unknown> => ({ apps: resolved, healthStatus: { ...health } });
    for (const entry of config.apps) {
      const waitFor = entry.waitFor ?? DEFAULT_ARGOCD_WAIT_FOR;
      const found = await findApplications(port.cluster, entry, context.signal);
      if (!found.ok) return stepErrored(found.message);
      if (entry.selector !== undefined && found.apps.length === 0) return stepErrored(`no Argo CD Applications found matching selector in namespace ${JSON.stringify(found.namespace)}`);
      for (const app of found.apps) {
        const key = `${app.metadata.namespace}/${app.metadata.name}`;
        resolved.push(appRef(app));
        const check = await checkReadiness(port.cluster, app, waitFor, previous[key] ?? '', context.signal);
        if (check.health !== '') health[key] = check.health;
        if (check.error !== undefined) return { status: 'Errored', error: { message: check.error, terminal: true }, output: output() };
        if (check.waiting !== undefined) waiting.push(`${key}: ${check.waiting}`);
      }
    }
    if (waiting.length === 0) return { status: 'Succeeded', output: output() };
    return { status: 'Running', output: output(), retryAfter: ARGOCD_POLL_INTERVAL, message: `waiting for Argo CD Applications: ${waiting.join('; ')}` };
  },
});

function previousHealth(output: unknown): Record<string, string> {
  const statuses = output !== null && typeof output === 'object' ? (output as Record<string, unknown>)['healthStatus'] : undefined;
  const out: Record<string, string> = {};
  if (statuses === null || typeof statuses !== 'object' || Array.isArray(statuses)) return out;
  for (const [key, value] of Object.entries(statuses)) if (typeof value === 'string') out[key] = value;
  return out;
}

interface Readiness {
  readonly health: string;
  /** Why the Application is not ready yet. */
  readonly waiting?: string;
  /** An error no amount of waiting fixes. */
  readonly error?: string;
}

async function checkReadiness(cluster: ClusterPort, app: ArgoCDApplication, waitFor: readonly ArgoCDWaitCondition[], previous: string, signal: AbortSignal | undefined): Promise<Readiness> {
  const { name, namespace } = app.metadata;
  const status = app.status ?? {};
  const health = typeof status.health?.status === 'string' ? status.health.status : '';
  const conditions = (status.conditions ?? []).filter((c) => c !== null && typeof c === 'object' && ERROR_CONDITIONS.includes(c.type));
  if (conditions.length > 0) {
    return { health, error: conditions.map((c) => `Argo CD Application ${JSON.stringify(name)} in namespace ${JSON.stringify(namespace)} has ${JSON.stringify(c.type)} condition: ${c.message ?? ''}`).join('\n') };
  }
  const state = status.operationState;
  if (waitFor.includes('operation') && (app.operation !== undefined || (state !== undefined && state.finishedAt === undefined))) return { health, waiting: 'an operation is in progress' };

  const healthChecked = waitFor.includes('health') || waitFor.includes('suspended') || waitFor.includes('degraded');
  if (!healthChecked) return syncReadiness(app, health, waitFor);
  // Argo CD assesses health in a separate pass from operations: right after a sync the health may
  // still describe the state before it, so it counts only once reconciledAt has caught up.
  if (state?.finishedAt !== undefined && (status.reconciledAt === undefined || Date.parse(status.reconciledAt) < Date.parse(state.finishedAt))) {
    // A failed refresh request changes nothing: the next look simply asks again.
    await callPort(() => cluster.patchApplication({ namespace, name, refresh: 'hard', signal }));
    return { health, waiting: 'health not yet assessed since the last operation' };
  }
  const passed = (waitFor.includes('health') && health === 'Healthy') || (waitFor.includes('suspended') && health === 'Suspended') || (waitFor.includes('degraded') && health === 'Degraded');
  if (waitFor.includes('health') && health === 'Degraded' && previous !== '' && previous !== 'Degraded' && previous !== 'Unknown') {
    return { health, error: `Argo CD Application ${JSON.stringify(name)} in namespace ${JSON.stringify(namespace)} health has regressed from ${previous} to ${health}` };
  }
  if (!passed) return { health, waiting: `health is ${health === '' ? 'unknown' : health}` };
  return syncReadiness(app, health, waitFor);
}

function syncReadiness(app: ArgoCDApplication, health: string, waitFor: readonly ArgoCDWaitCondition[]): Readiness {
  const sync = app.status?.sync?.status ?? '';
  if (waitFor.includes('sync') && sync !== 'Synced') return { health, waiting: `sync status is ${sync === '' ? 'unknown' : sync}` };
  return { health };
}
