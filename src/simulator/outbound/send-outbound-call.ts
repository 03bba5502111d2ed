/**
 * One outbound call the way the module makes it: POST with the configuration's auth and headers,
 * connection and read timeouts, and retries with exponential backoff when the call fails
 * (network error, timeout, 5xx, 429). A 4xx other than 429 is the receiver refusing it: not retried.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import type { SimAuth } from '../types.js';

export interface OutboundCall {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface SendCounters {
  calls: number;
  retried: number;
}

export type SendResult = 'delivered' | 'failed';

export function authHeader(auth: SimAuth): Record<string, string> {
  switch (auth.type) {
    case 'none':
      return {};
    case 'bearer':
      return { authorization: `Bearer ${auth.token}` };
    case 'basic':
      return { authorization: `Basic ${Buffer.from(`${auth.login}:${auth.password}`).toString('base64')}` };
  }
}

export function createOutboundAgent(connectTimeoutMs: number): Agent {
  return new Agent({ connect: { timeout: connectTimeoutMs } });
}

export async function sendOutboundCall(
  call: OutboundCall,
  options: { readonly agent: Agent; readonly readTimeoutMs: number; readonly retries: number; readonly backoffMs: number },
  counters: SendCounters,
): Promise<SendResult> {
  for (let attempt = 0; ; attempt += 1) {
    counters.calls += 1;
    let retry = true;
    try {
      const response = await request(call.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...call.headers },
        body: call.body,
        dispatcher: options.agent,
        headersTimeout: options.readTimeoutMs,
        bodyTimeout: options.readTimeoutMs,
      });
      await response.body.dump();
      if (response.statusCode >= 200 && response.statusCode < 300) return 'delivered';
      retry = response.statusCode >= 500 || response.statusCode === 429;
    } catch {
      retry = true;
    }
    if (!retry || attempt >= options.retries) return 'failed';
    counters.retried += 1;
    await sleep(options.backoffMs * 2 ** attempt);
  }
}
