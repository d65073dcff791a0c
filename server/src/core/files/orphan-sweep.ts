import { Config, Inject, Logger, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { ILogger } from '@midwayjs/logger';
import type { StorageSettings } from '../../interface';
import { FileStorage, STORAGE_FOLDERS, type StorageFolder } from './storage';
import { pastGrace, unreferenced } from './sweep.rules';

export interface SweepReport {
  listed: number;
  pastGrace: number;
  removed: number;
  /** Folders left alone: no module registered what it references there, or listing failed. */
  skipped: StorageFolder[];
}

/**
 * Deletes stored files no record references, once they are older than the grace period: an upload
 * cut off between storing the file and writing its record (a crash, a lost race whose clean-up
 * failed) leaves one. Runs in the worker process every `sweepIntervalMs`. Several workers may sweep
 * at once: every delete is idempotent and only ever hits an unreferenced, old file.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class OrphanSweep {
  @Inject()
  private storage!: FileStorage;

  @Config('app.storage')
  private settings!: StorageSettings;

  @Logger()
  private logger!: ILogger;

  private timer?: NodeJS.Timeout;

  private running?: Promise<SweepReport>;

  start(): void {
    if (this.timer || !(this.settings.sweepIntervalMs > 0)) return;
    this.timer = setInterval(() => {
      this.sweep().catch(err => this.logger.error('[files] orphan sweep failed: %s', (err as Error).message));
    }, this.settings.sweepIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One sweep over every folder; a sweep already under way is joined, not doubled. */
  sweep(now: Date = new Date()): Promise<SweepReport> {
    this.running ??= this.sweepAll(now).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async sweepAll(now: Date): Promise<SweepReport> {
    const report: SweepReport = { listed: 0, pastGrace: 0, removed: 0, skipped: [] };
    const sources = new Map(this.storage.referenceSources());
    const started = Date.now();
    for (const folder of STORAGE_FOLDERS) {
      const claimers = sources.get(folder);
      if (!claimers?.length) {
        report.skipped.push(folder);
        continue;
      }
      const before = { ...report };
      try {
        let page = 0;
        for await (const objects of this.storage.list(folder)) {
          page += 1;
          report.listed += objects.length;
          const old = pastGrace(objects, now, this.settings.orphanGraceMs);
          report.pastGrace += old.length;
          if (!old.length) continue;
          const claimed = (await Promise.all(claimers.map(claim => claim(old)))).flatMap(keys => [...keys]);
          for (const key of unreferenced(old, claimed)) {
            await this.storage.remove(key);
            report.removed += 1;
          }
          if (page % 10 === 0) this.logger.info('[files] sweeping %s: %d listed, %d removed so far', folder, report.listed - before.listed, report.removed - before.removed);
        }
      } catch (err) {
        report.skipped.push(folder);
        this.logger.warn('[files] sweep of %s stopped: %s', folder, (err as Error).message);
        continue;
      }
      if (report.removed > before.removed) {
        this.logger.info('[files] swept %s: %d files, %d past grace, %d unreferenced removed', folder, report.listed - before.listed, report.pastGrace - before.pastGrace, report.removed - before.removed);
      }
    }
    this.logger.info(
      '[files] orphan sweep done in %d ms: %d files listed, %d older than %d h, %d unreferenced removed%s',
      Date.now() - started,
      report.listed,
      report.pastGrace,
      Math.round(this.settings.orphanGraceMs / 3600_000),
      report.removed,
      report.skipped.length ? `; skipped ${report.skipped.join(', ')}` : '',
    );
    return report;
  }
}
