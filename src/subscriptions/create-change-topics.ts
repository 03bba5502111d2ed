/**
 * The fan-out of changes to subscribers. Subscribers who would see the same events share one
 * topic: the same endpoint, the same record (or the same list filter) and the same credential
 * partition (their own Authorization with `forward` auth, else the service's). A topic hears the
 * bus once, compiles its filter once and builds each change's payload once (one read per change and
 * partition, through the reader); each subscriber only queues that shared promise, so a change
 * costs the same read and filter whether one or a thousand subscribers wait for it. One bus
 * listener serves every topic, indexed by endpoint and record.
 */
import { createHash } from 'node:crypto';
import type { ChangeBus, ChangeEvent } from '../changes/types.js';
import type { EndpointModel } from '../model/source-model.js';
import { buildChangeFilter, type ChangeFilter } from './build-change-filter.js';
import type { ChangeReader } from './create-change-reader.js';
import { createChangeStream, type ChangePayload, type ChangeStream, type ChangeStreamOptions } from './create-change-stream.js';

/** What a subscription follows: one record, or every record matching a list filter (the GraphQL argument). */
export type ChangeSelection = { readonly kind: 'record'; readonly id: string } | { readonly kind: 'list'; readonly filter: unknown };

export interface ChangeTopics {
  /** A new subscriber's stream, on the topic it shares with every subscriber who sees the same events. */
  open(endpoint: EndpointModel, selection: ChangeSelection, authorization: string | undefined, options: ChangeStreamOptions): ChangeStream;
  /** Topics open now. */
  size(): number;
}

interface Topic {
  readonly key: string;
  readonly index: string;
  readonly filter: ChangeFilter;
  readonly authorization: string | undefined;
  readonly streams: Set<ChangeStream>;
}

const SEP = '\u0000';

export function createChangeTopics(bus: ChangeBus, reader: ChangeReader): ChangeTopics {
  const topics = new Map<string, Topic>();
  // `endpoint␀id` for record topics, `endpoint` for list topics → the topics to tell.
  const byIndex = new Map<string, Set<Topic>>();
  let unsubscribe: (() => void) | null = null;
  const payloadOf = (topic: Topic, change: ChangeEvent): Promise<ChangePayload | null> =>
    reader.read(change, topic.authorization).then((record) => {
      if (change.kind === 'deleted') return { event: change.kind, id: change.id, record: null, change };
      return record !== null && topic.filter(record) ? { event: change.kind, id: change.id, record, change } : null;
    });
  const tell = (index: string, change: ChangeEvent): void => {
    for (const topic of byIndex.get(index) ?? []) {
      const payload = payloadOf(topic, change);
      for (const stream of topic.streams) stream.push(payload);
    }
  };
  const listen = (change: ChangeEvent): void => {
    tell(`${change.endpoint}${SEP}${change.id}`, change);
    tell(change.endpoint, change);
  };
  const create = (key: string, endpoint: EndpointModel, selection: ChangeSelection, authorization: string | undefined): Topic => {
    const index = selection.kind === 'record' ? `${endpoint.endpoint}${SEP}${selection.id}` : endpoint.endpoint;
    const filter = selection.kind === 'record' ? () => true : buildChangeFilter(endpoint, selection.filter);
    const topic: Topic = { key, index, filter, authorization, streams: new Set() };
    topics.set(key, topic);
    const indexed = byIndex.get(index) ?? new Set<Topic>();
    byIndex.set(index, indexed.add(topic));
    unsubscribe ??= bus.subscribe(listen);
    return topic;
  };
  const drop = (topic: Topic): void => {
    if (topics.get(topic.key) === topic) topics.delete(topic.key);
    const indexed = byIndex.get(topic.index);
    indexed?.delete(topic);
    if (indexed?.size === 0) byIndex.delete(topic.index);
    if (topics.size === 0) {
      unsubscribe?.();
      unsubscribe = null;
    }
  };
  return {
    open(endpoint, selection, authorization, options) {
      const forward = reader.forwards(endpoint.endpoint);
      // The credential itself is no key: a digest of it tells partitions apart.
      const partition = forward
        ? createHash('sha256')
            .update(authorization ?? '')
            .digest('base64')
        : '';
      const what = selection.kind === 'record' ? `record${SEP}${selection.id}` : `list${SEP}${JSON.stringify(selection.filter ?? null)}`;
      const key = `${endpoint.endpoint}${SEP}${what}${SEP}${partition}`;
      const topic = topics.get(key) ?? create(key, endpoint, selection, forward ? authorization : undefined);
      const stream = createChangeStream({
        ...options,
        onEnd: () => {
          topic.streams.delete(stream);
          if (topic.streams.size === 0) drop(topic);
          options.onEnd();
        },
      });
      topic.streams.add(stream);
      return stream;
    },
    size: () => topics.size,
  };
}
