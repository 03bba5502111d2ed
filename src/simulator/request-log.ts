/** The record of every request served and the peak number in flight (headers and bodies never kept). */
import type { RequestRecord } from './types.js';

/** A record still open: its status is set when the answer goes out. */
export type OpenRecord = { -readonly [K in keyof RequestRecord]: RequestRecord[K] };

export interface RequestLog {
  /** Records the request on arrival (status 0 until something is answered) and counts it in flight. */
  open(entry: Omit<RequestRecord, 'seq' | 'status'>): OpenRecord;
  /** Call once when the exchange is over, answered or not. */
  done(): void;
  readonly records: readonly RequestRecord[];
  clear(): void;
  readonly peakInFlight: number;
  resetPeak(): void;
}

/**
 * Keeps the most recent `limit` records: a benchmark sends millions of requests, and an unbounded
 * log would grow until the process dies. Trimmed in batches so that a push stays O(1) amortized.
 */
export function createRequestLog(limit: number): RequestLog {
  let entries: OpenRecord[] = [];
  let seq = 0;
  let inFlight = 0;
  let peak = 0;
  return {
    open(entry) {
      seq += 1;
      inFlight += 1;
      if (inFlight > peak) peak = inFlight;
      const record: OpenRecord = { seq, ...entry, status: 0 };
      entries.push(record);
      if (entries.length >= limit * 2) entries = entries.slice(-limit);
      return record;
    },
    done() {
      inFlight -= 1;
    },
    get records() {
      return entries.slice(-limit).map((entry) => Object.freeze({ ...entry, query: Object.freeze({ ...entry.query }) }));
    },
    clear() {
      entries = [];
    },
    get peakInFlight() {
      return peak;
    },
    resetPeak() {
      peak = inFlight;
    },
  };
}
