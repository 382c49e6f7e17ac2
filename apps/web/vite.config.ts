// The web app's build: `npm run build:web` writes dist/web, which the API serves at `/`.
// `npx vite apps/web` serves it for development, with the API's routes proxied to PORT_API.
import { defineConfig } from 'vite';

const api = `http://127.0.0.1:${process.env.PORT_API ?? '3000'}`;
const API_PREFIXES = ['/auth', '/me', '/schools', '/students', '/cases', '/tasks', '/ppt/', '/municipalities', '/audit', '/docs'];

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      // Designsystemet's icons carry React Server Components' "use client", meaningless in a browser bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  oxc: { jsx: { runtime: 'automatic' } },
  server: { proxy: Object.fromEntries(API_PREFIXES.map((prefix) => [prefix, api])) },
});
