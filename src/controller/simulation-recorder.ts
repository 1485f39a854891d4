import { explainAvailability, type FreightLike, type StageLike } from '../pipeline/index.js';
import { formatSimulationTime } from './simulation-time.js';
import type {
  TimelineApproval,
  TimelineAvailability,
  TimelineFreight,
  TimelineIssue,
  TimelinePromotion,
  TimelineResidency,
  TimelineScriptEvent,
  TimelineStageState,
  TimelineStep,
  TimelineVerification,
  TimelineVerifiedMark,
} from './timeline-types.js';

type Obj = Record<string, unknown>;

const asObj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const asArr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const nameOf = (r: unknown): string => str(asObj(asObj(r)['metadata'])['name']) ?? '';

/** Reads a Kubernetes time into epoch ms (or undefined). */
function msOf(v: unknown): number | undefined {
  const s = str(v);
  if (s === undefined) return undefined;
  const ms = Date.parse(s);
  return Number.isFinite(ms) ? ms : undefined;
}

/** The annotation Kargo stamps on Promotions a person (or tool) asked for. */
const CREATE_ACTOR = 'kargo.akuity.io/create-actor';

/** A pending re-check of a Freight's availability to a Stage, due when a soak completes. */
interface DueCheck {
  readonly stage: string;
  readonly freight: string;
  readonly at: number;
}

/**
 * Turns what the store holds, observed after every step of a simulation, into timeline records.
 * It only ever adds facts (first observation wins) or updates a record in place (a Promotion's or
 * verification's phase), so what it builds depends only on the sequence of observations.
 */
export class TimelineRecorder {
  readonly events: TimelineScriptEvent[] = [];
  readonly issues: TimelineIssue[] = [];
  private readonly freight = new Map<string, TimelineFreight>();
  private readonly freightIndex = new Map<string, number>();
  private readonly freightResources = new Map<string, Obj>();
  private readonly stageResources = new Map<string, Obj>();
  private readonly promotions = new Map<string, TimelinePromotion>();
  private readonly verifications = new Map<string, TimelineVerification>();
  private readonly verified: TimelineVerifiedMark[] = [];
  private readonly verifiedSeen = new Set<string>();
  private readonly approvals: TimelineApproval[] = [];
  private readonly approvalSeen = new Set<string>();
  private readonly approvalActors = new Map<string, string>();
  private readonly availability: TimelineAvailability[] = [];
  private readonly available = new Set<string>();
  private readonly residencies: { stage: string; freight: string; since: string; until?: string }[] = [];
  private readonly openResidency = new Map<string, number>();
  private readonly due = new Map<string, DueCheck>();
  /** Freight whose status changed since the last availability check. */
  private readonly touched = new Set<string>();
  private stagesChanged = false;

  /** Remembers who approved, so the approval record can name them. */
  noteApprovalActor(stage: string, freight: string, actor: string): void {
    this.approvalActors.set(`${stage}\u0000${freight}`, actor);
  }

  /** The names of the Freight seen so far, oldest first. */
  freightNames(): string[] {
    return [...this.freight.keys()];
  }

  /** A Freight resource as last observed. */
  freightResource(name: string): Obj | undefined {
    return this.freightResources.get(name);
  }

  /** Every Freight resource as last observed. */
  allFreight(): Obj[] {
    return [...this.freightResources.values()];
  }

  /** A Stage resource as last observed. */
  stageResource(name: string): Obj | undefined {
    return this.stageResources.get(name);
  }

  /** Every Promotion record so far. */
  allPromotions(): TimelinePromotion[] {
    return [...this.promotions.values()];
  }

