/**
 * An UpstreamClient that claims a call from the operation's cost meter before each request. The
 * methods are async so that a spent budget is a rejected promise, never a synchronous throw.
 */
import type { UpstreamClient } from '../upstream/types.js';
import type { CostMeter } from './cost-meter.js';

export function createMeteredClient(client: UpstreamClient, meter: CostMeter): UpstreamClient {
  return {
    async request(request, ctx) {
      meter.reserve();
      return client.request(request, ctx);
    },
    async list(endpoint, query, ctx) {
      meter.reserve();
      return client.list(endpoint, query, ctx);
    },
    async get(endpoint, id, ctx) {
      meter.reserve();
      return client.get(endpoint, id, ctx);
    },
    async create(endpoint, body, ctx) {
      meter.reserve();
      return client.create(endpoint, body, ctx);
    },
    async update(endpoint, id, body, ctx) {
      meter.reserve();
      return client.update(endpoint, id, body, ctx);
    },
    async remove(endpoint, id, ctx) {
      meter.reserve();
      return client.remove(endpoint, id, ctx);
    },
    // The client is shared by every operation; one operation must never close it.
    close: () => Promise.resolve(),
  };
}
