import type { ChartSubscriptionInput, GitSubscriptionInput, ImageSubscriptionInput } from '../model/index.js';

/**
 * The inputs and outputs of artifact selection, in Kargo's field names. Selection accepts the
 * model's subscription types as written (defaults not applied) and plain JSON; it reads them into
 * the `*Fields` shapes below, checking each field's type.
 */

/** What selection accepts as an image subscription. */
export type ImageSubscriptionLike = ImageSubscriptionInput;
/** What selection accepts as a Git subscription. */
export type GitSubscriptionLike = GitSubscriptionInput;
/** What selection accepts as a chart subscription. */
export type ChartSubscriptionLike = ChartSubscriptionInput;

/** How an image subscription picks tags. An empty value means `SemVer`. */
export type ImageSelectionStrategy = 'SemVer' | 'Lexical' | 'NewestBuild' | 'Digest';

/** How a Git subscription picks commits. An empty value means `NewestFromBranch`. */
export type CommitSelectionStrategy = 'NewestFromBranch' | 'SemVer' | 'Lexical' | 'NewestTag';

/** A Warehouse's `image` subscription (the fields selection reads). */
export interface ImageSubscriptionFields {
  readonly repoURL: string;
  readonly imageSelectionStrategy?: ImageSelectionStrategy | '' | undefined;
  /** SemVer: an optional Masterminds constraint. Digest: the mutable tag to follow (required). */
  readonly constraint?: string | undefined;
  /** Only whole `M.m.p` versions count under SemVer. Kargo's admission default is true; unset is false. */
  readonly strictSemvers?: boolean | undefined;
  readonly allowTagsRegexes?: readonly string[] | undefined;
  readonly ignoreTagsRegexes?: readonly string[] | undefined;
  /** Deprecated: any non-empty value makes selection fail, as in Kargo. */
  readonly allowTags?: string | undefined;
  /** Deprecated: any non-empty value makes selection fail, as in Kargo. */
  readonly ignoreTags?: readonly string[] | undefined;
  /** `os/arch` or `os/arch/variant`. */
  readonly platform?: string | undefined;
  /** How many images to keep, best first; 0 or unset means no limit. */
  readonly discoveryLimit?: number | undefined;
  readonly cacheByTag?: boolean | undefined;
  readonly insecureSkipTLSVerify?: boolean | undefined;
}

/** One platform of a multi-platform image (an entry of its index). */
export interface ImagePlatform {
  readonly os: string;
  readonly arch: string;
  readonly variant?: string | undefined;
}

/** An image tag a registry listed, with whatever metadata is known about the image behind it. */
export interface ImageCandidate {
  readonly tag: string;
  readonly digest?: string | undefined;
  /** RFC 3339 text or a Date. */
  readonly createdAt?: string | Date | undefined;
  readonly annotations?: Readonly<Record<string, string>> | undefined;
  /** The platforms of an image index; a single-platform image has none. */
  readonly platforms?: readonly ImagePlatform[] | undefined;
}

/** A Warehouse's `git` subscription (the fields selection reads). */
export interface GitSubscriptionFields {
  readonly repoURL: string;
  readonly commitSelectionStrategy?: CommitSelectionStrategy | '' | undefined;
  readonly branch?: string | undefined;
  readonly strictSemvers?: boolean | undefined;
  readonly semverConstraint?: string | undefined;
  readonly allowTagsRegexes?: readonly string[] | undefined;
  readonly ignoreTagsRegexes?: readonly string[] | undefined;
  readonly allowTags?: string | undefined;
  readonly ignoreTags?: readonly string[] | undefined;
  readonly expressionFilter?: string | undefined;
  readonly includePaths?: readonly string[] | undefined;
  readonly excludePaths?: readonly string[] | undefined;
  readonly discoveryLimit?: number | undefined;
  readonly since?: string | undefined;
}

/** A commit from a branch's first-parent history; candidates come newest first. */
export interface CommitCandidate {
  readonly id: string;
  /** The commit date (RFC 3339 text or a Date). */
  readonly creatorDate: string | Date;
  readonly subject?: string | undefined;
  readonly author?: string | undefined;
  readonly committer?: string | undefined;
  /** Paths the commit changed (first parent; a rename counts as both paths). */
  readonly changedPaths?: readonly string[] | undefined;
}

/** A tag; candidates come newest creator date first, as `git for-each-ref --sort=-creatordate` gives them. */
export interface TagCandidate {
  readonly tag: string;
  /** The commit the tag points to. */
  readonly id: string;
  readonly creatorDate: string | Date;
  readonly subject?: string | undefined;
  readonly author?: string | undefined;
  readonly committer?: string | undefined;
  readonly tagger?: string | undefined;
  readonly annotation?: string | undefined;
  readonly changedPaths?: readonly string[] | undefined;
}

/** A selected commit, as Kargo records it in `status.discoveredArtifacts.git[].commits`. */
export interface DiscoveredCommit {
  readonly id: string;
  readonly tag?: string;
  readonly branch?: string;
  /** Cut to at most 80 bytes at a character boundary. */
  readonly subject?: string;
  readonly author?: string;
  readonly committer?: string;
  /** RFC 3339 text. */
  readonly creatorDate?: string;
}

/** A Warehouse's `chart` subscription (the fields selection reads). */
export interface ChartSubscriptionFields {
  /** `http(s)://` for a classic repository, `oci://` for an OCI one. */
  readonly repoURL: string;
  /** The chart's name in a classic repository's index; empty for OCI. */
  readonly name?: string | undefined;
  readonly semverConstraint?: string | undefined;
  readonly discoveryLimit?: number | undefined;
}

/** Path filters of a Git subscription. */
export interface PathFilters {
  readonly includePaths?: readonly string[] | undefined;
  readonly excludePaths?: readonly string[] | undefined;
}
