import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { goToolBinary, repoRoot } from '../../stack/paths.ts';
import { versions } from '../../stack/versions.ts';

const exec = promisify(execFile);

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  needs?: string | string[];
  environment?: string;
  permissions?: Record<string, string> | string;
  uses?: string;
  with?: Record<string, string>;
  steps?: Step[];
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string> | string;
  jobs: Record<string, Job>;
}
interface CompositeAction {
  runs: { using: string; steps: Step[] };
}

const workflowsDir = join(repoRoot, '.github', 'workflows');
const actionsDir = join(repoRoot, '.github', 'actions');
const text = (path: string) => readFileSync(path, 'utf8');
const workflowFiles = readdirSync(workflowsDir).filter((file) => /\.ya?ml$/.test(file));
const workflows = Object.fromEntries(
  workflowFiles.map((file) => [file, parse(text(join(workflowsDir, file))) as Workflow]),
);
const actionFiles = existsSync(actionsDir)
  ? readdirSync(actionsDir).map((name) => join(actionsDir, name, 'action.yml'))
  : [];
const actions = Object.fromEntries(
  actionFiles.map((path) => [path, parse(text(path)) as CompositeAction]),
);

const ci = workflows['ci.yml']!;
const images = workflows['images.yml']!;
const deploy = workflows['deploy.yml']!;
const helmRelease = actions[join(actionsDir, 'helm-release', 'action.yml')];

/** Every step, of every job of every workflow and of every local composite action. */
const everyStep: { where: string; step: Step }[] = [
  ...Object.entries(workflows).flatMap(([file, workflow]) =>
    Object.entries(workflow.jobs).flatMap(([name, job]) =>
      (job.steps ?? []).map((step) => ({ where: `${file} ${name}`, step })),
    ),
  ),
  ...Object.entries(actions).flatMap(([path, action]) =>
    action.runs.steps.map((step) => ({ where: path, step })),
  ),
];
const needsOf = (job: Job) => [job.needs ?? []].flat();
const stepIndex = (steps: Step[], match: (step: Step) => boolean) => {
  const index = steps.findIndex(match);
  expect(index).toBeGreaterThanOrEqual(0);
  return index;
};

