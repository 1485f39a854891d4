/**
 * waybill: Kargo's promotion semantics as a pure, typed core. This barrel is the browser-safe
 * core: it does no I/O and imports no Node built-ins. Adapters, the controller and the command
 * live behind their own subpaths.
 * @packageDocumentation
 */

// errors and results
export { createIssue, prefixIssuePath, WaybillError, isWaybillError, formatIssues, formatPath, issueCodeCatalog, describeIssueCode, listIssueCodes } from './errors/index.js';
export type { Issue, IssueOptions, PathSegment, Severity, FormatIssuesOptions, IssueCode, CodeCatalog, CodeDoc } from './errors/index.js';
export { ok, err, hasErrors, toResult, unwrap, mapResult } from './result.js';
export type { Result, Ok, Err } from './result.js';
