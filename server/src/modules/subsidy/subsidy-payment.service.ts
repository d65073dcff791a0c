import { Inject, Logger, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { ILogger } from '@midwayjs/logger';
import ExcelJS from 'exceljs';
import { randomBytes } from 'crypto';
import { Types } from 'mongoose';
import {
  PAYMENT_COLUMNS,
  paymentFileName,
  type BatchExclusion,
  type PaymentBatchInput,
  type PaymentBatchPreview,
  type PaymentBatchPreviewInput,
  type PaymentBatchView,
  type PaymentImportResult,
} from '../../contract/subsidy';
import { BizError, notFound } from '../../core/errors';
import { Database } from '../../core/database';
import { PiiService } from '../../core/pii';
import type { AuthUser } from '../../interface';
import { AuditService } from '../audit/audit.service';
import { RevealLogService } from '../privacy/reveal.service';
import { PaymentBatchModel, type PaymentBatchDoc, type PaymentLine } from './subsidy-batch.model';
import { PaymentAttemptModel } from './subsidy-stages.model';
import { SubsidyApplicationModel, type StoredTimelineEntry, type SubsidyApplicationDoc } from './subsidy.model';
import { bankResult } from './subsidy.decision.rules';
import { paymentTotals, readPaymentResult } from './subsidy.rules';
import { SubsidyNoticeService } from './subsidy-notice.service';
import { subsidyStepNotice } from './subsidy.notice.rules';
import { beijingDay } from '../../contract/time';
import { batchPreview, type BatchCandidate } from './subsidy.payment.rules';
import { checkPaymentAllowed, noticeRunning } from './subsidy.publicity.rules';
import type { FilterQuery } from 'mongoose';

/** At most this many applications per batch (one bank file). */
export const BATCH_MAX_LINES = 2000;
/** A batch still `building` after this long was interrupted; the next batch run completes it. */
const BUILDING_STALE_MS = 60_000;

function toBatchView(doc: PaymentBatchDoc, now = new Date()): PaymentBatchView {
  const p = doc.publicity;
  return {
    id: doc._id.toHexString(),
    reference: doc.reference,
    status: doc.status,
    createdAt: doc.createdAt.toISOString(),
    totals: paymentTotals(doc.lines),
    lines: doc.lines.map(l => ({
      applicationId: l.applicationId.toHexString(),
      key: lineKey(l),
      name: l.name,
      programName: l.programName,
      bankAccount: l.bankAccountMasked,
      amount: l.amount,
      status: l.status,
      reason: l.reason,
      ...(l.held ? { held: true } : {}),
    })),
    ...(p
      ? {
          publicity: {
            startsAt: p.startsAt.toISOString(),
            endsAt: p.endsAt.toISOString(),
            lastDay: p.lastDay,
            workingDays: p.workingDays,
            running: noticeRunning(p, now),
            openObjections: doc.lines.filter(l => l.held && l.status === 'pending').length,
          },
        }
      : {}),
  };
}

/** The bank file's 业务参考号 of a line. */
export function lineKey(line: Pick<PaymentLine, 'applicationId' | 'key'>): string {
  return line.key ?? line.applicationId.toHexString();
}

function lineOf(app: SubsidyApplicationDoc): PaymentLine {
  return {
    applicationId: app._id,
    key: `${app._id.toHexString()}#${app.paymentAttempts ?? 1}`,
    name: app.applicantName,
    programName: app.programName,
    bankAccountMasked: app.bankAccountMasked ?? '',
    amount: app.amount ?? 0,
    status: 'pending',
  };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'text' in value && typeof value.text === 'string') return value.text;
  if (typeof value === 'object' && 'result' in value) return String(value.result ?? '');
  if (typeof value === 'object' && 'richText' in value) return value.richText.map(r => r.text).join('');
  return String(value);
}

@Provide()
@Scope(ScopeEnum.Singleton)
export class SubsidyPaymentService {
  @Inject()
  private db!: Database;

