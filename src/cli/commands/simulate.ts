/** `bjet-graphql simulate`: runs the BJET-compatible upstream simulator alone until SIGINT/SIGTERM. */
import { parseArgs } from 'node:util';
import type { Command } from '../commands.js';
import { createSimulator } from '../../simulator/create-simulator.js';
import { printDescription } from '../../simulator/print-description.js';
import { parseProxyLimit } from '../../simulator/proxy/parse-proxy-limit.js';
import type { OutboundOptions } from '../../simulator/outbound/outbound-types.js';
import type { ProxyLimitSpec, SimAuth, SimulatorOptions, SimulatorSwitches } from '../../simulator/types.js';

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
  --outbound URL                send every change to this webhook, as BJET's outbound
                                configurations would (e.g. http://127.0.0.1:4000/hooks/bjet)
  --outbound-token TOKEN        its Bearer token (or BJET_OUTBOUND_TOKEN)
  --outbound-basic LOGIN:PASS   its Basic credentials instead
  --outbound-event path|header  the event in the URL path (default) or an X-Bjet-Event header
  --outbound-paginated          send pages of up to 100 records instead of one call per record
  --outbound-fault KIND         drop | duplicate | reorder | delay (for tests)
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
  outbound: { type: 'string' },
  'outbound-token': { type: 'string' },
  'outbound-basic': { type: 'string' },
  'outbound-event': { type: 'string', default: 'path' },
  'outbound-paginated': { type: 'boolean', default: false },
  'outbound-fault': { type: 'string' },
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

function parse(args: readonly string[]): { values: Values; options: SimulatorOptions; port: number; outbound: OutboundOptions | null } {
  const { values } = parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: false });
  const port = number('port', values.port, (n) => Number.isInteger(n) && n >= 0 && n < 65536);
  return { values, options: buildOptions(values), port, outbound: buildOutbound(values) };
}

function buildOutbound(values: Values): OutboundOptions | null {
  if (values.outbound === undefined) return null;
  if (!/^https?:\/\//.test(values.outbound)) throw new UsageError('--outbound must be an http:// or https:// URL');
  const token = values['outbound-token'] ?? process.env['BJET_OUTBOUND_TOKEN'];
  const basic = values['outbound-basic'];
  const colon = basic?.indexOf(':') ?? -1;
  if (basic !== undefined && colon < 1) throw new UsageError('--outbound-basic must be LOGIN:PASSWORD');
  const auth: SimAuth =
    basic !== undefined
      ? { type: 'basic', login: basic.slice(0, colon), password: basic.slice(colon + 1) }
      : token !== undefined
        ? { type: 'bearer', token }
        : { type: 'none' };
  const fault =
    values['outbound-fault'] === undefined ? undefined : oneOf('outbound-fault', values['outbound-fault'], ['drop', 'duplicate', 'reorder', 'delay'] as const);
  const faults = fault === undefined ? undefined : fault === 'reorder' ? { reorder: true } : fault === 'delay' ? { delayMs: 1000 } : { [fault]: 0.5 };
  return {
    url: values.outbound,
    auth,
    eventIn: oneOf('outbound-event', values['outbound-event'], ['path', 'header'] as const),
    paginated: values['outbound-paginated'],
    ...(faults === undefined ? {} : { faults }),
  };
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
    if (parsed.outbound !== null) simulator.startOutbound(parsed.outbound);
    process.stdout.write(printDescription(baseUrl, simulator.describe()));
    const limit = parsed.options.proxyLimit;
    if (limit !== undefined) {
      process.stdout.write(
        `proxy limit: ${limit.perMinute ?? 'no'} requests a minute per client IP, ${limit.perHourPerCredential ?? 'no'} an hour per credential\n`,
      );
    }
    if (parsed.outbound !== null) process.stdout.write(`\nOutbound: every change is sent to ${parsed.outbound.url}/<endpoint>\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await simulator.close();
    return 0;
  },
};
