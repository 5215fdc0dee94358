// Injected into every file of a Lambda zip bundle by esbuild (infra/bundling.ts `lambdaBuildOptions`):
// `@hono/zod-openapi` extends Zod with `.openapi()` when it is evaluated, and every file's code must
// run after that, whichever chunk code splitting puts it in.
import '@hono/zod-openapi';
