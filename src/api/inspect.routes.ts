import { createInspector, createWebSocketInspector, type StatelyInspectionEvent } from '@statelyai/inspect';
import { Router } from 'express';
import type { Engine } from '../engine/engine.types.js';
import type { Principal } from '../domain/index.js';
import { principalOf } from './request-context.js';
import { parseRequest, unitParamsSchema } from './schemas.js';

/** Opt-in live inspection (`CONGRESS_INSPECT=1`): off by default because it replays whole logs. */
export interface InspectOptions {
  enabled: boolean;
  /** WebSocket of a Stately inspector server (`npx @statelyai/inspect` / createInspectorServer). */
  url: string;
}

/** Inspector that both forwards to the WebSocket inspector and keeps what it sent, for the response. */
function recordingInspector(url: string) {
  const socket = createWebSocketInspector({ url, autoStart: false });
  const sent: StatelyInspectionEvent[] = [];
  const inspector = createInspector(
    {
      start: () => socket.adapter.start(),
      stop: () => socket.adapter.stop(),
      send: (event) => {
        sent.push(event);
        socket.adapter.send(event);
      },
    },
    { autoStart: false },
  );
  return { inspector, sent };
}

/**
 * Replays the unit's log into the inspector: the actor, then each event with the snapshot the
 * engine replays at that seq, so the Stately UI shows the unit's path through the statechart.
 */
async function replayInto(engine: Engine, unitId: string, principal: Principal, url: string) {
  const { inspector, sent } = recordingInspector(url);
  inspector.start();
  const first = await engine.replay(unitId, { seq: 0 }, principal);
  inspector.actor(unitId, first.snapshot);
  let fromSeq: number | null = 1;
  while (fromSeq !== null) {
    const page: Awaited<ReturnType<Engine['history']>> = await engine.history(
      unitId,
      { fromSeq, limit: 200 },
      principal,
    );
    for (const entry of page.entries) {
      const event = { type: entry.type, ...entry.payload };
      inspector.event(unitId, event);
      inspector.snapshot(unitId, (await engine.replay(unitId, { seq: entry.seq }, principal)).snapshot, {
        event,
      });
    }
    fromSeq = page.nextSeq;
  }
  inspector.stop();
  return sent;
}

/** `GET /units/:id/inspect`: sends the unit's replay to the inspector and returns the inspection events. */
export function inspectRouter(engine: Engine, options: InspectOptions): Router {
  const router = Router();
  router.get('/units/:id/inspect', async (req, res) => {
    const { id } = parseRequest(unitParamsSchema, req.params, 'params');
    const sent = await replayInto(engine, id, principalOf(res), options.url);
    res.json({ unitId: id, inspector: options.url, events: sent });
  });
  return router;
}
