/**
 * Extension point of the "push on" variant: the simulator's outbound side sends every change to
 * bjet-graphql's webhook, so a cached record can be dropped at once instead of at its TTL. Both
 * halves come from the change-feed work; until this build has them, `pushVariant` is null and the
 * bench says the variant was left out. To enable it, return the simulator's outbound arguments for
 * a webhook URL and the `webhooks:` section serve expects (the secret is the bench's own).
 */
export interface PushVariant {
  /** Extra `bjet-graphql simulate` arguments that make it call `webhookUrl` on every change. */
  simulatorArgs(webhookUrl: string): readonly string[];
  /** The `webhooks:` config section of serve. */
  readonly webhooks: Readonly<Record<string, unknown>>;
  /** The path serve receives the simulator's calls on (joined to its origin). */
  readonly webhookPath: string;
}

export const pushVariant: PushVariant | null = null;
