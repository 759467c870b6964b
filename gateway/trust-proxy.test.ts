import express from 'express';
import { describe, expect, it } from 'vitest';
import { trustProxySchema } from './trust-proxy.ts';

/** The address Express gives a request from `peer` carrying `forwardedFor`, under `setting`. */
function clientAddress(setting: string | undefined, peer: string, forwardedFor: string[]) {
  const app = express();
  app.set('trust proxy', trustProxySchema.parse(setting));
  const trust = app.get('trust proxy fn') as (address: string, hop: number) => boolean;
  // What proxy-addr does: walk from the peer towards the client while the hop is trusted.
  const chain = [peer, ...[...forwardedFor].reverse()];
  let index = 0;
  while (index < chain.length - 1 && trust(chain[index]!, index)) index += 1;
  return chain[index];
}

describe('TRUST_PROXY', () => {
  it('defaults to loopback only', () => {
    expect(trustProxySchema.parse(undefined)).toEqual(['loopback']);
    expect(clientAddress(undefined, '127.0.0.1', ['203.0.113.7'])).toBe('203.0.113.7');
    // An ingress pod is not loopback: its clients all share its address.
    expect(clientAddress(undefined, '10.1.2.3', ['203.0.113.7'])).toBe('10.1.2.3');
  });

  it('takes a hop count: the proxy in front names the client, forged entries before it do not count', () => {
    expect(trustProxySchema.parse('1')).toBe(1);
    expect(clientAddress('1', '10.1.2.3', ['203.0.113.7'])).toBe('203.0.113.7');
    expect(clientAddress('1', '10.1.2.3', ['198.51.100.1', '203.0.113.7'])).toBe('203.0.113.7');
  });

  it('takes a list of presets, addresses and CIDRs', () => {
    const setting = ' loopback, 10.0.0.0/8 ,192.0.2.1, fd00::/8';
    expect(trustProxySchema.parse(setting)).toEqual([
      'loopback',
      '10.0.0.0/8',
      '192.0.2.1',
      'fd00::/8',
    ]);
    expect(clientAddress(setting, '10.1.2.3', ['203.0.113.7'])).toBe('203.0.113.7');
    expect(clientAddress(setting, '198.51.100.9', ['203.0.113.7'])).toBe('198.51.100.9');
  });

  it.each([
    ['true', /no address/],
    ['loopback, banana', /"banana" is no address/],
    ['10.0.0.0/33', /prefix length outside 0..32/],
    ['10.0.0.0/8/1', /no address/],
    [' , ', /hop count or a list/],
  ])('refuses %j', (setting, message) => {
    const result = trustProxySchema.safeParse(setting);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join('\n')).toMatch(message);
  });
});
