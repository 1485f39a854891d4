import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitWorkspace, type GitWorkspace } from '../../../../src/adapters/git/index.js';
import type { PromotionStep } from '../../../../src/model/index.js';
import { builtinSteps, createStepRegistry, runPromotion, type PromotionRunStatus, type PromotionSnapshot, type RunnablePromotion } from '../../../../src/promotion/index.js';
import { cleanGitEnvironment, createRepositoryRoot, requireGit, type RepositoryRoot, type TestRepository } from '../../../support/git-server.js';

const NOW = '2026-02-01T12:00:00Z';
const steps = createStepRegistry(builtinSteps);
let root: RepositoryRoot;
let repo: TestRepository;
let scratch: string;
const workspaces: GitWorkspace[] = [];

beforeAll(async () => {
  await requireGit();
  root = await createRepositoryRoot();
  scratch = await mkdtemp(join(tmpdir(), 'waybill-git-promo-'));
  repo = await root.createRepository('gitops');
  await repo.commit({ subject: 'initial', date: '2026-01-01T00:00:00Z', write: { 'README.md': '# gitops\n', 'env/dev/values.yaml': 'image:\n  tag: v1.0.0\n' } });
}, 60_000);

afterAll(async () => {
  await Promise.all(workspaces.map((w) => w.close()));
  await rm(scratch, { recursive: true, force: true });
  await root?.remove();
});

function pushing(edit: PromotionStep): PromotionStep[] {
  return [
    { uses: 'git-clone', config: { repoURL: repo.fileURL, checkout: [{ branch: 'main', path: './repo' }] } },
    edit,
    { uses: 'git-commit', as: 'commit', config: { path: './repo', message: 'change ${{ ctx.promotion }}' } },
    { uses: 'git-push', as: 'push', config: { path: './repo', targetBranch: 'main' } },
  ];
}

async function run(list: PromotionStep[], name: string) {
  const workDir = await mkdtemp(join(scratch, `${name}-`));
  const workspace = createGitWorkspace({ workDir });
  workspaces.push(workspace);
  const promotion: RunnablePromotion = { metadata: { name, namespace: 'demo' }, spec: { stage: 'dev', freight: 'abc1234', steps: list } };
  return runPromotion(promotion, {}, { steps, ports: { git: workspace, workTree: workspace.workDirTree }, now: NOW });
}

async function finish(g: AsyncGenerator<PromotionSnapshot, PromotionRunStatus>): Promise<PromotionRunStatus> {
  for (;;) {
    const next = await g.next();
    if (next.done === true) return next.value;
  }
}

describe('promotions with the git workspace', () => {
  it('two promotions racing on one branch both land: the second push finds the head moved, rebases and pushes', async () => {
    const a = await run(pushing({ uses: 'yaml-update', config: { path: './repo/env/dev/values.yaml', updates: [{ key: 'image.tag', value: 'v2' }] } }), 'a');
    const b = await run(pushing({ uses: 'file-write', config: { path: './repo/env/prod/values.yaml', contents: 'image:\n  tag: v9\n' } }), 'b');
    for (let i = 0; i < 3; i++) await a.next();
    for (let i = 0; i < 3; i++) await b.next();
    const sa = await finish(a);
    const sb = await finish(b);
    expect([sa.phase, sb.phase]).toEqual(['Succeeded', 'Succeeded']);
    const env = cleanGitEnvironment(scratch);
    const show = (spec: string): string => execFileSync('git', ['-C', repo.path, 'show', spec], { env, encoding: 'utf8' });
    expect(show('main:env/dev/values.yaml')).toBe('image:\n  tag: v2\n');
    expect(show('main:env/prod/values.yaml')).toBe('image:\n  tag: v9\n');
    const log = execFileSync('git', ['-C', repo.path, 'log', '--format=%s|%cI', 'main'], { env, encoding: 'utf8' }).trim().split('\n');
    expect(log).toEqual(['change b|2026-02-01T12:00:00+00:00', 'change a|2026-02-01T12:00:00+00:00', 'initial|2026-01-01T00:00:00+00:00']);
    expect((sb.state['push'] as { commit?: string }).commit).toBe(execFileSync('git', ['-C', repo.path, 'rev-parse', 'main'], { env, encoding: 'utf8' }).trim());
  }, 60_000);
});
