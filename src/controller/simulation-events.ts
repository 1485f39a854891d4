import type { Issue } from '../errors/index.js';
import type { KargoResource } from '../model/index.js';
import type { Result } from '../result.js';
import type { SimulationEvent } from './simulation-script.js';
import { formatSimulationTime } from './simulation-time.js';
import { pushCommit, pushImage, runningVerification, tryAdapter, type SimulationWorld } from './simulation-world.js';
import type { Controller } from './types.js';

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const asArr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** What applying one scripted event did. */
export interface AppliedEvent {
  readonly outcome: 'applied' | 'rejected';
  readonly summary: string;
  readonly stage?: string | undefined;
  readonly message?: string | undefined;
  readonly created?: readonly string[] | undefined;
  /** Set for an approval, so the timeline can name who approved. */
  readonly approved?: { readonly stage: string; readonly freight: string; readonly actor: string } | undefined;
}

/** The default actor of scripted manual actions. */
export const SIMULATION_ACTOR = 'waybill-simulation';

const TERMINAL = new Set(['Succeeded', 'Failed', 'Errored', 'Aborted']);

interface FreightRef {
  readonly freight?: string | undefined;
  readonly alias?: string | undefined;
  readonly image?: string | undefined;
  readonly commit?: string | undefined;
  readonly chart?: string | undefined;
}

