import { describe, expect, it } from 'vitest';
import { createMemoryGitWorkspace, type MemoryGitWorkspace } from '../../../src/adapters/memory/index.js';
import { commitURLOf, generatedTargetBranch, validateStepConfig } from '../../../src/promotion/index.js';
import type { PromotionSnapshot, StepPorts } from '../../../src/promotion/index.js';
import type { GitWorkspacePort } from '../../../src/ports/index.js';
import type { PromotionStep } from '../../../src/model/index.js';
import { REPO, VALUES, portsOf, promotionOf, runOnce, steps, world, type GitWorld } from './git-fixture.js';

const clone = (path = './repo', extra: Record<string, unknown> = { branch: 'main' }): PromotionStep => ({ uses: 'git-clone', as: 'clone', config: { repoURL: REPO, checkout: [{ path, ...extra }] } });
const last = (snaps: PromotionSnapshot[]) => snaps[snaps.length - 1] as PromotionSnapshot;
const metaOf = (snaps: PromotionSnapshot[], alias: string) => last(snaps).status.stepExecutionMetadata.find((m) => m.alias === alias);
const outputOf = (snaps: PromotionSnapshot[], alias: string) => last(snaps).status.state[alias] as Record<string, unknown> | undefined;

async function run(w: GitWorld, list: PromotionStep[], ports: StepPorts = portsOf(w)) {
  return runOnce(promotionOf(list), ports);
}

describe('the Git steps are registered with strict Kargo schemas', () => {
  it('accepts Kargo configs and rejects unknown fields and contradictions', () => {
    expect(validateStepConfig(steps, 'git-clone', { repoURL: REPO, checkout: [{ branch: 'stage/dev', create: true, path: './out' }] })).toEqual([]);
    expect(validateStepConfig(steps, 'git-clone', { repoURL: REPO, checkout: [{ branch: 'a', commit: 'b', path: './out' }] })).not.toEqual([]);
    expect(validateStepConfig(steps, 'git-push', { path: './out', generateTargetBranch: true })).toEqual([]);
    expect(validateStepConfig(steps, 'git-push', { path: './out', generateTargetBranch: true, targetBranch: 'main' }).map((i) => i.path)).toEqual([['targetBranch']]);
    expect(validateStepConfig(steps, 'git-commit', { path: './out' })).not.toEqual([]);
    expect(validateStepConfig(steps, 'git-commit', { path: './out', messageFromSteps: ['update'] })).toEqual([]);
    expect(validateStepConfig(steps, 'git-wait-for-pr', { repoURL: REPO, prNumber: 0 })).not.toEqual([]);
    expect(validateStepConfig(steps, 'git-wait-for-pr', { repoURL: REPO, prNumber: 3, pollInterval: 'soon' })).not.toEqual([]);
    expect(validateStepConfig(steps, 'git-open-pr', { repoURL: REPO, sourceBranch: 'a', targetBranch: 'b', provider: 'github', labels: ['x'] })).toEqual([]);
    expect(validateStepConfig(steps, 'git-tag', { path: './out', tag: 'v1', sign: true })).not.toEqual([]);
  });

  it('a Git step without its port errors for good, saying which port to pass', async () => {
    const w = world();
    const snaps = await run(w, [clone()], {});
    expect(metaOf(snaps, 'clone')).toMatchObject({ status: 'Errored', message: expect.stringContaining('git-clone needs a Git workspace: pass ports.git') });
    const pr = await run(w, [{ uses: 'git-wait-for-pr', as: 'wait', config: { repoURL: REPO, prNumber: 1 } }], {});
    expect(metaOf(pr, 'wait')?.message).toContain('git-wait-for-pr needs a pull request service: pass ports.pullRequests');
  });
});

