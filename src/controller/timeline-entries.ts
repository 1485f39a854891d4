import { formatOffset } from './simulation-time.js';
import type { SimulationTimeline, TimelineFreight, TimelinePromotion } from './timeline-types.js';

/** What a line of the timeline log is about. */
export type TimelineEntryKind =
  | 'event'
  | 'freight'
  | 'approval'
  | 'promotion-created'
  | 'promotion-started'
  | 'promotion-finished'
  | 'verification-started'
  | 'verification-finished'
  | 'verified'
  | 'available'
  | 'issue';

/** One line of the timeline log, in time order. */
export interface TimelineEntry {
  readonly at: string;
  /** Milliseconds since the start of the simulation. */
  readonly offsetMs: number;
  readonly kind: TimelineEntryKind;
  /** The Stage (or Warehouse) the line is about; empty for script events without one. */
  readonly subject: string;
  readonly text: string;
}

// Within one instant, causes come before effects.
const RANK: Record<TimelineEntryKind, number> = {
  event: 0,
  freight: 1,
  approval: 3,
  'promotion-created': 5,
  'promotion-started': 6,
  'promotion-finished': 7,
  'verification-started': 8,
  'verification-finished': 9,
  verified: 10,
  available: 11,
  issue: 12,
};
// Availability comes from upstream (a verification there, a completed soak) or from an approval
// of this Stage, so it precedes the Promotions it allows.
const AVAILABLE_RANK = { soaked: 2, direct: 2, verified: 2, approved: 4 } as const;

/** A short name for a Freight: its alias, else the first 7 characters of its name. */
export function freightDisplayName(timeline: SimulationTimeline, name: string): string {
  const freight = timeline.freight.find((f) => f.name === name);
  return freight?.alias ?? name.slice(0, 7);
}

/** A Promotion name cut to the Stage and the start of its id: `dev.01jq3z4a...`. */
export function shortPromotionName(promotion: Pick<TimelinePromotion, 'name' | 'stage'>): string {
  const keep = promotion.stage.length + 9;
  return promotion.name.length > keep + 3 ? `${promotion.name.slice(0, keep)}...` : promotion.name;
}

/**
 * The timeline as a log: one entry per thing that happened, in time order; within an instant,
 * upstream before downstream and causes before effects, then in the order they were recorded.
 * Availability straight from a Warehouse is left out: it is the same moment as the Freight's
 * creation.
 */
export function timelineEntries(timeline: SimulationTimeline): TimelineEntry[] {
  const startMs = Date.parse(timeline.start);
  const freightByName = new Map<string, TimelineFreight>(timeline.freight.map((f) => [f.name, f]));
  const show = (name: string): string => freightByName.get(name)?.alias ?? name.slice(0, 7);
  const withLabel = (name: string): string => {
    const label = freightByName.get(name)?.label;
    return label === undefined || label === '' ? `Freight ${show(name)}` : `Freight ${show(name)}, ${label}`;
  };
  const out: { entry: TimelineEntry; seq: number; rank: number }[] = [];
  const add = (at: string | undefined, kind: TimelineEntryKind, subject: string, text: string, rank = RANK[kind]): void => {
    if (at === undefined) return;
    out.push({ entry: { at, offsetMs: Date.parse(at) - startMs, kind, subject, text }, seq: out.length, rank });
  };

  for (const e of timeline.events) {
    const subject = e.stage ?? '';
    const tail = e.outcome === 'rejected' ? `: rejected${e.message ? `: ${e.message}` : ''}` : e.created && e.created.length > 0 ? ` -> ${e.created.length} Promotion${e.created.length > 1 ? 's' : ''}` : '';
    add(e.at, 'event', subject, `${e.type} ${e.summary}${tail}${e.note ? `  # ${e.note}` : ''}`.replace(/\s+$/, ''));
  }
  for (const f of timeline.freight) {
    add(f.createdAt, 'freight', f.origin.replace(/^Warehouse\//, ''), `Freight ${f.alias ?? f.name.slice(0, 7)} created (${f.label || f.name.slice(0, 7)})`);
  }
  for (const a of timeline.approvals) add(a.at, 'approval', a.stage, `Freight ${show(a.freight)} approved${a.actor ? ` by ${a.actor}` : ''}`);
  for (const p of timeline.promotions) {
    const who = p.createdBy === 'auto' ? 'auto-promotion' : `manual${p.actor ? `, by ${p.actor}` : ''}`;
    add(p.createdAt, 'promotion-created', p.stage, `Promotion ${shortPromotionName(p)} created for Freight ${show(p.freight)} (${who})`);
    add(p.startedAt, 'promotion-started', p.stage, `Promotion ${shortPromotionName(p)} Running`);
    if (p.finishedAt !== undefined) {
      add(p.finishedAt, 'promotion-finished', p.stage, `Promotion ${shortPromotionName(p)} ${p.phase} (${withLabel(p.freight)})${p.message && p.phase !== 'Succeeded' ? `: ${p.message}` : ''}`);
    }
  }
  for (const v of timeline.verifications) {
    const what = v.freight.map(show).join(', ');
    add(v.startedAt, 'verification-started', v.stage, `Verification started (Freight ${what})${v.actor ? ` by ${v.actor}` : ''}`);
    if (v.finishedAt !== undefined) add(v.finishedAt, 'verification-finished', v.stage, `Verification ${v.phase} (Freight ${what})${v.message ? `: ${v.message}` : ''}`);
  }
  for (const m of timeline.verified) add(m.at, 'verified', m.stage, `Freight ${show(m.freight)} verified`);
  for (const a of timeline.availability) {
    if (a.via === 'direct') continue;
    const why =
      a.via === 'soaked'
        ? `soaked ${a.requiredSoakTime ?? ''} in ${a.upstream ?? 'an upstream'}`.replace('  ', ' ')
        : a.via === 'verified'
          ? `verified in ${a.upstream ?? 'an upstream'}`
          : 'approved';
    add(a.at, 'available', a.stage, `Freight ${show(a.freight)} available (${why})`, AVAILABLE_RANK[a.via]);
  }
  for (const i of timeline.issues) add(i.at, 'issue', '', `${i.severity} ${i.code}: ${i.message}`);

  // Within an instant, a cascade reads upstream first: script events, then Warehouses, then each
  // Stage in pipeline order with its own causes before effects; issues last.
  const position = new Map(timeline.stages.map((st, i) => [st.name, i]));
  const warehouses = new Set(timeline.warehouses);
  const place = (e: TimelineEntry): number => {
    if (e.kind === 'issue') return Number.MAX_SAFE_INTEGER;
    if (e.kind === 'event' && e.subject === '') return -2;
    if (e.kind === 'freight' || (warehouses.has(e.subject) && !position.has(e.subject))) return -1;
    return position.get(e.subject) ?? timeline.stages.length;
  };
  const placed = out.map((o) => ({ ...o, place: place(o.entry) }));
  placed.sort((a, b) => a.entry.offsetMs - b.entry.offsetMs || a.place - b.place || a.rank - b.rank || a.seq - b.seq);
  return placed.map((o) => o.entry);
}

/** The offset of an entry as the log prints it (`+00:05:00`). */
export function entryOffset(entry: TimelineEntry): string {
  return formatOffset(entry.offsetMs);
}