/** Applies one scripted event to the world and the controller, at the clock's current time. */
export async function applyEvent(event: SimulationEvent, world: SimulationWorld, controller: Controller): Promise<AppliedEvent> {
  const project = world.project;
  const now = formatSimulationTime(world.clock.now().getTime());
  const refreshWarehouses = async (notify: boolean | undefined) => {
    if (notify !== true) return;
    const listed = await world.store.list('Warehouse', { namespace: project });
    for (const w of listed.ok ? listed.value : []) await controller.refresh({ kind: 'Warehouse', project, name: w.metadata.name ?? '' });
  };
  const rejected = (summary: string, message: string, stage?: string): AppliedEvent => ({ outcome: 'rejected', summary, message, ...(stage ? { stage } : {}) });
  const fromResult = (summary: string, stage: string, result: Result<unknown>, created: readonly string[] = []): AppliedEvent =>
    result.ok ? { outcome: 'applied', summary, stage, ...(created.length > 0 ? { created } : {}) } : rejected(summary, messageOf(result.issues), stage);

  switch (event.type) {
    case 'image-pushed': {
      const summary = `${event.repoURL}:${event.tag}`;
      const issue = tryAdapter([], () => pushImage(world, event, now));
      if (issue !== undefined) return rejected(summary, issue.message);
      await refreshWarehouses(event.notify);
      return { outcome: 'applied', summary };
    }
    case 'commit-pushed': {
      let id = '';
      const issue = tryAdapter([], () => {
        id = pushCommit(world, event, now);
      });
      const summary = `${event.repoURL}${event.branch ? `#${event.branch}` : ''}`;
      if (issue !== undefined) return rejected(summary, issue.message);
      await refreshWarehouses(event.notify);
      return { outcome: 'applied', summary: `${summary} ${id.slice(0, 7)}${event.tag ? ` (${event.tag})` : ''}` };
    }
    case 'chart-published': {
      const summary = `${event.name ? `${event.name}@` : ''}${event.version} in ${event.repoURL}`;
      const issue = tryAdapter([], () => world.charts.push(event.repoURL, { ...(event.name ? { name: event.name } : {}), version: event.version }));
      if (issue !== undefined) return rejected(summary, issue.message);
      await refreshWarehouses(event.notify);
      return { outcome: 'applied', summary };
    }
    case 'verification-result': {
      const summary = `${event.stage} ${event.phase}`;
      const id = runningVerification(world, event.stage);
      if (id === undefined) return rejected(summary, `Stage "${event.stage}" has no running verification`, event.stage);
      world.verification.complete(id, event.phase, event.message);
      // The Stage learns the result on its next reconcile, as it would poll an AnalysisRun.
      await controller.refresh({ kind: 'Stage', project, name: event.stage });
      return { outcome: 'applied', summary, stage: event.stage };
    }
    case 'approve': {
      const found = await resolveFreight(world, event);
      const summary = `${describeRef(event, found)} for ${event.stage}`;
      if (typeof found === 'string') return rejected(summary, found, event.stage);
      const actor = event.actor ?? SIMULATION_ACTOR;
      const result = await controller.approve({ project, stage: event.stage, freight: found.name, actor });
      const applied = fromResult(summary, event.stage, result);
      return applied.outcome === 'applied' ? { ...applied, approved: { stage: event.stage, freight: found.name, actor } } : applied;
    }
    case 'promote': {
      const actor = event.actor ?? SIMULATION_ACTOR;
      if (event.origin !== undefined && hasRef(event)) return rejected(`${event.stage}`, 'name either the origin or the Freight to promote, not both', event.stage);
      if (event.origin !== undefined) {
        const summary = `${event.stage} to the candidate of ${event.origin}`;
        const result = await controller.promote({ project, stage: event.stage, origin: event.origin, actor });
        return fromResult(summary, event.stage, result, result.ok ? [nameOf(result.value)] : []);
      }
      const found = await resolveFreight(world, event);
      const summary = `${event.stage} to ${describeRef(event, found)}`;
      if (typeof found === 'string') return rejected(summary, found, event.stage);
      const result = await controller.promote({ project, stage: event.stage, freight: found.name, actor });
      return fromResult(summary, event.stage, result, result.ok ? [nameOf(result.value)] : []);
    }
    case 'promote-downstream': {
      const found = await resolveFreight(world, event);
      const summary = `from ${event.stage} with ${describeRef(event, found)}`;
      if (typeof found === 'string') return rejected(summary, found, event.stage);
      const result = await controller.promoteDownstream({ project, stage: event.stage, freight: found.name, actor: event.actor ?? SIMULATION_ACTOR });
      return fromResult(summary, event.stage, result, result.ok ? result.value.map(nameOf) : []);
    }
    case 'abort-promotion': {
      const found = hasRef(event) ? await resolveFreight(world, event) : undefined;
      const summary = `${event.stage}${found !== undefined ? ` (${describeRef(event, found)})` : ''}`;
      if (typeof found === 'string') return rejected(summary, found, event.stage);
      const listed = await world.store.list('Promotion', { namespace: project });
      const open = (listed.ok ? listed.value : [])
        .map((p) => asObj(p))
        .filter((p) => asObj(p['spec'])['stage'] === event.stage && !TERMINAL.has(String(asObj(p['status'])['phase'] ?? '')))
        .filter((p) => found === undefined || asObj(p['spec'])['freight'] === found.name)
        .sort((a, b) => runningFirst(a, b));
      const target = open[0];
      if (target === undefined) return rejected(summary, `Stage "${event.stage}" has no Promotion to abort`, event.stage);
      const name = String(asObj(target['metadata'])['name']);
      const result = await controller.abortPromotion({ project, name, actor: event.actor ?? SIMULATION_ACTOR });
      return fromResult(`${summary} ${name}`, event.stage, result);
    }
    case 'abort-verification':
      return fromResult(event.stage, event.stage, await controller.abortVerification({ project, stage: event.stage, actor: event.actor ?? SIMULATION_ACTOR }));
    case 'reverify':
      return fromResult(event.stage, event.stage, await controller.reverify({ project, stage: event.stage, actor: event.actor ?? SIMULATION_ACTOR }));
    case 'refresh':
      return fromResult(`${event.kind} ${event.name}`, event.kind === 'Stage' ? event.name : '', await controller.refresh({ kind: event.kind, project, name: event.name }));
    case 'application-health': {
      const namespace = event.namespace ?? 'argocd';
      const summary = `${namespace}/${event.name} ${event.health}`;
      const issue = tryAdapter([], () => world.cluster.setHealth(namespace, event.name, event.health, event.message));
      return issue === undefined ? { outcome: 'applied', summary } : rejected(summary, issue.message);
    }
    case 'time-passes':
      return { outcome: 'applied', summary: '' };
  }
}

function runningFirst(a: Obj, b: Obj): number {
  const ra = asObj(a['status'])['phase'] === 'Running' ? 0 : 1;
  const rb = asObj(b['status'])['phase'] === 'Running' ? 0 : 1;
  const na = String(asObj(a['metadata'])['name']);
  const nb = String(asObj(b['metadata'])['name']);
  return ra - rb || (na < nb ? -1 : na > nb ? 1 : 0);
}

function hasRef(ref: FreightRef): boolean {
  return ref.freight !== undefined || ref.alias !== undefined || ref.image !== undefined || ref.commit !== undefined || ref.chart !== undefined;
}