describe('git-clone and git-clear', () => {
  it('checks out a branch into the work directory and reports its commit by path or alias', async () => {
    const w = world();
    const ports = portsOf(w);
    const main = w.git.branchHead(REPO) as string;
    const snaps = await run(w, [{ uses: 'git-clone', as: 'clone', config: { repoURL: REPO, checkout: [{ branch: 'main', path: './src', as: 'source' }, { commit: main, path: './pinned' }] } }], ports);
    expect(last(snaps).status.phase).toBe('Succeeded');
    expect(outputOf(snaps, 'clone')).toEqual({ commits: { source: main, './pinned': main } });
    expect(ports.workspace.workDir.files()).toMatchObject({ 'src/env/dev/values.yaml': VALUES, 'pinned/README.md': '# gitops\n' });
  });

  it('starts an orphan branch with create, and fails on a missing branch without it', async () => {
    const w = world();
    const ports = portsOf(w);
    const snaps = await run(w, [clone('./out', { branch: 'stage/dev', create: true })], ports);
    expect(outputOf(snaps, 'clone')).toEqual({ commits: { './out': '' } });
    const missing = await run(w, [clone('./out', { branch: 'stage/dev' })]);
    expect(metaOf(missing, 'clone')).toMatchObject({ status: 'Errored', message: expect.stringContaining('no branch stage/dev') });
  });

  it('git-clear empties a checkout so that the next commit records the deletions', async () => {
    const w = world();
    const ports = portsOf(w);
    const snaps = await run(
      w,
      [
        clone(),
        { uses: 'git-clear', config: { path: './repo' } },
        { uses: 'file-write', config: { path: './repo/only.txt', contents: 'rendered\n' } },
        { uses: 'git-commit', config: { path: './repo', message: 'render' } },
        { uses: 'git-push', config: { path: './repo' } },
      ],
      ports,
    );
    expect(last(snaps).status.phase).toBe('Succeeded');
    expect(w.git.readFiles(REPO, 'main')).toEqual({ 'only.txt': 'rendered\n' });
  });
});

describe('git-commit', () => {
  it('commits every change with the message and reports the commit; nothing changed reports the head', async () => {
    const w = world();
    const ports = portsOf(w);
    const before = w.git.branchHead(REPO) as string;
    const snaps = await run(
      w,
      [
        clone(),
        { uses: 'git-commit', as: 'noop', config: { path: './repo', message: 'nothing' } },
        { uses: 'yaml-update', as: 'update', config: { path: './repo/env/dev/values.yaml', updates: [{ key: 'image.tag', value: 'v2' }] } },
        { uses: 'git-commit', as: 'commit', config: { path: './repo', message: '${{ outputs.update.commitMessage }}', author: { name: 'Promoter', email: 'promoter@example.com' } } },
      ],
      ports,
    );
    expect(outputOf(snaps, 'noop')).toEqual({ commit: before });
    const commit = outputOf(snaps, 'commit')?.['commit'] as string;
    expect(commit).toMatch(/^[0-9a-f]{40}$/);
    expect(commit).not.toBe(before);
    expect((await ports.workspace.head({ path: 'repo' })).ok).toBe(true);
    expect(w.git.branchHead(REPO)).toBe(before);
  });

  it('builds the message from earlier steps as Kargo does', async () => {
    const w = world();
    const ports = portsOf(w);
    const update = (as: string, value: string): PromotionStep => ({ uses: 'yaml-update', as, config: { path: './repo/env/dev/values.yaml', updates: [{ key: 'image.tag', value }] } });
    await run(w, [clone(), update('one', 'v2'), update('two', 'v3'), { uses: 'git-commit', config: { path: './repo', messageFromSteps: ['one', 'missing', 'two'] } }, { uses: 'git-push', config: { path: './repo' } }], ports);
    const head = w.git.branchHead(REPO) as string;
    const listed = await w.git.listCommits({ repoURL: REPO, branch: 'main', skip: 0, maxCount: 1 });
    expect(listed.ok && listed.value[0]?.subject).toBe('Kargo applied multiple changes');
    expect(listed.ok && listed.value[0]?.id).toBe(head);
    const single = world();
    const singlePorts = portsOf(single);
    await run(single, [clone(), update('one', 'v2'), { uses: 'git-commit', config: { path: './repo', messageFromSteps: ['one'] } }, { uses: 'git-push', config: { path: './repo' } }], singlePorts);
    const log = await single.git.listCommits({ repoURL: REPO, branch: 'main', skip: 0, maxCount: 1 });
    expect(log.ok && log.value[0]?.subject).toBe('Updated ./repo/env/dev/values.yaml');
  });
});

