import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createApiClient } from '../../client/api-client.ts';
import { repoRoot } from '../../stack/paths.ts';

/** Where the browser tests write their screenshots. */
export const screenshots = join(repoRoot, 'test-output', 'screenshots');

/** Debian's Chromium, headless, driven by playwright-core. */
export function launchChromium(): Promise<Browser> {
  mkdirSync(screenshots, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** A page of the context at `url`, its script errors on the test's console. */
export async function openPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
  await page.goto(url);
  return page;
}

/** Signs a new account up on the login page and waits for the task page. */
export async function signUp(
  page: Page,
  account: { email: string; password: string; name: string },
): Promise<void> {
  await page.getByRole('button', { name: 'No account? Sign up' }).click();
  await page.getByLabel('E-mail').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByLabel('Your name').fill(account.name);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByRole('heading', { name: 'Tasks' }).waitFor();
}

/** The list item of a task by title. */
export const taskItems = (page: Page, title: string) =>
  page.locator('li.task', { has: page.locator('.title', { hasText: title }) });

/** Calls the API as the page's user: the shared client, with the session the page keeps. */
export async function apiInPage<T>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const stored = await page.evaluate(() =>
    (
      globalThis as unknown as { localStorage: { getItem(key: string): string | null } }
    ).localStorage.getItem('todo-chatbot.session'),
  );
  const { access_token: token } = JSON.parse(stored ?? '{}') as { access_token?: string };
  const api = createApiClient({ baseUrl: `${new URL(page.url()).origin}/api/v1`, token });
  return api.send<T>(method, path, { body });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

const axeScript = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

type Impact = 'minor' | 'moderate' | 'serious' | 'critical';

/**
 * The axe-core violations of the page as it is now (WCAG 2.x A and AA rules and axe's best
 * practices) of the given impacts, serious and critical unless told, each with the elements it
 * found, for a readable failure. The context needs `bypassCSP`: axe comes in as a script tag.
 */
export async function axeViolations(
  page: Page,
  impacts: Impact[] = ['serious', 'critical'],
): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis)))
    await page.addScriptTag({ path: axeScript });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } })
      .axe;
    return (await axe.run()).violations;
  });
  return (violations as AxeViolation[])
    .filter((violation) => impacts.includes(violation.impact as Impact))
    .map(
      (violation) =>
        `${violation.impact} ${violation.id} (${violation.help}): ${violation.nodes
          .map((node) => JSON.stringify(node.target))
          .join(', ')}`,
    );
}