  /** Records a Freight as observed at `nowMs`. */
  observeFreight(resource: unknown, nowMs: number): void {
    const f = asObj(resource);
    const name = nameOf(f);
    if (name === '') return;
    this.freightResources.set(name, f);
    this.touched.add(name);
    const metadata = asObj(f['metadata']);
    const alias = str(f['alias']) ?? str(asObj(metadata['labels'])['kargo.akuity.io/alias']);
    if (!this.freight.has(name)) {
      const origin = asObj(f['origin']);
      const images = asArr(f['images']).map((i) => {
        const o = asObj(i);
        return { repoURL: str(o['repoURL']) ?? '', tag: str(o['tag']) ?? '', ...(str(o['digest']) ? { digest: str(o['digest']) } : {}) };
      });
      const commits = asArr(f['commits']).map((c) => {
        const o = asObj(c);
        return { repoURL: str(o['repoURL']) ?? '', id: str(o['id']) ?? '', ...(str(o['branch']) ? { branch: str(o['branch']) } : {}), ...(str(o['tag']) ? { tag: str(o['tag']) } : {}) };
      });
      const charts = asArr(f['charts']).map((c) => {
        const o = asObj(c);
        return { repoURL: str(o['repoURL']) ?? '', ...(str(o['name']) ? { name: str(o['name']) } : {}), version: str(o['version']) ?? '' };
      });
      const label = [
        ...images.map((i) => `${shortRepo(i.repoURL)}:${i.tag}`),
        ...commits.map((c) => `${shortRepo(c.repoURL)}@${c.tag ?? c.id.slice(0, 7)}`),
        ...charts.map((c) => `${c.name ?? shortRepo(c.repoURL)}@${c.version}`),
      ].join(', ');
      const created = msOf(metadata['creationTimestamp']) ?? nowMs;
      this.freightIndex.set(name, this.freightIndex.size);
      this.freight.set(name, {
        name,
        ...(alias ? { alias } : {}),
        origin: `${str(origin['kind']) ?? 'Warehouse'}/${str(origin['name']) ?? ''}`,
        createdAt: formatSimulationTime(Math.min(created, nowMs)),
        images,
        commits,
        charts,
        label,
      });
    }
    const status = asObj(f['status']);
    for (const [stage, entry] of Object.entries(asObj(status['verifiedIn'])).sort(([a], [b]) => compare(a, b))) {
      const key = `${stage}\u0000${name}`;
      if (this.verifiedSeen.has(key)) continue;
      this.verifiedSeen.add(key);
      this.verified.push({ at: formatSimulationTime(Math.min(msOf(asObj(entry)['verifiedAt']) ?? nowMs, nowMs)), stage, freight: name });
    }
    for (const [stage, entry] of Object.entries(asObj(status['approvedFor'])).sort(([a], [b]) => compare(a, b))) {
      const key = `${stage}\u0000${name}`;
      if (this.approvalSeen.has(key)) continue;
      this.approvalSeen.add(key);
      const actor = this.approvalActors.get(key);
      this.approvals.push({ at: formatSimulationTime(Math.min(msOf(asObj(entry)['approvedAt']) ?? nowMs, nowMs)), stage, freight: name, ...(actor ? { actor } : {}) });
    }
    const currentlyIn = asObj(status['currentlyIn']);
    for (const [stage, entry] of Object.entries(currentlyIn).sort(([a], [b]) => compare(a, b))) {
      const key = `${stage}\u0000${name}`;
      if (this.openResidency.has(key)) continue;
      this.openResidency.set(key, this.residencies.length);
      this.residencies.push({ stage, freight: name, since: formatSimulationTime(Math.min(msOf(asObj(entry)['since']) ?? nowMs, nowMs)) });
    }
    for (const [key, index] of [...this.openResidency]) {
      const [stage, freight] = key.split('\u0000') as [string, string];
      if (freight !== name || stage in currentlyIn) continue;
      const residency = this.residencies[index];
      if (residency !== undefined) residency.until = formatSimulationTime(nowMs);
      this.openResidency.delete(key);
    }
  }

  /** Records a Stage as observed (its verifications). */
  observeStage(resource: unknown): void {
    const s = asObj(resource);
    const stage = nameOf(s);
    if (stage === '') return;
    const before = this.stageResources.get(stage);
    if (before === undefined || JSON.stringify(before['spec']) !== JSON.stringify(s['spec'])) this.stagesChanged = true;
    this.stageResources.set(stage, s);
    for (const collection of asArr(asObj(s['status'])['freightHistory'])) {
      const c = asObj(collection);
      const freight = Object.values(asObj(c['items']))
        .map((item) => str(asObj(item)['name']) ?? '')
        .filter((n) => n !== '')
        .sort(compare);
      // Oldest first, so records are created in the order verifications started.
      for (const info of [...asArr(c['verificationHistory'])].reverse()) {
        const v = asObj(info);
        const id = str(v['id']);
        const startedAt = str(v['startTime']);
        if (id === undefined || startedAt === undefined) continue;
        const key = `${stage}\u0000${id}`;
        const finishedAt = str(v['finishTime']);
        const message = str(v['message']);
        const actor = str(v['actor']);
        this.verifications.set(key, {
          stage,
          id,
          freight,
          startedAt: normalTime(startedAt),
          ...(finishedAt ? { finishedAt: normalTime(finishedAt) } : {}),
          phase: str(v['phase']) ?? 'Pending',
          ...(message ? { message } : {}),
          ...(actor ? { actor } : {}),
        });
      }
    }
  }

