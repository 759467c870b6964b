import { PINNED_NODE } from './node-runtime.mjs';

/**
 * Every pinned version of the local runtime, in one place.
 * stack/dapr/go.mod and stack/kafka/pom.xml receive these values at build time
 * (the Dapr build refuses to run when go.mod pins another release).
 */
export const versions = {
  /**
   * Node.js, installed by stack/bootstrap.mjs when the machine's is older than 24. Kept in
   * node-runtime.mjs (with its integrities), which the bootstrap reads before anything installs.
   */
  node: PINNED_NODE.version,
  dapr: '1.18.3',
  kafka: '4.1.1',
  /** Debian bookworm's PostgreSQL major; any installed 14+ is accepted. */
  postgresMajor: 15,
  /**
   * The protocol version Dapr's Kafka client (sarama) announces. Its default, 2.0.0, uses
   * request versions that Kafka 4 removed (KIP-896), so it must be set explicitly.
   */
  kafkaProtocol: '3.9.0',
  /** Built from their Go modules to check the deployment artifacts in the tests. */
  helm: '3.22.0',
  actionlint: '1.7.12',
  kubeconform: '0.8.0',
  /**
   * The Kubernetes release (k8s.io/kubernetes module): its OpenAPI document makes kubeconform's
   * core schemas, and its kube-apiserver, with the etcd its go.mod names, is the API server the
   * chart is installed into in the tests (stack/kube/go.mod must pin the same release).
   */
  kubernetes: '1.37.2',
  /** The simulated kubelet under the chart test's Deployments (sigs.k8s.io/kwok, in stack/kube). */
  kwok: '0.8.0',
  /** The CRDs of ServiceMonitor and PrometheusRule (prometheus-operator module). */
  prometheusOperatorCrds: '0.85.0',
  /**
   * The Chaos Mesh API types (github.com/chaos-mesh/chaos-mesh/api, July 2024, the 2.7 line) the
   * CRDs of PodChaos, NetworkChaos and StressChaos are generated from with controller-gen
   * (stack/crdgen): Chaos Mesh's release tags and CRD files are not on the Go module proxy.
   */
  chaosMeshApi: '0.0.0-20240709130330-9f4feec7553f',
  controllerTools: '0.23.0',
  /** Property-based API testing against the committed OpenAPI document (PyPI). */
  schemathesis: '4.32.5',
} as const;
