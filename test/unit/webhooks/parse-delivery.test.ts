import { describe, expect, it } from 'vitest';
import type { EndpointModel } from '../../../src/model/source-model.js';
import { digestOf, parseDelivery } from '../../../src/webhooks/parse-delivery.js';
import { isStale } from '../../../src/webhooks/create-delivery-applier.js';
import { parseEventName } from '../../../src/webhooks/parse-event-name.js';

const scalar = (key: string) => ({ key, name: key, list: false, nullable: true, value: { kind: 'scalar', scalar: 'String' } as const });
const products: EndpointModel = {
  endpoint: 'products',
  typeName: 'Product',
  listField: 'products',
  singleField: 'product',
  idKey: 'default_code',
  pageTypeName: 'ProductPage',
  filterInput: null,
  mutations: [],
  subscription: { changeType: 'ProductChange', recordField: 'productChanged', listField: 'productsChanged' },
  methods: ['GET'],
  filters: [],
  idListFilter: null,
  maxPageSize: 100,
  sampled: 1,
  fields: [scalar('default_code'), scalar('name'), scalar('write_date')],
};
const parse = (body: unknown, max = 100) => parseDelivery(Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)), products, max);

describe('parseDelivery', () => {
  it('reads a record by its identifier key, unknown keys ignored, complete only with every mapped key', () => {
    const full = parse({ default_code: 'A1', name: 'Desk', write_date: '2026-01-02T03:04:05Z', extra: 1 });
    expect(full).toEqual({
      ok: true,
      items: [
        {
          id: 'A1',
          complete: { default_code: 'A1', name: 'Desk', write_date: '2026-01-02T03:04:05Z' },
          writeDate: '2026-01-02 03:04:05',
          digest: expect.any(String),
        },
      ],
    });
    const partial = parse([{ default_code: 'A1' }, { default_code: 7 }]);
    expect(partial.ok && partial.items.map((item) => [item.id, item.complete, item.writeDate])).toEqual([
      ['A1', null, null],
      ['7', null, null],
    ]);
  });

  it("reads Odoo's native body by the identifier key when the endpoint is not keyed by the Odoo id", () => {
    expect(parse({ _model: 'product.template', _id: 3, default_code: 'A1' })).toMatchObject({ ok: true, items: [{ id: 'A1', complete: null }] });
    expect(parse({ _model: 'product.template', _id: 3 })).toMatchObject({ ok: false, code: 'WEBHOOK_BAD_PAYLOAD' });
  });

  it.each([
    ['not JSON', '{', 'the body is not JSON'],
    ['an empty list', [], 'the body is an empty list: send one record or a list of records'],
    ['a scalar', 3, 'the record is not a JSON object'],
    ['no identifier', [{ default_code: 'A' }, { name: 'x' }], "record 1 has no identifier: key `default_code` (or Odoo's `_id`) must be a string or a number"],
    ['an empty identifier', { default_code: '' }, "the record has no identifier: key `default_code` (or Odoo's `_id`) must be a string or a number"],
  ])('refuses %s with a message naming no value', (_name, body, message) => {
    expect(parse(body)).toEqual({ ok: false, code: 'WEBHOOK_BAD_PAYLOAD', message });
  });

  it('refuses more records than allowed as too large', () => {
    expect(parse([{ default_code: 'A' }, { default_code: 'B' }], 1)).toEqual({
      ok: false,
      code: 'WEBHOOK_PAYLOAD_TOO_LARGE',
      message: 'the body has 2 records; at most 1 per delivery',
    });
  });

  it('digests only mapped values', () => {
    expect(digestOf({ default_code: 'A', name: 'x', junk: 1 }, products)).toBe(digestOf({ name: 'x', default_code: 'A' }, products));
    expect(digestOf({ default_code: 'A', name: 'y' }, products)).not.toBe(digestOf({ default_code: 'A', name: 'x' }, products));
  });
});

describe('isStale', () => {
  const seen = (kind: 'created' | 'updated' | 'deleted', writeDate: string | null, digest: string | null = 'd') => ({ kind, writeDate, digest });
  it.each([
    ['nothing seen', undefined, 'updated', '2026-01-01 10:00:00', 'd', false],
    ['an older date', seen('updated', '2026-01-01 10:00:01'), 'updated', '2026-01-01 10:00:00', 'd', true],
    ['a newer date', seen('updated', '2026-01-01 10:00:00'), 'updated', '2026-01-01 10:00:01', 'd', false],
    ['a repeat', seen('updated', '2026-01-01 10:00:00'), 'updated', '2026-01-01 10:00:00', 'd', true],
    ['other values in the same second', seen('updated', '2026-01-01 10:00:00'), 'updated', '2026-01-01 10:00:00', 'e', false],
    ['a delete after an update of the same date', seen('updated', '2026-01-01 10:00:00'), 'deleted', '2026-01-01 10:00:00', 'd', false],
    ['an update at the date of a delete', seen('deleted', '2026-01-01 10:00:00'), 'updated', '2026-01-01 10:00:00', 'e', true],
    ['a re-creation after a delete', seen('deleted', '2026-01-01 10:00:00'), 'created', '2026-01-01 10:00:01', 'e', false],
    ['a second delete', seen('deleted', null), 'deleted', '2026-01-01 10:00:00', 'd', true],
    ['an update without a date', seen('updated', '2026-01-01 10:00:00'), 'updated', null, 'd', false],
  ] as const)('%s', (_name, last, kind, writeDate, digest, stale) => {
    expect(isStale(last, kind, writeDate, digest)).toBe(stale);
  });
});

describe('parseEventName', () => {
  it('maps the module\'s and Odoo\'s words to change kinds; "changed" and nothing are updates', () => {
    expect(['created', 'Create', 'changed', 'write', ' deleted ', 'unlink', undefined, ''].map(parseEventName)).toEqual([
      'created',
      'created',
      'updated',
      'updated',
      'deleted',
      'deleted',
      'updated',
      'updated',
    ]);
    expect(parseEventName('archived')).toBeNull();
  });
});
