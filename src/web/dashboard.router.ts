import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import compression from 'compression';
import express, { Router, type NextFunction, type Response } from 'express';
import helmet from 'helmet';
import { buildDashboardCatalogue } from './catalogue.js';

/**
 * Where `npm run build` writes the dashboard bundle (`dist/web`): beside the compiled server when this
 * module runs from `dist/`, and in the checkout's `dist/` when it runs from the sources (tests, tsx).
 */
export const DEFAULT_BUNDLE_DIR = fileURLToPath(
  new URL(import.meta.url.endsWith('.ts') ? '../../dist/web/' : '../../web/', import.meta.url),
);

export interface DashboardOptions {
  /** Directory of the built bundle: `index.html` and `assets/` (tests and packaging may point elsewhere). */
  bundleDir?: string;
}

/** What `/` answers before the first build, in both languages, with what to do. */
export const NOT_BUILT_MESSAGE = [
  'Bảng điều khiển chưa được đóng gói: chạy `npm run build` (hoặc `npm start`), rồi tải lại trang.',
  'The dashboard is not built yet: run `npm run build` (or `npm start`), then reload this page.',
].join('\n');

/**
 * The dashboard's own security headers, so they hold wherever the router is mounted: everything
 * comes from this origin (no CDN, no inline script), and the page may not be framed.
 */
const dashboardHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
});

/** The page is revalidated on every visit, so a new build reaches users at once. */
const noCache = (res: Response) => res.setHeader('Cache-Control', 'no-cache');

/** Sends the built page, or a 503 saying how to build it. */
function sendPage(bundleDir: string, res: Response, next: NextFunction): void {
  noCache(res);
  res.sendFile('index.html', { root: bundleDir }, (error?: Error & { code?: string }) => {
    if (error === undefined) return;
    if (error.code === 'ENOENT' && !res.headersSent)
      res.status(503).type('text/plain').send(NOT_BUILT_MESSAGE);
    else next(error);
  });
}

/**
 * Serves the dashboard page at `/`, its bundled files under `/dashboard/assets/` and
 * `/dashboard/catalogue.json` (event labels and phase order from the machines), compressed. Bundled
 * files have content-hashed names, so browsers keep them for a year (`immutable`); the page and the
 * catalogue are revalidated. Data comes from `/api/v1` with the user's bearer token, so nothing here
 * needs the engine or authentication. Every route is explicit, so the router never touches requests
 * meant for the API (nor compresses their streams), whatever order it is mounted in.
 */
export function createDashboardRouter(options: DashboardOptions = {}): Router {
  const router = Router();
  const bundleDir = options.bundleDir ?? DEFAULT_BUNDLE_DIR;
  const catalogue = JSON.stringify(buildDashboardCatalogue());
  const compress = compression();
  router.get('/', dashboardHeaders, compress, (_req, res, next) => sendPage(bundleDir, res, next));
  router.get('/dashboard/catalogue.json', dashboardHeaders, compress, (_req, res) => {
    noCache(res);
    res.type('application/json').send(catalogue);
  });
  const assets = express.static(join(bundleDir, 'assets'), { immutable: true, maxAge: '1y', index: false });
  router.use('/dashboard/assets', dashboardHeaders, compress, assets);
  return router;
}
