/**
 * The Freight shapes this area reads and writes, in Kargo's JSON field names. They are structural,
 * so the model's zod-inferred Freight types (and plain JSON) fit them.
 */

/** Where Freight came from: `{ kind: "Warehouse", name }`; its text form is `Kind/name`. */
export interface FreightOrigin {
  readonly kind: string;
  readonly name: string;
}

/** A Git commit in Freight. `message` is the subject, already cut to 80 bytes. */
export interface FreightCommit {
  readonly repoURL?: string | undefined;
  readonly id?: string | undefined;
  readonly branch?: string | undefined;
  readonly tag?: string | undefined;
  readonly message?: string | undefined;
  readonly author?: string | undefined;
  readonly committer?: string | undefined;
  readonly subscriptionName?: string | undefined;
}

/** A container image in Freight. */
export interface FreightImage {
  readonly repoURL?: string | undefined;
  readonly tag?: string | undefined;
  readonly digest?: string | undefined;
  readonly annotations?: Readonly<Record<string, string>> | undefined;
  readonly subscriptionName?: string | undefined;
}

/** A Helm chart in Freight (`name` is empty for OCI charts). */
export interface FreightChart {
  readonly repoURL?: string | undefined;
  readonly name?: string | undefined;
  readonly version?: string | undefined;
  readonly subscriptionName?: string | undefined;
}

/** An artifact found by a generic subscription. */
export interface FreightArtifact {
  readonly artifactType?: string | undefined;
  readonly subscriptionName?: string | undefined;
  readonly version?: string | undefined;
  readonly metadata?: unknown;
}

/** What a Freight id is computed from: its origin and its artifacts. Other fields are ignored. */
export interface FreightIdentity {
  readonly origin?: FreightOrigin | undefined;
  readonly commits?: readonly FreightCommit[] | null | undefined;
  readonly images?: readonly FreightImage[] | null | undefined;
  readonly charts?: readonly FreightChart[] | null | undefined;
  readonly artifacts?: readonly FreightArtifact[] | null | undefined;
}

/** A Freight resource as Kargo stores it (artifacts and alias at the top level, not in `spec`). */
export interface FreightResource {
  readonly apiVersion: 'kargo.akuity.io/v1alpha1';
  readonly kind: 'Freight';
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
  };
  readonly alias?: string;
  readonly origin: FreightOrigin;
  readonly commits?: readonly FreightCommit[];
  readonly images?: readonly FreightImage[];
  readonly charts?: readonly FreightChart[];
  readonly artifacts?: readonly FreightArtifact[];
  /** RFC 3339 time the Freight was built. */
  readonly discoveredAt: string;
}

/** A commit as discovery records it (`status.discoveredArtifacts.git[].commits[]`). */
export interface DiscoveredCommitRecord {
  readonly id?: string | undefined;
  readonly branch?: string | undefined;
  readonly tag?: string | undefined;
  readonly subject?: string | undefined;
  readonly author?: string | undefined;
  readonly committer?: string | undefined;
  readonly creatorDate?: string | Date | undefined;
}

/** An image reference as discovery records it. */
export interface DiscoveredImageReference {
  readonly tag?: string | undefined;
  readonly digest?: string | undefined;
  readonly annotations?: Readonly<Record<string, string>> | undefined;
  readonly createdAt?: string | Date | undefined;
}

/** A generic subscription's artifact reference. */
export interface DiscoveredArtifactReference {
  readonly artifactType?: string | undefined;
  readonly subscriptionName?: string | undefined;
  readonly version?: string | undefined;
  readonly metadata?: unknown;
}

/**
 * What one discovery pass found, per subscription and in subscription order, newest first within
 * each (Kargo's `status.discoveredArtifacts`).
 */
export interface DiscoveredArtifacts {
  readonly discoveredAt?: string | Date | undefined;
  readonly git?: readonly {
    readonly repoURL: string;
    readonly commits?: readonly DiscoveredCommitRecord[] | null | undefined;
    readonly subscriptionName?: string | undefined;
  }[] | null | undefined;
  readonly images?: readonly {
    readonly repoURL: string;
    readonly platform?: string | undefined;
    readonly references?: readonly DiscoveredImageReference[] | null | undefined;
    readonly subscriptionName?: string | undefined;
  }[] | null | undefined;
  readonly charts?: readonly {
    readonly repoURL: string;
    readonly name?: string | undefined;
    readonly semverConstraint?: string | undefined;
    readonly versions?: readonly string[] | null | undefined;
    readonly subscriptionName?: string | undefined;
  }[] | null | undefined;
  readonly results?: readonly {
    readonly name: string;
    readonly artifactReferences?: readonly DiscoveredArtifactReference[] | null | undefined;
  }[] | null | undefined;
}

/** The parts of a Warehouse resource Freight assembly and admission read. */
export interface FreightWarehouse {
  readonly metadata: { readonly name?: string | undefined; readonly namespace?: string | undefined };
  readonly spec?: {
    readonly freightCreationPolicy?: string | undefined;
    readonly freightCreationCriteria?: { readonly expression?: string | undefined } | undefined;
    /** Each entry has exactly one key naming its type (`git`, `image`, `chart` or another word) and an optional `name`. */
    readonly subscriptions?: readonly unknown[] | null | undefined;
  } | undefined;
}
