/**
 * Installs whatever the stack needs and is missing: Debian packages (and Chromium for the
 * browser tests), the Dapr binaries (built from source at the pinned tag), the Kafka jars, the
 * web page's build, and the Kubernetes control plane (and kwok) the chart test installs into.
 * Idempotent; a warm run takes well under a second. Called by `npm start` and `npm test` through stack/bootstrap.mjs.
 */
import { ensureDaprBinaries } from './dapr-binaries.ts';
import { ensureGoTools } from './go-tools.ts';
import { ensureKafkaJars } from './kafka-jars.ts';
import { ensureKubeBinaries } from './kube-binaries.ts';
import { ensureKubeSchemas } from './kube-schemas.ts';
import { ensurePythonTools } from './python-tools.ts';
import { ensureSystemPackages } from './system-packages.ts';
import { ensureWebBuild } from './web-build.ts';

export async function installStack(): Promise<void> {
  await ensureSystemPackages();
  // Independent downloads/builds: the Kafka fetch hides inside the Dapr build.
  await Promise.all([
    ensureDaprBinaries(),
    ensureKafkaJars(),
    ensureWebBuild(),
    ensureGoTools(),
    ensureKubeSchemas(),
    ensureKubeBinaries(),
    ensurePythonTools(),
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  installStack().catch((error: unknown) => {
    console.error(`[install] failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
