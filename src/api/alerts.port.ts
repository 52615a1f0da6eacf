import type { Principal } from '../domain/index.js';

/** An alert as the API passes it on; the alerts layer owns its full shape. */
export interface AlertView {
  id: string;
  [field: string]: unknown;
}

/**
 * What the HTTP layer needs from the alerts layer. The composition root adapts src/alerts to this,
 * including which teams' feeds a principal reads, so routes stay free of that rule.
 */
/** Filters of a page of alerts (see GET /alerts). */
export interface AlertsQuery {
  limit: number;
  after?: { fireAt: number; id: string };
  acknowledged?: boolean;
  kind?: string;
  unitId?: string;
  from?: string;
  to?: string;
}

/** One alert of a bulk acknowledgement: done, or refused with why. */
export type AckOutcomeView =
  { id: string; acknowledged: true } | { id: string; acknowledged: false; status: number; reason: string };

export interface AlertsPort {
  /** A page of the caller's feeds, newest first, each alert with its unit's name. */
  list(
    principal: Principal,
    query: AlertsQuery,
  ): Promise<{ alerts: AlertView[]; next: { fireAt: number; id: string } | null }>;
  /** Acknowledges each alert on its own; one refused changes nothing for the others. */
  ackMany(ids: readonly string[], principal: Principal): Promise<AckOutcomeView[]>;
  /** Throws NotFoundError for an unknown alert and ForbiddenError for one outside the caller's feeds. */
  ack(alertId: string, principal: Principal): Promise<AlertView>;
  /**
   * Calls `listener.alert` for each new alert the principal may see, after first replaying those
   * recorded since alert `after` (an SSE `Last-Event-ID`), or `listener.gap` when that one is too old
   * to replay from. Resolves to an unsubscribe function.
   */
  subscribe(principal: Principal, listener: LiveAlertListener, after?: string): Promise<() => void>;
}

/** Receives a live stream's alerts, and a notice when some could not be replayed. */
export interface LiveAlertListener {
  alert(alert: AlertView): void;
  gap(): void;
}
