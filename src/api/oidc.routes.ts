import { Router, type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import type { OidcClient } from '../auth/oidc-client.js';
import { accountForIdentity } from '../auth/sign-in.js';
import type { Clock } from '../shared/clock.js';
import { AppError, UnauthorizedError } from '../shared/errors.js';
import type { AccountsDeps } from './session-config.js';
import { establishSession, promisify } from './session-establish.js';

/** Where the dashboard picks up the session the callback made (account-sign-in.view.js). */
export const OIDC_LANDING = '/?signin=oidc';

/** The path of the request, without its query (`/api/v1/session/oidc`). */
const pathOf = (req: Request) => new URL(req.originalUrl, 'http://local').pathname;

/** OIDC_REDIRECT_URL, else this server's callback as the browser reached it (TRUST_PROXY decides the scheme). */
function redirectUriOf(req: Request, configured: string | undefined): string {
  return configured ?? `${req.protocol}://${req.get('host')}${pathOf(req)}/callback`;
}

/**
 * Where the provider sends the browser back after signing out there: the dashboard's sign-in page on
 * the callback's origin (register it at the provider as a post-logout redirect URI).
 */
export function postLogoutUriOf(req: Request, configured: string | undefined): string {
  return new URL('/', configured ?? `${req.protocol}://${req.get('host')}`).href;
}

const VIETNAMESE: Record<number, string> = {
  401: 'Không đăng nhập được bằng tài khoản tổ chức. Nếu tài khoản chưa có ở đây, hãy nhờ quản trị tài khoản tạo; nếu không, hãy thử lại từ trang đăng nhập.',
  403: 'Tài khoản đã bị vô hiệu hoá. Hãy nhờ quản trị tài khoản kích hoạt lại.',
  429: 'Có quá nhiều lần đăng nhập thất bại từ địa chỉ này. Hãy đợi rồi thử lại.',
  503: 'Hệ thống đăng nhập của tổ chức không phản hồi. Hãy thử lại sau, hoặc đăng nhập bằng mật khẩu.',
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A refused OIDC sign-in is a page the browser navigated to, not an API call: it answers a small
 * page in both languages that says what to do, with a link back to the sign-in page. The status
 * stays the refusal's (401 counts towards the per-address limit).
 */
const refusalPage: ErrorRequestHandler = (err: unknown, _req, res, next) => {
  // Anything unforeseen goes to the app's error handler, which logs it.
  if (!(err instanceof AppError)) return next(err);
  const { status, message: english } = err;
  const vietnamese = VIETNAMESE[status] ?? 'Đăng nhập thất bại. Hãy thử lại sau.';
  res
    .status(status)
    .type('html')
    .send(
      `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Đăng nhập / Sign in</title>` +
        `<main><h1>Không đăng nhập được / Sign-in refused</h1>` +
        `<p lang="vi">${escapeHtml(vietnamese)}</p><p lang="en">${escapeHtml(english)}</p>` +
        `<p><a href="/">Quay lại trang đăng nhập / Back to the sign-in page</a></p></main></html>`,
    );
};

/** Forgets the sign-in under way when it fails, so a refused attempt leaves no session behind. */
async function forget(req: Request): Promise<void> {
  if (req.session.accountId === undefined) await promisify((done) => req.session.destroy(done));
}

/**
 * `GET /session/oidc` sends the browser to the provider (state, nonce and PKCE verifier kept in
 * the session); `GET /session/oidc/callback` exchanges the code, maps the username claim to an
 * existing, enabled account and signs it in exactly as a password would, then lands on the
 * dashboard. `guard` is the sign-in routes' per-address limit: refusals (401) count towards it.
 */
export function oidcRouter(
  deps: AccountsDeps & { oidc: { client: OidcClient; redirectUrl?: string } },
  clock: Clock,
  guard: RequestHandler,
): Router {
  const router = Router();
  const { client, redirectUrl } = deps.oidc;
  router.get('/session/oidc', guard, async (req, res) => {
    const { url, checks } = await client.start(redirectUriOf(req, redirectUrl));
    req.session.oidc = checks;
    await promisify((done) => req.session.save(done));
    res.redirect(303, url);
  });
  router.get('/session/oidc/callback', guard, async (req, res) => {
    const checks = req.session.oidc;
    try {
      if (checks === undefined)
        throw new UnauthorizedError(
          'No sign-in with your organisation is under way in this browser; start again',
        );
      delete req.session.oidc;
      const callback = new URL(checks.redirectUri);
      callback.search = new URL(req.originalUrl, 'http://local').search;
      const { username, idToken } = await client.finish(callback, checks);
      const account = await accountForIdentity(deps.store, username);
      await establishSession(req, res, deps, clock, account);
      req.session.oidcIdToken = idToken;
      await promisify((done) => req.session.save(done));
    } catch (err) {
      await forget(req);
      throw err;
    }
    res.redirect(303, OIDC_LANDING);
  });
  router.use('/session/oidc', refusalPage);
  return router;
}
