import { describe, expect, it } from 'vitest';
import { normalizeChartURL, normalizeGitURL, normalizeImageURL, parseImageReference, sanitizeURL } from '../../../src/discovery/index.js';

describe('sanitizeURL', () => {
  it('drops non-printable characters anywhere and trims spaces', () => {
    expect(sanitizeURL('\uFEFF  https://github.com/a/\u200Bb \t\n')).toBe('https://github.com/a/b');
  });
  it('keeps inner ASCII spaces', () => {
    expect(sanitizeURL(' a b ')).toBe('a b');
  });
});

describe('normalizeGitURL', () => {
  it('lowercases, drops credentials, one trailing slash and .git for https', () => {
    expect(normalizeGitURL('HTTPS://u:p@GitHub.com/Org/Repo.git/')).toBe('https://github.com/org/repo');
  });
  it('keeps user info for ssh URLs', () => {
    expect(normalizeGitURL('ssh://git@github.com/org/repo.git')).toBe('ssh://git@github.com/org/repo');
  });
  it('rewrites the SCP form as ssh://', () => {
    expect(normalizeGitURL('git@github.com:org/repo.git')).toBe('ssh://git@github.com/org/repo');
    expect(normalizeGitURL('fake-git-repo')).toBe('ssh://fake-git-repo');
  });
  it('strips only one trailing slash before .git', () => {
    expect(normalizeGitURL('https://github.com/org/repo.git//')).toBe('https://github.com/org/repo.git/');
  });
  it('returns URLs with query parameters unchanged, in their original case', () => {
    expect(normalizeGitURL('https://GitHub.com/org/repo?ref=Main')).toBe('https://GitHub.com/org/repo?ref=Main');
  });
  it('returns what Go cannot parse unchanged', () => {
    expect(normalizeGitURL('https://bad host/x')).toBe('https://bad host/x');
    expect(normalizeGitURL('https://host:port/x')).toBe('https://host:port/x');
    expect(normalizeGitURL('https://host/%zz')).toBe('https://host/%zz');
  });
  it('escapes a path the way Go prints it', () => {
    expect(normalizeGitURL('https://github.com/a b/c')).toBe('https://github.com/a%20b/c');
  });
  it('keeps escapes while the decoded path is unchanged, as Go does', () => {
    expect(normalizeGitURL('https://github.com/a%2Fb/c')).toBe('https://github.com/a%2fb/c');
  });
  it('re-escapes the decoded path once it was trimmed, as Go does', () => {
    expect(normalizeGitURL('https://github.com/a%2Fb/c.git')).toBe('https://github.com/a/b/c');
  });
  it('removes a BOM and surrounding whitespace before parsing', () => {
    expect(normalizeGitURL('\uFEFF https://github.com/org/repo.git \n')).toBe('https://github.com/org/repo');
  });
  it('strips only once per call, as Kargo does, so some URLs change again', () => {
    expect(normalizeGitURL('https://h.com/a.git.git')).toBe('https://h.com/a.git');
    expect(normalizeGitURL('https://h.com/.git')).toBe('https://h.com/');
    expect(normalizeGitURL('https://h.com/')).toBe('https://h.com');
  });
  it('is idempotent on examples', () => {
    for (const u of ['HTTPS://u:p@GitHub.com/Org/Repo.git/', 'git@github.com:org/repo.git', 'https://github.com/a b/c']) {
      const once = normalizeGitURL(u);
      expect(normalizeGitURL(once)).toBe(once);
    }
  });
  it('handles very long input in linear time', () => {
    const start = performance.now();
    for (const u of ['a'.repeat(100_000) + '!', `git@${'a.'.repeat(50_000)}:x`, `https://h.com/${'a/'.repeat(50_000)}`]) {
      expect(typeof normalizeGitURL(u)).toBe('string');
      expect(typeof normalizeImageURL(u)).toBe('string');
    }
    expect(performance.now() - start).toBeLessThan(3000);
  });
  it('never throws on odd input', () => {
    for (const u of ['', ':', '::', '@', 'http://', 'ssh://[::1', 'git@:x', '\u0000', 'https://h/#%zz', 'a:b:c']) {
      expect(typeof normalizeGitURL(u)).toBe('string');
    }
  });
});

describe('normalizeImageURL', () => {
  it('reduces Docker Hub spellings to the bare repository', () => {
    for (const u of ['nginx', 'library/nginx', 'docker.io/library/nginx', 'index.docker.io/nginx', 'registry-1.docker.io/library/nginx', 'NGINX:1.25']) {
      expect(normalizeImageURL(u)).toBe('nginx');
    }
  });
  it('keeps other registries and drops tags and digests', () => {
    expect(normalizeImageURL('ghcr.io/Org/App:v1')).toBe('ghcr.io/org/app');
    expect(normalizeImageURL(`ghcr.io/org/app@sha256:${'a'.repeat(64)}`)).toBe('ghcr.io/org/app');
    expect(normalizeImageURL(`nginx:1.0@sha256:${'b'.repeat(64)}`)).toBe('nginx');
  });
  it('keeps a registry port', () => {
    expect(normalizeImageURL('localhost:5000/foo:bar')).toBe('localhost:5000/foo');
  });
  it('returns what is not a reference unchanged', () => {
    expect(normalizeImageURL('Not An Image')).toBe('Not An Image');
    expect(normalizeImageURL('docker.io/a')).toBe('docker.io/a'); // a one-character repository is rejected
  });
  it('exposes the parsed registry and repository', () => {
    expect(parseImageReference('nginx')).toEqual({ registry: 'index.docker.io', repository: 'library/nginx' });
    expect(parseImageReference('bad ref')).toBeUndefined();
  });
});

describe('normalizeChartURL', () => {
  it('strips oci:// and normalizes as an image', () => {
    expect(normalizeChartURL('OCI://Registry-1.Docker.io/Bitnami/Redis')).toBe('bitnami/redis');
  });
  it('keeps https URLs (lowercased) and loses an http port', () => {
    expect(normalizeChartURL('https://Charts.Example.com/stable')).toBe('https://charts.example.com/stable');
    expect(normalizeChartURL('http://localhost:8080')).toBe('http://localhost');
  });
});
