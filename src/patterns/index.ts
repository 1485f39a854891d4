export { compileGlob, isValidGlob } from './glob.js';
export { compileRegex } from './regex.js';
export { compileBaseDir, cleanPath } from './base-dir.js';
export { compilePattern, compileNamePattern, compilePathPattern, compilePatterns, patternKindOf } from './pattern.js';
export type { PatternKind, PatternMatcher, CompilePatternOptions } from './pattern.js';
