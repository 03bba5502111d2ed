/** `100/min,1000/h` (either part alone too) to a proxy limit; throws a RangeError naming the bad part. */
import type { ProxyLimitSpec } from '../types.js';

const PART = /^(\d+)\/(min|m|h|hour)$/;

export function parseProxyLimit(text: string): ProxyLimitSpec {
  let perMinute: number | null = null;
  let perHourPerCredential: number | null = null;
  for (const part of text.split(',').map((item) => item.trim())) {
    const match = PART.exec(part);
    const count = Number(match?.[1]);
    if (match === null || !(count > 0)) throw new RangeError(`proxy limit "${part}": expected N/min or N/h with N > 0`);
    if (match[2] === 'min' || match[2] === 'm') perMinute = count;
    else perHourPerCredential = count;
  }
  return { perMinute, perHourPerCredential };
}