describe('the GitHub workflows', () => {
  it('pass actionlint', async () => {
    const { stdout, stderr } = await exec(goToolBinary('actionlint'), ['-no-color'], {
      cwd: repoRoot,
    }).catch((error: { stdout: string; stderr: string }) => error);
    expect(`${stdout}${stderr}`).toBe('');
  });

  it('declare least-privilege permissions: read by default, write only where a job needs it', () => {
    for (const [file, workflow] of Object.entries(workflows)) {
      expect(workflow.permissions, file).toEqual({ contents: 'read' });
      for (const [name, job] of Object.entries(workflow.jobs)) {
        const where = `${file} ${name}`;
        expect(typeof job.permissions, where).toBe('object');
        const steps = job.steps ?? [];
        const pushes = steps.some(
          (step) => step.uses?.startsWith('docker/build-push-action@') && step.with?.push === true,
        );
        const signs = steps.some((step) => /\bcosign (sign|attest) --yes\b/.test(step.run ?? ''));
        for (const [scope, access] of Object.entries(job.permissions as Record<string, string>)) {
          if (scope === 'packages' && access === 'write') expect(pushes, where).toBe(true);
          else if (scope === 'id-token' && access === 'write') expect(signs, where).toBe(true);
          else expect(['read', 'none'], `${where} ${scope}`).toContain(access);
        }
      }
    }
  });

  it('pin every third-party action to a full commit sha, with its version in a comment', () => {
    const remote = everyStep.filter(({ step }) => step.uses && !step.uses.startsWith('./'));
    expect(remote.length).toBeGreaterThan(10);
    for (const { where, step } of remote)
      expect(step.uses, where).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
    for (const path of [...workflowFiles.map((file) => join(workflowsDir, file)), ...actionFiles])
      for (const line of text(path)
        .split('\n')
        .filter((l) => /^\s*-?\s*uses: [^.]/.test(l)))
        expect(line, path).toMatch(/uses: \S+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  it('never write an expression into shell text: inputs, secrets and event data arrive through env', () => {
    const runs = everyStep.filter(({ step }) => step.run !== undefined);
    expect(runs.length).toBeGreaterThan(8);
    for (const { where, step } of runs) expect(step.run, where).not.toContain('${{');
  });

  it('test on Node 24 with npm test', () => {
    const steps = ci.jobs.test!.steps!;
    const setupNode = steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(setupNode?.with?.['node-version']).toBe(24);
    expect(steps.some((step) => step.run === 'npm test')).toBe(true);
  });

  it('build an image only from a commit whose ci run succeeded, and sign it and its SBOM', () => {
    expect(ci.name).toBe('ci');
    expect(images.on).toEqual({ workflow_run: { workflows: ['ci'], types: ['completed'] } });
    const job = images.jobs.image!;
    expect(job.if).toContain("github.event.workflow_run.conclusion == 'success'");
    expect(job.if).toContain("github.event.workflow_run.event == 'push'");
    const steps = job.steps!;
    const checkout = steps.find((step) => step.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.ref).toBe('${{ github.event.workflow_run.head_sha }}');

    const digest = '${{ steps.build.outputs.digest }}';
    const build = stepIndex(steps, (step) => step.id === 'build');
    expect(steps[build]!.uses).toMatch(/^docker\/build-push-action@/);
    expect(
      stepIndex(steps, (step) => step.uses?.startsWith('sigstore/cosign-installer@') === true),
    ).toBeGreaterThan(build);
    const sign = stepIndex(steps, (step) => step.run === 'cosign sign --yes "$IMAGE@$DIGEST"');
    expect(steps[sign]!.env?.DIGEST).toBe(digest);
    const sbom = stepIndex(steps, (step) => step.uses?.startsWith('anchore/sbom-action@') === true);
    expect(steps[sbom]!.with).toMatchObject({
      image: `\${{ steps.names.outputs.image }}@${digest}`,
      format: 'spdx-json',
      'output-file': 'sbom.spdx.json',
    });
    const attest = stepIndex(
      steps,
      (step) =>
        step.run ===
        'cosign attest --yes --type spdxjson --predicate sbom.spdx.json "$IMAGE@$DIGEST"',
    );
    expect(steps[attest]!.env?.DIGEST).toBe(digest);
    expect(sign).toBeGreaterThan(build);
    expect(attest).toBeGreaterThan(sbom);
  });

  it('deploy only through the pipeline: the built digest, dev first, production behind its approval', () => {
    // No trigger of its own but the call from images.yml and a manual run.
    expect(Object.keys(deploy.on).sort()).toEqual(['workflow_call', 'workflow_dispatch']);
    expect(images.jobs.deploy).toMatchObject({
      needs: 'image',
      uses: './.github/workflows/deploy.yml',
      with: {
        tag: '${{ needs.image.outputs.tag }}',
        digest: '${{ needs.image.outputs.digest }}',
      },
    });

    // A manual run's image must carry what images.yml signed, so it too passed ci.
    const verify = deploy.jobs.resolve!.steps!.find((step) => step.run?.includes('cosign verify'));
    expect(verify?.run).toContain(
      '"https://github.com/${GITHUB_REPOSITORY}/.github/workflows/images.yml@refs/heads/main"',
    );
    expect(verify?.run).toContain('cosign verify-attestation --type spdxjson');

    const { dev, prod } = deploy.jobs;
    expect(dev!.environment).toBe('dev');
    expect(prod!.environment).toBe('production');
    expect(needsOf(dev!)).toEqual(['resolve']);
    expect(needsOf(prod!).sort()).toEqual(['dev', 'resolve']);
    for (const job of [dev!, prod!]) {
      const checkout = job.steps!.find((step) => step.uses?.startsWith('actions/checkout@'));
      expect(checkout?.with?.ref).toBe('${{ needs.resolve.outputs.tag }}');
      const release = job.steps!.find((step) => step.uses === './.github/actions/helm-release');
      expect(release?.with).toMatchObject({
        tag: '${{ needs.resolve.outputs.tag }}',
        digest: '${{ needs.resolve.outputs.digest }}',
      });
    }
  });

  it('release with helm atomically, the image by digest, every value a --set-string', () => {
    const steps = helmRelease!.runs.steps;
    const upgrade = steps.find((step) => step.run?.includes('helm upgrade'))!;
    expect(upgrade.run).toContain('--atomic');
    expect(upgrade.run).toContain('--set-string image.digest="$IMAGE_DIGEST"');
    expect(upgrade.run).toContain('--set-string image.tag="$IMAGE_TAG"');
    expect(upgrade.run).toContain('--set-string image.repository="$IMAGE"');
    expect(upgrade.run).not.toMatch(/--set(?!-string)\b/);
    expect(upgrade.env).toMatchObject({
      IMAGE_DIGEST: '${{ inputs.digest }}',
      IMAGE_TAG: '${{ inputs.tag }}',
    });
    const setupHelm = steps.find((step) => step.uses?.startsWith('Azure/setup-helm@'));
    expect(setupHelm?.with?.version).toBe(`v${versions.helm}`);
  });

  describe('validate the image to deploy before using it', () => {
    // The first step of the job every deploy starts with; looked up when a test runs.
    const validate = () => deploy.jobs.resolve?.steps?.[0] ?? {};
    const sha = 'a'.repeat(40);
    const digest = `sha256:${'0'.repeat(64)}`;
    const check = (env: Record<string, string>) => {
      const dir = mkdtempSync(join(tmpdir(), 'workflow-step-'));
      try {
        const output = join(dir, 'output');
        const result = spawnSync('bash', ['-e', '-c', validate().run ?? 'exit 0'], {
          env: { PATH: process.env.PATH, GITHUB_OUTPUT: output, ...env },
          encoding: 'utf8',
        });
        return {
          code: result.status,
          output: result.status === 0 ? text(output) : '',
          stdout: result.stdout,
        };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };

    it('reads the tag and digest from env, as the manual and the called run give them', () => {
      expect(validate().id).toBe('check');
      expect(validate().env).toEqual({ TAG: '${{ inputs.tag }}', DIGEST: '${{ inputs.digest }}' });
    });

    it.each([sha, 'v1.2.3', 'v10.0.12'])('accepts %s', (tag) => {
      const result = check({ TAG: tag, DIGEST: digest, GITHUB_REPOSITORY: 'Todo/Chatbot' });
      expect(result.code).toBe(0);
      expect(result.output).toBe(`image=ghcr.io/todo/chatbot\ntag=${tag}\n`);
    });

    it.each([
      'latest',
      'main',
      'v1.2',
      'v1.2.3-rc1',
      'A'.repeat(40),
      'a'.repeat(39),
      `${sha}\nx`,
      `${sha}"; curl evil #`,
      '$(id)',
      '',
    ])('refuses the tag %j', (tag) => {
      const result = check({ TAG: tag, DIGEST: '', GITHUB_REPOSITORY: 'o/r' });
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('::error::the image tag must be');
    });

    it.each(['sha256:abc', `sha512:${'0'.repeat(128)}`, `${digest}\n`, 'latest'])(
      'refuses the digest %j',
      (bad) => {
        const result = check({ TAG: sha, DIGEST: bad, GITHUB_REPOSITORY: 'o/r' });
        expect(result.code).toBe(1);
        expect(result.stdout).toContain('::error::the image digest must be');
      },
    );
  });
});
