/**
 * SMTP sink of the local stack: accepts mail over SMTP (with the credentials of the secret
 * store), keeps every message as an .eml file and in memory, and shows them over HTTP:
 *   GET /              an HTML list for people
 *   GET /api/messages  JSON for tests
 *   DELETE /api/messages
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { z } from 'zod';

const env = z
  .object({
    SMTP_PORT: z.coerce.number().int().positive(),
    HTTP_PORT: z.coerce.number().int().positive(),
    MAIL_DIR: z.string().min(1),
    SMTP_USER: z.string().min(1),
    SMTP_PASSWORD: z.string().min(1),
  })
  .parse(process.env);

interface StoredMessage {
  id: string;
  receivedAt: string;
  envelopeFrom: string | undefined;
  envelopeTo: string[];
  from: string | undefined;
  to: string | undefined;
  subject: string | undefined;
  text: string | undefined;
  html: string | undefined;
  headers: Record<string, string>;
}

const messages: StoredMessage[] = [];
mkdirSync(env.MAIL_DIR, { recursive: true });

const smtp = new SMTPServer({
  authMethods: ['PLAIN', 'LOGIN'],
  allowInsecureAuth: true,
  disabledCommands: ['STARTTLS'],
  banner: 'todo-chatbot smtp sink',
  size: 10 * 1024 * 1024,
  onAuth(auth, _session, callback) {
    if (auth.username === env.SMTP_USER && auth.password === env.SMTP_PASSWORD) {
      callback(null, { user: auth.username });
    } else {
      callback(new Error('Invalid username or password'));
    }
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks);
      simpleParser(raw)
        .then((parsed) => {
          const id = randomUUID();
          writeFileSync(join(env.MAIL_DIR, `${id}.eml`), raw);
          const headers: Record<string, string> = {};
          for (const [key, value] of parsed.headers)
            headers[key] = typeof value === 'string' ? value : JSON.stringify(value);
          messages.push({
            id,
            receivedAt: new Date().toISOString(),
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
            envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            from: parsed.from?.text,
            to: Array.isArray(parsed.to)
              ? parsed.to.map((to) => to.text).join(', ')
              : parsed.to?.text,
            subject: parsed.subject,
            text: parsed.text,
            html: typeof parsed.html === 'string' ? parsed.html : undefined,
            headers,
          });
          callback();
        })
        .catch((error: unknown) =>
          callback(error instanceof Error ? error : new Error(String(error))),
        );
    });
  },
});

const escapeHtml = (value = '') => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const http = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (url.pathname === '/api/messages' && request.method === 'GET') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(messages));
  } else if (url.pathname === '/api/messages' && request.method === 'DELETE') {
    messages.length = 0;
    response.writeHead(204).end();
  } else if (url.pathname === '/healthz') {
    response.writeHead(200).end('ok');
  } else if (url.pathname === '/' && request.method === 'GET') {
    const rows = messages
      .slice()
      .reverse()
      .map(
        (m) =>
          `<tr><td>${escapeHtml(m.receivedAt)}</td><td>${escapeHtml(m.to)}</td><td>${escapeHtml(m.subject)}</td><td><pre>${escapeHtml(m.text)}</pre></td></tr>`,
      )
      .join('');
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      `<!doctype html><title>SMTP sink</title><h1>Received mail (${messages.length})</h1><table border="1" cellpadding="4"><tr><th>Received</th><th>To</th><th>Subject</th><th>Text</th></tr>${rows}</table>`,
    );
  } else {
    response.writeHead(404).end();
  }
});

smtp.listen(env.SMTP_PORT, '127.0.0.1');
http.listen(env.HTTP_PORT, '127.0.0.1');
const stop = () => {
  http.close();
  smtp.close(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