  @Inject()
  private pii!: PiiService;

  @Inject()
  private audit!: AuditService;

  @Inject()
  private reveals!: RevealLogService;

  @Inject()
  private notices!: SubsidyNoticeService;

  /** Set by tests and the demo's history; production uses the clock. */
  now: () => Date = () => new Date();

  @Logger()
  private logger!: ILogger;

  /**
   * What 生成批次 would do now: the approved applications it would take (first come, up to one bank
   * file), their sums by program and district, and what waits outside it and why. Changes nothing.
   */
  async preview(input: PaymentBatchPreviewInput): Promise<PaymentBatchPreview> {
    return (await this.plan(input.programId)).preview;
  }

  private async plan(programId: string | undefined): Promise<{ preview: PaymentBatchPreview; ids: Types.ObjectId[] }> {
    const apps = this.db.model(SubsidyApplicationModel);
    const program: FilterQuery<SubsidyApplicationDoc> = programId ? { programId: new Types.ObjectId(programId) } : {};
    const waiting: FilterQuery<SubsidyApplicationDoc> = { status: 'approved', batchId: { $exists: false }, ...program };
    const hasAccount = { bankAccountEnc: { $exists: true, $nin: [null, ''] } };
    const payable: FilterQuery<SubsidyApplicationDoc> = { ...waiting, ...hasAccount, amount: { $gt: 0 } };
    const docs = await apps
      .find(payable, { programId: 1, programName: 1, employmentDistrict: 1, amount: 1, paymentAttempts: 1 })
      .sort({ _id: 1 })
      .limit(BATCH_MAX_LINES)
      .lean();
    const included: BatchCandidate[] = docs.map(d => ({
      id: d._id.toHexString(),
      attempt: (d.paymentAttempts ?? 0) + 1,
      programId: d.programId.toHexString(),
      programName: d.programName,
      district: d.employmentDistrict,
      amount: d.amount ?? 0,
    }));
    const all = await this.sum(payable);
    const excluded: Array<{ reason: BatchExclusion; count: number; total: number }> = [
      { reason: 'noAccount', ...(await this.sum({ ...waiting, $or: [{ bankAccountEnc: { $exists: false } }, { bankAccountEnc: { $in: [null, ''] } }] })) },
      { reason: 'noAmount', ...(await this.sum({ ...waiting, ...hasAccount, $or: [{ amount: { $exists: false } }, { amount: { $lte: 0 } }] })) },
      { reason: 'overLimit', count: all.count - included.length, total: all.total - included.reduce((s, l) => s + l.amount, 0) },
      ...(programId ? [{ reason: 'otherProgram' as const, ...(await this.sum({ status: 'approved', batchId: { $exists: false }, programId: { $ne: new Types.ObjectId(programId) } })) }] : []),
      { reason: 'payReturned', ...(await this.sum({ status: 'payReturned', ...program })) },
      { reason: 'inOpenBatch', ...(await this.sum({ status: 'paying', ...program })) },
    ];
    return { preview: batchPreview({ programId, included, excluded, limit: BATCH_MAX_LINES }), ids: docs.map(d => d._id) };
  }

  private async sum(filter: FilterQuery<SubsidyApplicationDoc>): Promise<{ count: number; total: number }> {
    const [row] = await this.db
      .model(SubsidyApplicationModel)
      .aggregate<{ count: number; total: number }>([{ $match: filter }, { $group: { _id: null, count: { $sum: 1 }, total: { $sum: '$amount' } } }]);
    return { count: row?.count ?? 0, total: row?.total ?? 0 };
  }