describe('git-push', () => {
  it('pushes to the checked-out branch; discovery then lists the commit', async () => {
    const w = world();
    const snaps = await run(w, [clone(), { uses: 'yaml-update', as: 'update', config: { path: './repo/env/dev/values.yaml', updates: [{ key: 'image.tag', value: 'v2' }] } }, { uses: 'git-commit', as: 'commit', config: { path: './repo', message: 'bump' } }, { uses: 'git-push', as: 'push', config: { path: './repo' } }]);
    const commit = outputOf(snaps, 'commit')?.['commit'] as string;
    expect(outputOf(snaps, 'push')).toEqual({ branch: 'main', commit, commitURL: `https://github.com/acme/gitops/commit/${commit}` });
    const listed = await w.git.listCommits({ repoURL: REPO, branch: 'main', skip: 0, maxCount: 5 });
    expect(listed.ok && listed.value.map((c) => c.subject)).toEqual(['bump', 'initial']);
    const changed = await w.git.getChangedPaths({ repoURL: REPO, id: commit });
    expect(changed).toEqual({ ok: true, value: ['env/dev/values.yaml'] });
    expect(w.git.readFiles(REPO, 'main')?.['env/dev/values.yaml']).toBe(VALUES.replace('v1.0.0', 'v2'));
  });

  it('generates kargo/promotion/<promotion> as the branch', async () => {
    const w = world();
    const snaps = await run(w, [clone(), { uses: 'file-write', config: { path: './repo/x.txt', contents: 'x' } }, { uses: 'git-commit', config: { path: './repo', message: 'x' } }, { uses: 'git-push', as: 'push', config: { path: './repo', generateTargetBranch: true } }]);
    expect(generatedTargetBranch('dev.01j0.abc1234')).toBe('kargo/promotion/dev.01j0.abc1234');
    expect(outputOf(snaps, 'push')?.['branch']).toBe('kargo/promotion/dev.01j0.abc1234');
    expect(Object.keys(w.git.branches(REPO))).toEqual(['kargo/promotion/dev.01j0.abc1234', 'main']);
  });

  it('rebases onto a commit pushed meanwhile, keeping both', async () => {
    const w = world();
    const ports = portsOf(w);
    await run(w, [clone(), { uses: 'file-write', config: { path: './repo/mine.txt', contents: 'mine' } }, { uses: 'git-commit', config: { path: './repo', message: 'mine' } }], ports);
    const theirs = w.git.commit(REPO, { subject: 'theirs', files: { 'theirs.txt': 'theirs' } });
    const snaps = await runOnce({ ...promotionOf([clone(), { uses: 'git-push', as: 'push', config: { path: './repo' } }]), status: { phase: 'Running', currentStep: 1, stepExecutionMetadata: [], state: {} } }, ports);
    expect(last(snaps).status.phase).toBe('Succeeded');
    const pushed = outputOf(snaps, 'push')?.['commit'] as string;
    expect(w.git.parentsOf(REPO, pushed)).toEqual([theirs]);
    expect(w.git.readFiles(REPO, 'main')).toMatchObject({ 'mine.txt': 'mine', 'theirs.txt': 'theirs' });
  });

  it('errors on a conflicting change, leaving the remote as it was', async () => {
    const w = world();
    const ports = portsOf(w);
    await run(w, [clone(), { uses: 'file-write', config: { path: './repo/README.md', contents: 'mine', overwrite: true } }, { uses: 'git-commit', config: { path: './repo', message: 'mine' } }], ports);
    const theirs = w.git.commit(REPO, { subject: 'theirs', files: { 'README.md': 'theirs' } });
    const snaps = await runOnce({ ...promotionOf([clone(), { uses: 'git-push', as: 'push', config: { path: './repo' } }]), status: { phase: 'Running', currentStep: 1, stepExecutionMetadata: [], state: {} } }, ports);
    expect(metaOf(snaps, 'push')).toMatchObject({ status: 'Errored', message: expect.stringContaining('conflicting changes to README.md') });
    expect(w.git.branchHead(REPO)).toBe(theirs);
  });

  it('gives up after maxAttempts when the branch keeps moving, never overwriting it', async () => {
    const w = world();
    const inner = createMemoryGitWorkspace(w.git);
    let n = 0;
    // Someone else pushes between every fetch and push.
    const racing: GitWorkspacePort = {
      ...bind(inner),
      async push(request) {
        w.git.commit(REPO, { subject: `other ${++n}`, files: { [`other-${n}.txt`]: 'x' } });
        return inner.push(request);
      },
    };
    const ports: StepPorts = { workTree: inner.workDir, git: racing };
    const snaps = await run(w, [clone(), { uses: 'file-write', config: { path: './repo/mine.txt', contents: 'mine' } }, { uses: 'git-commit', config: { path: './repo', message: 'mine' } }, { uses: 'git-push', as: 'push', config: { path: './repo', maxAttempts: 3 } }], ports);
    expect(metaOf(snaps, 'push')).toMatchObject({ status: 'Errored', message: expect.stringContaining('after 3 attempts') });
    expect(n).toBe(3);
    expect(w.git.readFiles(REPO, 'main')?.['mine.txt']).toBeUndefined();
    const listed = await w.git.listCommits({ repoURL: REPO, branch: 'main', skip: 0, maxCount: 10 });
    expect(listed.ok && listed.value.map((c) => c.subject)).toEqual(['other 3', 'other 2', 'other 1', 'initial']);
  });

  it('git-tag tags the head and git-push publishes the tag', async () => {
    const w = world();
    const snaps = await run(w, [clone(), { uses: 'file-write', config: { path: './repo/x.txt', contents: 'x' } }, { uses: 'git-commit', as: 'commit', config: { path: './repo', message: 'x' } }, { uses: 'git-tag', as: 'tag', config: { path: './repo', tag: 'v1.0.0', message: 'Release' } }, { uses: 'git-push', as: 'push', config: { path: './repo', tag: 'v1.0.0' } }]);
    const commit = outputOf(snaps, 'commit')?.['commit'];
    expect(outputOf(snaps, 'tag')).toEqual({ tag: 'v1.0.0', commit });
    expect(outputOf(snaps, 'push')).toMatchObject({ tag: 'v1.0.0', commit });
    const tags = await w.git.listTags({ repoURL: REPO });
    expect(tags.ok && tags.value.items.map((t) => [t.tag, t.id, t.annotation])).toEqual([['v1.0.0', commit, 'Release']]);
  });

  it('a failing remote errors the step, retriably when the port says so, and changes nothing', async () => {
    const w = world();
    const ports = portsOf(w);
    const before = w.git.branchHead(REPO);
    await run(w, [clone(), { uses: 'file-write', config: { path: './repo/x.txt', contents: 'x' } }, { uses: 'git-commit', config: { path: './repo', message: 'x' } }], ports);
    w.git.fail(REPO, { kind: 'transport', message: 'connection reset' });
    const resumed = { ...promotionOf([clone(), { uses: 'git-push', as: 'push', config: { path: './repo' }, retry: { errorThreshold: 2 } }]), status: { phase: 'Running', currentStep: 1, stepExecutionMetadata: [], state: {} } };
    const snaps = await runOnce(resumed, ports);
    expect(last(snaps).status.phase).toBe('Running');
    expect(metaOf(snaps, 'push')).toMatchObject({ status: 'Errored', errorCount: 1, message: expect.stringContaining('connection reset; step will be retried') });
    w.git.heal(REPO);
    const healed = await runOnce({ ...resumed, status: last(snaps).status }, ports);
    expect(last(healed).status.phase).toBe('Succeeded');
    expect(w.git.parentsOf(REPO, w.git.branchHead(REPO) as string)).toEqual([before]);
  });

  it('derives commit URLs for known hosts and providers only', () => {
    expect(commitURLOf('git@github.com:acme/app.git', 'abc')).toBe('https://github.com/acme/app/commit/abc');
    expect(commitURLOf('https://gitlab.com/acme/app.git', 'abc')).toBe('https://gitlab.com/acme/app/-/commit/abc');
    expect(commitURLOf('https://git.example.com/acme/app.git', 'abc')).toBeUndefined();
    expect(commitURLOf('https://git.example.com/acme/app.git', 'abc', 'gitea')).toBe('https://git.example.com/acme/app/commit/abc');
  });
});

