import { describe, expect, it } from 'vitest';
import { nginxConfig } from './nginx.ts';

const config = nginxConfig({
  dir: '/run/nginx',
  logDir: '/run/logs',
  port: 3000,
  gatewayPorts: [4001, 4002],
  realtimePorts: [5001, 5002],
});

describe('the reverse proxy of the ha profile', () => {
  it('routes like the chart ingress: /socket.io to realtime with upgrade, the rest to gateways', () => {
    expect(config).toContain('listen 127.0.0.1:3000;');
    expect(config).toMatch(/upstream gateway \{[^}]*127\.0\.0\.1:4001[^}]*127\.0\.0\.1:4002/);
    expect(config).toMatch(/upstream realtime \{[^}]*127\.0\.0\.1:5001[^}]*127\.0\.0\.1:5002/);
    expect(config).toMatch(
      /location \/socket\.io \{[^}]*proxy_pass http:\/\/realtime;[^}]*Upgrade \$http_upgrade/,
    );
    expect(config).toContain('client_max_body_size 1m;');
  });

  it('fails over to the other gateway without repeating a POST that was sent', () => {
    const root = /location \/ \{([^}]*)\}/.exec(config)?.[1] ?? '';
    expect(root).toContain('proxy_next_upstream error timeout http_502 http_503 http_504;');
    // nginx retries a sent non-idempotent request only when told `non_idempotent`.
    expect(root).not.toContain('non_idempotent');
    expect(config).toContain('max_fails=2 fail_timeout=2s');
  });
});
