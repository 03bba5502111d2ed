/**
 * The expected `data` of each operation, read from the simulator with plain one-record GETs (never the
 * id-list key, so the floor's batched path is checked too) and shaped by answer-shapes.
 */
import { distinctRefIds, shapeC1, shapeM1, shapeQ1, shapeQ2, shapeQ3, shapeQ4, shapeQ5, type RecordsById, type RestRecord } from './answer-shapes.js';
import { M1_NAME, PAGE_SIZE, Q4_PARTNER_ID, q5PartnerIds, type QueryId } from './bench-queries.js';

const BEARER = 'Bearer demo-token';

async function getJson(baseUrl: string, path: string): Promise<unknown> {
  const endpoint = path.split(/[/?]/)[1] ?? '';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (endpoint === 'partners' || endpoint === 'sale-orders') headers.authorization = BEARER;
  const response = await fetch(`${baseUrl}${path}`, { headers });
  if (!response.ok) throw new Error(`expected answers: GET ${path} answered ${response.status}`);
  return response.json();
}

function records(value: unknown): RestRecord[] {
  if (!Array.isArray(value)) throw new Error('expected answers: a list call did not answer an array');
  return value as RestRecord[];
}

async function byIds(baseUrl: string, endpoint: string, ids: readonly number[]): Promise<RecordsById> {
  const map = new Map<number, RestRecord>();
  for (const id of ids) map.set(id, (await getJson(baseUrl, `/${endpoint}/${id}`)) as RestRecord);
  return map;
}

export type ExpectedAnswers = ReadonlyMap<QueryId, unknown>;

export async function buildExpectedAnswers(baseUrl: string): Promise<ExpectedAnswers> {
  const partners = records(await getJson(baseUrl, `/partners?limit=${PAGE_SIZE}`));
  const orders = records(await getJson(baseUrl, `/sale-orders?limit=${PAGE_SIZE}`));
  const orderPartners = await byIds(baseUrl, 'partners', distinctRefIds(orders, 'partner_id'));
  const countryIds = distinctRefIds([...partners, ...orderPartners.values()], 'country_id');
  const countries = await byIds(baseUrl, 'countries', countryIds);
  const q5Ids = q5PartnerIds();
  const q5Partners = await byIds(baseUrl, 'partners', [...new Set(q5Ids)]);
  return new Map<QueryId, unknown>([
    ['Q1', shapeQ1(partners)],
    ['Q2', shapeQ2(partners, countries)],
    ['Q3', shapeQ3(orders, orderPartners, countries)],
    ['Q4', shapeQ4((await getJson(baseUrl, `/partners/${Q4_PARTNER_ID}`)) as RestRecord)],
    ['Q5', shapeQ5(q5Ids, q5Partners)],
    ['M1', shapeM1({ name: M1_NAME, is_company: true })],
    ['C1', shapeC1(partners)],
  ]);
}
