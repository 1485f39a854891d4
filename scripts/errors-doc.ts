import type { CodeCatalog } from '../src/errors/index.js';

/** What each area of the catalog is about, for the headings of the errors reference. */
const areaTitles: Readonly<Record<string, string>> = {
  general: 'General',
  model: 'Manifests (model)',
  patterns: 'Name and path patterns',
  expressions: 'Expressions',
  versions: 'Versions and constraints',
  discovery: 'Discovery',
  freight: 'Freight',
  pipeline: 'Stage graph and pipeline',
  mutation: 'Config-file edits (mutation)',
};

/**
 * Renders the errors reference from the issue-code catalog: one section per area, one entry per
 * code with its summary, cause and fix. Deterministic, so a test can compare it with the file.
 */
export function renderErrorsDoc(catalog: Readonly<Record<string, CodeCatalog>>): string {
  const out: string[] = [
    '# Issue codes',
    '',
    '<!-- Generated from src/errors/codes by `npm run docs:errors`. Do not edit by hand. -->',
    '',
    'Every problem waybill reports carries a stable `code`. This page lists them all, by area: what',
    'each means, why it happens and what to do about it. Codes never change meaning; new ones are added.',
    '',
  ];
  const areas = Object.entries(catalog).filter(([, codes]) => Object.keys(codes).length > 0);
  out.push('## Contents', '');
  for (const [area] of areas) out.push(`- [${areaTitles[area] ?? area}](#${anchor(areaTitles[area] ?? area)})`);
  out.push('');
  for (const [area, codes] of areas) {
    out.push(`## ${areaTitles[area] ?? area}`, '');
    for (const [code, doc] of Object.entries(codes)) {
      out.push(`### ${code}`, '', doc.summary, '', `**Cause.** ${doc.cause}`, '', `**Fix.** ${doc.fix}`, '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
function anchor(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');
}
