import type { RequestHandler } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The API's own Prometheus metrics; other layers' registries are merged in at scrape time. */
export interface HttpMetrics {
  registry: Registry;
  middleware: RequestHandler;
  /** Outcome of each event POST as the API saw it: appended, duplicate, or the refusal code. */
  dispatches: Counter<'outcome'>;
}

/** Route template (`/api/v1/units/:id`) rather than the raw path, so label cardinality stays bounded. */
function routeLabel(req: Parameters<RequestHandler>[0]): string {
  const route = req.route as { path?: unknown } | undefined;
  return typeof route?.path === 'string' ? `${req.baseUrl}${route.path}` : 'unmatched';
}

export function createHttpMetrics(): HttpMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route template, method and status',
    labelNames: ['route', 'method', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const dispatches = new Counter({
    name: 'congress_api_dispatch_total',
    help: 'Event submissions through the API by outcome',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const middleware: RequestHandler = (req, res, next) => {
    const stop = latency.startTimer({ method: req.method });
    res.on('finish', () => stop({ route: routeLabel(req), status: String(res.statusCode) }));
    next();
  };
  return { registry, middleware, dispatches };
}

/** One scrape over the API registry and any registries the engine or alerts expose. */
export async function scrape(registries: Registry[]): Promise<{ contentType: string; body: string }> {
  const merged = Registry.merge(registries);
  return { contentType: merged.contentType, body: await merged.metrics() };
}