describe('pull request steps', () => {
  async function pushedBranch(w: GitWorld, file = 'x.txt'): Promise<void> {
    await run(w, [clone(), { uses: 'file-write', config: { path: `./repo/${file}`, contents: 'x', overwrite: true } }, { uses: 'git-commit', config: { path: './repo', message: 'x' } }, { uses: 'git-push', config: { path: './repo', targetBranch: 'feature' } }]);
  }

  it('git-open-pr opens once, even when run again', async () => {
    const w = world();
    await pushedBranch(w);
    const open: PromotionStep = { uses: 'git-open-pr', as: 'open-pr', config: { repoURL: REPO, sourceBranch: 'feature', targetBranch: 'main', labels: ['infra'], description: 'why' } };
    const first = await run(w, [open]);
    expect(outputOf(first, 'open-pr')).toEqual({ pr: { id: 1, url: 'https://github.com/acme/gitops/pull/1' }, prNumber: 1 });
    const second = await run(w, [open]);
    expect(outputOf(second, 'open-pr')).toEqual(outputOf(first, 'open-pr'));
    expect(w.prs.list()).toHaveLength(1);
    expect(w.prs.list()[0]).toMatchObject({ title: 'Promote dev.01j0.abc1234 to main', labels: ['infra'], description: 'why' });
  });

  it('git-wait-for-pr runs until the PR is merged, then reports the merge commit; a closed PR fails it', async () => {
    const w = world();
    await pushedBranch(w);
    const opened = await w.prs.open({ repoURL: REPO, sourceBranch: 'feature', targetBranch: 'main', title: 't' });
    const number = opened.ok ? opened.value.number : 0;
    const wait: PromotionStep = { uses: 'git-wait-for-pr', as: 'wait', config: { repoURL: REPO, prNumber: number, pollInterval: '45s' } };
    const waiting = await run(w, [wait]);
    expect(last(waiting)).toMatchObject({ retryAfter: 45_000, status: { phase: 'Running' } });
    const merged = await w.prs.merge({ repoURL: REPO, number });
    const done = await run(w, [wait]);
    expect(outputOf(done, 'wait')).toEqual({ commit: merged.ok ? merged.value.pullRequest.mergeCommit : '', pr: { id: number, url: `https://github.com/acme/gitops/pull/${number}` } });
    expect(w.git.branchHead(REPO)).toBe(merged.ok ? merged.value.pullRequest.mergeCommit : '');

    const other = world();
    await pushedBranch(other);
    const pr = await other.prs.open({ repoURL: REPO, sourceBranch: 'feature', targetBranch: 'main', title: 't' });
    other.prs.close(REPO, pr.ok ? pr.value.number : 0);
    const closed = await run(other, [wait]);
    expect(metaOf(closed, 'wait')).toMatchObject({ status: 'Failed', message: expect.stringContaining('closed without being merged') });
    const missing = await run(other, [{ ...wait, config: { repoURL: REPO, prNumber: 42 } }]);
    expect(metaOf(missing, 'wait')).toMatchObject({ status: 'Errored', message: expect.stringContaining('pull request 42 not found') });
  });

  it('git-merge-pr merges, waits on a conflict when asked to, and fails otherwise', async () => {
    const w = world();
    await pushedBranch(w);
    const opened = await w.prs.open({ repoURL: REPO, sourceBranch: 'feature', targetBranch: 'main', title: 't' });
    const number = opened.ok ? opened.value.number : 0;
    const snaps = await run(w, [{ uses: 'git-merge-pr', as: 'merge', config: { repoURL: REPO, prNumber: number } }]);
    const head = w.git.branchHead(REPO) as string;
    expect(outputOf(snaps, 'merge')).toMatchObject({ commit: head });
    expect(w.git.parentsOf(REPO, head)).toHaveLength(2);
    expect(w.git.readFiles(REPO, 'main')?.['x.txt']).toBe('x');

    const c = world();
    await pushedBranch(c, 'README.md');
    c.git.commit(REPO, { subject: 'meanwhile', files: { 'README.md': 'other' } });
    const conflicted = await c.prs.open({ repoURL: REPO, sourceBranch: 'feature', targetBranch: 'main', title: 't' });
    const cn = conflicted.ok ? conflicted.value.number : 0;
    const waiting = await run(c, [{ uses: 'git-merge-pr', as: 'merge', config: { repoURL: REPO, prNumber: cn, wait: true, pollInterval: '10s' } }]);
    expect(last(waiting)).toMatchObject({ retryAfter: 10_000, status: { phase: 'Running' } });
    const failed = await run(c, [{ uses: 'git-merge-pr', as: 'merge', config: { repoURL: REPO, prNumber: cn } }]);
    expect(metaOf(failed, 'merge')).toMatchObject({ status: 'Failed', message: expect.stringContaining('conflicting changes to README.md') });
  });
});

function bind(ws: MemoryGitWorkspace): GitWorkspacePort {
  return {
    clone: (r) => ws.clone(r),
    workTree: (r) => ws.workTree(r),
    commit: (r) => ws.commit(r),
    rebase: (r) => ws.rebase(r),
    push: (r) => ws.push(r),
    tag: (r) => ws.tag(r),
    head: (r) => ws.head(r),
  };
}

