import { formatOffset } from './simulation-time.js';
import { formatTimeline } from './render-text.js';
import { shortPromotionName } from './timeline-entries.js';
import { freightColour, layoutPipeline, phaseColour, timeTicks, timelineGraph } from './timeline-layout.js';
import type { SimulationTimeline, TimelineFreight } from './timeline-types.js';

/** Options of {@link renderTimelineHtml}. */
export interface RenderTimelineHtmlOptions {
  /** The page title (default `waybill simulation: <project>`). */
  readonly title?: string | undefined;
}

const NODE_W = 170;
const NODE_H = 46;
const GAP_X = 70;
const GAP_Y = 22;
const PAD = 16;
const LABEL_W = 150;
const PLOT_W = 900;
const LANE_H = 44;
const AXIS_H = 28;

/**
 * Renders a timeline as one self-contained HTML page: inline CSS and inline SVG, no scripts and
 * no external assets (a Content-Security-Policy forbids loading any). It shows the pipeline graph
 * left to right, a Freight timeline with a lane per Stage (a coloured bar for each stretch a
 * Freight spent in the Stage, markers for promotions, verifications, approvals, completed
 * soaks and refused actions; hover for details), the Freight legend, the Promotions table, the
 * final state and the text log.
 */
export function renderTimelineHtml(timeline: SimulationTimeline, options: RenderTimelineHtmlOptions = {}): string {
  const title = options.title ?? `waybill simulation: ${timeline.project}`;
  const colourOf = freightColours(timeline);
  const parts: string[] = [];
  parts.push('<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">');
  parts.push(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
  parts.push('<meta name="viewport" content="width=device-width, initial-scale=1">', `<title>${esc(title)}</title>`, `<style>${CSS}</style>`, '</head>', '<body>');
  parts.push(`<h1>${esc(title)}</h1>`);
  parts.push(`<p class="meta">Project <b>${esc(timeline.project)}</b>, ${esc(timeline.start)} to ${esc(timeline.end)}${timeline.description ? ` &mdash; ${esc(timeline.description)}` : ''}</p>`);
  parts.push('<h2>Pipeline</h2>', pipelineSvg(timeline));
  parts.push('<h2>Freight timeline</h2>', freightTimelineSvg(timeline, colourOf), legend(timeline, colourOf));
  parts.push('<h2>Final state</h2>', finalStateTable(timeline, colourOf));
  parts.push('<h2>Promotions</h2>', promotionsTable(timeline));
  parts.push('<h2>Log</h2>', `<pre class="log">${esc(formatTimeline(timeline))}</pre>`);
  parts.push('</body>', '</html>');
  return `${parts.join('\n')}\n`;
}

function freightColours(timeline: SimulationTimeline): Map<string, string> {
  return new Map(timeline.freight.map((f, i) => [f.name, freightColour(i)]));
}

function pipelineSvg(timeline: SimulationTimeline): string {
  const layout = layoutPipeline(timelineGraph(timeline));
  const width = PAD * 2 + layout.columns * NODE_W + (layout.columns - 1) * GAP_X;
  const height = PAD * 2 + layout.rows * NODE_H + (layout.rows - 1) * GAP_Y;
  const pos = new Map(layout.nodes.map((n) => [n.id, { x: PAD + n.column * (NODE_W + GAP_X), y: PAD + n.row * (NODE_H + GAP_Y) }]));
  const stageInfo = new Map(timeline.stages.map((s) => [s.name, s]));
  const finals = new Map(timeline.finalState.map((s) => [s.stage, s]));
  const byName = new Map(timeline.freight.map((f) => [f.name, f]));
  const out: string[] = [];
  out.push(`<svg id="pipeline" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Pipeline graph">`);
  out.push('<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#607d8b"/></marker></defs>');
  const seen = new Set<string>();
  for (const edge of timeline.edges) {
    const key = `${edge.from}>${edge.to}`;
    const a = pos.get(edge.from);
    const b = pos.get(edge.to);
    if (seen.has(key) || a === undefined || b === undefined) continue;
    seen.add(key);
    const x1 = a.x + NODE_W;
    const y1 = a.y + NODE_H / 2;
    const x2 = b.x;
    const y2 = b.y + NODE_H / 2;
    const mid = (x1 + x2) / 2;
    const d = x2 > x1 ? `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}` : `M${a.x + NODE_W / 2},${a.y + NODE_H} C${a.x + NODE_W / 2},${a.y + NODE_H + 40} ${b.x + NODE_W / 2},${b.y + NODE_H + 40} ${b.x + NODE_W / 2},${b.y + NODE_H}`;
    out.push(`<path class="edge" data-from="${esc(edge.from)}" data-to="${esc(edge.to)}" d="${d}" marker-end="url(#arrow)"><title>${esc(`${edge.from} -> ${edge.to} (${edge.origin})`)}</title></path>`);
  }
  for (const node of layout.nodes) {
    const p = pos.get(node.id);
    if (p === undefined) continue;
    const info = node.kind === 'Stage' ? stageInfo.get(node.name) : undefined;
    const final = node.kind === 'Stage' ? finals.get(node.name) : undefined;
    const current = final?.currentFreight.map((n) => byName.get(n)?.alias ?? n.slice(0, 7)).join(', ') ?? '';
    const cls = node.kind === 'Warehouse' ? 'node warehouse' : `node stage${info?.controlFlow ? ' control-flow' : ''}`;
    const fill = node.kind === 'Warehouse' ? '#eceff1' : info?.controlFlow ? '#fafafa' : final?.health === 'Healthy' ? '#e8f5e9' : final?.health === 'Unhealthy' ? '#ffebee' : '#e3f2fd';
    const sub = node.kind === 'Warehouse' ? 'Warehouse' : info?.controlFlow ? 'control flow' : current !== '' ? current : 'no Freight';
    const badges = node.kind === 'Stage' && info !== undefined ? `${info.autoPromotion ? ' auto' : ''}${info.verification ? ' verify' : ''}` : '';
    out.push(
      `<g class="${cls}" data-kind="${node.kind}" data-name="${esc(node.name)}" transform="translate(${p.x},${p.y})">` +
        `<rect width="${NODE_W}" height="${NODE_H}" rx="7" fill="${fill}"/>` +
        `<text x="10" y="19" class="node-name">${esc(clip(node.name, 20))}</text>` +
        `<text x="10" y="36" class="node-sub">${esc(clip(`${sub}${badges}`, 26))}</text>` +
        `<title>${esc(`${node.kind} ${node.name}${final ? `: ${final.health ?? 'not assessed'}, ${final.ready ? 'ready' : 'not ready'}` : ''}`)}</title></g>`,
    );
  }
  out.push('</svg>');
  return out.join('\n');
}

function freightTimelineSvg(timeline: SimulationTimeline, colourOf: Map<string, string>): string {
  const startMs = Date.parse(timeline.start);
  const endMs = Math.max(startMs + 1, Date.parse(timeline.end));
  const span = endMs - startMs;
  const order = layoutPipeline(timelineGraph(timeline)).stageOrder.filter((name) => timeline.stages.some((s) => s.name === name));
  const laneOf = new Map(order.map((name, i) => [name, i]));
  const width = LABEL_W + PLOT_W + PAD * 2 + 40;
  const height = AXIS_H + order.length * LANE_H + PAD;
  const x = (at: string | undefined): number => {
    const ms = at === undefined ? endMs : Date.parse(at);
    return LABEL_W + PAD + (Math.min(Math.max(ms, startMs), endMs) - startMs) / span * PLOT_W;
  };
  const laneY = (stage: string): number | undefined => {
    const i = laneOf.get(stage);
    return i === undefined ? undefined : AXIS_H + i * LANE_H;
  };
  const byName = new Map(timeline.freight.map((f) => [f.name, f]));
  const label = (name: string): string => byName.get(name)?.alias ?? name.slice(0, 7);
  const out: string[] = [];
  out.push(`<svg id="freight-timeline" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Freight timeline per Stage">`);
  for (const t of timeTicks(span)) {
    const tx = LABEL_W + PAD + (t / span) * PLOT_W;
    out.push(`<g class="tick"><line x1="${fx(tx)}" y1="${AXIS_H - 6}" x2="${fx(tx)}" y2="${height - PAD}"/><text x="${fx(tx)}" y="${AXIS_H - 10}" text-anchor="middle">${esc(formatOffset(t))}</text></g>`);
  }
  for (const name of order) {
    const y = laneY(name) as number;
    const info = timeline.stages.find((s) => s.name === name);
    const items: string[] = [];
    items.push(`<rect class="lane-bg" x="${LABEL_W + PAD}" y="${y + 2}" width="${PLOT_W}" height="${LANE_H - 4}"/>`);
    items.push(`<text class="lane-label" x="${PAD}" y="${y + LANE_H / 2 + 4}">${esc(clip(name, 18))}</text>`);
    for (const r of timeline.residencies.filter((r) => r.stage === name)) {
      const x1 = x(r.since);
      const x2 = Math.max(x1 + 2, x(r.until));
      const f = byName.get(r.freight);
      items.push(
        `<g class="residency" data-freight="${esc(r.freight)}"><rect x="${fx(x1)}" y="${y + 10}" width="${fx(x2 - x1)}" height="${LANE_H - 20}" rx="3" fill="${colourOf.get(r.freight) ?? '#90a4ae'}"/>` +
          (x2 - x1 > 60 ? `<text class="bar-label" x="${fx(x1 + 5)}" y="${y + LANE_H / 2 + 4}">${esc(clip(label(r.freight), Math.floor((x2 - x1) / 7)))}</text>` : '') +
          `<title>${esc(`${label(r.freight)}${f?.label ? ` (${f.label})` : ''} in ${name} from ${r.since}${r.until ? ` to ${r.until}` : ' to the end'}`)}</title></g>`,
      );
    }
    for (const p of timeline.promotions.filter((p) => p.stage === name)) {
      const px = x(p.finishedAt ?? p.startedAt ?? p.createdAt);
      items.push(
        `<circle class="marker promotion" data-phase="${esc(p.phase)}" cx="${fx(px)}" cy="${y + 7}" r="5" fill="${phaseColour(p.phase)}"><title>${esc(`Promotion ${shortPromotionName(p)} ${p.phase} (${p.createdBy}${p.actor ? `, ${p.actor}` : ''}) Freight ${label(p.freight)}`)}</title></circle>`,
      );
    }
    for (const v of timeline.verifications.filter((v) => v.stage === name)) {
      const vx = x(v.finishedAt ?? v.startedAt);
      const cy = y + LANE_H - 7;
      items.push(
        `<path class="marker verification" data-phase="${esc(v.phase)}" d="M${fx(vx)},${cy - 6} L${fx(vx + 6)},${cy} L${fx(vx)},${cy + 6} L${fx(vx - 6)},${cy} z" fill="${phaseColour(v.phase)}"><title>${esc(`Verification ${v.phase} (Freight ${v.freight.map(label).join(', ')})`)}</title></path>`,
      );
    }
    for (const a of timeline.approvals.filter((a) => a.stage === name)) {
      const ax = x(a.at);
      items.push(`<path class="marker approval" d="M${fx(ax - 5)},${y + 6} L${fx(ax)},${y + 12} L${fx(ax + 7)},${y + 1}" fill="none" stroke="#6a1b9a" stroke-width="2.5"><title>${esc(`Freight ${label(a.freight)} approved${a.actor ? ` by ${a.actor}` : ''}`)}</title></path>`);
    }
    for (const s of timeline.availability.filter((a) => a.stage === name && a.via === 'soaked')) {
      const sx = x(s.at);
      items.push(`<path class="marker soak" d="M${fx(sx - 5)},${y + 2} L${fx(sx + 5)},${y + 2} L${fx(sx - 5)},${y + 14} L${fx(sx + 5)},${y + 14} z" fill="#ff8f00"><title>${esc(`Freight ${label(s.freight)} soaked ${s.requiredSoakTime ?? ''} in ${s.upstream ?? 'an upstream'}: available`)}</title></path>`);
    }
    for (const e of timeline.events.filter((e) => e.stage === name && e.outcome === 'rejected')) {
      const ex = x(e.at);
      const cy = y + LANE_H / 2;
      items.push(`<path class="marker rejected" d="M${fx(ex - 4)},${cy - 4} L${fx(ex + 4)},${cy + 4} M${fx(ex + 4)},${cy - 4} L${fx(ex - 4)},${cy + 4}" stroke="#c62828" stroke-width="2.5"><title>${esc(`${e.type} ${e.summary}: refused${e.message ? `: ${e.message}` : ''}`)}</title></path>`);
    }
    out.push(`<g class="lane${info?.controlFlow ? ' control-flow' : ''}" data-stage="${esc(name)}">${items.join('')}</g>`);
  }
  out.push('</svg>');
  return out.join('\n');
}

function legend(timeline: SimulationTimeline, colourOf: Map<string, string>): string {
  if (timeline.freight.length === 0) return '<p class="legend">No Freight was created.</p>';
  const items = timeline.freight.map(
    (f: TimelineFreight) =>
      `<li><span class="swatch" style="background:${colourOf.get(f.name) ?? '#90a4ae'}"></span><b>${esc(f.alias ?? f.name.slice(0, 7))}</b> ${esc(f.label)} <span class="dim">${esc(f.origin)}, ${esc(formatOffset(Date.parse(f.createdAt) - Date.parse(timeline.start)))}</span></li>`,
  );
  return `<ul class="legend">${items.join('')}</ul><p class="keys">${KEYS}</p>`;
}

function finalStateTable(timeline: SimulationTimeline, colourOf: Map<string, string>): string {
  const byName = new Map(timeline.freight.map((f) => [f.name, f]));
  const rows = timeline.finalState.map((s) => {
    const freight = s.currentFreight.map((n) => `<span class="swatch" style="background:${colourOf.get(n) ?? '#90a4ae'}"></span>${esc(byName.get(n)?.alias ?? n.slice(0, 7))}`).join(' ');
    return `<tr data-stage="${esc(s.stage)}"><td>${esc(s.stage)}</td><td>${freight || '&mdash;'}</td><td>${esc(s.health ?? '')}</td><td>${s.verified ? 'yes' : 'no'}</td><td>${s.ready ? 'yes' : `no${s.reason ? ` (${esc(s.reason)})` : ''}`}</td></tr>`;
  });
  return `<table class="state"><thead><tr><th>Stage</th><th>Freight</th><th>Health</th><th>Verified</th><th>Ready</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function promotionsTable(timeline: SimulationTimeline): string {
  if (timeline.promotions.length === 0) return '<p>No Promotions.</p>';
  const startMs = Date.parse(timeline.start);
  const off = (at: string | undefined) => (at === undefined ? '' : formatOffset(Date.parse(at) - startMs));
  const byName = new Map(timeline.freight.map((f) => [f.name, f]));
  const rows = timeline.promotions.map(
    (p) =>
      `<tr><td>${esc(p.stage)}</td><td title="${esc(p.name)}">${esc(shortPromotionName(p))}</td><td>${esc(byName.get(p.freight)?.alias ?? p.freight.slice(0, 7))}</td><td>${esc(p.createdBy)}${p.actor ? ` (${esc(p.actor)})` : ''}</td><td>${off(p.createdAt)}</td><td>${off(p.startedAt)}</td><td>${off(p.finishedAt)}</td><td style="color:${phaseColour(p.phase)}">${esc(p.phase)}</td><td>${esc(p.steps.map((s) => `${s.alias}${s.status ? `: ${s.status}` : ''}`).join(', '))}</td></tr>`,
  );
  return `<table class="promotions"><thead><tr><th>Stage</th><th>Promotion</th><th>Freight</th><th>By</th><th>Created</th><th>Started</th><th>Finished</th><th>Phase</th><th>Steps</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function fx(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}

function clip(text: string, max: number): string {
  if (max < 2) return '';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Escapes text for HTML element content and double-quoted attributes. */
function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const key = (shape: string, text: string): string => `<svg class="key" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">${shape}</svg> ${text}`;
const KEYS = [
  key('<circle cx="7" cy="7" r="5" fill="#2e7d32"/>', 'Promotion'),
  key('<path d="M7,1 L13,7 L7,13 L1,7 z" fill="#1565c0"/>', 'verification'),
  key('<path d="M2,7 L6,11 L12,3" fill="none" stroke="#6a1b9a" stroke-width="2.5"/>', 'approval'),
  key('<path d="M2,1 L12,1 L2,13 L12,13 z" fill="#ff8f00"/>', 'soak completed'),
  key('<path d="M3,3 L11,11 M11,3 L3,11" stroke="#c62828" stroke-width="2.5"/>', 'refused action'),
].join(' ');

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#263238;background:#fff}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px}
.meta,.dim{color:#607d8b}
svg{display:block;max-width:100%;height:auto;border:1px solid #eceff1;border-radius:6px;background:#fff}
.edge{fill:none;stroke:#607d8b;stroke-width:1.6}
.node rect{stroke:#90a4ae;stroke-width:1.2}
.node.warehouse rect{stroke:#546e7a}
.node.control-flow rect{stroke-dasharray:5 3}
.node-name{font-weight:600;font-size:13px;fill:#263238}
.node-sub{font-size:11px;fill:#546e7a}
.tick line{stroke:#eceff1}.tick text{font-size:10px;fill:#78909c}
.lane-bg{fill:#f7f9fa}.lane.control-flow .lane-bg{fill:#fff;stroke:#e0e0e0;stroke-dasharray:4 3}
.lane-label{font-size:12px;font-weight:600;fill:#37474f}
.bar-label{font-size:11px;fill:#fff;font-weight:600}
.marker{stroke:#fff;stroke-width:1}
.marker.approval{stroke:#6a1b9a}.marker.rejected{stroke:#c62828}
ul.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:6px 18px;margin:10px 0}
.swatch{display:inline-block;width:12px;height:12px;border-radius:3px;margin-right:5px;vertical-align:-1px}
.keys{color:#546e7a;font-size:12px}svg.key{display:inline-block;border:0;vertical-align:-2px;margin-left:10px}
table{border-collapse:collapse;font-size:13px}th,td{border-bottom:1px solid #eceff1;padding:4px 10px;text-align:left;vertical-align:top}th{background:#f5f7f8}
pre.log{background:#f7f9fa;border:1px solid #eceff1;border-radius:6px;padding:10px;overflow:auto;font-size:12px}
`;
