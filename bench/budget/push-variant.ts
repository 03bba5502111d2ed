/**
 * The "push on" variant: the simulator's outbound side sends every change (API writes and edits
 * made inside Odoo) to bjet-graphql's webhook, as BJET's outbound configurations would, so a cached
 * record is dropped at once instead of at its TTL. The token is the bench's own.
 */
export interface PushVariant {
  /** Extra `bjet-graphql simulate` arguments that make it call `webhookUrl` on every change. */
  simulatorArgs(webhookUrl: string): readonly string[];
  /** The `webhooks:` config section of serve. */
  readonly webhooks: Readonly<Record<string, unknown>>;
  /** The path serve receives the simulator's calls on (joined to its origin). */
  readonly webhookPath: string;
}

const TOKEN = 'bench-budget-webhook-token';
const WEBHOOK_PATH = '/hooks/bjet';

export const pushVariant: PushVariant | null = {
  simulatorArgs: (webhookUrl) => ['--outbound', webhookUrl, '--outbound-token', TOKEN],
  webhooks: { pathPrefix: WEBHOOK_PATH, auth: { type: 'bearer', token: TOKEN } },
  webhookPath: WEBHOOK_PATH,
};