  /**
   * Generates the batch the bureau previewed: only when the waiting lines are still exactly those
   * (the preview key), so nothing unseen is paid. Each claim is a conditional update (status approved,
   * no batch), so an application is never in two batches; the batch carries the preview key (unique),
   * so a repeated request answers with the batch it made instead of making another.
   */
  async create(actor: AuthUser, input: PaymentBatchInput, requestId?: string): Promise<PaymentBatchView> {
    await this.completeInterrupted();
    const batches = this.db.model(PaymentBatchModel);
    const made = await this.madeFrom(input.previewKey);
    if (made) return made;
    const { preview, ids } = await this.plan(input.programId);
    if (ids.length === 0) throw new BizError('SUBSIDY_BATCH_EMPTY');
    if (preview.previewKey !== input.previewKey) throw new BizError('SUBSIDY_BATCH_PREVIEW_STALE', undefined, 'previewKey');

    const apps = this.db.model(SubsidyApplicationModel);
    const now = this.now();
    const batchId = new Types.ObjectId();
    const reference = `BT${beijingDay(now).replace(/-/g, '')}${randomBytes(3).toString('hex').toUpperCase()}`;
    try {
      await batches.create({
        _id: batchId,
        reference,
        status: 'building',
        programId: input.programId ? new Types.ObjectId(input.programId) : undefined,
        previewKey: input.previewKey,
        createdBy: actor.id,
        // The service's clock, not the database's: the demo's history makes its batches weeks ago.
        createdAt: now,
        lines: [],
      });
    } catch (err) {
      // The same confirmation arrived twice at once: the first one builds the batch.
      if ((err as { code?: number }).code !== 11000) throw err;
      const first = await this.madeFrom(input.previewKey);
      if (first) return first;
      throw new BizError('CONFLICT');
    }
    const entry: StoredTimelineEntry = { at: now, action: 'batched', actorRole: 'bureau', actorId: actor.id };
    for (const _id of ids) {
      await apps.updateOne(
        { _id, status: 'approved', batchId: { $exists: false } },
        { $set: { status: 'paying', batchId }, $inc: { paymentAttempts: 1 }, $push: { timeline: entry } },
      );
    }
    const batch = await this.fill(batchId);
    if (batch.lines.length === 0) {
      await batches.deleteOne({ _id: batchId, status: 'open' });
      throw new BizError('SUBSIDY_BATCH_EMPTY');
    }
    await this.audit.record(
      actor,
      {
        action: 'subsidy.batch.create',
        targetType: 'subsidyBatch',
        targetId: batchId.toHexString(),
        to: 'open',
        detail: { count: batch.lines.length, total: paymentTotals(batch.lines).total, previewed: preview.count },
      },
      requestId,
    );
    return toBatchView(batch);
  }

  /** The batch a preview key already made; one still being built is answered with 409 (try again shortly). */
  private async madeFrom(previewKey: string): Promise<PaymentBatchView | null> {
    const doc = await this.db.model(PaymentBatchModel).findOne({ previewKey }).lean();
    if (!doc) return null;
    if (doc.status === 'building') throw new BizError('CONFLICT', '该批次正在生成，请稍后刷新查看');
    return toBatchView(doc);
  }

  /**
   * Lines are whatever this batch actually claimed, each a payment attempt of its own (upserted by
   * key, so completing an interrupted batch writes none twice); the update only applies to a batch still building.
   */
  private async fill(batchId: Types.ObjectId): Promise<PaymentBatchDoc> {
    const claimed = await this.db.model(SubsidyApplicationModel).find({ batchId, status: 'paying' }).sort({ _id: 1 }).lean();
    const batches = this.db.model(PaymentBatchModel);
    const lines = claimed.map(lineOf);
    const attempts = this.db.model(PaymentAttemptModel);
    for (const line of lines) {
      await attempts.updateOne(
        { key: line.key },
        { $setOnInsert: { applicationId: line.applicationId, batchId, attempt: Number(line.key?.split('#')[1]), amount: line.amount, bankAccountMasked: line.bankAccountMasked, status: 'pending' } },
        { upsert: true },
      );
    }
    await batches.updateOne({ _id: batchId, status: 'building' }, { $set: { status: 'open', lines } });
    const doc = await batches.findById(batchId).lean();
    if (!doc) throw notFound('发放批次');
    return doc;
  }

