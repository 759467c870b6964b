import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

/** The components that sign caller assertions (the chart's mesh.callerKeys). */
export const signers = ['gateway', 'notifier', 'actors'] as const;

export type CallerKeys = Record<
  (typeof signers)[number],
  { publicKey: string; privateKey: string }
>;

/** A fresh Ed25519 pair per signer, as an operator makes them: never committed anywhere. */
export function generateCallerKeys(): CallerKeys {
  return Object.fromEntries(
    signers.map((signer) => {
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      return [
        signer,
        {
          publicKey: publicKey.export({ type: 'spki', format: 'pem' }),
          privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }),
        },
      ];
    }),
  ) as CallerKeys;
}

/**
 * A values file holding these keys, for `helm template -f`: the chart refuses to render without
 * them (an install gives them once with --set-file).
 */
export function callerKeysValuesFile(keys: CallerKeys = generateCallerKeys()): string {
  const file = join(mkdtempSync(join(tmpdir(), 'todo-chart-keys-')), 'caller-keys.yaml');
  writeFileSync(file, stringify({ mesh: { callerKeys: keys } }), { mode: 0o600 });
  return file;
}
