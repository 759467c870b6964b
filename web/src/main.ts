import { api, loadSession, saveSession } from './core/api.ts';
import { renderAuth } from './components/auth-form.ts';
import { renderTaskPage } from './page/task-page.ts';

/**
 * The task page's entry: the signed-in page, or the log-in form. Structure: core/ (API, DOM,
 * store, dates), components/ (one part of the page each), views/ (pure view logic), editor/,
 * page/ (the page that composes them around one store).
 */
const root = document.getElementById('app')!;

async function start(): Promise<void> {
  if (!loadSession()) return renderAuth(root, () => void start());
  let profile: { display_name: string; time_zone: string };
  try {
    profile = await api('GET', '/me');
  } catch {
    saveSession(undefined);
    return renderAuth(root, () => void start());
  }
  await renderTaskPage(root, profile);
}

void start();
