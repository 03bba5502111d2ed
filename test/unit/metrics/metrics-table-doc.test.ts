/** docs/operations.md's metrics table against the registry: every metric documented once, with its type and labels. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../../src/metrics/create-metrics.js';
import { createRedisStats } from '../../../src/redis/create-redis-stats.js';

const doc = readFileSync(new URL('../../../docs/operations.md', import.meta.url), 'utf8');

function documentedRows(): string[] {
  const section = doc.slice(doc.indexOf('\n## Metrics'));
  const end = section.indexOf('\n## ', 1);
  const rows: string[] = [];
  for (const line of (end === -1 ? section : section.slice(0, end)).split('\n')) {
    const match = /^\| `([a-z_]+)` \| (counter|gauge|histogram|summary) \|([^|]*)\|/.exec(line);
    if (match === null) continue;
    const labels = [...(match[3] ?? '').matchAll(/`([a-z_]+)`/g)].map((m) => m[1]).join(',');
    rows.push(`${match[1]} ${match[2]} ${labels}`);
  }
  return rows;
}

/** Every metric a server may register: with Redis configured too. */
function registeredRows(): string[] {
  const metrics = createMetrics();
  metrics.watchRedis({ isReady: () => true, stats: createRedisStats() });
  return metrics.registry
    .getMetricsAsArray()
    .filter((metric) => !/^(process|nodejs)_/.test(metric.name))
    .map((metric) => {
      const { labelNames } = metric as unknown as { labelNames: readonly string[] };
      return `${metric.name} ${metric.type} ${labelNames.join(',')}`;
    });
}

describe('docs/operations.md metrics table', () => {
  it('lists exactly the registered metrics, with their types and labels', () => {
    expect(documentedRows().sort()).toEqual(registeredRows().sort());
  });

  it('lists each metric once and registers the process defaults too', () => {
    const names = documentedRows().map((row) => row.split(' ')[0]);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThan(5);
    const all = createMetrics()
      .registry.getMetricsAsArray()
      .map((metric) => metric.name);
    expect(all).toContain('process_cpu_user_seconds_total');
    expect(all).toContain('nodejs_eventloop_lag_seconds');
  });
});
