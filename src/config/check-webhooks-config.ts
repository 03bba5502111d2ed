/** Issues of the `webhooks` section that span keys: overrides for endpoints that are not configured. */
import type { ConfigFile } from './config-file-schema.js';
import { didYouMeanHint } from './did-you-mean.js';
import type { ConfigIssue } from './types.js';

export function checkWebhooksConfig(file: ConfigFile): ConfigIssue[] {
  const names = Object.keys(file.endpoints);
  return Object.keys(file.webhooks?.endpoints ?? {}).flatMap((name) =>
    names.includes(name)
      ? []
      : [
          {
            path: `webhooks.endpoints.${name}`,
            message: `unknown endpoint \`${name}\`: overrides apply to endpoints declared under \`endpoints\`${didYouMeanHint(name, names)}`,
          },
        ],
  );
}
