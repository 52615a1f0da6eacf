/** Redis keys of the alert store, all under the deployment prefix. */
export function alertKeys(prefix: string) {
  return {
    alert: (id: string) => `${prefix}:alert:${id}`,
    unitAlerts: (unitId: string) => `${prefix}:alerts:unit:${unitId}`,
    digests: () => `${prefix}:alerts:digests`,
    teams: () => `${prefix}:alerts:teams`,
    openFeed: (team: string) => `${prefix}:alerts:feed:${team}:open`,
    ackedFeed: (team: string) => `${prefix}:alerts:feed:${team}:acked`,
    acks: (team: string) => `${prefix}:alerts:acks:${team}`,
    webhook: (team: string) => `${prefix}:alerts:webhook:${team}`,
    deadLetters: () => `${prefix}:alerts:webhooks:dead`,
    /** Stream of new alerts, capped, that live streams read and replay from (see live-alert-hub.ts). */
    liveLog: () => `${prefix}:alerts:live-log`,
    /** Pub/sub channel of new alerts (a channel, not a key). */
    liveChannel: () => `${prefix}:alerts:live`,
  };
}

export type AlertKeys = ReturnType<typeof alertKeys>;
