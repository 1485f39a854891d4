import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitWorkspace, type GitCommandEvent, type GitWorkspace } from '../../../../src/adapters/git/index.js';
import { importSigningKey, removeSigningKey } from '../../../../src/adapters/git/signing-key.js';
import type { PortResult } from '../../../../src/ports/index.js';
import { cleanGitEnvironment, createRepositoryRoot, requireGit, type RepositoryRoot } from '../../../support/git-server.js';
import { createTestSigningKey, type TestSigningKey } from './gpg-key.js';

let root: RepositoryRoot;
let scratch: string;
let key: TestSigningKey;
// The keyring the test key is made in; it also verifies the signatures.
let keyring: string;
let armoredKey: string;
let fingerprint: string;
const workspaces: GitWorkspace[] = [];

function value<T>(result: PortResult<T>): T {
  if (!result.ok) throw new Error(`port call failed: ${result.failure.kind}: ${result.failure.message}`);
  return result.value;
}


beforeAll(async () => {
  await requireGit();
  key = await createTestSigningKey('Kargo Signer <signer@example.com>');
  ({ keyring, armored: armoredKey, fingerprint } = key);
  root = await createRepositoryRoot();
  scratch = await mkdtemp(join(tmpdir(), 'waybill-git-sign-test-'));
}, 60_000);

afterAll(async () => {
  await Promise.all(workspaces.map((w) => w.close()));
  await key?.remove();
  await rm(scratch, { recursive: true, force: true });
  await root?.remove();
});

describe('createGitWorkspace: signed commits', () => {
  it('signs a commit with the key it is given, which verifies, and never shows the key', async () => {
    const repo = await root.createRepository('signed');
    await repo.commit({ subject: 'initial', date: '2026-01-01T00:00:00Z', write: { 'values.yaml': 'tag: v1\n' } });
    const events: GitCommandEvent[] = [];
    const ws = createGitWorkspace({ workDir: await mkdtemp(join(scratch, 'work-')), onCommand: (e) => events.push(e) });
    workspaces.push(ws);
    // A temporary directory of the test's own, to see that the keyring does not outlive the commit.
    const privateTmp = await mkdtemp(join(scratch, 'tmp-'));
    const savedTmp = process.env['TMPDIR'];
    process.env['TMPDIR'] = privateTmp;
    const cloned = value(await ws.clone({ repoURL: repo.fileURL, path: 'out', branch: 'main' }));
    await value(await ws.workTree({ path: 'out' })).writeFile('values.yaml', 'tag: v2\n');
    const author = { name: 'Kargo Signer', email: 'signer@example.com' };
    let signingHomes: string[] = [];
    const committed = value(
      await ws.commit({ path: 'out', message: 'signed promotion', date: '2026-02-01T00:00:00Z', author, signingKey: armoredKey }).finally(async () => {
        if (savedTmp === undefined) delete process.env['TMPDIR'];
        else process.env['TMPDIR'] = savedTmp;
        signingHomes = (await readdir(privateTmp)).filter((name) => name.startsWith('waybill-gpg-'));
      }),
    );
    expect(committed.committed).toBe(true);
    const commit = committed.committed ? committed.commit : '';
    expect(value(await ws.push({ path: 'out', branch: 'main', expectedHead: cloned.commit ?? null }))).toMatchObject({ status: 'pushed', changed: true });

    const env = { ...cleanGitEnvironment(scratch), GNUPGHOME: keyring };
    // verify-commit exits non-zero (and execFileSync throws) unless the signature is good.
    execFileSync('git', ['-C', repo.path, 'verify-commit', commit], { env, stdio: 'ignore' });
    const shown = execFileSync('git', ['-C', repo.path, 'log', '-1', '--show-signature', '--format=%G? %GF', commit], { env, encoding: 'utf8' });
    expect(shown).toMatch(/Good signature from "Kargo Signer <signer@example.com>"/);
    expect(shown.trim().split('\n').at(-1)).toBe(`G ${fingerprint}`);

    // The key was given to git and gpg only on standard input, and its keyring is gone.
    const keyBody = armoredKey.split('\n').filter((line) => line.length > 40)[1] ?? armoredKey;
    expect(JSON.stringify(events)).not.toContain(keyBody);
    expect(events.some((e) => e.args.includes('-S') && e.args.includes(`user.signingkey=${fingerprint}`))).toBe(true);
    expect(signingHomes).toEqual([]);
  });

  it('a commit without a key is unsigned, and a key that is not a private key fails without quoting it', async () => {
    const repo = await root.createRepository('unsigned');
    await repo.commit({ subject: 'initial', date: '2026-01-01T00:00:00Z', write: { 'values.yaml': 'tag: v1\n' } });
    const workDir = await mkdtemp(join(scratch, 'work-'));
    const ws = createGitWorkspace({ workDir });
    workspaces.push(ws);
    value(await ws.clone({ repoURL: repo.fileURL, path: 'out', branch: 'main' }));
    const tree = value(await ws.workTree({ path: 'out' }));
    await tree.writeFile('values.yaml', 'tag: v2\n');
    const plain = value(await ws.commit({ path: 'out', message: 'plain', date: '2026-02-01T00:00:00Z' }));
    const env = { ...cleanGitEnvironment(scratch), GNUPGHOME: keyring };
    expect(execFileSync('git', ['-C', join(workDir, 'out'), 'log', '-1', '--format=%G?'], { env, encoding: 'utf8' }).trim()).toBe('N');
    await tree.writeFile('values.yaml', 'tag: v3\n');
    const bogus = '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nnot-a-real-key-S3CRET\n-----END PGP PRIVATE KEY BLOCK-----\n';
    const refused = await ws.commit({ path: 'out', message: 'bad key', date: '2026-02-02T00:00:00Z', signingKey: bogus });
    expect(refused.ok).toBe(false);
    expect(refused.ok ? '' : refused.failure.message).toMatch(/signing key could not be imported/);
    expect(JSON.stringify(refused)).not.toContain('S3CRET');
    // Nothing was committed.
    expect(value(await ws.head({ path: 'out' })).commit).toBe(plain.committed ? plain.commit : '');
  });

  it('imports the key into a keyring of its own under the temporary directory, which removing deletes', async () => {
    const imported = await importSigningKey(armoredKey);
    if ('error' in imported) throw new Error(imported.error);
    expect(imported.fingerprint).toBe(fingerprint);
    expect(imported.home.startsWith(join(tmpdir(), 'waybill-gpg-'))).toBe(true);
    expect(imported.env['GNUPGHOME']).toBe(imported.home);
    expect(await readdir(imported.home)).toContain('private-keys-v1.d');
    await removeSigningKey(imported);
    await expect(readdir(imported.home)).rejects.toThrow(/ENOENT/);
    expect(await importSigningKey('not a key')).toEqual({ error: 'the signing key could not be imported (is it an ASCII-armored private key?)' });
    expect(await importSigningKey(armoredKey, { gpgPath: join(scratch, 'no-such-gpg') })).toEqual({ error: `gpg (${join(scratch, 'no-such-gpg')}) is not installed` });
  });
});
