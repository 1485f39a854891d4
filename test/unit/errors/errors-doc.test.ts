import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { issueCodeCatalog, listIssueCodes } from '../../../src/errors/index.js';
import { renderErrorsDoc } from '../../../scripts/errors-doc.js';

const docPath = new URL('../../../docs/reference/errors.md', import.meta.url);

describe('docs/reference/errors.md', () => {
  it('is up to date with the issue-code catalog (run `npm run docs:errors` to regenerate)', () => {
    expect(readFileSync(docPath, 'utf8')).toBe(renderErrorsDoc(issueCodeCatalog));
  });

  it('has a section for every code', () => {
    const doc = readFileSync(docPath, 'utf8');
    for (const code of listIssueCodes()) expect(doc).toContain(`### ${code}\n`);
  });

  it('renders the summary, cause and fix of a code', () => {
    const doc = renderErrorsDoc({ demo: { DEMO_CODE: { summary: 'It broke.', cause: 'Because.', fix: 'Mend it.' } } });
    expect(doc).toContain('### DEMO_CODE\n\nIt broke.\n\n**Cause.** Because.\n\n**Fix.** Mend it.\n');
  });

  it('leaves out areas that have no codes', () => {
    const doc = renderErrorsDoc({ empty: {}, full: { FULL_X: { summary: 's', cause: 'c', fix: 'f' } } });
    expect(doc).not.toContain('## empty');
    expect(doc).toContain('## full');
  });
});

describe('issue-code catalog', () => {
  it('documents every code with a summary, a cause and a fix', () => {
    for (const [area, codes] of Object.entries(issueCodeCatalog)) {
      for (const [code, doc] of Object.entries(codes) as [string, { summary: string; cause: string; fix: string }][]) {
        expect(code, `${area}: ${code}`).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
        for (const field of ['summary', 'cause', 'fix'] as const) expect(doc[field].trim().length, `${code}.${field}`).toBeGreaterThan(10);
      }
    }
  });

  it('uses each code in one area only', () => {
    const codes = listIssueCodes();
    expect(new Set(codes).size).toBe(codes.length);
  });
});
