import type { GitCommitMetadata, GitPort } from '../ports/index.js';
import { expectThat, type ContractCheck, type Factory } from './contract.js';
import { aborted, collectPages, expectFailure, expectSuccess, settle } from './registry-contract.js';

/** A commit the Git contract expects on the fixture branch (oldest first in the fixture). */
export interface ContractCommit {
  readonly subject: string;
  /** RFC 3339, whole seconds. */
  readonly date: string;
  /** `Name <email>`. */
  readonly author: string;
  readonly paths: readonly string[];
}

/** A tag the Git contract expects, on the commit with `subject`. */
export interface ContractTag {
  readonly tag: string;
  /** The subject of the tagged commit. */
  readonly subject: string;
  /** Present for an annotated tag. */
  readonly annotation?: string;
  readonly tagger?: string;
  /** The tagger date of an annotated tag. */
  readonly date?: string;
}

/** What a Git repository must hold for {@link gitContract} to run against it. */
export interface GitContractFixture {
  readonly repoURL: string;
  /** A repository that does not exist. */
  readonly missingRepoURL: string;
  /** The branch holding `commits` as its whole first-parent history. */
  readonly branch: string;
  /** Oldest first. */
  readonly commits: readonly ContractCommit[];
  readonly tags: readonly ContractTag[];
}

const author = 'Contract Author <author@example.com>';

/**
 * The history {@link gitContract} expects by default: five commits on `main` (the last one a
 * rename, so both of its paths count), two lightweight tags and one annotated tag.
 */
export const gitContractFixture: GitContractFixture = {
  repoURL: 'https://git.example.com/waybill/contract.git',
  missingRepoURL: 'https://git.example.com/waybill/missing.git',
  branch: 'main',
  commits: [
    { subject: 'initial commit', date: '2026-01-01T00:00:00Z', author, paths: ['README.md'] },
    { subject: 'add the web app', date: '2026-01-02T00:00:00Z', author, paths: ['apps/web/deploy.yaml'] },
    { subject: 'write the guide', date: '2026-01-03T00:00:00Z', author, paths: ['docs/guide.md'] },
    { subject: 'bump both apps', date: '2026-01-04T00:00:00Z', author, paths: ['apps/api/deploy.yaml', 'apps/web/deploy.yaml'] },
    { subject: 'rename the old app', date: '2026-01-05T00:00:00Z', author, paths: ['apps/new.yaml', 'apps/old.yaml'] },
  ],
  tags: [
    { tag: 'v0.9.0', subject: 'initial commit' },
    { tag: 'v1.0.0', subject: 'add the web app' },
    { tag: 'v1.1.0', subject: 'bump both apps', annotation: 'Release 1.1.0', tagger: 'Release Bot <bot@example.com>', date: '2026-01-06T00:00:00Z' },
  ],
};

const sameInstant = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && Date.parse(a) === Date.parse(b);

/**
 * The contract every {@link GitPort} must keep (its discovery half), as checks that run under
 * any test runner. `factory` is called once per check and must give a port that serves `fixture`
 * (by default {@link gitContractFixture}). Commit ids are not fixed by the fixture: the checks
 * compare subjects, dates and paths, and that tags point at the ids the history reports.
 */
