import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { renderTimelineHtml } from '../../../src/controller/render-html.js';
import { FREIGHT_COLOURS } from '../../../src/controller/timeline-layout.js';
import { countColours, decodePng, pixelAt } from './png.js';
import { sampleTimeline } from './sample-timeline.js';
import { runScenario } from './scenario.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('the simulation page in headless Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: this test renders the simulation page in Debian's Chromium (apt-get install chromium)`);
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('draws one node per Stage, one lane per Stage, loads nothing and logs no errors', async () => {
    const timeline = sampleTimeline();
    const html = renderTimelineHtml(timeline, { title: 'Sample <pipeline>' });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`${msg.type()}: ${msg.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.setContent(html, { waitUntil: 'load' });

    expect(await page.title()).toBe('Sample <pipeline>');
    const stageNodes = await page.$$eval('#pipeline g.node[data-kind="Stage"]', (els) => els.map((e) => e.getAttribute('data-name')));
    expect(stageNodes.sort()).toEqual(timeline.stages.map((s) => s.name).sort());
    expect(await page.locator('#pipeline g.node[data-kind="Warehouse"]').count()).toBe(1);
    expect(await page.locator('#pipeline path.edge').count()).toBe(timeline.edges.length);
    const lanes = await page.$$eval('#freight-timeline g.lane', (els) => els.map((e) => e.getAttribute('data-stage')));
    expect(lanes).toEqual(['dev', 'staging', 'gate', 'prod']);
    expect(await page.locator('#freight-timeline g.residency').count()).toBe(timeline.residencies.length);
    expect(await page.locator('#freight-timeline .marker.promotion').count()).toBe(timeline.promotions.length);
    expect(await page.locator('#freight-timeline .marker.soak').count()).toBe(1);

    // Left to right: every edge goes from a node further left to one further right.
    const boxes = await page.$$eval('#pipeline g.node', (els) => els.map((e) => ({ name: `${e.getAttribute('data-kind')}/${e.getAttribute('data-name')}`, x: e.getBoundingClientRect().x })));
    const xOf = new Map(boxes.map((b) => [b.name, b.x]));
    for (const edge of timeline.edges) expect(xOf.get(edge.from)!).toBeLessThan(xOf.get(edge.to)!);

    const png = decodePng(await page.screenshot({ fullPage: true, type: 'png' }));
    const size = (await page.evaluate('({ width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight })')) as { width: number; height: number };
    expect(png.width).toBe(Math.max(1280, size.width));
    expect(png.height).toBe(Math.max(900, size.height));
    expect(countColours(png)).toBeGreaterThan(12);
    // The first residency bar is painted in its Freight's colour where the page says it is.
    const bar = await page.locator('#freight-timeline g.residency rect').first().boundingBox();
    expect(bar).not.toBeNull();
    expect(pixelAt(png, bar!.x + bar!.width / 2, bar!.y + 2)).toBe(FREIGHT_COLOURS[0]);

    expect(problems).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('about:') && !u.startsWith('data:'))).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows a simulated pipeline: every Stage a node and a lane, the control-flow Stage without residencies', async () => {
    const timeline = await runScenario('soak');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`${msg.type()}: ${msg.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.setContent(renderTimelineHtml(timeline), { waitUntil: 'load' });
    const names = timeline.stages.map((s) => s.name);
    expect(await page.$$eval('#pipeline g.node[data-kind="Stage"]', (els) => els.map((e) => e.getAttribute('data-name')))).toEqual(names);
    expect(await page.$$eval('#freight-timeline g.lane', (els) => els.map((e) => e.getAttribute('data-stage')))).toEqual(names);
    expect(await page.locator('#freight-timeline g.lane[data-stage="gate"] g.residency').count()).toBe(0);
    expect(await page.locator('#freight-timeline g.lane[data-stage="prod"] .marker.approval').count()).toBe(1);
    expect(await page.locator('#pipeline g.node.control-flow').count()).toBe(1);
    // Every residency bar lies inside the plot, left of the right edge of the timeline.
    const svg = await page.locator('#freight-timeline').boundingBox();
    for (const box of await page.$$eval('#freight-timeline g.residency rect', (els) => els.map((e) => { const r = e.getBoundingClientRect(); return { x: r.x, right: r.right }; }))) {
      expect(box.x).toBeGreaterThanOrEqual(svg!.x);
      expect(box.right).toBeLessThanOrEqual(svg!.x + svg!.width);
    }
    const png = decodePng(await page.screenshot({ type: 'png' }));
    expect([png.width, png.height]).toEqual([1280, 900]);
    expect(countColours(png)).toBeGreaterThan(12);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
