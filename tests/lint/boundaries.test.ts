import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules of eslint.config.js (docs/ARCHITECTURE.md, "Layers and what may import
 * what") bite: a wrong-way import in each layer is an error, the right way is not.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root, overrideConfigFile: join(root, 'eslint.config.js') });

/** The layer-rule messages ESLint gives `code` written in the file at `filePath`. */
async function refusals(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = [x];\n`, {
    filePath: join(root, filePath),
  });
  return result!.messages
    .filter((message) => message.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((message) => message.message);
}

const wrong: [string, string, RegExp][] = [
  ['actors/task/x.ts', "import { x } from '../../gateway/errors.ts';", /actors\/ are domain/],
  [
    'actors/task/x.ts',
    "import { x } from '../../host/actor-host/actor-host/pending-effects.ts';",
    /actors\//,
  ],
  ['actors/user/x.ts', "import { x } from '../../stack/paths.ts';", /actors\//],
  ['actors/x.ts', "import x from 'express';", /speak no HTTP/],
  ['actors/x.ts', "import { request as x } from 'node:http';", /speak no HTTP/],
  ['actors/x.ts', "import { request as x } from 'https';", /speak no HTTP/],
  ['actors/x.ts', "import { fetch as x } from 'undici';", /speak no HTTP/],
  [
    'actors/task/x.ts',
    "import { DaprClientHttp as x } from '../../platform/dapr.ts';",
    /ActorRuntime port/,
  ],
  ['platform/x.ts', "import { x } from '../actors/effects.ts';", /platform\//],
  ['platform/auth/x.ts', "import { x } from '../../gateway/errors.ts';", /platform\//],
  [
    'platform/x.ts',
    "import type { x } from '../host/actor-host/actor-host/pending-effects.ts';",
    /platform\//,
  ],
  [
    'gateway/routes/x.ts',
    "import { x } from '../../host/actor-host/actor-host/pending-effects.ts';",
    /gateway\//,
  ],
  ['gateway/openapi/x.ts', "import { x } from '../../stack/paths.ts';", /gateway\//],
  ['gateway/x.ts', "import { x } from '../actors/task/decide.ts';", /gateway\//],
  ['schemas/x.ts', "import { x } from '../platform/logger.ts';", /schemas\//],
  ['schemas/x.ts', "import type { Db as x } from '../db/database.ts';", /schemas\//],
  ['platform/database/x.ts', "import type { Database as x } from '../../db/schema.ts';", /tables/],
  ['actors/task/x.ts', "import type { Db as x } from '../../db/database.ts';", /no db/],
  ['web/src/x.ts', "import type { Task as x } from '../../db/schema.ts';", /API only/],
  ['client/x.ts', "import type { Db as x } from '../db/database.ts';", /one client/],
  ['db/x.ts', "import { x } from '../gateway/errors.ts';", /db\/ is the application's tables/],
  ['db/migrations/x.ts', "import { x } from '../../host/audit/audit-log.ts';", /db\//],
  ['db/x.ts', "import { x } from '../actors/effects.ts';", /db\//],
  ['db/x.ts', "import { taskSchema as x } from '../schemas/task.ts';", /only types/],
  ['web/src/core/x.ts', "import { taskSchema as x } from '../../../schemas/task.ts';", /types/],
  ['web/src/x.ts', "import type { x } from '../../platform/logger.ts';", /API only/],
  ['web/src/x.ts', "import { x } from '../../gateway/errors.ts';", /API only/],
  ['client/x.ts', "import { taskSchema as x } from '../schemas/task.ts';", /only types/],
  ['client/x.ts', "import { x } from '../gateway/errors.ts';", /one client/],
  ['client/x.ts', "import { x } from '../platform/logger.ts';", /one client/],
  ['client/x.ts', "import { z as x } from 'zod';", /browser too/],
  ['client/x.ts', "import { request as x } from 'node:http';", /browser too/],
];

const right: [string, string][] = [
  ['actors/task/x.ts', "import { TASK_ACTOR_TYPE as x } from '../../schemas/task-actor.ts';"],
  ['actors/task/x.ts', "import type { DaprClientHttp as x } from '../../platform/dapr.ts';"],
  ['actors/task/x.ts', "import { x } from './decide.ts';"],
  ['platform/x.ts', "import { taskSchema as x } from '../schemas/task.ts';"],
  ['gateway/routes/x.ts', "import { x } from '../../platform/logger.ts';"],
  ['gateway/routes/x.ts', "import { x } from '../errors.ts';"],
  ['host/x.ts', "import { x } from '../actors/task/state-keys.ts';"],
  ['db/x.ts', "import { createDatabase as x } from '../platform/database/database.ts';"],
  ['db/x.ts', "import type { Task as x } from '../schemas/task.ts';"],
  ['db/migrations/x.ts', "import { sql as x } from 'kysely';"],
  ['gateway/routes/x.ts', "import type { Db as x } from '../../db/database.ts';"],
  ['host/audit/x.ts', "import { migrateToLatest as x } from '../../db/database.ts';"],
  ['web/src/core/x.ts', "import type { Task as x } from '../../../schemas/task.ts';"],
  ['web/src/x.ts', "import x from '../../schemas/time-zones/tzdb.json' with { type: 'json' };"],
  ['client/x.ts', "import type { paths as x } from '../schemas/contracts/api-types.ts';"],
  ['client/x.ts', "import x from 'openapi-fetch';"],
  ['client/x.ts', "import { x } from './problem.ts';"],
  ['web/src/core/x.ts', "import { createApiClient as x } from '../../../client/api-client.ts';"],
  ['gateway/services/x.ts', "import { createApiClient as x } from '../../client/api-client.ts';"],
  ['tests/support/x.ts', "import { createApiClient as x } from '../../client/api-client.ts';"],
  ['bench/x.ts', "import { createApiClient as x } from '../client/api-client.ts';"],
  // The page's tests compare its constants with the server's schemas; they are not bundled.
  ['web/src/core/x.test.ts', "import { taskSchema as x } from '../../../schemas/task.ts';"],
];

describe('the layer rules', () => {
  it.each(wrong)('refuse in %s: %s', async (file, code, message) => {
    const found = await refusals(file, code);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it.each(right)('allow in %s: %s', async (file, code) => {
    expect(await refusals(file, code)).toEqual([]);
  });
});
