import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * helmet's default headers, with `upgrade-insecure-requests` only on requests that came over HTTPS
 * (`req.secure`, which honours `X-Forwarded-Proto` from a proxy on loopback). Over plain HTTP that
 * directive makes the browser fetch the page's own scripts and styles over https://, which fails on
 * every host name but localhost (exempt in browsers): Swagger UI at `/docs` stayed blank.
 */
export function securityHeaders(): RequestHandler {
  const overHttps = helmet();
  const overHttp = helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  return (req, res, next) => (req.secure ? overHttps : overHttp)(req, res, next);
}
