import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../../src/changes/types.js';
import type { RedisLink } from '../../../src/redis/create-redis-link.js';
import { createRedisChangeBus, type RedisChangeBus } from '../../../src/redis/create-redis-change-bus.js';
import { openLink, until } from '../../support/redis-link.js';
import { useRedisPerFile } from '../../support/use-redis-per-file.js';

const redis = useRedisPerFile();
const links: RedisLink[] = [];
const buses: RedisChangeBus[] = [];

afterEach(async () => {
  for (const bus of buses.splice(0)) await bus.close();
  for (const link of links.splice(0)) await link.close();
});

async function replica(): Promise<{ bus: RedisChangeBus; heard: ChangeEvent[] }> {
  const link = await openLink(redis.url);
  links.push(link);
  const bus = createRedisChangeBus({ link });
  buses.push(bus);
  await bus.subscribed();
  const heard: ChangeEvent[] = [];
  bus.subscribe((event) => heard.push(event));
  return { bus, heard };
}

const change = (id: string, source: ChangeEvent['source'] = 'mutation'): ChangeEvent => ({
  kind: 'updated',
  endpoint: 'partners',
  id,
  record: { id: Number(id), name: `Partner ${id}` },
  writeDate: '2026-12-01 23:00:00',
  source,
  at: 1_700_000_000_000,
});

describe('redis change bus', () => {
  it('fans a change out to every replica, the publisher synchronously and once', async () => {
    const [one, two, three] = [await replica(), await replica(), await replica()];
    two.bus.publish(change('1'));
    expect(two.heard).toEqual([change('1')]);
    two.bus.publish(change('2', 'webhook'));
    await until(() => one.heard.length === 2 && three.heard.length === 2);
    expect(one.heard).toEqual([change('1'), change('2', 'webhook')]);
    expect(three.heard).toEqual([change('1'), change('2', 'webhook')]);
    // Its own messages come back from Redis too: a third change proves they were dropped.
    one.bus.publish(change('3'));
    await until(() => two.heard.length === 3);
    expect(two.heard.map((event) => event.id)).toEqual(['1', '2', '3']);
  });

  it('ignores what is not a change event of ours', async () => {
    const [one, two] = [await replica(), await replica()];
    await redis.admin.publish('test:changes', 'not json');
    await redis.admin.publish('test:changes', JSON.stringify({ origin: 'x', event: { kind: 'exploded', endpoint: 'partners', id: '1' } }));
    two.bus.publish(change('4'));
    await until(() => one.heard.length === 1);
    expect(one.heard).toEqual([change('4')]);
  });

  it('goes local-only while Redis is away and fans out again once it is back', async () => {
    const [one, two] = [await replica(), await replica()];
    await redis.kill();
    await until(() => !links.some((link) => link.isReady()));
    two.bus.publish(change('5'));
    expect(two.heard).toEqual([change('5')]);
    await redis.restart();
    await until(() => links.every((link) => link.isReady()));
    // Both subscriber connections resubscribe on their own.
    await until(async () => (await redis.admin.pubsub('NUMSUB', 'test:changes'))[1] === 2);
    two.bus.publish(change('6'));
    await until(() => one.heard.length === 1);
    expect(one.heard).toEqual([change('6')]);
    expect(two.heard.map((event) => event.id)).toEqual(['5', '6']);
  });
});
