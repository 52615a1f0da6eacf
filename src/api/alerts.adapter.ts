import type { AlertStore } from '../alerts/alert-store.js';
import type { Alert } from '../alerts/alert.schema.js';
import type { LiveAlertHub } from '../alerts/live-alert-hub.js';
import type { Principal } from '../domain/index.js';
import { ForbiddenError, NotFoundError } from '../shared/errors.js';
import { mayAcknowledge, teamsOf } from './alert-teams.js';
import type { AlertView, AlertsPort } from './alerts.port.js';

const sees = (teams: string[] | null, alert: Alert) =>
  teams === null || alert.recipients.some((t) => teams.includes(t));

/** Adapts the alert store and the live hub to what the routes need, applying who reads which feed. */
export function createAlertsPort(store: AlertStore, live: Pick<LiveAlertHub, 'subscribe'>): AlertsPort {
  const feedsOf = async (principal: Principal) => teamsOf(principal) ?? (await store.teams());

  return {
    async list(principal, { limit, includeAcked }) {
      const feeds = await feedsOf(principal);
      const pages = await Promise.all(
        feeds.map(async (team) => ({
          team,
          page: await store.listFeed(team, { status: includeAcked ? 'all' : 'open', limit }),
        })),
      );
      const byId = new Map<string, AlertView>();
      for (const { team, page } of pages) {
        for (const { alert, ack } of page.items) byId.set(alert.id, { ...alert, team, ack });
      }
      return [...byId.values()]
        .sort((a, b) => String(b.fireAt).localeCompare(String(a.fireAt)))
        .slice(0, limit);
    },

    async ack(alertId, principal) {
      if (!mayAcknowledge(principal))
        throw new ForbiddenError(`Role ${principal.role} reads alerts but does not acknowledge them`);
      const alert = await store.get(alertId);
      if (alert === null) throw new NotFoundError(`No alert ${alertId}`);
      const teams = teamsOf(principal);
      const mine = alert.recipients.filter((t) => teams === null || teams.includes(t));
      if (mine.length === 0) throw new ForbiddenError(`Alert ${alertId} is not in your feeds`);
      const outcomes = await Promise.all(mine.map((team) => store.ack(team, alertId, principal.id)));
      return { ...alert, acknowledged: outcomes.every((o) => o !== 'not_in_feed'), teams: mine };
    },

    async subscribe(principal, listener, after) {
      const teams = teamsOf(principal);
      const alert = (a: Alert) => {
        if (sees(teams, a)) listener.alert(a);
      };
      return live.subscribe({ alert, gap: () => listener.gap() }, after);
    },
  };
}
