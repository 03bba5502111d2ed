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

function keyOf(endpoint: EndpointModel, selection: ChangeSelection, forward: boolean, authorization: string | undefined): string {
  // The credential itself is no key: a digest of it tells partitions apart.
  const partition = forward
    ? createHash('sha256')
        .update(authorization ?? '')
        .digest('base64')
    : '';
  const what = selection.kind === 'record' ? `record${SEP}${selection.id}` : `list${SEP}${JSON.stringify(selection.filter ?? null)}`;
  return `${endpoint.endpoint}${SEP}${what}${SEP}${partition}`;
}

export function createChangeTopics(bus: ChangeBus, reader: ChangeReader): ChangeTopics {
  return new TopicHub(bus, reader);
}

class TopicHub implements ChangeTopics {
  private readonly topics = new Map<string, Topic>();
  /** `endpoint␀id` for record topics, `endpoint` for list topics → the topics to tell. */
  private readonly byIndex = new Map<string, Set<Topic>>();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly bus: ChangeBus,
    private readonly reader: ChangeReader,
  ) {}

  open(endpoint: EndpointModel, selection: ChangeSelection, authorization: string | undefined, options: ChangeStreamOptions): ChangeStream {
    const forward = this.reader.forwards(endpoint.endpoint);
    const key = keyOf(endpoint, selection, forward, authorization);
    const topic = this.topics.get(key) ?? this.create(key, endpoint, selection, forward ? authorization : undefined);
    const stream = createChangeStream({
      ...options,
      onEnd: () => {
        topic.streams.delete(stream);
        if (topic.streams.size === 0) this.drop(topic);
        options.onEnd();
      },
    });
    topic.streams.add(stream);
    return stream;
  }

  size(): number {
    return this.topics.size;
  }

  private readonly listen = (change: ChangeEvent): void => {
    this.tell(`${change.endpoint}${SEP}${change.id}`, change);
    this.tell(change.endpoint, change);
  };

  private tell(index: string, change: ChangeEvent): void {
    for (const topic of this.byIndex.get(index) ?? []) {
      const payload = this.payloadOf(topic, change);
      // Each stream awaits it; this branch only keeps a failure with no stream left waiting from going unhandled.
      payload.catch(() => undefined);
      for (const stream of topic.streams) stream.push(payload);
    }
  }

  private payloadOf(topic: Topic, change: ChangeEvent): Promise<ChangePayload | null> {
    return this.reader.read(change, topic.authorization).then((record) => {
      if (change.kind === 'deleted') return { event: change.kind, id: change.id, record: null, change };
      return record !== null && topic.filter(record) ? { event: change.kind, id: change.id, record, change } : null;
    });
  }

  private create(key: string, endpoint: EndpointModel, selection: ChangeSelection, authorization: string | undefined): Topic {
    const index = selection.kind === 'record' ? `${endpoint.endpoint}${SEP}${selection.id}` : endpoint.endpoint;
    const filter = selection.kind === 'record' ? () => true : buildChangeFilter(endpoint, selection.filter);
    const topic: Topic = { key, index, filter, authorization, streams: new Set() };
    this.topics.set(key, topic);
    const indexed = this.byIndex.get(index) ?? new Set<Topic>();
    this.byIndex.set(index, indexed.add(topic));
    this.unsubscribe ??= this.bus.subscribe(this.listen);
    return topic;
  }

  private drop(topic: Topic): void {
    if (this.topics.get(topic.key) === topic) this.topics.delete(topic.key);
    const indexed = this.byIndex.get(topic.index);
    indexed?.delete(topic);
    if (indexed?.size === 0) this.byIndex.delete(topic.index);
    if (this.topics.size === 0) {
      this.unsubscribe?.();
      this.unsubscribe = null;
    }
  }
}
