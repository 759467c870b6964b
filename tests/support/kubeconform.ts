import { execFile } from 'node:child_process';
import { kubeSchemaLocation } from '../../stack/install/kube-schemas.ts';
import { goToolBinary } from '../../stack/paths.ts';

/**
 * kubeconform in strict mode against the schemas the set-up made (Kubernetes, Dapr, Prometheus
 * Operator, Chaos Mesh): files, or `-` with `input` on stdin. Resolves with its exit code and output.
 */
export function kubeconform(
  files: string[],
  input?: string,
): Promise<{ code: number; output: string }> {
  return new Promise((resolveRun) => {
    const child = execFile(
      goToolBinary('kubeconform'),
      ['-strict', '-summary', '-schema-location', kubeSchemaLocation, ...files],
      (error, stdout, stderr) =>
        resolveRun({
          code: error ? Number((error as { code?: number }).code ?? 1) : 0,
          output: `${stdout}${stderr}`,
        }),
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}
