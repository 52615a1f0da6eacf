import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import { buildDashboardCatalogue } from './catalogue.js';

/** Where the browser files live; no build step, they are served as written. */
const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));

/** zod, served from node_modules so the browser validates API answers with the same library as the server. */
const ZOD_DIR = dirname(createRequire(import.meta.url).resolve('zod/package.json'));

export interface DashboardOptions {
  /** Directory of the static files (tests and packaging may point elsewhere). */
  publicDir?: string;
}

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

/** Of a vendored package, only its ES modules are served (not its sources, maps or CommonJS). */
const onlyModules: RequestHandler = (req, res, next) => {
  if (req.path.endsWith('.js')) next();
  else next('router');
};

/**
 * Serves the dashboard page at `/`, its files under `/dashboard/` and `/dashboard/catalogue.json`
 * (event labels and phase order from the machines). Data comes from `/api/v1` with the user's
 * bearer token, so nothing here needs the engine or authentication. Every route is explicit, so the
 * router never touches requests meant for the API, whatever order it is mounted in.
 */
export function createDashboardRouter(options: DashboardOptions = {}): Router {
  const router = Router();
  const publicDir = options.publicDir ?? PUBLIC_DIR;
  const catalogue = JSON.stringify(buildDashboardCatalogue());
  const noCache = (res: Response) => res.setHeader('Cache-Control', 'no-cache');
  router.get('/', dashboardHeaders, (_req, res) => {
    noCache(res);
    res.sendFile('index.html', { root: publicDir });
  });
  router.get('/dashboard/catalogue.json', dashboardHeaders, (_req, res) => {
    noCache(res);
    res.type('application/json').send(catalogue);
  });
  router.use('/dashboard/vendor/zod', dashboardHeaders, onlyModules, express.static(ZOD_DIR));
  router.use('/dashboard', dashboardHeaders, express.static(publicDir, { setHeaders: noCache }));
  return router;
}
