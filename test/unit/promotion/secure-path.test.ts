import { describe, expect, it } from 'vitest';
import { confinePath, createMemoryWorkTree, securePath } from '../../../src/promotion/index.js';

describe('securePath: lexical confinement', () => {
  it.each([
    ['values.yaml', '/work/values.yaml'],
    ['./a/b.yaml', '/work/a/b.yaml'],
    ['a//b/./c', '/work/a/b/c'],
    ['../etc/passwd', '/work/etc/passwd'],
    ['../../../../etc/passwd', '/work/etc/passwd'],
    ['/etc/passwd', '/work/etc/passwd'],
    ['//etc//passwd', '/work/etc/passwd'],
    ['a/../../b', '/work/b'],
    ['a/b/../../../..', '/work'],
    ['..', '/work'],
    ['.', '/work'],
    ['', '/work'],
    ['/', '/work'],
    ['a/./../b/./c/..', '/work/b'],
    ['..\\..\\windows', '/work/..\\..\\windows'],
    ['...', '/work/...'],
    ['a/.../b', '/work/a/.../b'],
    ['%2e%2e/x', '/work/%2e%2e/x'],
    ['a\u0000/../b', '/work/b'],
  ])('%j lands at %j', (path, expected) => {
    expect(securePath('/work', path)).toBe(expected);
  });

  it('keeps a trailing-slash root tidy and supports an empty root', () => {
    expect(securePath('/work/', '../x')).toBe('/work/x');
    expect(securePath('/', '../x')).toBe('/x');
    expect(securePath('', '../x/./y')).toBe('x/y');
  });
});

describe('securePath: symbolic links resolved inside the root', () => {
  const links: Record<string, string> = {
    'abs': '/etc',
    'up': '../../..',
    'dir/rel': '../target',
    'loop': 'loop',
    'a': 'b',
    'b': 'a',
    'chain1': 'chain2/x',
    'chain2': '/deep/er',
    'self': '.',
  };
  const readLink = (p: string): string | undefined => links[p];

  it.each([
    ['abs/passwd', 'etc/passwd'],
    ['up/etc/passwd', 'etc/passwd'],
    ['dir/rel/file', 'target/file'],
    ['chain1/f', 'deep/er/x/f'],
    ['self/self/f', 'f'],
  ])('%j resolves to %j', (path, expected) => {
    expect(confinePath(path, { readLink })).toBe(expected);
  });

  it('ends on link loops, inside the root', () => {
    expect(confinePath('loop/x', { readLink })).toBe('loop/x');
    expect(confinePath('a/x', { readLink })).toMatch(/^[ab]\/x$/);
  });

  it('leaves a link at the last component alone when asked (deleting a link deletes the link)', () => {
    expect(confinePath('abs', { readLink, followLast: false })).toBe('abs');
    expect(confinePath('abs', { readLink })).toBe('etc');
  });
});

describe('createMemoryWorkTree', () => {
  it('reads, writes, lists and removes files', async () => {
    const tree = createMemoryWorkTree({ 'a/b.txt': 'B', 'a/c/d.txt': 'D', 'e.txt': 'E' });
    expect(await tree.readFile('a/b.txt')).toBe('B');
    expect(await tree.readFile('missing')).toBeUndefined();
    expect(await tree.list('a')).toEqual([
      { name: 'b.txt', type: 'file' },
      { name: 'c', type: 'directory' },
    ]);
    expect(await tree.list('e.txt')).toBeUndefined();
    await tree.writeFile('x/y/z.txt', 'Z', { mode: 0o600 });
    expect(tree.modeOf('x/y/z.txt')).toBe(0o600);
    expect(await tree.lstat('x/y')).toBe('directory');
    expect(await tree.remove('a')).toBe(true);
    expect(await tree.remove('a')).toBe(false);
    expect(tree.files()).toEqual({ 'e.txt': 'E', 'x/y/z.txt': 'Z' });
    await expect(tree.writeFile('x', 'no')).rejects.toThrow(/directory/);
  });

  it('never lets a path or a link escape', async () => {
    const tree = createMemoryWorkTree({ 'etc/passwd': 'inside' });
    tree.symlink('/etc', 'link');
    tree.symlink('../../../etc', 'sub/up');
    expect(await tree.readFile('../../etc/passwd')).toBe('inside');
    expect(await tree.readFile('link/passwd')).toBe('inside');
    expect(await tree.readFile('sub/up/passwd')).toBe('inside');
    expect(await tree.lstat('link')).toBe('symlink');
    expect(await tree.remove('link')).toBe(true);
    expect(await tree.readFile('etc/passwd')).toBe('inside');
  });
});
