import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  CoverageByFolderReporter,
  formatLinesByFolder,
  linesByFolder,
  readCoverageSummary,
  type LineCounts,
} from './coverage-by-folder.ts';

const root = '/repo';
const byFile: Record<string, LineCounts> = {
  '/repo/actors/task/decide.ts': { total: 100, covered: 90 },
  '/repo/actors/task/apply.ts': { total: 100, covered: 70 },
  '/repo/gateway/app.ts': { total: 30, covered: 10 },
  '/repo/web/src/main.ts': { total: 7, covered: 7 },
  // Not one of the folders: left out.
  '/repo/stack/cli.ts': { total: 500, covered: 0 },
};
const files = new Map(Object.entries(byFile));

describe('lines covered per folder', () => {
  it('sums the files of each top-level folder', () => {
    const rows = linesByFolder(files, root);
    expect(rows.find((row) => row.folder === 'actors')).toEqual({
      folder: 'actors',
      total: 200,
      covered: 160,
      pct: 80,
    });
    expect(rows.find((row) => row.folder === 'gateway')?.pct).toBe(33.3);
    expect(rows.find((row) => row.folder === 'web')?.pct).toBe(100);
  });

  it('lists every folder, in a fixed order, a folder without lines as 100 %', () => {
    const rows = linesByFolder(files, root);
    expect(rows.map((row) => row.folder)).toEqual([
      'actors',
      'db',
      'gateway',
      'host',
      'platform',
      'realtime',
      'schemas',
      'web',
    ]);
    expect(rows.find((row) => row.folder === 'host')).toMatchObject({ total: 0, pct: 100 });
  });

  it('rounds down, so 79.99 % never shows as meeting 80 %', () => {
    const [actors] = linesByFolder(
      new Map([['/repo/actors/a.ts', { total: 10_000, covered: 7_999 }]]),
      root,
    );
    expect(actors!.pct).toBe(79.9);
  });

  it('prints a line per folder', () => {
    const text = formatLinesByFolder(linesByFolder(files, root));
    expect(text.split('\n')[0]).toBe('Lines covered per folder');
    expect(text).toContain('  actors     80.0 %   160 / 200 lines');
    expect(text).toContain('  gateway    33.3 %   10 / 30 lines');
  });

  it('reads the json-summary reporter’s file, without its total', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coverage-'));
    const path = join(dir, 'coverage-summary.json');
    const lines = (total: number, covered: number) => ({
      lines: { total, covered, skipped: 0, pct: (covered / total) * 100 },
    });
    writeFileSync(
      path,
      JSON.stringify({ total: lines(40, 20), '/repo/gateway/app.ts': lines(40, 20) }),
    );
    expect(readCoverageSummary(path)).toEqual(
      new Map([['/repo/gateway/app.ts', { total: 40, covered: 20 }]]),
    );
  });

  it('as a reporter, prints the table from the run’s coverage map after the run', () => {
    const reporter = new CoverageByFolderReporter();
    reporter.onInit({ config: { root } } as Parameters<CoverageByFolderReporter['onInit']>[0]);
    const printed: string[] = [];
    const log = vi
      .spyOn(console, 'log')
      .mockImplementation((text: unknown) => void printed.push(String(text)));
    try {
      reporter.onTestRunEnd(); // a run without coverage prints nothing
      reporter.onCoverage({
        files: () => [...files.keys()],
        fileCoverageFor: (file: string) => ({ toSummary: () => ({ lines: files.get(file)! }) }),
      });
      reporter.onTestRunEnd();
    } finally {
      log.mockRestore();
    }
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain('actors     80.0 %   160 / 200 lines');
  });
});
