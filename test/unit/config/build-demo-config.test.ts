import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDemoConfig, DEMO_CONFIG_FILE } from '../../../src/config/build-demo-config.js';
import { readConfig } from '../../../src/config/read-config.js';

describe('buildDemoConfig', () => {
  it('is the committed demo config with the given base URL and the simulator credentials', () => {
    const config = buildDemoConfig('http://127.0.0.1:40123/bj_api_sync/v1/');
    expect(config.upstream.baseUrl).toBe('http://127.0.0.1:40123/bj_api_sync/v1');
    expect(config.source).toBeNull();
    expect(config.schemaDir).toBe(path.join(path.dirname(DEMO_CONFIG_FILE), 'schema'));
    expect(config.endpoints.map((endpoint) => endpoint.name)).toEqual([
      'countries',
      'partners',
      'product-categories',
      'product-tags',
      'products',
      'sale-order-lines',
      'sale-orders',
      'uom',
    ]);
    const partners = config.endpoints.find((endpoint) => endpoint.name === 'partners');
    expect(partners?.auth).toEqual({ type: 'bearer', token: 'demo-token' });
    expect(partners?.idListFilter).toBe('ids');
  });

  it('ignores the environment, which readConfig honours', async () => {
    process.env['BJET_DEMO_TOKEN'] = 'from-env';
    try {
      expect(buildDemoConfig('http://127.0.0.1:1/v1').endpoints[1]?.auth).toEqual({ type: 'bearer', token: 'demo-token' });
      const read = await readConfig(DEMO_CONFIG_FILE, { BJET_DEMO_TOKEN: 'from-env' });
      expect(read.endpoints[1]?.auth).toEqual({ type: 'bearer', token: 'from-env' });
    } finally {
      delete process.env['BJET_DEMO_TOKEN'];
    }
  });

  it('reports a missing file as CONFIG_INVALID', async () => {
    await expect(readConfig('/nonexistent/bjet.yaml', {})).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });
});
