export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page; absent on the last page. */
  nextCursor?: string;
  total?: number;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: 'connected' | 'connecting' | 'disconnected' | 'disconnecting';
  databaseLatencyMs?: number;
  version: string;
  uptimeSeconds: number;
}
