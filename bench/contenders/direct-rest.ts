/**
 * The floor: a tiny HTTP server doing what a careful hand-written client does for each benchmark
 * operation: the list call, then the distinct related ids in parallel (or one id-list call when the
 * upstream has the key), with undici. Answers the same `{ data }` JSON as the GraphQL contenders.
 *
 *   node direct-rest.js --port N --config BENCH_CONFIG.json [--id-list]
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';
import { request } from 'undici';
import { M1_NAME, PAGE_SIZE, Q4_PARTNER_ID, q5PartnerIds } from '../lib/bench-queries.js';
import { distinctRefIds, shapeC1, shapeM1, shapeQ1, shapeQ2, shapeQ3, shapeQ4, shapeQ5, type RecordsById, type RestRecord } from '../lib/answer-shapes.js';
import { readUpstreamSettings } from './read-upstream-settings.js';

const { values } = parseArgs({ options: { port: { type: 'string' }, config: { type: 'string' }, 'id-list': { type: 'boolean' } } });
const settings = readUpstreamSettings(values.config ?? '');
const idList = values['id-list'] === true;

async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const endpoint = path.split(/[/?]/)[1] ?? '';
  const headers = { accept: 'application/json', ...settings.headersFor(endpoint), ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
  const response = await request(`${settings.baseUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const parsed: unknown = await response.body.json();
  if (response.statusCode >= 300) throw new Error(`upstream ${response.statusCode} for ${method} ${endpoint}`);
  return parsed;
}

const asRecords = (value: unknown): RestRecord[] => (Array.isArray(value) ? (value as RestRecord[]) : []);
const asRecord = (value: unknown): RestRecord => (value !== null && typeof value === 'object' ? (value as RestRecord) : {});

/**
 * Records by id: one id-list call, or one GET per distinct id in parallel. Odoo's searches hide archived
 * records, so ids the list call did not return are then read one by one (a GET by id still finds them).
 */
async function loadByIds(endpoint: string, ids: readonly number[]): Promise<RecordsById> {
  if (ids.length === 0) return new Map();
  const getEach = (each: readonly number[]): Promise<RestRecord[]> => Promise.all(each.map(async (id) => asRecord(await call('GET', `/${endpoint}/${id}`))));
  if (!idList) return new Map((await getEach(ids)).map((record) => [Number(record.id), record]));
  const found = new Map(asRecords(await call('GET', `/${endpoint}?ids=${ids.join(',')}&limit=${ids.length}`)).map((r) => [Number(r.id), r]));
  const missing = ids.filter((id) => !found.has(id));
  for (const record of await getEach(missing)) found.set(Number(record.id), record);
  return found;
}

const ROUTES: Readonly<Record<string, () => Promise<unknown>>> = {
  'GET /q1': async () => shapeQ1(asRecords(await call('GET', `/partners?limit=${PAGE_SIZE}`))),
  'GET /q2': async () => {
    const partners = asRecords(await call('GET', `/partners?limit=${PAGE_SIZE}`));
    return shapeQ2(partners, await loadByIds('countries', distinctRefIds(partners, 'country_id')));
  },
  'GET /q3': async () => {
    const orders = asRecords(await call('GET', `/sale-orders?limit=${PAGE_SIZE}`));
    const partners = await loadByIds('partners', distinctRefIds(orders, 'partner_id'));
    const countries = await loadByIds('countries', distinctRefIds([...partners.values()], 'country_id'));
    return shapeQ3(orders, partners, countries);
  },
  'GET /q4': async () => shapeQ4(asRecord(await call('GET', `/partners/${Q4_PARTNER_ID}`))),
  'GET /q5': async () => {
    const ids = q5PartnerIds();
    return shapeQ5(ids, await loadByIds('partners', [...new Set(ids)]));
  },
  'POST /m1': async () => shapeM1(asRecord(await call('POST', '/partners', { name: M1_NAME, is_company: true }))),
  'GET /c1': async () => shapeC1(asRecords(await call('GET', `/partners?limit=${PAGE_SIZE}`))),
};

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  for await (const chunk of req) void chunk; // drain any body
  const route = ROUTES[`${req.method ?? 'GET'} ${req.url ?? '/'}`];
  if (route === undefined) {
    res.writeHead(req.url === '/healthz' ? 200 : 404, { 'content-type': 'application/json' }).end('{}');
    return;
  }
  try {
    const body = JSON.stringify({ data: await route() });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
  } catch (error) {
    const body = JSON.stringify({ errors: [{ message: error instanceof Error ? error.message : String(error) }] });
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  }
}

createServer((req, res) => void handle(req, res)).listen(Number(values.port ?? 0), '127.0.0.1', () => {
  process.stdout.write(`direct-rest listening on ${values.port ?? 0}\n`);
});
