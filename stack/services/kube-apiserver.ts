import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { run } from '../install/run.ts';
import { kubeBinary } from '../paths.ts';
import { freePorts, releasePort } from '../ports.ts';
import { ManagedProcess } from '../process.ts';
import { httpOk, waitUntil } from '../wait.ts';

export interface KubeResponse<T = unknown> {
  status: number;
  body: T;
}

/** A kube-apiserver on etcd, both on loopback, and an admin (group system:masters) to call it. */
export interface KubeApiServer {
  /** https://127.0.0.1:<port> */
  server: string;
  /** A kubeconfig of the admin, for helm. */
  kubeconfig: string;
  /** Calls the API as the admin; a JSON body goes as JSON, the answer comes back parsed. */
  request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    contentType?: string,
  ): Promise<KubeResponse<T>>;
  stop(): Promise<void>;
}

/**
 * A CA of the run's own signs the serving certificate and the admin's client certificate: the
 * admin is authenticated the way kubeadm's admin.conf is (organisation system:masters), and
 * authorised through RBAC like any real cluster's admin.
 */
async function makeCertificates(dir: string): Promise<void> {
  const openssl = (...args: string[]) => run('openssl', args, { cwd: dir, quiet: true });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await openssl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '2',
    '-subj',
    '/CN=todo-chatbot test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  const leaf = async (name: string, subject: string, extensions: string[]) => {
    await openssl(
      'req',
      '-new',
      ...ec,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      '-subj',
      subject,
      ...extensions.flatMap((extension) => ['-addext', extension]),
    );
    await openssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '2',
      '-copy_extensions',
      'copy',
      '-out',
      `${name}.crt`,
    );
  };
  await leaf('apiserver', '/CN=kube-apiserver', [
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
    'extendedKeyUsage=serverAuth',
  ]);
  await leaf('admin', '/O=system:masters/CN=todo-chatbot-admin', ['extendedKeyUsage=clientAuth']);
  // The key the API server signs service-account tokens with (and checks them by).
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  writeFileSync(join(dir, 'sa.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(join(dir, 'sa.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
}

function kubeconfig(dir: string, server: string): string {
  return `apiVersion: v1
kind: Config
clusters:
  - name: test
    cluster:
      server: ${server}
      certificate-authority: ${join(dir, 'ca.crt')}
users:
  - name: admin
    user:
      client-certificate: ${join(dir, 'admin.crt')}
      client-key: ${join(dir, 'admin.key')}
contexts:
  - name: test
    context: { cluster: test, user: admin }
current-context: test
`;
}

/**
 * Starts etcd and kube-apiserver (stack/install/kube-binaries.ts) in `dir`, which it owns: stop()
 * ends both and removes it. Objects are validated and stored; no controller acts on them until
 * startKubeControllers (kube-controllers.ts) adds some.
 */
export async function startKubeApiServer(dir: string): Promise<KubeApiServer> {
  mkdirSync(dir, { recursive: true });
  const ports = await freePorts(['etcd', 'etcdPeer', 'apiserver'] as const);
  const processes: ManagedProcess[] = [];
  const stop = async () => {
    for (const process of processes.reverse()) await process.stop();
    for (const port of Object.values(ports)) releasePort(port);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await makeCertificates(dir);
    const etcdUrl = `http://127.0.0.1:${ports.etcd}`;
    const peerUrl = `http://127.0.0.1:${ports.etcdPeer}`;
    const etcdLog = join(dir, 'etcd.log');
    const etcd = new ManagedProcess({
      name: 'etcd',
      command: kubeBinary('etcd'),
      args: [
        '--name=test',
        `--data-dir=${join(dir, 'etcd')}`,
        `--listen-client-urls=${etcdUrl}`,
        `--advertise-client-urls=${etcdUrl}`,
        `--listen-peer-urls=${peerUrl}`,
        `--initial-advertise-peer-urls=${peerUrl}`,
        `--initial-cluster=test=${peerUrl}`,
        // A throw-away store: durability buys nothing and costs every write an fsync.
        '--unsafe-no-fsync',
        '--log-level=warn',
      ],
      logFile: etcdLog,
    });
    processes.push(etcd);
    etcd.start();
    await waitUntil('etcd', () => httpOk(`${etcdUrl}/health`), {
      exited: etcd.whenExited(),
      logFile: etcdLog,
    });

    const file = (name: string) => join(dir, name);
    const apiserverLog = file('kube-apiserver.log');
    const apiserver = new ManagedProcess({
      name: 'kube-apiserver',
      command: kubeBinary('kube-apiserver'),
      args: [
        `--etcd-servers=${etcdUrl}`,
        '--bind-address=127.0.0.1',
        '--advertise-address=127.0.0.1',
        `--secure-port=${ports.apiserver}`,
        `--tls-cert-file=${file('apiserver.crt')}`,
        `--tls-private-key-file=${file('apiserver.key')}`,
        `--client-ca-file=${file('ca.crt')}`,
        '--authorization-mode=RBAC,Node',
        '--service-account-issuer=https://kubernetes.default.svc',
        `--service-account-key-file=${file('sa.pub')}`,
        `--service-account-signing-key-file=${file('sa.key')}`,
        '--service-cluster-ip-range=10.96.0.0/16',
        // The `kubernetes` Service's endpoint would be 127.0.0.1, which endpoint validation
        // refuses: with no pods to reach it, nothing needs it.
        '--endpoint-reconciler-type=none',
        '--profiling=false',
      ],
      logFile: apiserverLog,
    });
    processes.push(apiserver);
    apiserver.start();
    const server = `https://127.0.0.1:${ports.apiserver}`;
    const tls = {
      ca: readFileSync(file('ca.crt')),
      cert: readFileSync(file('admin.crt')),
      key: readFileSync(file('admin.key')),
    };
    const request = <T>(method: string, path: string, body?: unknown, contentType?: string) =>
      new Promise<KubeResponse<T>>((resolveRequest, reject) => {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        const call = httpsRequest(
          `${server}${path}`,
          {
            method,
            ...tls,
            headers: {
              accept: 'application/json',
              ...(payload === undefined
                ? {}
                : { 'content-type': contentType ?? 'application/json' }),
            },
            timeout: 10_000,
          },
          (response) => {
            let text = '';
            response.setEncoding('utf8');
            response.on('data', (chunk: string) => (text += chunk));
            response.on('end', () => {
              let parsed: unknown = text;
              try {
                parsed = JSON.parse(text);
              } catch {
                // /readyz and friends answer in plain text.
              }
              resolveRequest({ status: response.statusCode ?? 0, body: parsed as T });
            });
          },
        );
        call.on('timeout', () => call.destroy(new Error(`${method} ${path} timed out`)));
        call.on('error', reject);
        call.end(payload);
      });
    await waitUntil(
      'kube-apiserver',
      async () => (await request('GET', '/readyz')).status === 200,
      { exited: apiserver.whenExited(), logFile: apiserverLog, timeoutMs: 90_000 },
    );
    const config = file('kubeconfig');
    writeFileSync(config, kubeconfig(dir, server), { mode: 0o600 });
    return { server, kubeconfig: config, request, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
