import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../paths.ts';
import { run } from './run.ts';

const web = join(repoRoot, 'web');
/** The page bundles the API's one client as well as its own sources. */
const bundled = [web, join(repoRoot, 'client')];

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the web page with Vite when web/dist is missing or older than its sources. */
export async function ensureWebBuild(): Promise<void> {
  const built = join(web, 'dist', 'index.html');
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...bundled.map(newestSource)))
    return;
  console.log('[install] building the web page (vite)');
  await run(
    join(repoRoot, 'node_modules', '.bin', 'vite'),
    ['build', '--config', join(web, 'vite.config.ts'), '--logLevel', 'warn'],
    { cwd: repoRoot },
  );
}
