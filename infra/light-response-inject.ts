// Injected by esbuild into every file of an API function's bundle (infra/bundling.ts
// `lambdaBuildOptions`, `lightResponse`): the identifier `Response`, wherever code uses it as a global
// (Hono's `new Response(…)`, `instanceof Response`), is MOMS's light Response (src/functions/light-response.ts).
// The process global stays undici's lazy one, so a cold start that answers with text never loads
// undici (docs/adr/0026).
export { LightResponse as Response } from '../src/functions/light-response.js';
