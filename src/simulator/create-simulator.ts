/** A BJET-compatible upstream over plain node:http with a seeded in-memory Odoo company. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSimState } from './create-sim-state.js';
import { editInOdoo } from './edit-in-odoo.js';
import { handleRequest } from './http/handle-request.js';
import { createOutbound } from './outbound/create-outbound.js';
import type { Outbound } from './outbound/outbound-types.js';
import type { SimState } from './sim-state.js';
import { tableOf } from './data/store.js';
import type { EndpointDescription, Simulator, SimulatorOptions } from './types.js';

export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const state = createSimState(options);
  const server = createServer({ keepAlive: true }, (req, res) => handleRequest(state, req, res));
  let baseUrl: string | null = null;
  const outbounds: Outbound[] = [];
  return {
    listen: (port = 0, host = '127.0.0.1') => listen(server, port, host).then((origin) => (baseUrl = `${origin}${state.basePath}`)),
    async close() {
      await close(server);
      await Promise.all(outbounds.splice(0).map((outbound) => outbound.stop()));
    },
    get baseUrl() {
      if (baseUrl === null) throw new Error('simulator: baseUrl is known only after listen()');
      return baseUrl;
    },
    get records() {
      return state.log.records;
    },
    clearRecords: () => state.log.clear(),
    get peakInFlight() {
      return state.log.peakInFlight;
    },
    resetPeak: () => state.log.resetPeak(),
    setLatency: (endpoint, latency) => state.latency.set(endpoint, latency),
    addFault: (endpoint, fault) => state.faults.add(endpoint, fault),
    clearFaults: () => state.faults.clear(),
    describe: () => describe(state),
    resetData: () => state.resetData(),
    proxyStats: () => state.proxy?.stats() ?? null,
    resetProxy: () => state.proxy?.reset(),
    editInOdoo: (endpoint, id, edit) => editInOdoo(state, endpoint, id, edit),
    subscribeChanges: (listener) => state.changes.subscribe(listener),
    startOutbound(outboundOptions) {
      const outbound = createOutbound(state, outboundOptions);
      outbounds.push(outbound);
      return outbound;
    },
  };
}

function describe(state: SimState): readonly EndpointDescription[] {
  return [...state.endpoints.values()].map((endpoint) => ({
    name: endpoint.name,
    model: endpoint.model,
    idKey: state.switches.identifierMode === 'odoo-id' ? 'id' : endpoint.idKey,
    methods: endpoint.methods,
    auth: endpoint.auth,
    filters: endpoint.filters.map(({ key, operator }) => ({ key, operator })),
    count: tableOf(state.store, endpoint.model).rows.length,
  }));
}

function listen(server: Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const hostText = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve(`http://${hostText}:${address.port}`);
    });
  });
}

/** Also ends kept-alive and never-answered (timeout fault) connections, so close never hangs. */
function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) return resolve();
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
