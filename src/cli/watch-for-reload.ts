/**
 * When `serve` reloads: on SIGHUP always, and with `--watch` when the config file or a file of the
 * schema directory changes (editors write in bursts: changes within DEBOUNCE_MS make one reload).
 * One reload runs at a time; a change during it makes one more after it.
 */
import { watch, type FSWatcher } from 'node:fs';

const DEBOUNCE_MS = 150;

export function watchForReload(paths: readonly string[] | null, reload: () => Promise<void>): () => void {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  const run = (): void => {
    if (running !== null) {
      again = true;
      return;
    }
    running = reload().finally(() => {
      running = null;
      if (again) {
        again = false;
        run();
      }
    });
  };
  const soon = (): void => {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  };
  process.on('SIGHUP', run);
  const watchers: FSWatcher[] = (paths ?? []).map((file) => watch(file, soon));
  return () => {
    clearTimeout(timer);
    process.off('SIGHUP', run);
    for (const watcher of watchers) watcher.close();
  };
}
