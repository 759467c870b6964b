/**
 * Lines covered per top-level source folder: the vitest reporter `npm test` prints it with (after
 * the tests, from the run's coverage), and `npx tsx stack/coverage-by-folder.ts` prints it again
 * from coverage/coverage-summary.json. The domain (actors/) and the gateway are held to 80 %
 * (README, "Tests and coverage").
 */
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Reporter, Vitest } from 'vitest/node';

export const coverageFolders = [
  'actors',
  'db',
  'gateway',
  'host',
  'platform',
  'realtime',
  'schemas',
  'web',
] as const;
export type CoverageFolder = (typeof coverageFolders)[number];

/** Lines of one file, as istanbul's summaries (and coverage-summary.json) count them. */
export interface LineCounts {
  total: number;
  covered: number;
}

export interface FolderLines extends LineCounts {
  folder: CoverageFolder;
  /** Percent of lines covered, one decimal; 100 for a folder without lines. */
  pct: number;
}

const percent = ({ total, covered }: LineCounts) =>
  total === 0 ? 100 : Math.floor((covered / total) * 1000) / 10;

/** Sums the files' lines per folder; files outside the folders (and `total`) are left out. */
export function linesByFolder(files: ReadonlyMap<string, LineCounts>, root: string): FolderLines[] {
  const sums = new Map<string, LineCounts>(
    coverageFolders.map((folder) => [folder, { total: 0, covered: 0 }]),
  );
  for (const [file, lines] of files) {
    const sum = sums.get(relative(root, file).split(sep)[0]!);
    if (!sum) continue;
    sum.total += lines.total;
    sum.covered += lines.covered;
  }
  return coverageFolders.map((folder) => {
    const lines = sums.get(folder)!;
    return { folder, ...lines, pct: percent(lines) };
  });
}

/** The table as printed: one folder a line, aligned. */
export function formatLinesByFolder(rows: readonly FolderLines[]): string {
  const lines = rows.map(
    ({ folder, covered, total, pct }) =>
      `  ${folder.padEnd(9)} ${`${pct.toFixed(1)} %`.padStart(7)}   ${covered} / ${total} lines`,
  );
  return ['Lines covered per folder', ...lines].join('\n');
}

/** Per file, the lines of a coverage-summary.json (the json-summary reporter's output). */
export function readCoverageSummary(path: string): Map<string, LineCounts> {
  const summary = JSON.parse(readFileSync(path, 'utf8')) as Record<string, { lines: LineCounts }>;
  return new Map(
    Object.entries(summary)
      .filter(([file]) => file !== 'total')
      .map(([file, { lines }]) => [file, { total: lines.total, covered: lines.covered }]),
  );
}

/** What vitest hands reporters as coverage: istanbul's coverage map (v8 results are converted). */
interface CoverageMap {
  files(): string[];
  fileCoverageFor(file: string): { toSummary(): { lines: LineCounts } };
}

const isCoverageMap = (value: unknown): value is CoverageMap =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Partial<CoverageMap>).files === 'function' &&
  typeof (value as Partial<CoverageMap>).fileCoverageFor === 'function';

/**
 * Prints the table after the test summary of a run with `--coverage`; silent without coverage.
 * It reads the coverage map itself: vitest writes coverage-summary.json only after reporters end.
 */
export class CoverageByFolderReporter implements Reporter {
  private root = process.cwd();
  private table: string | undefined;

  onInit(vitest: Vitest): void {
    this.root = vitest.config.root;
  }

  onCoverage(coverage: unknown): void {
    if (!isCoverageMap(coverage)) return;
    const files = new Map(
      coverage.files().map((file) => [file, coverage.fileCoverageFor(file).toSummary().lines]),
    );
    this.table = formatLinesByFolder(linesByFolder(files, this.root));
  }

  onTestRunEnd(): void {
    if (this.table) console.log(`\n${this.table}\n`);
    this.table = undefined;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = join(import.meta.dirname, '..');
  const summary = readCoverageSummary(join(root, 'coverage', 'coverage-summary.json'));
  console.log(formatLinesByFolder(linesByFolder(summary, root)));
}
