/**
 * `npm run docs:screenshots`: copies the screenshots the browser tests wrote
 * (test-output/screenshots/, after `npm test` or a run of tests/integration/web*.test.ts) into
 * docs/screenshots/, the ones the README shows. Tests never write tracked files themselves.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.ts';

const shown = [
  'view-today.png',
  'view-upcoming.png',
  'view-completed.png',
  'details.png',
  'shortcuts.png',
  'phone-today.png',
  'phone-upcoming.png',
  'dark-today.png',
  'editor.png',
  'settings.png',
];
const from = join(repoRoot, 'test-output', 'screenshots');
const to = join(repoRoot, 'docs', 'screenshots');
mkdirSync(to, { recursive: true });
const missing = shown.filter((name) => !existsSync(join(from, name)));
if (missing.length) {
  console.error(`not written yet (run the browser tests first): ${missing.join(', ')}`);
  process.exitCode = 1;
} else {
  for (const name of shown) copyFileSync(join(from, name), join(to, name));
  console.log(`copied ${shown.length} screenshots to docs/screenshots/`);
}
