import type { CodeCatalog } from './catalog.js';

/** Codes of the `waybill` command's configuration file. */
export const cliCodes = {
  CONFIG_YAML: {
    summary: 'The waybill configuration file is not readable YAML.',
    cause: 'The file named by `--config` (or `waybill.config.yaml` in the working directory) could not be read, or is not well-formed YAML; the issue gives the line and column where parsing stopped.',
    fix: 'Fix the YAML at the position shown, or point `--config` at the right file.',
  },
  CONFIG_INVALID: {
    summary: 'The waybill configuration file has a field waybill does not accept.',
    cause: 'A field is unknown, has the wrong type, or holds a literal secret (`password`, `token`, `username`) where waybill only accepts the name of an environment variable (`passwordEnv`, `tokenEnv`, `usernameEnv`), so that credentials never sit in a file.',
    fix: 'Correct the field at the path shown; see the configuration section of docs/reference/cli.md for every field.',
  },
} as const satisfies CodeCatalog;