  private async completeInterrupted(): Promise<void> {
    const stale = await this.db
      .model(PaymentBatchModel)
      .find({ status: 'building', createdAt: { $lt: new Date(Date.now() - BUILDING_STALE_MS) } }, { _id: 1 })
      .lean();
    for (const b of stale) await this.fill(b._id);
  }

  async list(): Promise<PaymentBatchView[]> {
    const docs = await this.db.model(PaymentBatchModel).find({ status: { $ne: 'building' } }).sort({ createdAt: -1 }).limit(100).lean();
    return docs.map(d => toBatchView(d));
  }

  async get(id: string): Promise<PaymentBatchView> {
    const doc = await this.db.model(PaymentBatchModel).findById(id).lean();
    if (!doc) throw notFound('发放批次');
    return toBatchView(doc);
  }

  /** The bank file: full ID and account numbers, for the bureau only; every export is audited. */
  async exportFile(actor: AuthUser, id: string, requestId?: string): Promise<{ filename: string; data: Buffer }> {
    const batch = await this.db.model(PaymentBatchModel).findById(id).lean();
    if (!batch || batch.status === 'building') throw notFound('发放批次');
    checkPaymentAllowed(batch.publicity, new Date());
    // A line an open objection holds stays out of the file until the bureau decides.
    batch.lines = batch.lines.filter(l => !l.held);
    const apps = await this.db
      .model(SubsidyApplicationModel)
      .find({ _id: { $in: batch.lines.map(l => l.applicationId) } }, { applicantKind: 1, applicantId: 1, employerUscc: 1, idNumberEnc: 1, bankName: 1, bankAccountEnc: 1 })
      .lean();
    const byId = new Map(apps.map(a => [a._id.toHexString(), a]));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('发放清单');
    ws.columns = [
      { header: PAYMENT_COLUMNS.reference, key: 'reference', width: 28 },
      { header: PAYMENT_COLUMNS.name, key: 'name', width: 24 },
      { header: PAYMENT_COLUMNS.idType, key: 'idType', width: 16 },
      { header: PAYMENT_COLUMNS.idNumber, key: 'idNumber', width: 22 },
      { header: PAYMENT_COLUMNS.bankName, key: 'bankName', width: 24 },
      { header: PAYMENT_COLUMNS.bankAccount, key: 'bankAccount', width: 26 },
      { header: PAYMENT_COLUMNS.amount, key: 'amount', width: 12 },
      { header: PAYMENT_COLUMNS.program, key: 'program', width: 24 },
      { header: PAYMENT_COLUMNS.result, key: 'result', width: 10 },
      { header: PAYMENT_COLUMNS.reason, key: 'reason', width: 24 },
    ];
    for (const line of batch.lines.filter(l => l.status === 'pending')) {
      const app = byId.get(line.applicationId.toHexString());
      // An enterprise is paid into its corporate account, identified by its credit code.
      const enterprise = app?.applicantKind === 'enterprise';
      ws.addRow({
        reference: lineKey(line),
        name: line.name,
        idType: enterprise ? '统一社会信用代码' : '居民身份证',
        idNumber: enterprise ? (app?.employerUscc ?? '') : app?.idNumberEnc ? this.pii.open(app.idNumberEnc) : '',
        bankName: app?.bankName ?? '',
        bankAccount: app?.bankAccountEnc ? this.pii.open(app.bankAccountEnc) : '',
        amount: line.amount,
        program: line.programName,
      });
    }
    // Long digit strings must stay text, or the spreadsheet turns them into 6.22E+18.
    ws.getColumn('idNumber').numFmt = '@';
    ws.getColumn('bankAccount').numFmt = '@';
    await this.audit.record(actor, { action: 'subsidy.batch.export', targetType: 'subsidyBatch', targetId: id, detail: { lines: ws.rowCount - 1 } }, requestId);
    // Graduates' own ID and card numbers leave in this file; an enterprise's line names no person.
    const pendingIds = new Set(batch.lines.filter(l => l.status === 'pending').map(l => l.applicationId.toHexString()));
    await this.reveals.record(
      actor,
      {
        subjectIds: apps.filter(a => a.applicantKind !== 'enterprise' && pendingIds.has(a._id.toHexString())).map(a => a.applicantId),
        kind: 'bankAccount',
        purpose: `补贴发放：导出银行发放清单（${batch.reference}）`,
        targetType: 'subsidyBatch',
        targetId: id,
      },
      requestId,
    );
    return { filename: paymentFileName(batch), data: Buffer.from(await wb.xlsx.writeBuffer()) };
  }