function describeRef(ref: FreightRef, found: { name: string; alias?: string | undefined } | string | undefined): string {
  if (found !== undefined && typeof found !== 'string') return `Freight ${found.alias ?? found.name.slice(0, 7)}`;
  if (ref.alias !== undefined) return `Freight ${ref.alias}`;
  if (ref.freight !== undefined) return `Freight ${ref.freight.slice(0, 7)}`;
  if (ref.image !== undefined) return `the Freight with image ${ref.image}`;
  if (ref.commit !== undefined) return `the Freight with commit ${ref.commit}`;
  if (ref.chart !== undefined) return `the Freight with chart ${ref.chart}`;
  return 'no Freight';
}

function nameOf(resource: KargoResource): string {
  return String(asObj(asObj(resource)['metadata'])['name'] ?? '');
}

function messageOf(issues: readonly Issue[]): string {
  return issues.map((i) => i.message).join('; ') || 'refused';
}

/**
 * Finds the Freight an event names: by name (or a prefix of 7 or more characters), alias, image
 * tag (`tag` or `repository:tag`), commit (id prefix or Git tag) or chart (`version` or
 * `name@version`); the newest match wins. A string is the reason none was found.
 */
export async function resolveFreight(world: SimulationWorld, ref: FreightRef): Promise<{ name: string; alias?: string | undefined } | string> {
  if (!hasRef(ref)) return 'name the Freight with freight, alias, image, commit or chart';
  const listed = await world.store.list('Freight', { namespace: world.project });
  if (!listed.ok) return listed.failure.message;
  const all = listed.value.map((f) => asObj(f));
  const matches = all.filter((f) => matchesRef(f, ref));
  if (matches.length === 0) return `no Freight matches ${describeRef(ref, undefined).replace(/^the Freight with /, '').replace(/^Freight /, '')}`;
  matches.sort((a, b) => {
    const ta = Date.parse(String(asObj(a['metadata'])['creationTimestamp'] ?? '')) || 0;
    const tb = Date.parse(String(asObj(b['metadata'])['creationTimestamp'] ?? '')) || 0;
    const na = String(asObj(a['metadata'])['name']);
    const nb = String(asObj(b['metadata'])['name']);
    return tb - ta || (na < nb ? 1 : na > nb ? -1 : 0);
  });
  const best = matches[0] as Obj;
  const alias = str(best['alias']) ?? str(asObj(asObj(best['metadata'])['labels'])['kargo.akuity.io/alias']);
  return { name: String(asObj(best['metadata'])['name']), ...(alias ? { alias } : {}) };
}

function matchesRef(f: Obj, ref: FreightRef): boolean {
  const name = String(asObj(f['metadata'])['name'] ?? '');
  if (ref.freight !== undefined && !(name === ref.freight || (ref.freight.length >= 7 && name.startsWith(ref.freight)))) return false;
  if (ref.alias !== undefined) {
    const alias = str(f['alias']) ?? str(asObj(asObj(f['metadata'])['labels'])['kargo.akuity.io/alias']);
    if (alias !== ref.alias) return false;
  }
  if (ref.image !== undefined) {
    const colon = ref.image.lastIndexOf(':');
    const repo = colon > 0 && !ref.image.slice(colon).includes('/') ? ref.image.slice(0, colon) : undefined;
    const tag = repo === undefined ? ref.image : ref.image.slice(colon + 1);
    const ok = asArr(f['images']).some((i) => {
      const o = asObj(i);
      return o['tag'] === tag && (repo === undefined || String(o['repoURL'] ?? '') === repo || String(o['repoURL'] ?? '').endsWith(`/${repo}`));
    });
    if (!ok) return false;
  }
  if (ref.commit !== undefined) {
    const wanted = ref.commit;
    const ok = asArr(f['commits']).some((c) => {
      const o = asObj(c);
      return o['tag'] === wanted || (wanted.length >= 4 && String(o['id'] ?? '').startsWith(wanted));
    });
    if (!ok) return false;
  }
  if (ref.chart !== undefined) {
    const at = ref.chart.lastIndexOf('@');
    const chartName = at > 0 ? ref.chart.slice(0, at) : undefined;
    const version = at > 0 ? ref.chart.slice(at + 1) : ref.chart;
    const ok = asArr(f['charts']).some((c) => {
      const o = asObj(c);
      return o['version'] === version && (chartName === undefined || o['name'] === chartName);
    });
    if (!ok) return false;
  }
  return true;
}
