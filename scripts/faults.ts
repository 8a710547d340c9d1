// `npm run test:faults`: the fault suite (test/faults/), run against the built CLI. Not part of `npm test`:
// it starts its own Dovecot and FerretDB and takes about twenty minutes (README 'Fault suite').
import { join } from 'node:path';
import { runSuite, settingsFromEnv } from '../test/faults/suite.js';

// Compiled to dist/scripts/faults.js; the worker it starts is dist/src/cli.js of the same build.
const cli = process.env.FAULTS_CLI ?? join(import.meta.dirname, '..', 'src', 'cli.js');
const ok = await runSuite(settingsFromEnv(cli), (line) => process.stdout.write(`${line}\n`));
process.exit(ok ? 0 : 1);