  /** Records a Promotion as observed. */
  observePromotion(resource: unknown, nowMs: number): void {
    const p = asObj(resource);
    const name = nameOf(p);
    if (name === '') return;
    const metadata = asObj(p['metadata']);
    const spec = asObj(p['spec']);
    const status = asObj(p['status']);
    const actor = str(asObj(metadata['annotations'])[CREATE_ACTOR]);
    const previous = this.promotions.get(name);
    const specSteps = asArr(spec['steps']).map((s, i) => ({ alias: str(asObj(s)['as']) ?? `step-${i + 1}`, uses: str(asObj(s)['uses']) }));
    const meta = new Map(asArr(status['stepExecutionMetadata']).map((m) => [str(asObj(m)['alias']) ?? '', asObj(m)]));
    const steps: TimelineStep[] = specSteps.map((s) => {
      const m = meta.get(s.alias) ?? {};
      return {
        alias: s.alias,
        ...(s.uses ? { uses: s.uses } : {}),
        ...(str(m['status']) ? { status: str(m['status']) } : {}),
        ...(str(m['startedAt']) ? { startedAt: normalTime(str(m['startedAt']) as string) } : {}),
        ...(str(m['finishedAt']) ? { finishedAt: normalTime(str(m['finishedAt']) as string) } : {}),
        ...(str(m['message']) ? { message: str(m['message']) } : {}),
      };
    });
    const startedAt = str(status['startedAt']);
    const finishedAt = str(status['finishedAt']);
    const message = str(status['message']);
    const freight = str(spec['freight']) ?? str(asObj(status['freight'])['name']) ?? '';
    this.promotions.set(name, {
      name,
      stage: str(spec['stage']) ?? '',
      freight,
      createdAt: previous?.createdAt ?? formatSimulationTime(Math.min(msOf(metadata['creationTimestamp']) ?? nowMs, nowMs)),
      createdBy: actor === undefined ? 'auto' : 'manual',
      ...(actor ? { actor } : {}),
      ...(startedAt ? { startedAt: normalTime(startedAt) } : {}),
      ...(finishedAt ? { finishedAt: normalTime(finishedAt) } : {}),
      phase: str(status['phase']) ?? 'Pending',
      ...(message ? { message } : {}),
      steps,
    });
  }

  /**
   * Records, for every Stage, the Freight that became available to it since the last check: the
   * Freight whose status changed, and those whose soak was due to complete by `nowMs`. Returns the
   * earliest future time a soak completes, so the simulation can wake up exactly then.
   */
  checkAvailability(nowMs: number): number | undefined {
    const checks = new Map<string, { stage: string; freight: string }>();
    const stages = [...this.stageResources.keys()].sort(compare);
    const names = this.stagesChanged ? [...this.freightResources.keys()] : [...this.touched];
    this.stagesChanged = false;
    for (const freight of names) for (const stage of stages) checks.set(`${stage}\u0000${freight}`, { stage, freight });
    for (const [key, due] of this.due) if (due.at <= nowMs) checks.set(key, { stage: due.stage, freight: due.freight });
    this.touched.clear();
    const now = new Date(nowMs);
    const ordered = [...checks.values()].sort((a, b) => compare(a.stage, b.stage) || this.freightOrder(a.freight) - this.freightOrder(b.freight));
    for (const { stage, freight } of ordered) {
      const key = `${stage}\u0000${freight}`;
      this.due.delete(key);
      if (this.available.has(key)) continue;
      const s = this.stageResources.get(stage);
      const f = this.freightResources.get(freight);
      if (s === undefined || f === undefined) continue;
      const explanation = explainAvailability(s as StageLike, f as FreightLike, { now });
      if (!explanation.available) {
        if (explanation.nextChange !== undefined) this.due.set(key, { stage, freight, at: explanation.nextChange.getTime() });
        continue;
      }
      this.available.add(key);
      const reason = explanation.reasons.find((r) => r.effect === 'allows');
      const record: TimelineAvailability = { at: formatSimulationTime(nowMs), stage, freight, via: 'verified' };
      if (reason?.kind === 'approved') this.availability.push({ ...record, via: 'approved' });
      else if (reason?.kind === 'direct') this.availability.push({ ...record, via: 'direct' });
      else if (reason?.kind === 'verified-and-soaked' && (reason.requiredMs ?? 0) > 0) {
        this.availability.push({ ...record, via: 'soaked', upstream: reason.stage, requiredSoakTime: soakTimeOf(s, freight, f, reason.stage) });
      } else if (reason?.kind === 'verified-and-soaked') this.availability.push({ ...record, upstream: reason.stage });
      else this.availability.push(record);
    }
    let next: number | undefined;
    for (const due of this.due.values()) if (due.at > nowMs && (next === undefined || due.at < next)) next = due.at;
    return next;
  }

