/**
 * `npm start` → `tsx stack/cli.ts up`: starts the whole stack and the apps, prints the URLs,
 * stays up until Ctrl-C / SIGTERM, then stops every process it started.
 *
 *   up [--run-dir DIR] [--infra-only] [--profile default|ha]
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { APP_IDS } from '../platform/app-ids.ts';
import { stackStateRoot } from './paths.ts';
import { parseProfile } from './apps.ts';
import { Stack } from './supervisor.ts';
import { issueDevToken } from './dev-token.ts';
import { writePrivateFile } from './private-file.ts';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    'run-dir': { type: 'string' },
    'infra-only': { type: 'boolean', default: false },
    profile: { type: 'string', default: 'default' },
  },
});

const command = positionals[0] ?? 'up';
if (command !== 'up') {
  console.error(
    `unknown command ${command}; usage: stack/cli.ts up [--run-dir DIR] [--infra-only] [--profile default|ha]`,
  );
  process.exit(2);
}
let profile: ReturnType<typeof parseProfile>;
try {
  profile = parseProfile(values.profile);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

// Each profile keeps its own data: their Kafka clusters and schedulers differ in size.
const runDir = resolve(
  values['run-dir'] ?? join(stackStateRoot, profile === 'default' ? 'dev' : `dev-${profile}`),
);
const began = Date.now();
console.log(
  `Starting the Todo Chatbot stack (profile ${profile}) on Node.js ${process.version} in ${runDir} …`,
);

let stack: Stack | undefined;
let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping every process …`);
  await stack?.stop();
  console.log('stopped.');
  process.exit(0);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => void stop(signal));
}

try {
  stack = await Stack.start({
    runDir,
    apps: !values['infra-only'],
    durable: true,
    freshReminders: false,
    profile,
    preferredPorts: { gateway: 3000, smtpSinkHttp: 1080 },
    log: (line) => console.log(`  ${line}`),
  });
} catch (error) {
  console.error(`\nstart failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
if (stopping) await new Promise(() => undefined);

const info = stack.info;
const token = await issueDevToken(info.secrets['jwt-secret']);
const seconds = ((Date.now() - began) / 1000).toFixed(1);
// It holds every secret of the stack and the dev token: owner-only, like secrets.json.
writePrivateFile(
  join(runDir, 'status.json'),
  JSON.stringify({ ...info, readyAfterSeconds: Number(seconds), devToken: token }, null, 2),
);

const realtime = Object.values(info.apps)
  .filter((app) => app.appId === APP_IDS.realtime)
  .map((app) => `http://127.0.0.1:${app.appPort}/socket.io`)
  .join('  ');
const metrics = Object.values(info.apps)
  .map(
    (app) =>
      `    ${app.name.padEnd(18)} app http://127.0.0.1:${app.appPort}/metrics   daprd http://127.0.0.1:${app.daprMetricsPort}/metrics`,
  )
  .join('\n');
console.log(`
Todo Chatbot is up (${seconds} s).

  Profile    ${info.profile}${info.profile === 'ha' ? ' (nginx in front of the gateways)' : ''}
  API        ${info.gatewayUrl}/api/v1   (OpenAPI: ${info.gatewayUrl}/api/v1/docs)
  Web page   ${info.gatewayUrl}/
  Realtime   ${realtime}
  SMTP sink  ${info.smtpSinkUrl}/   (SMTP on 127.0.0.1:${info.smtpPort})
  Metrics
${metrics}
  Logs       ${info.logDir}

A development token for user "dev" (valid 12 h):
  export TOKEN=${token}
  curl -s -X POST ${info.gatewayUrl}/api/v1/tasks -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' -d '{"title":"Buy milk"}'

Ctrl-C stops everything.`);
console.log('READY');
