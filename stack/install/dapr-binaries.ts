import { cpSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheRoot, daprBinary, daprBinDir, repoRoot } from '../paths.ts';
import { versions } from '../versions.ts';
import { run } from './run.ts';
import { assertGoModPins, goBuildEnv } from './wrapper-module.ts';

const binaries = ['daprd', 'placement', 'scheduler'] as const;
const wrapperDir = join(repoRoot, 'stack', 'dapr');

export async function daprdVersion(): Promise<string | undefined> {
  if (!binaries.every((name) => existsSync(daprBinary(name)))) return undefined;
  try {
    return (await run(daprBinary('daprd'), ['--version'], { quiet: true })).trim();
  } catch {
    return undefined;
  }
}

/**
 * Lays out the module the build runs in, under `work`: `src`, dapr's source at the pinned tag
 * without the Pulsar registration, and `mod`, the wrapper module replacing dapr by that copy.
 * go.sum is the committed one, go.mod the committed one plus that replace line: the build runs
 * with -mod=readonly (goBuildEnv) and may change neither. Returns `mod`.
 */
export async function prepareDaprModule(work: string, env: NodeJS.ProcessEnv): Promise<string> {
  const goMod = assertGoModPins(wrapperDir, [`github.com/dapr/dapr v${versions.dapr}`]);
  const download = JSON.parse(
    await run('go', ['mod', 'download', '-json', `github.com/dapr/dapr@v${versions.dapr}`], {
      env,
      quiet: true,
      cwd: wrapperDir,
    }),
  ) as { Dir: string };
  const src = join(work, 'src');
  rmSync(src, { recursive: true, force: true });
  cpSync(download.Dir, src, { recursive: true });
  await run('chmod', ['-R', 'u+w', src], { quiet: true });
  for (const file of ['pubsub_pulsar.go', 'pubsub_pulsar_test.go']) {
    rmSync(join(src, 'cmd', 'daprd', 'components', file), { force: true });
  }

  const mod = join(work, 'mod');
  mkdirSync(mod, { recursive: true });
  writeFileSync(join(mod, 'go.mod'), `${goMod}\nreplace github.com/dapr/dapr => ${src}\n`);
  cpSync(join(wrapperDir, 'go.sum'), join(mod, 'go.sum'));
  return mod;
}

/**
 * Builds daprd, placement and scheduler from the github.com/dapr/dapr module at the pinned tag.
 *
 * The wrapper module in stack/dapr carries dapr's replace directives. On top of that the build
 * uses a private copy of the dapr module source with one file removed: the Pulsar pub/sub
 * registration, whose dependencies (a pulsar-client-go fork and an avro fork) are not served by
 * the module proxy this project can reach. Everything else `stablecomponents` brings is kept.
 */
export async function ensureDaprBinaries(): Promise<void> {
  if ((await daprdVersion()) === versions.dapr) return;
  const started = Date.now();
  console.log(
    `[install] building Dapr ${versions.dapr} (daprd, placement, scheduler); first build takes minutes`,
  );
  const work = join(cacheRoot, `dapr-${versions.dapr}`);
  const env = goBuildEnv();

  const mod = await prepareDaprModule(work, env);
  const src = join(work, 'src');

  const staging = join(work, 'bin.partial');
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const ldflags = `-s -w -X github.com/dapr/dapr/pkg/buildinfo.version=${versions.dapr}`;
  await run(
    'go',
    [
      'build',
      '-trimpath',
      '-tags',
      'stablecomponents',
      '-ldflags',
      ldflags,
      '-o',
      `${staging}/`,
      ...binaries.map((name) => `github.com/dapr/dapr/cmd/${name}`),
    ],
    { env, cwd: mod, quiet: true },
  );
  rmSync(daprBinDir, { recursive: true, force: true });
  renameSync(staging, daprBinDir);
  rmSync(src, { recursive: true, force: true });
  const version = await daprdVersion();
  if (version !== versions.dapr)
    throw new Error(`built daprd reports ${version}, expected ${versions.dapr}`);
  console.log(
    `[install] Dapr ${version} built in ${Math.round((Date.now() - started) / 1000)} s -> ${daprBinDir}`,
  );
}
