/**
 * The Node.js flags the service runs with: the image (Dockerfile's NODE_OPTIONS), `npm start`, the
 * demo's service and the benchmark. V8 sizes its heap by the machine's memory, not by what the
 * service needs (BENCHMARKS.md, eleventh round); the young generation by its own default.
 */

/** The old generation's cap. */
export const RECOMMENDED_HEAP_MIB = 768;
/**
 * Semi-spaces of 8 MiB, not V8's 16 here. Under the HTTP benchmark this took about 30 MiB off
 * the heap with no loss in throughput (BENCHMARKS.md, fourteenth round).
 */
export const RECOMMENDED_SEMI_SPACE_MIB = 8;
export const RECOMMENDED_NODE_FLAGS = [
  `--max-old-space-size=${RECOMMENDED_HEAP_MIB}`,
  `--max-semi-space-size=${RECOMMENDED_SEMI_SPACE_MIB}`,
];
