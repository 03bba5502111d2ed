/** Validates the options once and builds the state a simulator runs on. */
import { buildDataset } from './data/build-dataset.js';
import { buildEndpointMappings } from './endpoint-mappings.js';
import { createFaultBook } from './fault-book.js';
import { createLatencyBook } from './latency-book.js';
import { createPrng } from './prng.js';
import { createProxyGate } from './proxy/create-proxy-gate.js';
import { createRequestLog } from './request-log.js';
import { createSimChanges } from './sim-changes.js';
import type { SimState } from './sim-state.js';
import type { ProxyLimitSpec, SimulatorOptions, SimulatorSwitches } from './types.js';

const DEFAULT_BASE_PATH = '/bj_api_sync/v1';

const DEFAULT_SWITCHES: SimulatorSwitches = Object.freeze({
  listEnvelope: 'bare',
  postStatus: 201,
  identifierMode: 'key',
  many2oneWrite: 'object',
  inFilter: false,
});

export function createSimState(options: SimulatorOptions): SimState {
  const seed = options.seed ?? 42;
  const size = options.size ?? 1;
  const recordLimit = options.recordLimit ?? 100_000;
  if (!Number.isInteger(seed)) throw new RangeError('simulator seed must be an integer');
  if (!(size > 0)) throw new RangeError('simulator size must be positive');
  if (!(Number.isInteger(recordLimit) && recordLimit > 0)) throw new RangeError('simulator recordLimit must be a positive integer');
  const switches: SimulatorSwitches = { ...DEFAULT_SWITCHES, ...options.switches };
  // A second stream, so that injecting a fault never changes the dataset a seed gives.
  const chaos = createPrng(seed ^ 0x5eed);
  const state: SimState = {
    store: buildDataset(seed, size),
    endpoints: new Map(buildEndpointMappings(options, switches).map((endpoint) => [endpoint.name, endpoint])),
    switches,
    basePath: `/${(options.basePath ?? DEFAULT_BASE_PATH).replace(/^\/+|\/+$/g, '')}`,
    admin: options.admin ?? false,
    forbidden: new Set(options.forbidden ?? []),
    visibility: new Map(Object.entries(options.visibility ?? {})),
    faults: createFaultBook(chaos),
    latency: createLatencyBook(chaos, options.latency),
    log: createRequestLog(recordLimit),
    changes: createSimChanges(),
    proxy: options.proxyLimit === undefined ? null : createProxyGate(checkProxyLimit(options.proxyLimit), options.clock ?? Date.now),
    resetData() {
      state.store = buildDataset(seed, size);
    },
  };
  return state;
}

function checkProxyLimit(limit: ProxyLimitSpec): ProxyLimitSpec {
  const valid = (count: number | null): boolean => count === null || (Number.isInteger(count) && count > 0);
  if (!valid(limit.perMinute) || !valid(limit.perHourPerCredential) || (limit.perMinute === null && limit.perHourPerCredential === null)) {
    throw new RangeError('simulator proxyLimit: perMinute and perHourPerCredential are positive integers or null, not both null');
  }
  return Object.freeze({ perMinute: limit.perMinute, perHourPerCredential: limit.perHourPerCredential });
}
