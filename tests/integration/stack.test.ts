import { realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Admin, ConfigResourceTypes } from '@platformatic/kafka';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { afterAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { REQUIRED_NODE_MAJOR, parseNodeVersion } from '../../stack/node-runtime.mjs';
import { stackStateRoot } from '../../stack/paths.ts';
import { freePort } from '../../stack/ports.ts';
import { topics } from '../../stack/services/kafka.ts';
import { postgresUrl, startPostgres } from '../../stack/services/postgres.ts';
import { eventually } from '../support/eventually.ts';

const stack = inject('stack');
const pids = inject('stackPids');

describe('Kafka', () => {
  const admin = new Admin({ clientId: 'stack-test', bootstrapBrokers: [stack.kafkaBrokers] });
  afterAll(() => admin.close());

  it('has the topics of the plan with their partition counts and retention', async () => {
    const metadata = await admin.metadata({ topics: topics.map((t) => t.name) });
    const configs = await admin.describeConfigs({
      resources: topics.map((t) => ({
        resourceType: ConfigResourceTypes.TOPIC,
        resourceName: t.name,
        configurationKeys: ['retention.ms'],
      })),
    });
    for (const topic of topics) {
      expect(metadata.topics.get(topic.name)?.partitionsCount, topic.name).toBe(topic.partitions);
      const retention = configs
        .find((c) => c.resourceName === topic.name)
        ?.configs.find((c) => c.name === 'retention.ms');
      expect(Number(retention?.value), topic.name).toBe(topic.retentionDays * 86_400_000);
    }
  });
});

describe('every app', () => {
  it.each(Object.values(stack.apps).map((app) => [app.appId, app.appPort] as const))(
    '%s answers /healthz, /readyz and /metrics',
    async (_appId, port) => {
      for (const path of ['/healthz', '/readyz', '/metrics']) {
        const response = await fetch(`http://127.0.0.1:${port}${path}`);
        expect(response.status, path).toBe(200);
      }
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toContain('process_cpu_seconds_total');
    },
  );
});

describe('Node.js', () => {
  // `npm test` on a machine with an older Node runs on the pinned one (stack/bootstrap.mjs); the
  // stack's Node processes are started with the runner's own binary, so they run on it too.
  it('is 24 or later in the test runner, and the same binary in every app and the SMTP sink', () => {
    expect(parseNodeVersion(process.version).major).toBeGreaterThanOrEqual(REQUIRED_NODE_MAJOR);
    const runner = realpathSync(process.execPath);
    for (const name of [...Object.keys(stack.apps), 'smtp-sink']) {
      expect(pids[name], name).toBeDefined();
      expect(realpathSync(`/proc/${pids[name]}/exe`), name).toBe(runner);
    }
  });
});

describe('PostgreSQL', () => {
  it('starts from a folder deeper than a Unix socket path may be (107 bytes)', async () => {
    const top = join(stackStateRoot, 'test-runs', `deep-${process.pid}`);
    const dir = join(top, 'd'.repeat(120));
    onTestFinished(() => rmSync(top, { recursive: true, force: true }));
    const port = await freePort();
    const password = 'deep-folder';
    const server = await startPostgres({
      dir,
      logFile: join(dir, 'postgres.log'),
      port,
      password,
      durable: false,
    });
    try {
      const client = new pg.Client(postgresUrl(port, password));
      await client.connect();
      const { rows } = await client.query<{ one: number }>('select 1 as one');
      await client.end();
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await server.stop();
    }
  }, 60_000);
});

describe('SMTP sink', () => {
  const transport = (password: string) =>
    nodemailer.createTransport({
      host: '127.0.0.1',
      port: stack.smtpPort,
      secure: false,
      ignoreTLS: true,
      auth: { user: stack.secrets['smtp-user'], pass: password },
    });

  it('keeps mail sent with the secret store’s credentials and shows it over HTTP', async () => {
    const subject = `sink test ${Date.now()}`;
    await transport(stack.secrets['smtp-password']).sendMail({
      from: 'todo@example.test',
      to: 'someone@example.test',
      subject,
      text: 'hello',
      html: '<p>hello</p>',
    });
    const message = await eventually('mail in the sink', async () => {
      const messages = (await (await fetch(`${stack.smtpSinkUrl}/api/messages`)).json()) as {
        subject: string;
        to: string;
        text: string;
      }[];
      return messages.find((m) => m.subject === subject);
    });
    expect(message.to).toBe('someone@example.test');
    expect(message.text.trim()).toBe('hello');
  });

  it('refuses wrong credentials', async () => {
    await expect(
      transport('wrong').sendMail({
        from: 'a@example.test',
        to: 'b@example.test',
        subject: 'x',
        text: 'x',
      }),
    ).rejects.toThrow(/Invalid username or password|535/);
  });
});
