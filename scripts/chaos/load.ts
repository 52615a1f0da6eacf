/**
 * The event load of a chaos run: loops that flag and clear cells through the HTTP API, each event
 * under its own Idempotency-Key, retried with the same key until the answer is definitive (2xx or a
 * refusal), as a careful client would. Every answer is kept with its latency.
 */

/** One HTTP attempt: when it started (ms since the epoch), how long it took, and its status. */
export interface Sample {
  at: number;
  ms: number;
  status: number | 'error';
}

/** An acknowledged event: where the API said it is. */
export interface Ack {
  unitId: string;
  key: string;
  seq: number;
  hash: string;
  duplicate: boolean;
}

export interface EventLoadOptions {
  baseUrl: string;
  token: string;
  cells: readonly string[];
  /** Loops running side by side; each owns every `concurrency`-th cell. */
  concurrency: number;
  /** Pause between two events of one loop, ms. */
  pauseMs: number;
}

export interface EventLoad {
  samples: Sample[];
  acks: Ack[];
  /** Definitive refusals (4xx): a client bug or a rule the load broke; expected 0. */
  refused: { key: string; status: number; detail: string }[];
  /** Stops issuing new events; resolves once every started event has a definitive answer. */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Answer {
  status: number | 'error';
  body: Record<string, unknown>;
}

async function post(options: EventLoadOptions, unitId: string, key: string, flag: boolean): Promise<Answer> {
  const event = {
    type: flag ? 'unit.flagged_difficult' : 'unit.difficulty_cleared',
    payload: { reason: `chaos ${key}` },
  };
  try {
    const res = await fetch(`${options.baseUrl}/api/v1/units/${unitId}/events`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${options.token}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': key,
      },
      body: JSON.stringify(event),
      signal: AbortSignal.timeout(15_000),
    });
    return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
  } catch {
    return { status: 'error', body: {} };
  }
}

/** Starts the loops; see EventLoad. */
export function startEventLoad(options: EventLoadOptions): EventLoad {
  const samples: Sample[] = [];
  const acks: Ack[] = [];
  const refused: EventLoad['refused'] = [];
  let stopping = false;

  /** Sends one event until its answer is definitive (the same key every time). */
  const settle = async (unitId: string, key: string, flag: boolean): Promise<boolean> => {
    for (;;) {
      const at = Date.now();
      const answer = await post(options, unitId, key, flag);
      samples.push({ at, ms: Date.now() - at, status: answer.status });
      if (answer.status === 200 || answer.status === 201) {
        const { seq, hash, duplicate } = answer.body as { seq: number; hash: string; duplicate: boolean };
        acks.push({ unitId, key, seq, hash, duplicate });
        return true;
      }
      if (
        typeof answer.status === 'number' &&
        answer.status >= 400 &&
        answer.status < 500 &&
        answer.status !== 429
      ) {
        refused.push({
          key,
          status: answer.status,
          detail: typeof answer.body.detail === 'string' ? answer.body.detail : '',
        });
        return false;
      }
      await sleep(250);
    }
  };

  const loop = async (mine: string[]) => {
    const flagged = new Map<string, boolean>();
    for (let n = 0; !stopping; n++) {
      const unitId = mine[n % mine.length]!;
      const flag = !(flagged.get(unitId) ?? false);
      const key = `chaos-${unitId}-${n}`;
      if (await settle(unitId, key, flag)) flagged.set(unitId, flag);
      await sleep(options.pauseMs);
    }
  };

  const loops = Array.from({ length: options.concurrency }, (_, i) =>
    loop(options.cells.filter((_, k) => k % options.concurrency === i)),
  );
  return {
    samples,
    acks,
    refused,
    stop: async () => {
      stopping = true;
      await Promise.all(loops);
    },
  };
}
