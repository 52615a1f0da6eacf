import type { AlertStore } from '../alerts/alert-store.js';
import type { Alert } from '../alerts/alert.schema.js';
import type { LiveAlertHub } from '../alerts/live-alert-hub.js';
import type { Principal } from '../domain/index.js';
import { AppError, ForbiddenError, NotFoundError } from '../shared/errors.js';
import { mayAcknowledge, teamsOf } from './alert-teams.js';
import type { AckOutcomeView, AlertsPort } from './alerts.port.js';

const sees = (teams: string[] | null, alert: Alert) =>
  teams === null || alert.recipients.some((t) => teams.includes(t));

/** Adapts the alert store and the live hub to what the routes need, applying who reads which feed. */
export function createAlertsPort(store: AlertStore, live: Pick<LiveAlertHub, 'subscribe'>): AlertsPort {
  const feedsOf = async (principal: Principal) => teamsOf(principal) ?? (await store.teams());

  return {
    async list(principal, query) {
      const teams = await feedsOf(principal);
      const { entries, next } = await store.page({
        teams,
        limit: query.limit,
        ...(query.after ? { after: query.after } : {}),
        ...(query.acknowledged === undefined ? {} : { acknowledged: query.acknowledged }),
        ...(query.kind === undefined ? {} : { kind: query.kind }),
        ...(query.unitId === undefined ? {} : { unitId: query.unitId }),
        ...(query.from === undefined ? {} : { from: Date.parse(query.from) }),
        ...(query.to === undefined ? {} : { to: Date.parse(query.to) }),
      });
      const ids = [...new Set(entries.flatMap((e) => (e.alert.unitId === null ? [] : [e.alert.unitId])))];
      const names = await store.unitNames(ids);
      const alerts = entries.map(({ alert, team, ack }) => ({
        ...alert,
        unitName: alert.unitId === null ? null : (names.get(alert.unitId) ?? null),
        team,
        ack,
      }));
      return { alerts, next };
    },

    async ackMany(ids, principal) {
      const outcomes: AckOutcomeView[] = [];
      // One at a time: a bulk acknowledgement is a person's click, and each answer is its own.
      for (const id of ids) {
        try {
          await this.ack(id, principal);
          outcomes.push({ id, acknowledged: true });
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          outcomes.push({ id, acknowledged: false, status: error.status, reason: error.message });
        }
      }
      return outcomes;
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
