/** Small helpers shared by `serve` and `demo`. */

export function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new Error(`invalid port "${text}" (expected 0 to 65535)`);
  return port;
}

/** Resolves on the first SIGINT or SIGTERM. */
export function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const done = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve(signal);
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}

type Env = Readonly<Record<string, string | undefined>>;

/** Where to listen: the flag, else the `PORT`/`HOST` environment variable (containers set them), else the default. */
export function resolveListen(
  flags: { readonly port?: string | undefined; readonly host?: string | undefined },
  env: Env,
  defaults: { readonly port: number; readonly host: string },
): { readonly port: number; readonly host: string } {
  const portText = flags.port ?? nonEmpty(env['PORT']);
  return { port: portText === undefined ? defaults.port : parsePort(portText), host: flags.host ?? nonEmpty(env['HOST']) ?? defaults.host };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
