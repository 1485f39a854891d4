import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitWorkspace, type GitWorkspace } from '../../../../src/adapters/git/index.js';
import { builtinSteps, createStepRegistry, runPromotion, type PromotionRunStatus, type RunnablePromotion } from '../../../../src/promotion/index.js';
import { cleanGitEnvironment, createRepositoryRoot, requireGit, type RepositoryRoot } from '../../../support/git-server.js';
import { createTestSigningKey, type TestSigningKey } from './gpg-key.js';

const NOW = '2026-02-01T12:00:00Z';
const steps = createStepRegistry(builtinSteps);
let root: RepositoryRoot;
let scratch: string;
let key: TestSigningKey;
const workspaces: GitWorkspace[] = [];

beforeAll(async () => {
  await requireGit();
  key = await createTestSigningKey('Kargo Render <render@example.com>');
  root = await createRepositoryRoot();
  scratch = await mkdtemp(join(tmpdir(), 'waybill-git-checkouts-'));
}, 60_000);

afterAll(async () => {
  await Promise.all(workspaces.map((w) => w.close()));
  await key?.remove();
  await rm(scratch, { recursive: true, force: true });
  await root?.remove();
});

describe('a promotion with two checkouts of one repository and a signing key', () => {
  it('clones main and stage/dev into one shared clone, and commits signed to stage/dev', async () => {
    const repo = await root.createRepository('rendered');
    await repo.commit({ subject: 'initial', date: '2026-01-01T00:00:00Z', write: { 'env/dev/values.yaml': 'tag: v1\n' } });
    const workDir = await mkdtemp(join(scratch, 'promo-'));
    const workspace = createGitWorkspace({ workDir });
    workspaces.push(workspace);
    const author = { name: 'Kargo Render', email: 'render@example.com', signingKey: key.armored };
    const promotion: RunnablePromotion = {
      metadata: { name: 'render', namespace: 'demo' },
      spec: {
        stage: 'dev',
        freight: 'abc1234',
        steps: [
          { uses: 'git-clone', config: { repoURL: repo.fileURL, checkout: [{ branch: 'main', path: './src' }, { branch: 'stage/dev', create: true, path: './out' }] } },
          { uses: 'copy', config: { inPath: './src/env/dev/values.yaml', outPath: './out/values.yaml' } },
          { uses: 'git-commit', as: 'commit', config: { path: './out', message: 'render dev', author } },
          { uses: 'git-push', as: 'push', config: { path: './out', targetBranch: 'stage/dev' } },
        ],
      },
    };
    const run = runPromotion(promotion, {}, { steps, ports: { git: workspace, workTree: workspace.workDirTree }, now: NOW });
    let status: PromotionRunStatus;
    for (;;) {
      const next = await run.next();
      if (next.done === true) {
        status = next.value;
        break;
      }
    }
    expect(status.phase).toBe('Succeeded');
    expect((await stat(join(workDir, 'src', '.git'))).isDirectory()).toBe(true);
    expect((await stat(join(workDir, 'out', '.git'))).isFile()).toBe(true);
    expect(await readdir(join(workDir, 'src', '.git', 'worktrees'))).toEqual(['out']);
    const env = { ...cleanGitEnvironment(scratch), GNUPGHOME: key.keyring };
    const pushed = (status.state['push'] as { commit?: string }).commit ?? '';
    expect(execFileSync('git', ['-C', repo.path, 'rev-parse', 'refs/heads/stage/dev'], { env, encoding: 'utf8' }).trim()).toBe(pushed);
    expect(execFileSync('git', ['-C', repo.path, 'show', 'stage/dev:values.yaml'], { env, encoding: 'utf8' })).toBe('tag: v1\n');
    expect(execFileSync('git', ['-C', repo.path, 'log', '-1', '--format=%G? %GF %an', pushed], { env, encoding: 'utf8' }).trim()).toBe(`G ${key.fingerprint} Kargo Render`);
    // The key is in no step output or status.
    expect(JSON.stringify(status)).not.toContain(key.armored.split('\n').filter((line) => line.length > 40)[1] ?? key.armored);
  }, 60_000);
});
