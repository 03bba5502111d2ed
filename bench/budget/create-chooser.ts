/**
 * A user's seeded choices: page offsets, a partner id drawn from a Zipf-like distribution over all
 * ids (rank 1 is id 1: the first companies are the hottest, as on a real dashboard), product codes
 * (Zipf too), and the values it writes (a partner of its own, so users never overwrite each other).
 */
export interface Chooser {
  next(): number;
  pick<T>(items: readonly T[]): T;
  pageOffset(): number;
  partnerId(): number;
  productCode(): string;
  /** The partner this user writes and the next value it writes. */
  nextWrite(): { readonly id: number; readonly city: string };
}

export interface ChooserOptions {
  readonly seed: number;
  readonly user: number;
  readonly partnerCount: number;
  readonly productCodes: readonly string[];
}

const ZIPF_S = 1.0;

/** mulberry32: small, fast, good enough for load generation. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function zipfSampler(count: number, random: () => number): () => number {
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= count; rank += 1) cumulative.push((total += 1 / rank ** ZIPF_S));
  return () => {
    const target = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] ?? 0) < target) low = middle + 1;
      else high = middle;
    }
    return low + 1;
  };
}

export function createChooser(options: ChooserOptions): Chooser {
  const random = createRandom(options.seed * 7919 + options.user);
  const partnerRank = zipfSampler(options.partnerCount, random);
  const productRank = zipfSampler(Math.max(1, options.productCodes.length), random);
  // Writes go to the second half of the ids, one partner per user.
  const ownPartner = Math.floor(options.partnerCount / 2) + 1 + (options.user % Math.ceil(options.partnerCount / 2));
  let writes = 0;
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(random() * items.length)];
    if (item === undefined) throw new Error('chooser: nothing to pick from');
    return item;
  };
  return {
    next: random,
    pick,
    pageOffset: () => pick([0, 0, 0, 0, 10, 10, 20]),
    partnerId: partnerRank,
    productCode: () => options.productCodes[productRank() - 1] ?? 'CHAIR_0001',
    nextWrite: () => ({ id: ownPartner, city: `ryw-u${options.user}-${(writes += 1)}` }),
  };
}
