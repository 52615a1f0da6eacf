import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOC_PATH, renderDocument } from '../../bench/report/render.js';
import {
  formatResults,
  parseResults,
  readResults,
  withResult,
  type RunContext,
  type StoredResult,
} from '../../bench/report/results-file.js';

const RUN: RunContext = {
  command: 'npm run bench',
  startedAt: '2026-12-01T10:00:00Z',
  quick: false,
  runs: 3,
  machine: { cpu: 'Test CPU', cores: 2, memoryGiB: 8, node: 'v20.0.0', redis: '7.0.0' },
};

function result(id: string, overrides: Partial<StoredResult> = {}): StoredResult {
  return {
    id,
    title: `${id} title`,
    size: 'small',
    figures: [
      {
        id: `${id}.1`,
        name: 'headline figure',
        unit: 'µs',
        value: 300,
        baselineName: 'floor',
        baseline: 150,
        target: '≤ 2×',
        met: true,
        headline: true,
      },
      { id: `${id}.2`, name: 'other figure', unit: 'ms', value: 30, target: '< 25 ms', met: false },
      { id: `${id}.3`, name: 'plain figure', unit: 'req/s', value: 1000 },
    ],
    notes: [`note of ${id}`],
    run: RUN,
    load: { start: 1.5, end: 2.25 },
    seconds: 125,
    ...overrides,
  };
}

describe('docs/benchmarks.md', () => {
  it('when bench/results.json changes, then the committed document must be rendered again', () => {
    const committed = readFileSync(DOC_PATH, 'utf8');
    expect(
      committed === renderDocument(readResults()),
      'docs/benchmarks.md is stale: run `npm run bench:report` and commit it',
    ).toBe(true);
  });

  it('when results are rendered, then the document opens with one row per headline figure, ratio and verdict', () => {
    const doc = renderDocument({ results: [result('B1'), result('B2')] });

    const answer = doc.slice(doc.indexOf('## The answer'), doc.indexOf('## Why the targets'));
    expect(answer).toContain(
      '| B1 B1 title | B1.1 headline figure: 300 µs | 150 µs (floor) | 2.00× | ≤ 2× | yes |',
    );
    expect(answer).toContain(
      '| B2 B2 title | B2.1 headline figure: 300 µs | 150 µs (floor) | 2.00× | ≤ 2× | yes |',
    );
    expect(answer).not.toContain('other figure');
    expect(answer).toContain('Other targets in the detail: 0 of 2 met (not met: B1.2, B2.2).');
    expect(answer).toContain(
      'Machine: 2 cores (Test CPU), 8.0 GiB memory, Node v20.0.0, Redis 7.0.0 on the same host.',
    );
    expect(answer).toContain('Command: `npm run bench`, started 2026-12-01T10:00:00Z: full sizes');
    expect(doc.indexOf('## The answer')).toBeLessThan(doc.indexOf('## This run in detail'));
  });

  it('when results are rendered, then each benchmark has its detail: every figure, its run and its notes', () => {
    const doc = renderDocument({ results: [result('B1')] });

    expect(doc).toContain('### B1 — B1 title');
    expect(doc).toContain('| B1.2 other figure | 30 ms | — | — | < 25 ms | **no** |');
    expect(doc).toContain('| B1.3 plain figure | 1,000 req/s | — | — | — | — |');
    expect(doc).toContain('took 2 min 5 s, load average 1.50 at its start and 2.25 at its end.');
    expect(doc).toContain('- note of B1');
  });

  it('when a partial run replaced one result, then the document names each run and what it measured', () => {
    const partial: RunContext = { ...RUN, command: 'npm run bench -- B2 --quick', quick: true };
    const file = withResult({ results: [result('B1'), result('B2')] }, result('B2', { run: partial }));

    const doc = renderDocument(file);

    expect(file.results.map((r) => r.id)).toEqual(['B1', 'B2']);
    expect(doc).toContain('B1: `npm run bench`, started 2026-12-01T10:00:00Z: full sizes');
    expect(doc).toContain(
      'B2: `npm run bench -- B2 --quick`, started 2026-12-01T10:00:00Z: quick sizes (`--quick`)',
    );
  });

  it('when a benchmark has no headline figure, then its row is still in the answer, empty', () => {
    const plain = result('B4', { figures: [{ id: 'B4.1', name: 'x', unit: 's', value: 1 }] });

    expect(renderDocument({ results: [plain] })).toContain('| B4 B4 title | — | — | — | — | — |');
  });

  it('when results are written, then the text reads back as the same results, a line per figure', () => {
    const file = { results: [result('B1'), result('B2')] };

    const text = formatResults(file);

    expect(parseResults(text)).toEqual(file);
    expect(text.split('\n').filter((line) => line.includes('"id":"B1.')).length).toBe(3);
  });

  it('when the results file holds a figure that is not a number, then reading it fails and names the field', () => {
    const text = JSON.stringify({ results: [{ ...result('B1'), seconds: null }] });

    expect(() => parseResults(text)).toThrow(/seconds/);
  });

  it('when no benchmark has run, then rendering refuses and says which command to run', () => {
    expect(() => renderDocument({ results: [] })).toThrow(/npm run bench/);
  });
});
