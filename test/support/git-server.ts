/**
 * Real Git repositories for tests: bare repositories built commit by commit with fixed authors
 * and dates, a `git daemon` serving them on 127.0.0.1, and a smart-HTTP server (git http-backend)
 * that demands Basic authentication.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** An environment for git with no user or system configuration. */
export function cleanGitEnvironment(home: string): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' };
}

function git(args: readonly string[], env: Record<string, string>, cwd?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', [...args], { env, cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`git ${args.join(' ')} failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
}

/**
 * Fails with a clear message when git is missing or older than 2.30: the git adapter's tests need
 * a real git and must not pass by skipping.
 */
export async function requireGit(): Promise<string> {
  let out: string;
  try {
    out = await git(['--version'], { PATH: process.env.PATH ?? '' });
  } catch (error) {
    throw new Error(`the git adapter tests need the git command (2.30 or newer) on PATH, but it could not be run: ${String(error)}`);
  }
  const match = /git version (\d+)\.(\d+)/.exec(out);
  if (match === null || Number(match[1]) < 2 || (Number(match[1]) === 2 && Number(match[2]) < 30)) {
    throw new Error(`the git adapter tests need git 2.30 or newer, found: ${out.trim()}`);
  }
  return out.trim();
}

/** A commit to make: files to write (path -> content) and paths to delete. */
export interface CommitSpec {
  readonly subject: string;
  /** RFC 3339; the author and committer date. */
  readonly date: string;
  /** `Name <email>`. */
  readonly author?: string;
  /** `Name <email>` (default: the author). */
  readonly committer?: string;
  readonly write?: Readonly<Record<string, string>>;
  readonly remove?: readonly string[];
  /** `[from, to]`: moves a file. */
  readonly rename?: readonly (readonly [string, string])[];
  readonly branch?: string;
}

/** A tag to make: annotated when `annotation` is given. */
export interface TagSpec {
  readonly tag: string;
  /** The commit id to tag. */
  readonly commit: string;
  readonly annotation?: string;
  /** `Name <email>` of the tagger. */
  readonly tagger?: string;
  /** RFC 3339; the tagger date. */
  readonly date?: string;
}

/** A bare repository under test, with a work tree that pushes to it. */
export interface TestRepository {
  /** The bare repository's path. */
  readonly path: string;
  /** `file://` URL of the bare repository. */
  readonly fileURL: string;
  /** The name under the server root (`name.git`). */
  readonly name: string;
  commit(spec: CommitSpec): Promise<string>;
  tag(spec: TagSpec): Promise<void>;
  deleteTag(tag: string): Promise<void>;
  /** Merges `branch` into the default branch with a merge commit (never a fast-forward). */
  merge(branch: string, subject: string, date: string): Promise<string>;
}

const splitPerson = (person: string): { name: string; email: string } => {
  const m = /^(.*?)\s*<([^>]*)>$/.exec(person);
  return m === null ? { name: person, email: '' } : { name: m[1] ?? '', email: m[2] ?? '' };
};

/** A directory holding bare repositories, the root a daemon or HTTP server serves. */
export interface RepositoryRoot {
  readonly root: string;
  createRepository(name: string, defaultBranch?: string): Promise<TestRepository>;
  /** Removes everything. */
  remove(): Promise<void>;
}

