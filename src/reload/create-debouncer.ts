/** Runs `run` once `quietMs` after the last of a burst of `poke`s: an editor's save is several writes, one reload. */
export interface Debouncer {
  poke(): void;
  cancel(): void;
}

export function createDebouncer(run: () => void, quietMs: number): Debouncer {
  let timer: NodeJS.Timeout | undefined;
  return {
    poke() {
      clearTimeout(timer);
      timer = setTimeout(run, quietMs);
      timer.unref();
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
