/** CPU accounting around a measured run: this process (the one driving the load) and Redis. */

/** CPU spent per event by this process and by Redis, in microseconds. */
export interface CpuPerEvent {
  nodeUs: number;
  redisUs: number;
}

/** Runs `fn` and measures the CPU this process and Redis (`redisCpu`: its CPU seconds so far) spent on it, per event. */
export async function withCpu<T>(
  events: number,
  redisCpu: () => Promise<number>,
  fn: () => Promise<T>,
): Promise<[T, CpuPerEvent]> {
  const redis0 = await redisCpu();
  const node0 = process.cpuUsage();
  const value = await fn();
  const node = process.cpuUsage(node0);
  const redisUs = (((await redisCpu()) - redis0) * 1e6) / events;
  return [value, { nodeUs: (node.user + node.system) / events, redisUs }];
}
