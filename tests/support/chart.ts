import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { helmBinary, repoRoot } from '../../stack/paths.ts';

/** The chart the deploy tests check, and the real Helm that renders it. */
export const chartDir = join(repoRoot, 'charts', 'todo-chatbot');

export const helm = (...args: string[]) =>
  promisify(execFile)(helmBinary, args, { cwd: chartDir, maxBuffer: 20 * 1024 * 1024 });

/** A rendered object: what every test reads, whatever else its kind holds. */
export type Manifest = {
  kind: string;
  metadata: {
    name: string;
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  scopes?: string[];
} & Record<string, unknown>;

/**
 * The chart as `helm template` prints it for these values: `key=value` is a `--set`, anything
 * else a values file. Nothing is added: a test that needs the signers' keys passes them
 * (tests/support/chart-keys.ts), so the chart's refusal without them stays testable.
 */
export async function renderChartText(...values: string[]): Promise<string> {
  const { stdout } = await helm(
    'template',
    'todo',
    '.',
    '--namespace',
    'todo',
    '--kube-version',
    '1.30.0',
    ...values.flatMap((value) => (value.includes('=') ? ['--set', value] : ['-f', value])),
  );
  return stdout;
}

export async function renderChart(...values: string[]): Promise<Manifest[]> {
  return parseAllDocuments(await renderChartText(...values))
    .map((document) => document.toJSON() as Manifest | null)
    .filter((manifest): manifest is Manifest => manifest !== null);
}

export const ofKind = (manifests: Manifest[], kind: string): Manifest[] =>
  manifests.filter((manifest) => manifest.kind === kind);