  private freightOrder(name: string): number {
    return this.freightIndex.get(name) ?? this.freightIndex.size;
  }

  /** Records a problem the controller reported. Repeats of the same message are kept once. */
  recordIssue(nowMs: number, code: string, message: string, severity: string): void {
    if (this.issues.some((i) => i.code === code && i.message === message)) return;
    this.issues.push({ at: formatSimulationTime(nowMs), code, message, severity });
  }

  /** The final state of every Stage, in the given order. */
  finalState(order: readonly string[]): TimelineStageState[] {
    return order.map((stage) => {
      const status = asObj(this.stageResources.get(stage)?.['status']);
      const current = asObj(asArr(status['freightHistory'])[0]);
      const currentFreight = Object.values(asObj(current['items']))
        .map((i) => str(asObj(i)['name']) ?? '')
        .filter((n) => n !== '')
        .sort(compare);
      const conditions = asArr(status['conditions']).map(asObj);
      const condition = (type: string) => conditions.find((c) => c['type'] === type);
      const ready = condition('Ready');
      const health = str(asObj(status['health'])['status']);
      return {
        stage,
        currentFreight,
        ...(health ? { health } : {}),
        verified: condition('Verified')?.['status'] === 'True',
        ready: ready?.['status'] === 'True',
        ...(str(ready?.['reason']) ? { reason: str(ready?.['reason']) } : {}),
        ...(str(ready?.['message']) ? { message: str(ready?.['message']) } : {}),
      };
    });
  }

  /** Everything recorded, in a stable order. */
  records() {
    const byTime = <T>(time: (t: T) => string, tie: (t: T) => string) => (a: T, b: T) => Date.parse(time(a)) - Date.parse(time(b)) || compare(tie(a), tie(b));
    return {
      freight: [...this.freight.values()],
      promotions: [...this.promotions.values()].sort(byTime((p) => p.createdAt, (p) => p.name)),
      verifications: [...this.verifications.values()].sort(byTime((v) => v.startedAt, (v) => `${v.stage}\u0000${v.id}`)),
      verified: [...this.verified],
      approvals: [...this.approvals],
      availability: [...this.availability],
      residencies: this.residencies.map((r): TimelineResidency => ({ ...r })),
    };
  }
}

function soakTimeOf(stage: Obj, _freightName: string, freight: Obj, upstream: string): string | undefined {
  const origin = asObj(freight['origin']);
  for (const request of asArr(asObj(stage['spec'])['requestedFreight'])) {
    const r = asObj(request);
    const o = asObj(r['origin']);
    const sources = asObj(r['sources']);
    if (o['name'] !== origin['name'] || !asArr(sources['stages']).includes(upstream)) continue;
    return str(sources['requiredSoakTime']) ?? str(r['requiredSoakTime']);
  }
  return undefined;
}

function normalTime(text: string): string {
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? formatSimulationTime(ms) : text;
}

function shortRepo(url: string): string {
  const trimmed = url.replace(/\.git$/, '').replace(/\/+$/, '');
  const last = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  return last === '' ? trimmed : last;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
