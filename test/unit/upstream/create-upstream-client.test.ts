import { describe, expect, it } from 'vitest';
import { BjetError } from '../../../src/errors/bjet-error.js';
import { createUpstreamClient } from '../../../src/upstream/create-upstream-client.js';
import type { CallRecord } from '../../../src/upstream/types.js';
import { buildTestConfig } from '../../support/upstream-test-config.js';

// Port 9 (discard) is never dialled: every call below fails before any connection is made.
const config = buildTestConfig('http://127.0.0.1:9/bj_api_sync/v1');

describe('createUpstreamClient (no network)', () => {
  it('treats an endpoint missing from the config as a bug, not an upstream error', async () => {
    const client = createUpstreamClient(config);
    await expect(client.list('nope', {}, { requestId: 'r', deadline: Date.now() + 1000 })).rejects.toThrow(
      'invariant failed: unknown endpoint "nope" (not in the config)',
    );
    await client.close();
  });

  it('sends nothing once the deadline has passed', async () => {
    const client = createUpstreamClient(config, { now: () => 5_000 });
    const calls: CallRecord[] = [];
    const error = await client.get('partners', '1', { requestId: 'r', deadline: 5_000, onCall: (c) => calls.push(c) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BjetError);
    expect((error as BjetError).code).toBe('UPSTREAM_TIMEOUT');
    expect((error as BjetError).upstream).toEqual({ endpoint: 'partners', method: 'GET', path: '/partners/{id}', attempts: 1 });
    expect(calls).toEqual([]);
    await client.close();
  });
});
