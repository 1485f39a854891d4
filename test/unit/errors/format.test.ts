import { describe, expect, it } from 'vitest';
import { createIssue, formatIssues, formatPath } from '../../../src/errors/index.js';

const stage = ['kind: Stage', 'spec:', '  requestedFreight:', '  - origin:', '      name: 42', ''].join('\n');

describe('formatIssues', () => {
  it('prints the position, severity, code, message and path, then the excerpt with a caret', () => {
    const issue = createIssue('MANIFEST_INVALID', 'Expected string, received number', {
      file: 'stage.yaml',
      line: 5,
      column: 13,
      endLine: 5,
      endColumn: 15,
      path: ['spec', 'requestedFreight', 0, 'origin', 'name'],
    });
    expect(formatIssues([issue], { sources: { 'stage.yaml': stage } })).toBe(
      [
        'stage.yaml:5:13 error MANIFEST_INVALID Expected string, received number (at spec.requestedFreight[0].origin.name)',
        '   4 |   - origin:',
        '   5 |       name: 42',
        '     |             ^^',
      ].join('\n'),
    );
  });

  it('prints one caret when the end of the span is unknown', () => {
    const issue = createIssue('YAML_SYNTAX', 'bad', { line: 2, column: 1 });
    expect(formatIssues([issue], { sources: stage, context: 0 })).toBe(['2:1 error YAML_SYNTAX bad', '   2 | spec:', '     | ^'].join('\n'));
  });

  it('prints only the head line without source text or without a line', () => {
    const withLine = createIssue('YAML_SYNTAX', 'bad', { file: 'a.yaml', line: 1, column: 1, severity: 'warning' });
    expect(formatIssues([withLine])).toBe('a.yaml:1:1 warning YAML_SYNTAX bad');
    const noLine = createIssue('GRAPH_CYCLE', 'loop', { path: ['stages', 1] });
    expect(formatIssues([noLine], { sources: stage })).toBe('error GRAPH_CYCLE loop (at stages[1])');
  });

  it('looks sources up with a function and joins several issues with newlines', () => {
    const issues = [createIssue('YAML_SYNTAX', 'one', { file: 'x', line: 1, column: 1 }), createIssue('YAML_SYNTAX', 'two')];
    const text = formatIssues(issues, { sources: (file) => (file === 'x' ? 'kind: Stage' : undefined), context: 0 });
    expect(text.split('\n')).toEqual(['x:1:1 error YAML_SYNTAX one', '   1 | kind: Stage', '     | ^', 'error YAML_SYNTAX two']);
  });

  it('does not print an excerpt for a line past the end of the text', () => {
    const issue = createIssue('YAML_SYNTAX', 'late', { line: 99, column: 1 });
    expect(formatIssues([issue], { sources: 'a\nb' }).trimEnd()).toBe('99:1 error YAML_SYNTAX late');
  });
});

describe('formatPath', () => {
  it('prints keys with dots, indexes in brackets and odd keys quoted', () => {
    expect(formatPath(['spec', 'requestedFreight', 0, 'origin'])).toBe('spec.requestedFreight[0].origin');
    expect(formatPath(['metadata', 'annotations', 'kargo.akuity.io/x'])).toBe('metadata.annotations["kargo.akuity.io/x"]');
    expect(formatPath([])).toBe('');
    expect(formatPath([3, 'a'])).toBe('[3].a');
  });
});
