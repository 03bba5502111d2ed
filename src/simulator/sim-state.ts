/** Everything a running simulator holds; built once by createSimulator. */
import type { Store } from './data/store.js';
import type { FaultBook } from './fault-book.js';
import type { LatencyBook } from './latency-book.js';
import type { ProxyGate } from './proxy/create-proxy-gate.js';
import type { EndpointMapping } from './mapping-types.js';
import type { RequestLog } from './request-log.js';
import type { SimChanges } from './sim-changes.js';
import type { SimulatorSwitches, SimVisibility } from './types.js';

export interface SimState {
  store: Store;
  readonly endpoints: ReadonlyMap<string, EndpointMapping>;
  readonly switches: SimulatorSwitches;
  readonly basePath: string;
  readonly admin: boolean;
  /** Endpoints answering 403 (no access rights on the model). */
  readonly forbidden: ReadonlySet<string>;
  /** Endpoints whose records are visible per token (simulator/visibility.ts). */
  readonly visibility: ReadonlyMap<string, SimVisibility>;
  readonly faults: FaultBook;
  readonly latency: LatencyBook;
  readonly log: RequestLog;
  /** Record changes (API writes and changes made inside Odoo), for the outbound side. */
  readonly changes: SimChanges;
  /** The vendor's proxy in front of Odoo, when emulated. */
  readonly proxy: ProxyGate | null;
  /** Back to the seeded dataset. */
  resetData(): void;
}

/** A JSON answer, as plain data, before it goes on the wire. */
export interface Reply {
  readonly status: number;
  readonly body: unknown;
}