  /**
   * The bank's result file. The whole file is checked before anything changes; then
   * each line is settled by conditional updates, so importing the same file twice is harmless.
   */
  async importResult(actor: AuthUser, id: string, data: Buffer, requestId?: string): Promise<PaymentImportResult> {
    const batches = this.db.model(PaymentBatchModel);
    const batch = await batches.findById(id).lean();
    if (!batch || batch.status === 'building') throw notFound('发放批次');
    checkPaymentAllowed(batch.publicity, this.now());
    const rows = await this.readRows(data, batch);

    const apps = this.db.model(SubsidyApplicationModel);
    let paid = 0;
    let failed = 0;
    let unchanged = 0;
    const attempts = this.db.model(PaymentAttemptModel);
    for (const row of rows) {
      const line = batch.lines.find(l => lineKey(l) === row.reference);
      if (!line || line.status !== 'pending') {
        unchanged += 1;
        continue;
      }
      const now = this.now();
      const outcome = bankResult(row, line.amount, actor.id, now);
      // The attempt is settled first: its unique `paidFor` refuses a second success for the same application.
      if (line.key) {
        try {
          await attempts.updateOne(
            { key: line.key, status: 'pending' },
            { $set: { status: row.result, reason: row.reason || undefined, settledAt: now, ...(row.result === 'paid' ? { paidFor: line.applicationId } : {}) } },
          );
        } catch (err) {
          if ((err as { code?: number }).code !== 11000) throw err;
          this.logger.warn(`[subsidy] bank file line ${line.key} says paid, but application ${line.applicationId.toHexString()} was already paid: not recorded twice`);
          unchanged += 1;
          continue;
        }
      }
      // The application as it waits in this batch: its notice is named by the step about to be written.
      const before = await apps.findOne({ _id: line.applicationId, status: 'paying', batchId: batch._id }, { programName: 1, applicantKind: 1, applicantId: 1, applicantName: 1, timeline: 1 }).lean();
      const notice = before ? await this.notices.entryFor(before, subsidyStepNotice(before, outcome.step), now) : undefined;
      const push = { timeline: outcome.entry, ...(notice ? { pendingNotices: notice } : {}) };
      const update = { $set: outcome.set, ...(outcome.leavesBatch ? { $unset: { batchId: 1 } } : {}), $push: push };
      // A retried import finds the application already moved on and the line below settles as before.
      await apps.updateOne({ _id: line.applicationId, status: 'paying', batchId: batch._id }, update);
      await this.notices.flush(line.applicationId);
      const settled = await batches.updateOne(
        { _id: batch._id },
        { $set: { 'lines.$[l].status': row.result, 'lines.$[l].reason': row.reason || undefined, 'lines.$[l].settledAt': now } },
        { arrayFilters: [{ 'l.applicationId': line.applicationId, 'l.status': 'pending', ...(line.key ? { 'l.key': line.key } : {}) }] },
      );
      if (settled.modifiedCount === 0) {
        unchanged += 1;
        continue;
      }
      if (row.result === 'paid') paid += 1;
      else failed += 1;
    }
    const after = await this.settleIfDone(batch._id);
    await this.audit.record(
      actor,
      { action: 'subsidy.batch.import', targetType: 'subsidyBatch', targetId: id, detail: { paid, failed, unchanged } },
      requestId,
    );
    return { batch: toBatchView(after), paid, failed, unchanged };
  }