export function gitContract(factory: Factory<GitPort>, fixture: GitContractFixture = gitContractFixture): ContractCheck[] {
  const { repoURL, branch, commits } = fixture;
  const newestFirst = [...commits].reverse();
  const history = async (port: GitPort): Promise<readonly GitCommitMetadata[]> =>
    expectSuccess(await port.listCommits({ repoURL, branch, skip: 0, maxCount: commits.length + 10 }), 'listCommits');
  return [
    {
      name: 'GitPort.listCommits() lists the first-parent history newest first, with dates and authors',
      async run() {
        const listed = await history(await factory());
        expectThat(listed.map((c) => c.subject).join('|') === newestFirst.map((c) => c.subject).join('|'), `subjects ${JSON.stringify(listed.map((c) => c.subject))}`);
        listed.forEach((c, i) => {
          const want = newestFirst[i] as ContractCommit;
          expectThat(typeof c.id === 'string' && c.id.length > 0, `commit ${i} has no id`);
          expectThat(sameInstant(c.creatorDate, want.date), `commit "${want.subject}" has date ${c.creatorDate}, expected ${want.date}`);
          expectThat(c.author === want.author, `commit "${want.subject}" has author ${JSON.stringify(c.author)}`);
        });
        expectThat(new Set(listed.map((c) => c.id)).size === listed.length, 'two commits share an id');
      },
    },
    {
      name: 'GitPort.listCommits() pages with skip and maxCount',
      async run() {
        const port = await factory();
        const all = await history(port);
        const paged: GitCommitMetadata[] = [];
        for (let skip = 0; ; skip += 2) {
          const page = expectSuccess(await port.listCommits({ repoURL, branch, skip, maxCount: 2 }), `listCommits skip ${skip}`);
          expectThat(page.length <= 2, `a page of 2 held ${page.length} commits`);
          paged.push(...page);
          if (page.length < 2) break;
        }
        expectThat(paged.map((c) => c.id).join() === all.map((c) => c.id).join(), 'the pages do not add up to the whole history');
        const beyond = expectSuccess(await port.listCommits({ repoURL, branch, skip: all.length, maxCount: 5 }), 'listCommits past the end');
        expectThat(beyond.length === 0, 'skipping the whole history still gave commits');
      },
    },
    {
      name: 'GitPort.listCommits() with since leaves out older commits',
      async run() {
        const since = (commits[2] as ContractCommit).date;
        const listed = expectSuccess(await (await factory()).listCommits({ repoURL, branch, skip: 0, maxCount: 100, since }), 'listCommits since');
        const want = newestFirst.filter((c) => Date.parse(c.date) >= Date.parse(since)).map((c) => c.subject);
        expectThat(listed.map((c) => c.subject).join('|') === want.join('|'), `since ${since} gave ${JSON.stringify(listed.map((c) => c.subject))}`);
      },
    },
    {
      name: 'GitPort.getChangedPaths() gives the paths each commit changed',
      async run() {
        const port = await factory();
        for (const c of await history(port)) {
          const want = newestFirst.find((w) => w.subject === c.subject) as ContractCommit;
          const paths = expectSuccess(await port.getChangedPaths({ repoURL, id: c.id }), `getChangedPaths ${c.id}`);
          expectThat([...paths].sort().join(',') === [...want.paths].sort().join(','), `"${c.subject}" changed ${JSON.stringify(paths)}, expected ${JSON.stringify(want.paths)}`);
        }
      },
    },
    {
      name: 'GitPort.listTags() lists tags newest creator date first, pointing at commits',
      async run() {
        const port = await factory();
        const ids = new Map((await history(port)).map((c) => [c.subject, c]));
        const listed = expectSuccess(await collectPages((cursor) => port.listTags({ repoURL, cursor, pageSize: 1 })), 'listTags');
        expectThat(listed.items.length === fixture.tags.length, `listed ${listed.items.length} tags, expected ${fixture.tags.length}`);
        for (let i = 1; i < listed.items.length; i++) {
          const [prev, next] = [listed.items[i - 1], listed.items[i]];
          expectThat(Date.parse(prev?.creatorDate ?? '') >= Date.parse(next?.creatorDate ?? ''), `tag ${String(prev?.tag)} is listed before the newer ${String(next?.tag)}`);
        }
        for (const want of fixture.tags) {
          const got = listed.items.find((t) => t.tag === want.tag);
          expectThat(got !== undefined, `tag ${want.tag} is missing (names must not carry refs/tags/)`);
          const commit = ids.get(want.subject);
          expectThat(got.id === commit?.id, `tag ${want.tag} points at ${got.id}, expected the commit "${want.subject}"`);
          if (want.annotation !== undefined) {
            expectThat((got.annotation ?? '').trim() === want.annotation, `annotation of ${want.tag} is ${JSON.stringify(got.annotation)}`);
            expectThat(got.tagger === want.tagger, `tagger of ${want.tag} is ${JSON.stringify(got.tagger)}`);
            expectThat(sameInstant(got.creatorDate, want.date), `an annotated tag's creator date is its tagger date: got ${got.creatorDate}`);
          } else {
            expectThat(sameInstant(got.creatorDate, commit?.creatorDate), `a lightweight tag's creator date is its commit date: got ${got.creatorDate}`);
          }
        }
      },
    },
    {
      name: 'GitPort calls about a missing repository or branch are not-found failures',
      async run() {
        const port = await factory();
        expectFailure(await settle(() => port.listCommits({ repoURL: fixture.missingRepoURL, skip: 0, maxCount: 1 }), 'listCommits'), 'not-found', 'listCommits of a missing repository');
        expectFailure(await settle(() => port.listCommits({ repoURL, branch: 'no-such-branch', skip: 0, maxCount: 1 }), 'listCommits'), 'not-found', 'listCommits of a missing branch');
        expectFailure(await settle(() => port.listTags({ repoURL: fixture.missingRepoURL }), 'listTags'), 'not-found', 'listTags of a missing repository');
      },
    },
    {
      name: 'GitPort calls with a fired AbortSignal resolve to a cancelled failure',
      async run() {
        const port = await factory();
        expectFailure(await settle(() => port.listCommits({ repoURL, branch, skip: 0, maxCount: 1, signal: aborted() }), 'listCommits'), 'cancelled', 'listCommits with a fired signal');
        expectFailure(await settle(() => port.listTags({ repoURL, signal: aborted() }), 'listTags'), 'cancelled', 'listTags with a fired signal');
        const id = (await history(port))[0]?.id ?? '';
        expectFailure(await settle(() => port.getChangedPaths({ repoURL, id, signal: aborted() }), 'getChangedPaths'), 'cancelled', 'getChangedPaths with a fired signal');
      },
    },
  ];
}
