import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * The API docs viewer (`/api/docs`) loads Swagger UI from `/swagger-ui-dist/` on the same origin:
 * copied here from the npm package, it is served by S3 + CloudFront and the local server alike, so the
 * docs work offline and nothing loads from a public CDN.
 */
function swaggerUiAssets(): Plugin {
  const dist = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  return {
    name: 'moms-swagger-ui-assets',
    apply: 'build',
    generateBundle() {
      for (const file of ['swagger-ui.css', 'swagger-ui-bundle.js']) {
        this.emitFile({
          type: 'asset',
          fileName: `swagger-ui-dist/${file}`,
          source: readFileSync(path.join(dist, file)),
        });
      }
    },
  };
}

/** The MOMS web app. `npm run web:dev` proxies /api to `npm start` on :3000; `npm run web:build` writes web/dist. */
export default defineConfig({
  root,
  plugins: [react(), swaggerUiAssets()],
  build: {
    outDir: path.join(root, 'dist'),
    emptyOutDir: true,
    // web/scripts/size.ts reads the manifest to measure what the first page loads.
    manifest: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.MOMS_API_URL ?? 'http://localhost:3000', changeOrigin: false } },
  },
  preview: { port: 4173 },
});
