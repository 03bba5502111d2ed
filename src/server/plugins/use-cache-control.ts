/**
 * The response's `Cache-Control`, for a federation router's response cache: `no-store` for
 * mutations and any error; else `max-age` = the least remaining freshness of the answers served
 * (0 when one came from an uncached endpoint or none was read), `private` when one belonged to a
 * user (`forward` auth), else `public`. Answers served instead of an upstream failure also get a
 * note in `extensions.warnings`, whatever the cost setting.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { ExecutionContext } from '../../execution/create-execution-context.js';

export function useCacheControl(now: () => number): ApolloServerPlugin<ExecutionContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue, operation }) {
          const meter = contextValue?.meter;
          const single = response.body.kind === 'single' ? response.body.singleResult : null;
          const failed = single === null || (single.errors?.length ?? 0) > 0 || meter === undefined;
          if (failed || operation?.operation !== 'query') {
            response.http.headers.set('cache-control', 'no-store');
          } else {
            const remaining = Number.isFinite(meter.freshUntil) ? Math.max(0, Math.floor((meter.freshUntil - now()) / 1000)) : 0;
            response.http.headers.set('cache-control', `${meter.personal ? 'private' : 'public'}, max-age=${remaining}`);
          }
          const since = meter?.staleIfErrorSince ?? null;
          if (single !== null && since !== null) {
            const ageSeconds = Math.max(0, Math.round((now() - since) / 1000));
            const note = {
              code: 'STALE_ANSWER',
              message: `Some answers came from the cache because the upstream failed or had no rate-limit token; the oldest is ${ageSeconds} s old.`,
              ageSeconds,
            };
            single.extensions = { ...single.extensions, warnings: [note] };
          }
        },
      };
    },
  };
}
