/**
 * Serves the web app (api.md: `GET /` serves it from the same process and port). API paths,
 * and requests that do not prefer HTML, go on to Nest: an API 404 stays JSON.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HttpRequest, HttpResponse, NextFunction } from '../common/http-types.js';

/** The app's own pages (api.md, The web app), answered with index.html whatever the Accept header. */
const PAGES = [
  /^\/$/,
  /^\/logg-inn$/,
  /^\/oppgaver$/,
  /^\/fravaersliste$/,
  /^\/saker$/,
  /^\/ppt$/,
  /^\/statistikk$/,
  /^\/(klasse|elev|sak|revisjon)\/[^/]+$/,
];
/** The API's first path segments: never the app's, whatever the client accepts. */
const API_SEGMENTS = new Set([
  'absences',
  'assets',
  'audit',
  'auth',
  'cases',
  'concern-overrides',
  'contacts',
  'docs',
  'docs-json',
  'health',
  'me',
  'metrics',
  'municipalities',
  'ppt',
  'schools',
  'students',
  'tasks',
]);

/** dist/web beside the repository's package.json, from the source tree or from dist/. */
export function defaultWebDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'web');
}

/**
 * index.html for the app's pages, and for any other non-API path a browser navigates to (the
 * app then shows its own "not found", with a 404). The assets are served by Nest's
 * `useStaticAssets` (bootstrap.ts).
 */
export function webAppPages(webDir: string = defaultWebDir()): (req: HttpRequest, res: HttpResponse, next: NextFunction) => void {
  const indexFile = resolve(webDir, 'index.html');
  const index = existsSync(indexFile) ? readFileSync(indexFile) : null;
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const path = req.path ?? '/';
    const page = PAGES.some((re) => re.test(path));
    const browsing = !API_SEGMENTS.has(path.split('/')[1] ?? '') && (req as unknown as Accepting).accepts(['json', 'html']) === 'html';
    if (!page && !browsing) return next();
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    if (!index) {
      res.status(503).end('<!doctype html><title>Skolefravær</title><p>The web app is not built: run <code>npm run build:web</code>.</p>');
      return;
    }
    res.status(page ? 200 : 404).end(index);
  };
}

/** Express's content negotiation on the request. */
type Accepting = { accepts(types: string[]): string | false };
