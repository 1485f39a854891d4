import type { PromotionPlan } from './plan-types.js';

const short = (id: string | null | undefined): string => (id === null || id === undefined ? 'none (new branch)' : id.slice(0, 12));

/**
 * Formats a plan for people: the file diffs first, then the commits, pushes, pull requests,
 * Argo CD changes, HTTP requests and the steps. The same plan always gives the same text.
 */
export function formatPromotionPlan(plan: PromotionPlan): string {
  const out: string[] = [];
  out.push(`Plan for Promotion ${plan.promotion} to Stage ${plan.stage}${plan.freight === undefined ? '' : ` (Freight ${plan.freight})`}: would end ${plan.phase}${plan.message === undefined ? '' : ` (${plan.message})`}`);
  out.push('');
  out.push(`Files (${plan.files.length}):`);
  if (plan.files.length === 0) out.push('  no file changes');
  for (const f of plan.files) {
    out.push(`  ${f.change} ${f.path}`);
  }
  for (const f of plan.files) {
    out.push('');
    out.push(f.diff.replace(/\n$/, ''));
  }
  const section = (title: string, lines: readonly string[]): void => {
    if (lines.length === 0) return;
    out.push('');
    out.push(`${title}:`);
    for (const line of lines) out.push(`  ${line}`);
  };
  section(
    'Commits',
    plan.commits.map((c) => `${short(c.id)} in ${c.path} (${c.repoURL}): ${JSON.stringify(c.message)}${c.author === undefined ? '' : ` by ${c.author.name} <${c.author.email}>`}; files: ${c.files.join(', ')}`),
  );
  section('Pushes', plan.pushes.map((p) => `${p.path} -> ${p.repoURL} branch ${p.branch} (expects head ${short(p.expectedHead)}, pushes ${short(p.commit)})${p.force === true ? ' force' : ''}${p.tag === undefined ? '' : ` with tag ${p.tag}`}`));
  section('Tags', plan.tags.map((t) => `${t.tag} on ${short(t.commit)} in ${t.path}`));
  section(
    'Pull requests',
    plan.pullRequests.map((p) =>
      p.action === 'open'
        ? `open #${p.number}${p.placeholder ? ' (placeholder number)' : ''}: ${p.sourceBranch ?? ''} -> ${p.targetBranch ?? ''} in ${p.repoURL}: ${JSON.stringify(p.title ?? '')}`
        : `merge #${p.number}${p.placeholder ? ' (placeholder number)' : ''} in ${p.repoURL}${p.mergeMethod === undefined ? '' : ` (${p.mergeMethod})`}`,
    ),
  );
  section(
    'Argo CD',
    plan.argocd.map((a) => {
      const parts: string[] = [];
      if (a.sources !== undefined) parts.push(`sources ${JSON.stringify(a.sources.before)} -> ${JSON.stringify(a.sources.after)}`);
      if (a.sync !== undefined) parts.push(`sync as ${a.sync.initiatedBy?.username ?? 'unknown'}`);
      if (a.refresh !== undefined) parts.push(`${a.refresh} refresh`);
      return `${a.namespace}/${a.name}${a.assumed === true ? ' (assumed: no cluster was given)' : ''}: ${parts.join('; ')}`;
    }),
  );
  section('HTTP', plan.http.map((h) => `${h.method} ${h.url}${h.sent ? ' (sent: read only)' : ' (not sent)'}${h.status === undefined ? '' : ` -> ${h.status}`}`));
  section(
    'Steps',
    plan.steps.map((s) => `${s.index + 1}. ${s.alias} (${s.uses}): ${s.status}${s.wouldWait === undefined ? '' : `, would wait for ${s.wouldWait}`}${s.message === undefined ? '' : ` - ${s.message}`}`),
  );
  section('Issues', plan.issues.map((i) => `${i.severity} ${i.code}: ${i.message}`));
  return `${out.join('\n')}\n`;
}
