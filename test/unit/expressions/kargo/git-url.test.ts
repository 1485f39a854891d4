import { describe, expect, it } from 'vitest';
import { normalizeGitURL } from '../../../../src/urls/index.js';
import { kargoFunctions } from '../../../../src/expressions/kargo/index.js';
import { call } from './call.js';

describe('normalizeGitURL as commitFrom() uses it', () => {
  it.each([
    ['https://github.com/acme/app.git', 'https://github.com/acme/app'],
    ['HTTPS://GitHub.com/Acme/App/', 'https://github.com/acme/app'],
    ['https://user:pass@github.com/acme/app.git/', 'https://github.com/acme/app'],
    [' https://github.com/acme/app\ufeff ', 'https://github.com/acme/app'],
    ['ssh://git@github.com/acme/app.git', 'ssh://git@github.com/acme/app'],
    ['git@github.com:acme/app.git', 'ssh://git@github.com/acme/app'],
    ['github.com', 'ssh://github.com'],
    ['https://github.com/acme/app?ref=main', 'https://github.com/acme/app?ref=main'],
    ['not a url', 'not a url'],
  ])('%s -> %s', (input, want) => {
    expect(normalizeGitURL(input)).toBe(want);
  });
});

describe('commitFrom() URL matching', () => {
  const context = {
    freightRequests: [{ origin: { kind: 'Warehouse', name: 'w' } }],
    warehouses: [{ metadata: { name: 'w' }, spec: { subscriptions: [{ git: { repoURL: 'git@github.com:acme/app.git' } }] } }],
    freight: [{ origin: { kind: 'Warehouse', name: 'w' }, commits: [{ repoURL: 'ssh://git@github.com/acme/app', id: 'c1' }] }],
  };

  it('matches spellings of the same repository', () => {
    expect(call(kargoFunctions(context)['commitFrom']!, 'ssh://git@GITHUB.com/acme/app/')).not.toBeNull();
  });

  it('uses the normalization the caller supplies', () => {
    const exact = kargoFunctions({ ...context, normalizeGitURL: (u: string) => u })['commitFrom']!;
    expect(call(exact, 'ssh://git@github.com/acme/app')).toBeNull();
  });
});
