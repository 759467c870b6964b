import { describe, expect, it } from 'vitest';
import { renderVerificationMail } from './verification-mail.ts';

describe('the verification e-mail', () => {
  it('carries the link in text and HTML, escaping the address in HTML', () => {
    const link = 'https://todo.example/api/v1/auth/verify-email?token=a.b.c&x=1';
    const mail = renderVerificationMail({ email: "o'neil<x>@example.test", link, hours: 24 });
    expect(mail.subject).toBe('Confirm your e-mail address for Todo Chatbot');
    expect(mail.text).toContain(`\n${link}\n`);
    expect(mail.text).toContain('24 hours');
    expect(mail.html).toContain(
      'href="https://todo.example/api/v1/auth/verify-email?token=a.b.c&#38;x=1"',
    );
    expect(mail.html).toContain('o&#39;neil&#60;x&#62;@example.test');
    expect(mail.html).not.toContain('<x>');
  });
});
