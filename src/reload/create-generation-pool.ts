/**
 * The generations of a reloading server (docs/operations.md, "Reload without a restart"): one is current, and new
 * work leases it; a reload swaps in the next one. A replaced generation is retired, and disposed
 * once its last lease (an HTTP request in flight, an open WebSocket) is released, never before:
 * in-flight work finishes on the generation it started with.
 */
export interface Lease<G> {
  readonly value: G;
  /** Idempotent: a second call does nothing. */
  release(): void;
}

export interface GenerationPool<G> {
  current(): G;
  /** 0 for the first generation, one more at each swap. */
  currentNumber(): number;
  /** The current generation, held until `release`. */
  enter(): Lease<G>;
  /** Makes `next` current; the old one is disposed as soon as nothing holds it. */
  swap(next: G): void;
  /** The current generation and the retired ones still held, current first. */
  live(): readonly G[];
  /** Resolves when every disposal started so far has ended. */
  settled(): Promise<void>;
  /** Disposes every generation, held or not (the process stops). */
  closeAll(): Promise<void>;
}

/** `dispose` gets the retired generation (and its number) and those still live: what they share must stay open. */
export type DisposeGeneration<G> = (retired: G, stillLive: readonly G[], number: number) => Promise<void>;

interface Slot<G> {
  readonly value: G;
  readonly number: number;
  leases: number;
  retired: boolean;
  disposed: boolean;
}

export function createGenerationPool<G>(first: G, dispose: DisposeGeneration<G>, onError: (error: unknown) => void): GenerationPool<G> {
  let current: Slot<G> = { value: first, number: 0, leases: 0, retired: false, disposed: false };
  /** Every generation not disposed yet, oldest first. */
  const slots = new Set<Slot<G>>([current]);
  const disposals = new Set<Promise<void>>();
  const liveValues = (): G[] => [current, ...[...slots].filter((slot) => slot !== current)].filter((slot) => !slot.disposed).map((slot) => slot.value);
  const disposeSlot = (slot: Slot<G>): Promise<void> => {
    if (slot.disposed) return Promise.resolve();
    slot.disposed = true;
    slots.delete(slot);
    const running = dispose(
      slot.value,
      [...slots].map((other) => other.value),
      slot.number,
    ).catch(onError);
    disposals.add(running);
    void running.finally(() => disposals.delete(running));
    return running;
  };
  const settled = async (): Promise<void> => {
    while (disposals.size > 0) await Promise.all(disposals);
  };
  return {
    current: () => current.value,
    currentNumber: () => current.number,
    enter() {
      const slot = current;
      slot.leases += 1;
      let held = true;
      return {
        value: slot.value,
        release() {
          if (!held) return;
          held = false;
          slot.leases -= 1;
          if (slot.retired && slot.leases === 0) void disposeSlot(slot);
        },
      };
    },
    swap(next) {
      const old = current;
      current = { value: next, number: old.number + 1, leases: 0, retired: false, disposed: false };
      slots.add(current);
      old.retired = true;
      if (old.leases === 0) void disposeSlot(old);
    },
    live: liveValues,
    settled,
    async closeAll() {
      // One at a time, oldest first: the last one sees nothing live and closes what they all shared.
      for (const slot of [...slots]) {
        slot.retired = true;
        await disposeSlot(slot);
      }
      await settled();
    },
  };
}
