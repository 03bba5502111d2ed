#!/usr/bin/env node
// The CLI, built by `npm install` through the `prepare` script: from its bundle with a V8 code
// cache when the build made them (fast start), else from tsc's output (see src/cli/start-cli.ts).
import { startCli } from '../dist/cli/start-cli.js';

process.exitCode = await startCli(process.argv.slice(2));
