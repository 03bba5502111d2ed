/**
 * `serve --watch`: the config file and the schema directory, watched with fs.watch. The file's
 * directory is watched rather than the file, so that an editor that saves by renaming a new file
 * over the old one is still seen. A burst of changes makes one call of `onChange` (debounced).
 */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logging/create-logger.js';
import { createDebouncer } from './create-debouncer.js';

export interface ReloadPaths {
  readonly configFile: string;
  readonly schemaDir: string;
}

export interface PathWatcher {
  /** Watches `paths` instead (a reload may name another schema directory). */
  follow(paths: ReloadPaths): void;
  close(): void;
}

const QUIET_MS = 200;

export function watchReloadPaths(paths: ReloadPaths, onChange: () => void, logger: Logger): PathWatcher {
  const debouncer = createDebouncer(onChange, QUIET_MS);
  let watchers: FSWatcher[] = [];
  let watched = '';
  const open = (target: string, accept: (file: string | null) => boolean): void => {
    try {
      const watcher = watch(target, { persistent: false }, (_event, file) => {
        if (accept(file)) debouncer.poke();
      });
      watcher.on('error', (err) => logger.warn({ err, target }, 'watch: stopped watching'));
      watchers.push(watcher);
    } catch (err) {
      logger.warn({ err, target }, 'watch: cannot watch (a reload by SIGHUP still works)');
    }
  };
  const follow = (next: ReloadPaths): void => {
    const key = `${next.configFile}\n${next.schemaDir}`;
    if (key === watched) return;
    for (const watcher of watchers) watcher.close();
    watchers = [];
    watched = key;
    const name = path.basename(next.configFile);
    open(path.dirname(next.configFile), (file) => file === null || file === name);
    open(next.schemaDir, () => true);
  };
  follow(paths);
  return {
    follow,
    close() {
      debouncer.cancel();
      for (const watcher of watchers) watcher.close();
      watchers = [];
    },
  };
}
