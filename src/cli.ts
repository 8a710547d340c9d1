#!/usr/bin/env node
// The entry point. `analyze` runs from the packaged CLI when the build made one (packaged-cli.ts: the
// same code in one file with a V8 code cache); every other command from the modules (cli/main.ts).
// Only Node's own modules are imported here, so neither way pays for the other.
import { commandNamed } from './cli/command-named.js';
import { packagedCli } from './cli/packaged-cli.js';

const cli = packagedCli(commandNamed(process.argv.slice(2))) ?? (await import('./cli/main.js'));
await cli.runCli(process.argv);
