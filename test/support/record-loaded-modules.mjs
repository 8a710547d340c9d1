// `node --import ./record-loaded-modules.mjs …`: appends the URL of every module the process loads
// through the ES module loader (our code, packages, and the CommonJS packages it imports) to the file
// named by LOADED_MODULES_FILE, one per line. For cli-loading.test.ts.
import { register } from 'node:module';

register(new URL('./loaded-modules-hooks.mjs', import.meta.url), {
  data: { file: process.env.LOADED_MODULES_FILE },
});
