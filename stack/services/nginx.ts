import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManagedProcess } from '../process.ts';
import { httpOk, waitUntil } from '../wait.ts';

export interface ProxySettings {
  /** Config, pid and temp files. */
  dir: string;
  logDir: string;
  port: number;
  gatewayPorts: number[];
  realtimePorts: number[];
}

/**
 * nginx as the chart's ingress routes (charts/todo/templates/ingress.yaml): `/socket.io` to the
 * realtime replicas (WebSocket upgrade, hour-long reads), everything else to the gateways.
 * A gateway that refuses the connection, resets it or answers 502/503/504 is skipped for the
 * next one; nginx retries a request that was already sent only when it is idempotent (its
 * default), so a POST that reached a gateway is never sent twice. A replica that failed twice is left
 * alone for 2 s (passive health: `max_fails`/`fail_timeout`); a single refused connection, as
 * while a replica restarts, only moves that request on.
 */
export function nginxConfig(settings: ProxySettings): string {
  const { dir, logDir, port, gatewayPorts, realtimePorts } = settings;
  const servers = (ports: number[]) =>
    ports.map((p) => `    server 127.0.0.1:${p} max_fails=2 fail_timeout=2s;`).join('\n');
  return `# Written by stack/services/nginx.ts at every start; edits are lost.
worker_processes 1;
daemon off;
pid ${join(dir, 'nginx.pid')};
error_log ${join(logDir, 'nginx.log')} warn;

events {
  worker_connections 4096;
}

http {
  access_log off;
  client_body_temp_path ${join(dir, 'client-body')};
  proxy_temp_path ${join(dir, 'proxy')};
  fastcgi_temp_path ${join(dir, 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'uwsgi')};
  scgi_temp_path ${join(dir, 'scgi')};

  map $http_upgrade $connection_upgrade {
    default upgrade;
    '' '';
  }

  upstream gateway {
${servers(gatewayPorts)}
    keepalive 32;
  }

  # Socket.IO's long-polling handshake must come back to the replica that holds the session.
  upstream realtime {
    ip_hash;
${servers(realtimePorts)}
  }

  server {
    listen 127.0.0.1:${port};
    client_max_body_size 1m;
    proxy_http_version 1.1;
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_connect_timeout 1s;

    location /socket.io {
      proxy_pass http://realtime;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_read_timeout 3600s;
      proxy_send_timeout 3600s;
    }

    location / {
      proxy_pass http://gateway;
      proxy_set_header Connection $connection_upgrade;
      proxy_next_upstream error timeout http_502 http_503 http_504;
      proxy_next_upstream_tries 2;
      proxy_next_upstream_timeout 10s;
      proxy_read_timeout 60s;
      proxy_buffering off;
    }
  }
}
`;
}

/** Debian installs nginx in /usr/sbin, which a non-root PATH may lack. */
export const nginxBinary = '/usr/sbin/nginx';

export async function startNginx(settings: ProxySettings): Promise<ManagedProcess> {
  mkdirSync(settings.dir, { recursive: true });
  const config = join(settings.dir, 'nginx.conf');
  writeFileSync(config, nginxConfig(settings));
  const logFile = join(settings.logDir, 'nginx-process.log');
  const nginx = new ManagedProcess({
    name: 'nginx',
    command: nginxBinary,
    args: ['-p', settings.dir, '-c', config, '-e', join(settings.logDir, 'nginx.log')],
    logFile,
    // SIGQUIT: finish the requests in flight, then exit (SIGTERM would cut them).
    stopSignal: 'SIGQUIT',
  });
  nginx.start();
  await waitUntil('nginx', () => httpOk(`http://127.0.0.1:${settings.port}/healthz`), {
    exited: nginx.whenExited(),
    logFile: join(settings.logDir, 'nginx.log'),
  });
  return nginx;
}
