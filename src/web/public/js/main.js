/* global location, fetch, window */
/**
 * Boot and routing: loads the catalogue, restores the session, draws the page for the current address
 * (`#/tree/<id>`, `#/unit/<id>`) and keeps the alerts panel live.
 */
import { createApi } from './api.js';
import { byId, h, replace } from './dom.js';
import { lang, setLang, t, translateStatic } from './i18n.js';
import { describeError, useCatalogue } from './labels.js';
import { subscribeAlerts } from './live-alerts.js';
import { parseRoute, treeHref, workHref } from './routes.js';
import { catalogueSchema } from './schemas.js';
import { readLang, readSignIn, saveLang, saveSignIn, signOut, visit } from './session.js';
import {
  addLiveAlert,
  onAcknowledge,
  redrawAlerts,
  showAlerts,
  showStreamStatus,
} from './views/alerts.view.js';
import { drawBatch, drawWork, readOnlyRoles } from './views/workbench.js';
import { signInPage } from './views/account-sign-in.view.js';
import { accountsPage } from './views/accounts.page.js';
import { ACCOUNTS_HREF, mountAccountsNav, unmountAccountsNav } from './views/accounts-nav.js';
import { endServerSession } from './account-session.js';
import { trailNav } from './views/trail.view.js';
import { treePage } from './views/tree.page.js';
import { unitPage } from './views/unit.page.js';

/**
 * `alertsLoaded` settles once the first alerts page is in.
 * @type {{ api: import('./api.js').Api, alerts: import('./schemas.js').Alert[], alertsLoaded: Promise<void>,
 *   stop: () => void } | null}
 */
let session = null;

const main = () => byId('main');

/** Which navigation the page belongs to: a slower earlier one must not draw over a later one. */
let navigation = 0;

/** @param {...import('./dom.js').Children} content */
function show(...content) {
  replace(main(), ...content);
  main().querySelector('h1')?.focus();
}

/** @param {string} [message] */
function showSignIn(message) {
  byId('alerts').hidden = true;
  byId('sign-out').hidden = true;
  byId('workbench-nav').hidden = true;
  show(
    signInPage({
      message,
      onSignedIn: (signIn) => {
        saveSignIn(signIn);
        start(signIn.token);
        goTo(signIn.work === true ? workHref : treeHref(signIn.root));
      },
    }),
  );
}

/**
 * Navigates to `hash`; setting the hash it already has fires no hashchange, so draw directly then.
 * @param {string} hash
 */
function goTo(hash) {
  if (location.hash === hash) void route();
  else location.hash = hash;
}

/** @param {string} token */
function start(token) {
  const api = createApi(token);
  /** @type {import('./schemas.js').Alert[]} */
  const none = [];
  /** @type {NonNullable<typeof session>} */
  const current = { api, alerts: none, alertsLoaded: Promise.resolve(), stop: () => undefined };
  session = current;
  byId('alerts').hidden = false;
  byId('sign-out').hidden = false;
  current.alertsLoaded = api.alerts().then(
    (alerts) => {
      current.alerts = alerts;
      showAlerts(alerts);
    },
    () => showStreamStatus('unavailable'),
  );
  const onAlert = (/** @type {import('./schemas.js').Alert} */ alert) => {
    current.alerts.unshift(alert);
    addLiveAlert(alert);
  };
  current.stop = subscribeAlerts(token, onAlert, showStreamStatus);
  void mountAccountsNav(token, api);
  // Readers (inspection, auditors) see alerts but are offered no acknowledgement.
  onAcknowledge(null);
  void api.me().then((me) => {
    if (readOnlyRoles.includes(me.principal.role)) return;
    onAcknowledge(async (ids) =>
      (await api.acknowledge(ids)).results.filter((r) => r.acknowledged).map((r) => r.id),
    );
    redrawAlerts();
  });
}

/** @param {string} id @param {() => boolean} latest */
async function drawTree(id, latest) {
  if (!session) return;
  const { api } = session;
  const [view, progress, children, atRisk] = await Promise.all([
    api.unit(id),
    api.progress(id),
    api.children(id),
    api.atRisk(id),
  ]);
  if (latest()) show(trailNav(visit(view.unit)), ...treePage({ view, progress, children, atRisk }));
}

/** @param {string} id @param {() => boolean} latest */
async function drawUnit(id, latest) {
  if (!session) return;
  const { api } = session;
  const [view, history] = await Promise.all([api.unit(id), api.history(id)]);
  if (latest()) show(trailNav(visit(view.unit)), ...unitPage({ api, view, history, now: Date.now() }));
}

async function route() {
  const signIn = readSignIn();
  if (!signIn) return showSignIn();
  if (!session) start(signIn.token);
  if (location.hash === ACCOUNTS_HREF && session)
    return show(accountsPage({ credential: signIn.token, me: await session.api.me() }));
  const target = parseRoute(location.hash);
  if (target.view === 'home') return goTo(treeHref(signIn.root));
  const nav = byId('workbench-nav');
  nav.hidden = false;
  for (const link of nav.querySelectorAll('a')) {
    if (link.getAttribute('href') === location.hash) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  replace(main(), h('p', { 'aria-busy': 'true' }, t('loading')));
  const mine = ++navigation;
  const latest = () => mine === navigation;
  try {
    if (target.view === 'work' && session) {
      const page = await drawWork(session.api, () => void route());
      if (latest()) show(...page);
    } else if (target.view === 'batch' && session) {
      const page = await drawBatch(session.api);
      if (latest()) show(...page);
    } else if (target.view === 'tree') await drawTree(target.id, latest);
    else if (target.view === 'unit') await drawUnit(target.id, latest);
  } catch (error) {
    if (error instanceof Error && 'status' in error && error.status === 401)
      return endSession(describeError(error));
    show(
      h('h1', { tabindex: -1 }, t('app.title')),
      h('p', { class: 'error', role: 'alert' }, describeError(error, 'id' in target ? target.id : '')),
    );
  }
}

/** @param {string} [message] */
function endSession(message) {
  session?.stop();
  session = null;
  void endServerSession(readSignIn()?.token).then((providerSignOut) => {
    if (providerSignOut !== null) location.assign(providerSignOut);
  });
  unmountAccountsNav();
  signOut();
  showSignIn(message);
}

/** @param {import('./messages.js').Lang} next */
function switchLang(next) {
  setLang(next);
  saveLang(next);
  translateStatic();
  redrawAlerts();
  void route();
}

async function boot() {
  setLang(readLang());
  translateStatic();
  const select = /** @type {HTMLSelectElement} */ (byId('lang'));
  select.value = lang();
  select.addEventListener('change', () => switchLang(select.value === 'en' ? 'en' : 'vi'));
  byId('sign-out').addEventListener('click', () => endSession());
  byId('skip').addEventListener('click', (event) => (event.preventDefault(), main().focus()));
  const res = await fetch('/dashboard/catalogue.json');
  const catalogue = catalogueSchema.safeParse(await res.json());
  if (catalogue.success) useCatalogue(catalogue.data);
  window.addEventListener('hashchange', () => void route());
  await route();
}

void boot();
