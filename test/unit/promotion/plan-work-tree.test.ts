import { describe, expect, it } from 'vitest';
import { createMemoryWorkTree, createOverlayWorkTree } from '../../../src/promotion/index.js';

const base = () => createMemoryWorkTree({ 'repo/a.yaml': 'a: 1\n', 'repo/dir/b.yaml': 'b: 1\n', 'other.txt': 'x\n' });

describe('the overlay work tree of a plan', () => {
  it('reads through to the base and keeps writes to itself', async () => {
    const tree = base();
    const overlay = createOverlayWorkTree(tree);
    expect(await overlay.readFile('./repo/a.yaml')).toBe('a: 1\n');
    await overlay.writeFile('repo/a.yaml', 'a: 2\n');
    await overlay.writeFile('repo/new/c.yaml', 'c: 1\n');
    expect(await overlay.readFile('repo/a.yaml')).toBe('a: 2\n');
    expect(await tree.readFile('repo/a.yaml')).toBe('a: 1\n');
    expect(await tree.lstat('repo/new')).toBeUndefined();
    expect(await overlay.list('repo')).toEqual([
      { name: 'a.yaml', type: 'file' },
      { name: 'dir', type: 'directory' },
      { name: 'new', type: 'directory' },
    ]);
    expect(await overlay.changes()).toEqual([
      { path: 'repo/a.yaml', before: 'a: 1\n', after: 'a: 2\n' },
      { path: 'repo/new/c.yaml', before: undefined, after: 'c: 1\n' },
    ]);
  });

  it('hides what it removes, directories included, and remembers each removed file', async () => {
    const tree = base();
    const overlay = createOverlayWorkTree(tree);
    expect(await overlay.remove('repo')).toBe(true);
    expect(await overlay.remove('repo')).toBe(false);
    expect(await overlay.lstat('repo/dir/b.yaml')).toBeUndefined();
    expect(await overlay.list('repo')).toBeUndefined();
    await overlay.writeFile('repo/dir/b.yaml', 'b: 2\n');
    expect(await overlay.readFile('repo/a.yaml')).toBeUndefined();
    expect(await overlay.readFile('repo/dir/b.yaml')).toBe('b: 2\n');
    expect(Object.keys(tree.files())).toEqual(['other.txt', 'repo/a.yaml', 'repo/dir/b.yaml']);
    expect(await overlay.changes()).toEqual([
      { path: 'repo/a.yaml', before: 'a: 1\n', after: undefined },
      { path: 'repo/dir/b.yaml', before: 'b: 1\n', after: 'b: 2\n' },
    ]);
  });

  it('takes a reset as the new starting point', async () => {
    const overlay = createOverlayWorkTree(base());
    await overlay.writeFile('repo/a.yaml', 'a: 2\n');
    await overlay.reset('repo', { 'x.yaml': 'x: 1\n' });
    expect([...(await overlay.filesUnder('repo'))]).toEqual([['x.yaml', 'x: 1\n']]);
    expect(await overlay.changes()).toEqual([]);
    await overlay.writeFile('repo/x.yaml', 'x: 2\n');
    expect(await overlay.changes()).toEqual([{ path: 'repo/x.yaml', before: 'x: 1\n', after: 'x: 2\n' }]);
  });

  it('refuses to write over a directory, and works with no base at all', async () => {
    const overlay = createOverlayWorkTree(base());
    await expect(overlay.writeFile('repo/dir', 'no')).rejects.toThrow(/directory/);
    const empty = createOverlayWorkTree(undefined);
    expect(await empty.list('')).toEqual([]);
    await empty.writeFile('../../escape.txt', 'kept inside');
    expect(await empty.readFile('escape.txt')).toBe('kept inside');
  });
});
