import { Transport, type LoggerLevel, type LogMeta } from '@midwayjs/logger';
import type { Application } from '@midwayjs/koa';

/** Keeps every line the app logger writes, formatted as the real transports format it (redaction included). */
class CaptureTransport extends Transport<{ level: LoggerLevel }> {
  readonly lines: string[] = [];

  log(level: LoggerLevel | false, meta: LogMeta, ...args: unknown[]): void {
    this.lines.push(String(this.format(level, meta, args)));
  }

  close(): void {}
}

interface LevelledLogger {
  level: LoggerLevel;
  add(name: string, transport: Transport<{ level: LoggerLevel }>): void;
  remove(name: string): void;
}

/** Lines of the app logger (ctx.logger writes there) at info and above, until `stop`. */
export function captureLogs(app: Application): { lines: string[]; stop: () => void } {
  const logger = app.getLogger() as unknown as LevelledLogger;
  const level = logger.level;
  const transport = new CaptureTransport({ level: 'info' });
  logger.level = 'info';
  logger.add('test-capture', transport);
  return {
    lines: transport.lines,
    stop: () => {
      logger.remove('test-capture');
      logger.level = level;
    },
  };
}
