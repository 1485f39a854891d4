export { createIssue, prefixIssuePath } from './issue.js';
export type { Issue, IssueOptions, PathSegment, Severity } from './issue.js';
export { WaybillError, isWaybillError } from './waybill-error.js';
export { formatIssues, formatPath } from './format.js';
export type { FormatIssuesOptions } from './format.js';
export { issueCodeCatalog, describeIssueCode, listIssueCodes } from './codes/index.js';
export type { IssueCode, CodeCatalog, CodeDoc } from './codes/index.js';