  /** A batch none of whose lines still waits is settled (after the last bank result, or the last held line leaving it). */
  async settleIfDone(batchId: Types.ObjectId): Promise<PaymentBatchDoc> {
    const batches = this.db.model(PaymentBatchModel);
    const after = await batches.findById(batchId).lean();
    if (!after) throw notFound('发放批次');
    if (after.lines.every(l => l.status !== 'pending') && after.status === 'open') {
      await batches.updateOne({ _id: after._id, status: 'open' }, { $set: { status: 'settled' } });
      after.status = 'settled';
    }
    return after;
  }

  private async readRows(data: Buffer, batch: PaymentBatchDoc): Promise<Array<{ reference: string; result: 'paid' | 'failed'; reason: string }>> {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(data as unknown as ArrayBuffer);
    } catch {
      throw new BizError('SUBSIDY_BATCH_FILE_INVALID', '无法读取该文件，请上传银行返回的 xlsx 文件', 'file');
    }
    const ws = wb.worksheets[0];
    if (!ws) throw new BizError('SUBSIDY_BATCH_FILE_INVALID', '文件中没有工作表', 'file');
    const header = (ws.getRow(1).values as ExcelJS.CellValue[]).map(v => cellText(v).trim());
    const col = (name: string) => header.indexOf(name);
    const refCol = col(PAYMENT_COLUMNS.reference);
    const amountCol = col(PAYMENT_COLUMNS.amount);
    const resultCol = col(PAYMENT_COLUMNS.result);
    const reasonCol = col(PAYMENT_COLUMNS.reason);
    if (refCol < 0 || amountCol < 0 || resultCol < 0) {
      throw new BizError('SUBSIDY_BATCH_FILE_INVALID', `文件须包含“${PAYMENT_COLUMNS.reference}”“${PAYMENT_COLUMNS.amount}”“${PAYMENT_COLUMNS.result}”三列`, 'file');
    }
    const lines = new Map(batch.lines.map(l => [lineKey(l), l]));
    const rows: Array<{ reference: string; result: 'paid' | 'failed'; reason: string }> = [];
    const seen = new Set<string>();
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const reference = cellText(row.getCell(refCol).value).trim();
      if (!reference) continue;
      const line = lines.get(reference);
      if (!line) throw new BizError('SUBSIDY_BATCH_FILE_INVALID', `第${r}行的业务参考号“${reference.slice(0, 40)}”不是本批次的发放记录，整个文件未导入`, 'file');
      if (line.held && line.status === 'pending') {
        throw new BizError('SUBSIDY_OBJECTION_OPEN', `第${r}行的申请有尚未处理的公示异议，须处理后才能发放，整个文件未导入`, 'file');
      }
      if (seen.has(reference)) throw new BizError('SUBSIDY_BATCH_FILE_INVALID', `第${r}行的业务参考号重复`, 'file');
      seen.add(reference);
      if (Number(cellText(row.getCell(amountCol).value)) !== line.amount) {
        throw new BizError('SUBSIDY_BATCH_FILE_INVALID', `第${r}行的金额与发放清单不一致`, 'file');
      }
      const result = readPaymentResult(cellText(row.getCell(resultCol).value));
      if (!result) throw new BizError('SUBSIDY_BATCH_FILE_INVALID', `第${r}行的发放结果应为“成功”或“失败”`, 'file');
      rows.push({ reference, result, reason: reasonCol >= 0 ? cellText(row.getCell(reasonCol).value).trim().slice(0, 200) : '' });
    }
    if (rows.length === 0) throw new BizError('SUBSIDY_BATCH_FILE_INVALID', '文件中没有发放结果', 'file');
    return rows;
  }
}
