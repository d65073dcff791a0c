export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page; absent on the last page. */
  nextCursor?: string;
  total?: number;
}

/**
 * The orchestrator's and the balancer's probes: live = the process answers (restart it when not);
 * ready = it takes traffic (not while it drains for a stop or has no database).
 */
export interface ProbeReport {
  status: 'ok' | 'draining' | 'degraded';
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: 'connected' | 'connecting' | 'disconnected' | 'disconnecting';
  databaseLatencyMs?: number;
  version: string;
  uptimeSeconds: number;
}
