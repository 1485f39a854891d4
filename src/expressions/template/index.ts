/**
 * Kargo's `${{ }}` templates: scanning, evaluation, result coercion and whole-config evaluation.
 * @packageDocumentation
 */
export { evaluateTemplate } from './evaluate-template.js';
export type { TemplateOptions } from './evaluate-template.js';
export { evaluateConfig, RESERVED_ENV_KEYS } from './evaluate-config.js';
export { evaluateCondition } from './evaluate-condition.js';
export { coerceTemplateText } from './coerce.js';
export type { TemplateCoercion } from './coerce.js';
export { scanTemplate, hasTemplateDelimiters, TEMPLATE_DELIMITERS } from './scan.js';
export type { TemplateSegment, TextSegment, ExpressionSegment, TemplateDelimiter, ScanOutcome } from './scan.js';
export { templateFunctions, quoteFunction, unsafeQuoteFunction, asYAMLFunction, asJSONFunction } from './template-functions.js';
export { marshalGoJSON, quoteGoJSON, parseGoJSON, GoJSONError } from './go-json.js';
export type { MarshalOptions } from './go-json.js';
export { parseGoFloat, parseGoBool, goQuote } from './go-strconv.js';
export { formatGoShortestG } from './go-yaml.js';
