import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types } from 'mongoose';
import { INSURANCE_COLUMNS, INSURANCE_MAX_ROWS, type InsuranceImportReport, type InsuranceSummary } from '../../contract/insurance';
import { Database } from '../../core/database';
import { chunks, duplicateKeyIndexes, importTemplate, readImportSheet } from '../../core/files/xlsx-import';
import { maskResidentId, PiiService } from '../../core/pii';
import type { AuthUser } from '../../interface';
import { AuditService } from '../audit/audit.service';
import { InsuranceRecordModel, type InsuranceRecordDoc } from './insurance.model';
import { insuranceFailureMessage, insuranceHeaderProblems, insuranceRecordKey, validateInsuranceRows } from './insurance.rules';

export type { InsuranceRecordDoc };

/** What another module may know of a person's insurance spells. */
export type InsuranceSpell = Pick<InsuranceRecordDoc, 'employerUscc' | 'startMonth' | 'monthsPaid' | 'importedAt'>;

const BATCH = 1000;

/** The bureau's social-insurance records: imported from the 社保 export, read by subsidy review. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class InsuranceService {
  @Inject()
  private db!: Database;

  @Inject()
  private pii!: PiiService;

  @Inject()
  private audit!: AuditService;

  /** Set by tests; production uses the clock. */
  now: () => Date = () => new Date();

  template(): Promise<Buffer> {
    return importTemplate({
      sheet: '社保参保记录',
      columns: INSURANCE_COLUMNS,
      width: 22,
      textColumns: [1, 2, 3],
      example: ['210202200001011234', '91210200MA0000000X', '2026-07', 3],
      help: [
        ['列', '填写要求'],
        ['身份证号', '18位居民身份证号（校验位核验，导入后加密保存）'],
        ['单位统一社会信用代码', '18位，参保单位的统一社会信用代码'],
        ['参保起始年月', '在该单位开始缴费的年月，如 2026-07，不晚于本月'],
        ['累计缴费月数', '在该单位累计缴费月数，0 至 600 的整数，不多于起始年月至今的月数'],
        ['说明', '示例行请删除后再上传；同一身份证号、同一单位、同一起始年月再次导入将更新缴费月数'],
      ],
    });
  }

  /**
   * Reads the whole file, validates every row, and writes only if all are clean. Existing records are
   * found by their single-field key in batches; new ones are inserted, known ones updated, unordered.
   */
  async importFile(actor: AuthUser, data: Buffer, requestId?: string): Promise<InsuranceImportReport> {
    const started = Date.now();
    const { headers, rows: raw } = await readImportSheet(data, INSURANCE_COLUMNS.length, INSURANCE_MAX_ROWS, {
      invalidFile: 'INSURANCE_FILE_INVALID',
      tooMany: 'INSURANCE_TOO_MANY_ROWS',
    });
    const fail = (errors: InsuranceImportReport['errors'], totalRows: number): InsuranceImportReport => ({
      imported: false,
      code: 'INSURANCE_ROWS_INVALID',
      message: insuranceFailureMessage(errors),
      totalRows,
      created: 0,
      updated: 0,
      badRows: new Set(errors.map(e => e.row)).size,
      errors,
      elapsedMs: Date.now() - started,
    });
    const headerErrors = insuranceHeaderProblems(headers);
    if (headerErrors.length) return fail(headerErrors, 0);
    const now = this.now();
    const { rows, errors } = validateInsuranceRows(raw, now);
    if (errors.length) return fail(errors, raw.length);
    if (!rows.length) return fail([{ row: 2, message: '文件中没有数据行' }], 0);

    const hashes = rows.map(r => this.pii.hash(r.idNumber));
    const keys = rows.map((r, i) => insuranceRecordKey(hashes[i], r.employerUscc, r.startMonth));
    const model = this.db.model(InsuranceRecordModel);
    const existing = new Set<string>();
    for (const batch of chunks(keys, BATCH)) {
      for (const doc of await model.find({ recordKey: { $in: batch } }, { recordKey: 1 }).lean()) existing.add(doc.recordKey);
    }
    const recordOf = (i: number) => ({
      recordKey: keys[i],
      idNumberEnc: this.pii.seal(rows[i].idNumber).enc,
      idNumberHash: hashes[i],
      idNumberMasked: maskResidentId(rows[i].idNumber),
      employerUscc: rows[i].employerUscc,
      startMonth: rows[i].startMonth,
      monthsPaid: rows[i].monthsPaid,
      importedAt: now,
    });
    let created = 0;
    let updated = 0;
    for (const batch of chunks(
      rows.map((_, i) => i),
      BATCH,
    )) {
      const at = new Date();
      const ops = batch.map(i =>
        existing.has(keys[i])
          ? { updateOne: { filter: { recordKey: keys[i] }, update: { $set: { monthsPaid: rows[i].monthsPaid, importedAt: now, updatedAt: at } } } }
          : { insertOne: { document: { _id: new Types.ObjectId(), ...recordOf(i), createdAt: at, updatedAt: at } } },
      );
      const inserts = ops.filter(op => 'insertOne' in op).length;
      let raced: number[] = [];
      try {
        // The driver's own bulk write: the documents are built whole here, and mongoose's casting of each
        // operation cost more than the database's work (measured: half of a 10,000-row import).
        updated += (await model.collection.bulkWrite(ops, { ordered: false, ignoreUndefined: true })).matchedCount;
      } catch (err) {
        // Two imports of the same rows at once: the one that lost an insert updates instead.
        const failed = duplicateKeyIndexes(err);
        if (!failed) throw err;
        updated += (err as { result?: { matchedCount?: number } }).result?.matchedCount ?? 0;
        raced = failed.map(index => batch[index]);
      }
      created += inserts - raced.length;
      if (raced.length) {
        const result = await model.bulkWrite(
          raced.map(i => ({ updateOne: { filter: { recordKey: keys[i] }, update: { $set: { monthsPaid: rows[i].monthsPaid, importedAt: now } } } })),
          { ordered: false },
        );
        updated += result.matchedCount;
      }
    }
    await this.audit.record(actor, { action: 'insurance.import', targetType: 'insurance', targetId: 'records', detail: { rows: rows.length, created, updated } }, requestId);
    return { imported: true, totalRows: raw.length, created, updated, badRows: 0, errors: [], elapsedMs: Date.now() - started };
  }

  async summary(): Promise<InsuranceSummary> {
    const model = this.db.model(InsuranceRecordModel);
    const [records, people, last] = await Promise.all([
      model.estimatedDocumentCount(),
      model.distinct('idNumberHash').then(list => list.length),
      model.findOne({}, { importedAt: 1 }).sort({ importedAt: -1 }).lean(),
    ]);
    return { records, people, lastImportAt: last?.importedAt.toISOString() };
  }

  /** Whether any records were ever imported (without them, "no record" says nothing about a person). */
  async holdsAny(): Promise<boolean> {
    return (await this.db.model(InsuranceRecordModel).exists({})) !== null;
  }

  /** A person's spells (by the keyed hash of their ID), newest start first. */
  /**
   * Every spell, by person (ID hash), read in one pass for a match over the whole registry: a match joins
   * each registry record to its spells in memory (for 60,000 spells a few MB) instead of one query per
   * person or page.
   */
  async allSpellsByHash(batchSize: number): Promise<Map<string, InsuranceSpell[]>> {
    const byHash = new Map<string, InsuranceSpell[]>();
    const cursor = this.db
      .model(InsuranceRecordModel)
      .find({}, { idNumberHash: 1, employerUscc: 1, startMonth: 1, monthsPaid: 1, importedAt: 1, _id: 0 })
      .batchSize(batchSize)
      .lean<Array<InsuranceSpell & { idNumberHash: string }>>()
      .cursor();
    for await (const doc of cursor) {
      const { idNumberHash, ...spell } = doc as InsuranceSpell & { idNumberHash: string };
      const list = byHash.get(idNumberHash);
      if (list) list.push(spell);
      else byHash.set(idNumberHash, [spell]);
    }
    return byHash;
  }

  async spellsOf(idNumberHash: string): Promise<InsuranceSpell[]> {
    return this.db
      .model(InsuranceRecordModel)
      .find({ idNumberHash }, { employerUscc: 1, startMonth: 1, monthsPaid: 1, importedAt: 1, _id: 0 })
      .sort({ startMonth: -1 })
      .limit(50)
      .lean<InsuranceSpell[]>();
  }
}
