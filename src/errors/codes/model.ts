import type { CodeCatalog } from './catalog.js';

/** Codes of Kargo manifest parsing and validation (`parseManifests`, `validateStage`, ...). */
export const modelCodes = {
  YAML_SYNTAX: {
    summary: 'The manifest text is not valid YAML.',
    cause: 'A syntax error: bad indentation, an unclosed quote or flow collection, a tab used for indentation, and so on.',
    fix: 'Fix the YAML at the position shown; the excerpt points at the first character the parser could not read.',
  },
  MANIFEST_INVALID: {
    summary: 'A Kargo resource breaks a rule of its schema.',
    cause: 'A field has the wrong type, a required field is missing, or a value is outside what Kargo accepts.',
    fix: 'Change the field named by the path to what the message asks for.',
  },
} as const satisfies CodeCatalog;
