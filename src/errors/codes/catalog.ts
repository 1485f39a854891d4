/** What the errors reference says about one issue code. */
export interface CodeDoc {
  /** One line: what went wrong. */
  readonly summary: string;
  /** Why it happens, in the user's terms. */
  readonly cause: string;
  /** What the user can do about it. */
  readonly fix: string;
}

/** The codes of one area, keyed by code (SCREAMING_SNAKE with the area's prefix). */
export type CodeCatalog = Readonly<Record<string, CodeDoc>>;