/** Makes a temporary directory for bare test repositories. */
export async function createRepositoryRoot(): Promise<RepositoryRoot> {
  const base = await mkdtemp(join(tmpdir(), 'waybill-git-test-'));
  const root = join(base, 'repos');
  const home = join(base, 'home');
  await mkdir(root);
  await mkdir(home);
  const env = cleanGitEnvironment(home);
  return {
    root,
    async remove() {
      await rm(base, { recursive: true, force: true });
    },
    async createRepository(name, defaultBranch = 'main') {
      const path = join(root, `${name}.git`);
      const work = join(base, 'work', name);
      await git(['init', '--quiet', '--bare', `--initial-branch=${defaultBranch}`, path], env);
      await git(['-C', path, 'config', 'uploadpack.allowFilter', 'true'], env);
      await git(['-C', path, 'config', 'uploadpack.allowAnySHA1InWant', 'true'], env);
      await git(['init', '--quiet', `--initial-branch=${defaultBranch}`, work], env);
      await git(['-C', work, 'remote', 'add', 'origin', path], env);
      let current = defaultBranch;
      return {
        path,
        name: `${name}.git`,
        fileURL: `file://${path}`,
        async commit(spec) {
          const branch = spec.branch ?? defaultBranch;
          if (branch !== current) {
            const exists = (await git(['-C', work, 'branch', '--list', branch], env)).trim() !== '';
            await git(['-C', work, 'checkout', '--quiet', ...(exists ? [] : ['-b']), branch], env);
            current = branch;
          }
          for (const [file, content] of Object.entries(spec.write ?? {})) {
            await mkdir(dirname(join(work, file)), { recursive: true });
            await writeFile(join(work, file), content);
          }
          for (const file of spec.remove ?? []) await git(['-C', work, 'rm', '--quiet', file], env);
          for (const [from, to] of spec.rename ?? []) {
            await mkdir(dirname(join(work, to)), { recursive: true });
            await git(['-C', work, 'mv', from, to], env);
          }
          await git(['-C', work, 'add', '--all'], env);
          const author = splitPerson(spec.author ?? 'Test Author <author@example.com>');
          const committer = splitPerson(spec.committer ?? spec.author ?? 'Test Author <author@example.com>');
          const commitEnv = {
            ...env,
            GIT_AUTHOR_NAME: author.name,
            GIT_AUTHOR_EMAIL: author.email,
            GIT_AUTHOR_DATE: spec.date,
            GIT_COMMITTER_NAME: committer.name,
            GIT_COMMITTER_EMAIL: committer.email,
            GIT_COMMITTER_DATE: spec.date,
          };
          await git(['-C', work, 'commit', '--quiet', '--allow-empty', '-m', spec.subject], commitEnv);
          await git(['-C', work, 'push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`], env);
          return (await git(['-C', work, 'rev-parse', 'HEAD'], env)).trim();
        },
        async tag(spec) {
          const tagger = splitPerson(spec.tagger ?? 'Test Tagger <tagger@example.com>');
          const tagEnv = { ...env, GIT_COMMITTER_NAME: tagger.name, GIT_COMMITTER_EMAIL: tagger.email, ...(spec.date !== undefined ? { GIT_COMMITTER_DATE: spec.date } : {}) };
          const args = spec.annotation === undefined ? ['tag', spec.tag, spec.commit] : ['tag', '-a', '-m', spec.annotation, spec.tag, spec.commit];
          await git(['-C', work, ...args], tagEnv);
          await git(['-C', work, 'push', '--quiet', '--force', 'origin', `refs/tags/${spec.tag}`], env);
        },
        async merge(branch, subject, date) {
          if (current !== defaultBranch) {
            await git(['-C', work, 'checkout', '--quiet', defaultBranch], env);
            current = defaultBranch;
          }
          const who = { GIT_AUTHOR_NAME: 'Test Author', GIT_AUTHOR_EMAIL: 'author@example.com', GIT_COMMITTER_NAME: 'Test Author', GIT_COMMITTER_EMAIL: 'author@example.com' };
          await git(['-C', work, 'merge', '--quiet', '--no-ff', '-m', subject, branch], { ...env, ...who, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
          await git(['-C', work, 'push', '--quiet', 'origin', `HEAD:refs/heads/${defaultBranch}`], env);
          return (await git(['-C', work, 'rev-parse', 'HEAD'], env)).trim();
        },
        async deleteTag(tag) {
          await git(['-C', work, 'tag', '-d', tag], env);
          await git(['-C', work, 'push', '--quiet', 'origin', `:refs/tags/${tag}`], env);
        },
      };
    },
  };
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, deadline: number): Promise<void> {
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on 127.0.0.1:${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A running `git daemon`. */
export interface GitDaemon {
  readonly port: number;
  /** `git://127.0.0.1:<port>/<name>`. */
  urlOf(name: string): string;
  stop(): Promise<void>;
}

/** Starts `git daemon --export-all` on 127.0.0.1 and a free port, serving `root`. */
export async function startGitDaemon(root: string): Promise<GitDaemon> {
  const port = await freePort();
  const home = await mkdtemp(join(tmpdir(), 'waybill-git-daemon-'));
  const child: ChildProcess = spawn('git', ['daemon', '--export-all', `--base-path=${root}`, '--listen=127.0.0.1', `--port=${port}`, '--reuseaddr', root], {
    env: cleanGitEnvironment(home),
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForPort(port, Date.now() + 10_000);
  return {
    port,
    urlOf: (name) => `git://127.0.0.1:${port}/${name}`,
    async stop() {
      if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGTERM');
      await exited;
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** A smart-HTTP Git server that asks for Basic authentication. */
export interface AuthenticatedGitServer {
  readonly port: number;
  /** `http://127.0.0.1:<port>/<name>`. */
  urlOf(name: string): string;
  /** The `Authorization` headers received, in order. */
  readonly authorizations: readonly string[];
  stop(): Promise<void>;
}

/**
 * Serves `root` over smart HTTP through `git http-backend`, to clients that send the Basic
 * credentials `username:password`; everyone else gets 401.
 */
export async function startAuthenticatedGitServer(root: string, username: string, password: string): Promise<AuthenticatedGitServer> {
  const port = await freePort();
  const home = await mkdtemp(join(tmpdir(), 'waybill-git-http-'));
  const expected = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  const authorizations: string[] = [];
  const server: Server = createHttpServer((req, res) => {
    const authorization = req.headers.authorization;
    if (authorization !== undefined) authorizations.push(authorization);
    if (authorization !== expected) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="waybill-test"' });
      res.end('unauthorized');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const cgi = spawn('git', ['http-backend'], {
      env: {
        ...cleanGitEnvironment(home),
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        REQUEST_METHOD: req.method ?? 'GET',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.replace(/^\?/, ''),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        REMOTE_USER: username,
        REMOTE_ADDR: '127.0.0.1',
        GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
        HTTP_CONTENT_ENCODING: String(req.headers['content-encoding'] ?? ''),
      },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    req.pipe(cgi.stdin);
    const chunks: Buffer[] = [];
    cgi.stdout.on('data', (c: Buffer) => chunks.push(c));
    cgi.on('close', () => {
      const out = Buffer.concat(chunks);
      const split = out.indexOf('\r\n\r\n');
      const head = split < 0 ? '' : out.subarray(0, split).toString('latin1');
      const body = split < 0 ? out : out.subarray(split + 4);
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head.split('\r\n')) {
        const colon = line.indexOf(':');
        if (colon < 0) continue;
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 500;
        else headers[name] = value;
      }
      res.writeHead(status, headers);
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return {
    port,
    urlOf: (name) => `http://127.0.0.1:${port}/${name}`,
    authorizations,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(home, { recursive: true, force: true });
    },
  };
}
