import { api, saveSession, type Session } from '../core/api.ts';
import { clear, h } from '../core/dom.ts';
import { problemText } from './toasts.ts';

/** Log-in and sign-up in one form; `signedIn` runs once a session is stored. */
export function renderAuth(root: HTMLElement, signedIn: () => void): void {
  let mode: 'login' | 'signup' = 'login';
  const error = h('p', { class: 'error', role: 'alert' });
  const email = h('input', {
    id: 'auth-email',
    type: 'email',
    required: true,
    autocomplete: 'email',
  });
  const password = h('input', {
    id: 'auth-password',
    type: 'password',
    required: true,
    minlength: 8,
    autocomplete: 'current-password',
  });
  const name = h('input', { id: 'auth-name', autocomplete: 'name' });
  const nameRow = h('p', { hidden: true }, h('label', { for: 'auth-name' }, 'Your name'), name);
  const submit = h('button', { type: 'submit' }, 'Log in');
  const toggle = h('button', { type: 'button', class: 'link' }, 'No account? Sign up');
  toggle.addEventListener('click', () => {
    mode = mode === 'login' ? 'signup' : 'login';
    submit.textContent = mode === 'login' ? 'Log in' : 'Sign up';
    toggle.textContent = mode === 'login' ? 'No account? Sign up' : 'Have an account? Log in';
    password.autocomplete = mode === 'login' ? 'current-password' : 'new-password';
    nameRow.hidden = mode === 'login';
  });
  const form = h(
    'form',
    { class: 'auth', 'aria-labelledby': 'auth-title' },
    h('h1', { id: 'auth-title' }, 'Todo Chatbot'),
    h('p', {}, h('label', { for: 'auth-email' }, 'E-mail'), email),
    h('p', {}, h('label', { for: 'auth-password' }, 'Password'), password),
    nameRow,
    error,
    h('p', { class: 'auth-buttons' }, submit, ' ', toggle),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    try {
      const body =
        mode === 'signup'
          ? {
              email: email.value,
              password: password.value,
              time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
              ...(name.value ? { display_name: name.value } : {}),
            }
          : { email: email.value, password: password.value };
      saveSession(await api<Session>('POST', `/auth/${mode}`, body));
      signedIn();
    } catch (failure) {
      error.textContent = problemText(failure);
    }
  });
  clear(root);
  root.append(h('main', {}, form));
  email.focus();
}
