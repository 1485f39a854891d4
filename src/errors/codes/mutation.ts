import type { CodeCatalog } from './catalog.js';

/** Codes of config-file edits (`updateYaml`, `updateJson`, `setKustomizeImages`, `updateChartDependencies`). */
export const mutationCodes = {
  YAML_PARSE: {
    summary: 'The file to edit is not valid YAML.',
    cause: 'A syntax error (bad indentation, a tab used for indentation, an unclosed quote or bracket, a duplicate key) makes the file unreadable, so no edit can be placed safely.',
    fix: 'Fix the YAML at the line and column shown, then run the edit again.',
  },
  YAML_INVALID_KEY: {
    summary: 'An update key does not follow the key syntax.',
    cause: 'Keys are dot-separated parts; only `\\.` and `\\:` are allowed escapes, parts may not be empty, and `:` may only start a part (to mark a numeric map key).',
    fix: 'Write the key as `a.b.0.c`, escaping literal dots as `\\.`, for example `annotations.example\\.com/tag`.',
  },
  YAML_INVALID_INDEX: {
    summary: 'A key part addressing a sequence is not a number.',
    cause: 'The walk reached a YAML sequence and the next part of the key is not an integer index.',
    fix: 'Use a 0-based index for sequence items (`containers.0.image`), or check that the path points at a mapping.',
  },
  YAML_INDEX_OUT_OF_RANGE: {
    summary: 'A sequence index is negative or past the end of the sequence.',
    cause: 'The index is not below the length of the sequence. `-1` and the length itself only append when `create: true` is set.',
    fix: 'Use an index below the sequence length, or pass `create: true` with the length (or `-1`) to append an item.',
  },
  YAML_KEY_NOT_FOUND: {
    summary: 'The key path does not exist in the document.',
    cause: 'A mapping has no key with that name, the path runs through an alias, a merge (`<<`) or a scalar, or the key is only in another document of the file.',
    fix: 'Check the key against the file (keys are case-sensitive), pass `document: n` for another document, or pass `create: true` to add missing keys.',
  },
  YAML_NOT_A_SCALAR: {
    summary: 'The key path ends on a mapping, a sequence or an alias, not a scalar value.',
    cause: 'Only scalar values (strings, numbers, booleans, null) can be replaced; replacing a whole collection or an alias would change more than one value.',
    fix: 'Extend the key to the scalar you mean (`image.tag` rather than `image`), or edit the anchor the alias points to.',
  },
  YAML_DOCUMENT_NOT_FOUND: {
    summary: 'The file has fewer documents than the `document` option asks for.',
    cause: 'Documents are counted from 0 in the order they appear, separated by `---`.',
    fix: 'Pass an index below the number of documents in the file.',
  },
  YAML_UNSUPPORTED_VALUE: {
    summary: 'A new value cannot be written as YAML.',
    cause: 'Values must be JSON-like data: strings, finite or infinite numbers, booleans, null, arrays and plain objects without cycles. Functions, symbols, class instances and cyclic structures are not data.',
    fix: 'Pass plain data, for example the result of `JSON.parse`.',
  },
  JSON_PARSE: {
    summary: 'The file to edit is not valid JSON.',
    cause: 'A syntax error: a missing comma or quote, a trailing comma, a comment, or text after the top-level value.',
    fix: 'Fix the JSON at the line and column shown, then run the edit again.',
  },
  JSON_INVALID_KEY: {
    summary: 'An update key is empty or has an empty part.',
    cause: 'Keys are dot-separated parts (`a.b.0`); an empty key or two dots in a row address nothing.',
    fix: 'Write the key as `a.b.0`, escaping literal dots as `\\.`.',
  },
  JSON_VALUE_NOT_SCALAR: {
    summary: 'A json-update value is not a scalar.',
    cause: 'Like Kargo, json-update writes strings, numbers and booleans only; null, objects and arrays are refused, as are NaN and infinities, which JSON cannot express.',
    fix: 'Update the scalar fields one by one, each with its own key.',
  },
  JSON_INVALID_INDEX: {
    summary: 'A key part addressing a JSON array is not a usable index.',
    cause: 'The walk reached an array and the next part is neither a non-negative integer nor `-1` (append).',
    fix: 'Use a 0-based index, or `-1` to append.',
  },
  KUSTOMIZE_INVALID_IMAGE: {
    summary: 'An image update names no image or sets neither a tag nor a digest.',
    cause: 'Each image update needs a non-empty `image` and a new `tag` or `digest`; otherwise there is nothing to pin.',
    fix: 'Give every image update an `image` and a `tag` or a `digest`.',
  },
  KUSTOMIZE_IMAGES_NOT_A_LIST: {
    summary: 'The `images` field of the kustomization is not a list of mappings.',
    cause: 'kustomize expects `images` to be a sequence of `{name, newName, newTag, digest}` entries; any other shape cannot be merged.',
    fix: 'Make `images` a YAML sequence of mappings, or remove it so it can be created.',
  },
  KUSTOMIZE_AMBIGUOUS_IMAGES: {
    summary: 'Images cannot be chosen automatically because one repository comes from more than one piece of Freight.',
    cause: 'Two pieces of Freight carry the same image repository, so it is not clear which version to use.',
    fix: 'List the images explicitly, choosing the Freight origin for each.',
  },
  CHART_DEPENDENCY_NOT_FOUND: {
    summary: 'No dependency in Chart.yaml has the name and repository of a chart update.',
    cause: 'A dependency matches only when both its `name` and its `repository` equal the update exactly (the repository string is not normalized).',
    fix: 'Use the repository string exactly as written in Chart.yaml, or add the dependency to Chart.yaml first.',
  },
  TOML_PARSE: {
    summary: 'The file to edit is not valid TOML.',
    cause: 'A syntax error (a missing `=`, an unclosed string or bracket, a bad escape) or a semantic one (a key or table defined twice) makes the file unreadable, so no edit can be placed safely.',
    fix: 'Fix the TOML at the line and column shown, then run the edit again.',
  },
  TOML_INVALID_KEY: {
    summary: 'An update key does not follow the key syntax.',
    cause: 'Keys are dot-separated parts; only `\\.` and `\\:` are allowed escapes, parts may not be empty, and `:` may only start a part.',
    fix: 'Write the key as `package.version` or `services.0.port`, escaping literal dots as `\\.` (`"example\\.com/version"`).',
  },
  TOML_KEY_NOT_FOUND: {
    summary: 'The key path does not exist in the TOML document.',
    cause: 'No key, table or array item has that path: a part is misspelled (keys are case-sensitive), an array index is past the end, or the path continues through a scalar. toml-update never creates keys.',
    fix: 'Check the key against the file: tables and dotted keys join with `.`, `[[array tables]]` and arrays take a 0-based index (`services.1.port`).',
  },
  TOML_NOT_A_SCALAR: {
    summary: 'The key path ends on a table, an array table, an array or an inline table, not a scalar value.',
    cause: 'Only scalar values (strings, numbers, booleans, dates and times) can be replaced; replacing a whole table or array would change more than one value.',
    fix: 'Extend the key to the scalar you mean (`package.version` rather than `package`).',
  },
  TOML_UNSUPPORTED_VALUE: {
    summary: 'A new value cannot be written as a TOML scalar.',
    cause: 'Values must be strings, numbers, booleans, 64-bit integers (bigint) or dates; TOML has no null, and toml-update does not write arrays or tables.',
    fix: 'Pass a scalar value, and update the items of an array or table one by one, each with its own key.',
  },
} as const satisfies CodeCatalog;
