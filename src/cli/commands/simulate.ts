/** `bjet-graphql simulate`: runs the BJET-compatible upstream simulator alone until SIGINT/SIGTERM. */
import { parseArgs } from 'node:util';
import type { Command } from '../commands.js';
import { createSimulator } from '../../simulator/create-simulator.js';
import { printDescription } from '../../simulator/print-description.js';
import { parseProxyLimit } from '../../simulator/proxy/parse-proxy-limit.js';
import type { ProxyLimitSpec, SimulatorOptions, SimulatorSwitches } from '../../simulator/types.js';

const USAGE = `Usage: bjet-graphql simulate [options]

  --port N                      port to listen on (default 8069; 0 = any free port)
  --host HOST                   address to listen on (default 127.0.0.1)
  --seed N                      dataset seed (default 42)
  --size N                      dataset scale (default 1; 10 for benchmarks)
  --latency MS                  fixed latency added to every request
  --admin                       serve the /__sim/ admin routes (records, faults, latency)
  --list-envelope bare|data     GET list body: a bare array (default) or {"data": [...]}
  --post-status 201|200         status of a successful POST (default 201)
  --identifier-mode key|odoo-id what {id} in a URL is (default key)
  --many2one-write object|id    Many2one write form (default object)
  --in-filter                   enable the comma-separated id-list filter keys
  --proxy-limit N/min,N/h       emulate the vendor's proxy: beyond N requests a minute per client IP
                                or N an hour per credential, 429 with Retry-After (e.g. 100/min,1000/h)
  --help                        this text
`;

const OPTIONS = {
  port: { type: 'string', default: '8069' },
  host: { type: 'string', default: '127.0.0.1' },
  seed: { type: 'string', default: '42' },
  size: { type: 'string', default: '1' },
  latency: { type: 'string' },
  admin: { type: 'boolean', default: false },
  'list-envelope': { type: 'string', default: 'bare' },
  'post-status': { type: 'string', default: '201' },
  'identifier-mode': { type: 'string', default: 'key' },
  'many2one-write': { type: 'string', default: 'object' },
  'in-filter': { type: 'boolean', default: false },
  'proxy-limit': { type: 'string' },
  help: { type: 'boolean', default: false },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true }>>['values'];

class UsageError extends Error {}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`);
  return found;
}

function number(name: string, value: string, check: (n: number) => boolean): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || !check(parsed)) throw new UsageError(`--${name}: invalid value "${value}"`);
  return parsed;
}

function buildOptions(values: Values): SimulatorOptions {
  const switches: SimulatorSwitches = {
    listEnvelope: oneOf('list-envelope', values['list-envelope'], ['bare', 'data']),
    postStatus: oneOf('post-status', values['post-status'], ['201', '200']) === '200' ? 200 : 201,
    identifierMode: oneOf('identifier-mode', values['identifier-mode'], ['key', 'odoo-id']),
    many2oneWrite: oneOf('many2one-write', values['many2one-write'], ['object', 'id']),
    inFilter: values['in-filter'],
  };
  const latency = values.latency === undefined ? undefined : number('latency', values.latency, (n) => n >= 0);
  const proxyLimit = values['proxy-limit'] === undefined ? undefined : proxyLimitOf(values['proxy-limit']);
  return {
    seed: number('seed', values.seed, Number.isInteger),
    size: number('size', values.size, (n) => n > 0),
    switches,
    admin: values.admin,
    ...(latency === undefined ? {} : { latency: { kind: 'fixed', ms: latency } as const }),
    ...(proxyLimit === undefined ? {} : { proxyLimit }),
  };
}

function proxyLimitOf(text: string): ProxyLimitSpec {
  try {
    return parseProxyLimit(text);
  } catch (error) {
    throw new UsageError(`--proxy-limit: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function parse(args: readonly string[]): { values: Values; options: SimulatorOptions; port: number } {
  const { values } = parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: false });
  return { values, options: buildOptions(values), port: number('port', values.port, (n) => Number.isInteger(n) && n >= 0 && n < 65536) };
}

export const command: Command = {
  summary: 'run the BJET-compatible upstream simulator alone',
  async run(args) {
    let parsed: ReturnType<typeof parse>;
    try {
      parsed = parse(args);
    } catch (error) {
      process.stderr.write(`bjet-graphql simulate: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
      return 2;
    }
    if (parsed.values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    const simulator = createSimulator(parsed.options);
    const baseUrl = await simulator.listen(parsed.port, parsed.values.host);
    process.stdout.write(printDescription(baseUrl, simulator.describe()));
    const limit = parsed.options.proxyLimit;
    if (limit !== undefined) {
      process.stdout.write(`proxy limit: ${limit.perMinute ?? 'no'} requests a minute per client IP, ${limit.perHourPerCredential ?? 'no'} an hour per credential\n`);
    }
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await simulator.close();
    return 0;
  },
};
