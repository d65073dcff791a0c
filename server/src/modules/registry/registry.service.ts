import { Config, Inject, Logger, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { ILogger } from '@midwayjs/logger';
import { Types, type FilterQuery, type PipelineStage } from 'mongoose';
import type { AnyBulkWriteOperation } from 'mongodb';
import type { Page } from '../../contract/common';
import type { JobKind } from '../../contract/job';
import { COLLEGES, DEGREE_LABELS, DEGREES, DISTRICTS, type DistrictCode } from '../../contract/reference';
import {
  DESTINATION_KINDS,
  DESTINATION_LABELS,
  HARDSHIP_LABELS,
  REGISTRY_COLUMNS,
  REGISTRY_SEARCH_LIMIT,
  type DestinationKind,
  type DestinationSource,
  type GraduateRecordInput,
  type GraduateRecordView,
  type HardshipFlag,
  type ImportReport,
  type RegistrySearchQuery,
} from '../../contract/registry';
import { Database } from '../../core/database';
import { chunks, duplicateKeyIndexes, importTemplate, readImportSheet } from '../../core/files/xlsx-import';
import { BizError, notFound } from '../../core/errors';
import { keysetAfter, pageOf } from '../../core/pagination';
import { isValidResidentId, normaliseResidentId } from '../../contract/resident-id';
import { maskResidentId, PiiService } from '../../core/pii';
import type { AppSettings, AuthUser } from '../../interface';
import { AuditService } from '../audit/audit.service';
import { UserService } from '../user/user.service';
import { RevealLogService } from '../privacy/reveal.service';
import { graduateRecordKey, GraduateModel, type GraduateDoc } from './registry.model';
import { graduatesPipeline, type StayFacets, type StayScope } from './registry.stay.rules';
import { cityGraduates } from './registry.seed';
import type { SeedCounter, SeedLog } from '../../core/demo';
import {
  destinationOfJobKind,
  destinationOfSubsidy,
  districtRegistryScope,
  headerProblems,
  importFailureMessage,
  namePrefixPattern,
  recordChanges,
  registrySearchKey,
  shouldReplaceDestination,
  unemployedMark,
  validateRows,
} from './registry.rules';

export type { GraduateDoc };
/** The record form other modules embed in their own requests (support's staff registration takes one). */
export { GraduateRecordDTO } from './registry.dto';
/** The collection the statistics read model aggregates over. */
export type { StayFacets, StayScope } from './registry.stay.rules';

export const MAX_IMPORT_ROWS = 20000;

/** A stored record as an import compares it (the sealed ID is re-sealed on every write, so it is left out). */
type StoredGraduate = Omit<GraduateDoc, 'idNumberEnc' | 'createdAt' | 'updatedAt'>;
const WRITE_CHUNK = 1000;
/**
 * Lookups and writes of an import go in small batches, a few at once: the embedded stand-in's cost of a `$in`
 * lookup and of a bulk write grows faster than their size (measured on 20,000 records: 10,000 keys looked up
 * 1.6 s in batches of 1,000, 0.36 s in batches of 100 four at a time; 10,000 updates 1.6 s in batches of 1,000,
 * 0.6 s in batches of 250 four at a time). MongoDB does not mind either way.
 */
const LOOKUP_BATCH = 100;
const WRITE_BATCH = 250;
const IN_FLIGHT = 4;

/** Runs `work` over the batches, at most `IN_FLIGHT` at once; results in batch order. */
async function inBatches<T, R>(items: readonly T[], size: number, work: (batch: T[], offset: number) => Promise<R>): Promise<R[]> {
  const batches = chunks(items, size);
  const results = new Array<R>(batches.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length) {
      const k = next++;
      results[k] = await work(batches[k], k * size);
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, batches.length) }, worker));
  return results;
}

export interface RegistryListQuery {
  graduationYear?: number;
  collegeId?: string;
  destination?: DestinationKind | 'none';
  /** Start of the name (within the caller's scope). */
  q?: string;
  limit: number;
  cursor?: string;
}

/** Where a graduate works by the registry's record, and whence it came. */
/** A demo graduate account's registry record (`seedDemoRecords`). */
export interface DemoGraduateRecord extends Omit<GraduateRecordInput, 'schoolName'> {
  userId: Types.ObjectId;
  hardship: HardshipFlag[];
}

export interface RecordedWorkFact {
  districtCode?: DistrictCode;
  employer?: string;
  source: Exclude<DestinationSource, 'subsidy'>;
  sourceLabel: string;
  date: Date;
}

const RECORDED_SOURCE_LABELS: Record<Exclude<DestinationSource, 'subsidy'>, string> = {
  'job-hire': '平台录用记录',
  import: '高校报送的毕业去向',
  staff: '工作人员登记的去向',
};

/** What a match over the registry reads of each record. */
export type RegistryMatchRecord = Pick<
  GraduateDoc,
  '_id' | 'idNumberHash' | 'schoolName' | 'degree' | 'doubleFirstClass' | 'graduationYear' | 'hardship' | 'destination' | 'userId'
> & { idNumberEnc?: string };

/** What another module knows when it learns where a graduate went. */
export interface DestinationInput {
  /** The platform account, if known; matched to the linked record first. */
  userId?: string;
  /** Keyed hash of the resident ID (`PiiService.hash`), for records not yet linked. */
  idNumberHash?: string;
  kind: DestinationKind;
  employer?: string;
  districtCode?: DistrictCode;
  date: Date;
  source: Exclude<DestinationSource, 'import'>;
}

export function toGraduateView(doc: GraduateDoc): GraduateRecordView {
  return {
    id: doc._id.toHexString(),
    name: doc.name,
    idNumber: doc.idNumberMasked,
    collegeId: doc.collegeId as GraduateRecordView['collegeId'],
    schoolName: doc.schoolName,
    doubleFirstClass: doc.doubleFirstClass,
    degree: doc.degree,
    major: doc.major,
    graduationYear: doc.graduationYear,
    originProvince: doc.originProvince,
    originCity: doc.originCity,
    hardship: doc.hardship,
    intention: doc.intention,
    destination: doc.destination
      ? {
          kind: doc.destination.kind,
          employer: doc.destination.employer,
          districtCode: doc.destination.districtCode,
          date: doc.destination.date.toISOString().slice(0, 10),
          source: doc.destination.source,
        }
      : undefined,
    linked: Boolean(doc.userId),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

@Provide()
@Scope(ScopeEnum.Singleton)
export class RegistryService {
  @Inject()
  private db!: Database;

  @Inject()
  private pii!: PiiService;

  @Inject()
  private audit!: AuditService;

  @Inject()
  private users!: UserService;

  @Inject()
  private reveals!: RevealLogService;

  @Config('app.auth')
  private auth!: AppSettings['auth'];

  @Logger()
  private logger!: ILogger;

  /** The year's graduates counted for the dashboard in one pass (see `graduatesPipeline`). */
  async stayFacets(year: number, scope: StayScope, now: Date): Promise<StayFacets | undefined> {
    const [facets] = await this.db.model(GraduateModel).aggregate<StayFacets>(graduatesPipeline(year, scope, now) as PipelineStage[]);
    return facets;
  }

  /** The college a caller may act for: college staff only their own; city staff must name one. */
  collegeFor(actor: AuthUser, requested?: string): string {
    if (actor.roles.includes('bureau') || actor.roles.includes('admin')) {
      if (!requested) throw new BizError('REGISTRY_COLLEGE_REQUIRED', undefined, 'collegeId');
      if (!COLLEGES.some(c => c.id === requested)) throw new BizError('VALIDATION_FAILED', '高校不存在', 'collegeId');
      return requested;
    }
    const own = actor.scope.collegeId;
    if (!own || !actor.roles.includes('college')) throw new BizError('FORBIDDEN');
    if (requested && requested !== own) throw new BizError('OUT_OF_SCOPE');
    return own;
  }

  template(): Promise<Buffer> {
    return importTemplate({
      sheet: '毕业生名单',
      columns: REGISTRY_COLUMNS,
      width: 16,
      textColumns: [2],
      example: ['张三', '210202200001011234', '本科', '计算机科学与技术', 2026, '辽宁省', '大连市', '', '留连就业', '市场化就业', '示例科技有限公司', '甘井子区', '2026-07-01'],
      help: [
        ['列', '可填写的值'],
        ['学历', DEGREES.map(d => DEGREE_LABELS[d]).join('、')],
        ['困难类别', `${Object.values(HARDSHIP_LABELS).join('、')}（可多选，用顿号分隔；无则留空）`],
        ['去向', DESTINATION_KINDS.map(k => DESTINATION_LABELS[k]).join('、')],
        ['单位所在区市县', `${DISTRICTS.map(d => d.name).join('、')}（大连以外留空）`],
        ['去向日期', '不晚于今天，如 2026-07-01'],
        ['说明', '示例行（张三）请删除后再上传；同一身份证号同一毕业年份再次导入将更新原记录'],
      ],
    });
  }

  /**
   * Reads the whole file, validates every row, and writes only if all rows are clean. The work per
   * row is constant whatever the registry holds: existing records are found by their single-field key
   * in batches (one indexed `$in` each), and each write is an upsert on the unique (ID, year) key,
   * unordered and batched; accounts are linked inside the same upsert.
   */
  async importFile(actor: AuthUser, collegeId: string, data: Buffer, requestId?: string): Promise<ImportReport> {
    const started = Date.now();
    const { headers, rows: raw } = await readImportSheet(data, REGISTRY_COLUMNS.length, MAX_IMPORT_ROWS, {
      invalidFile: 'REGISTRY_FILE_INVALID',
      tooMany: 'REGISTRY_TOO_MANY_ROWS',
    });
    const headerErrors = headerProblems(headers);
    const fail = (errors: ImportReport['errors'], totalRows: number): ImportReport => ({
      imported: false,
      code: 'REGISTRY_ROWS_INVALID',
      message: importFailureMessage(errors),
      totalRows,
      created: 0,
      updated: 0,
      linked: 0,
      badRows: new Set(errors.map(e => e.row)).size,
      errors,
      elapsedMs: Date.now() - started,
    });
    if (headerErrors.length) return fail(headerErrors, 0);

    const today = new Date();
    const { rows, errors } = validateRows(raw, today);
    if (!errors.length && !rows.length) return fail([{ row: 2, message: '文件中没有数据行' }], 0);

    // Someone already registered by another college for the same year is a row error, found before writing.
    const hashes = rows.map(r => this.pii.hash(r.idNumber));
    const keys = rows.map((r, i) => graduateRecordKey(hashes[i], r.graduationYear));
    const existing = await this.existingByKey(keys);
    rows.forEach((r, i) => {
      const other = existing.get(keys[i]);
      if (other && other.collegeId !== collegeId) {
        errors.push({ row: r.row, column: '身份证号', message: '该毕业生已由其他高校登记，请核实' });
      }
    });
    if (errors.length) return fail(errors.sort((a, b) => a.row - b.row), raw.length);

    const owners = new Map<string, Types.ObjectId>();
    for (let i = 0; i < hashes.length; i += WRITE_CHUNK) {
      for (const u of await this.users.ownersOfIdHashes(hashes.slice(i, i + WRITE_CHUNK))) owners.set(u.idNumberHash, u._id);
    }
    const college = COLLEGES.find(c => c.id === collegeId);
    const model = this.db.model(GraduateModel);
    let created = 0;
    let updated = 0;
    // An account holding the ID is linked to a record that has none yet, in the same write.
    const linkTo = rows.map((_, i) => (existing.get(keys[i])?.userId ? undefined : owners.get(hashes[i])));
    const linked = linkTo.filter(Boolean).length;
    // The sealed ID is written for new records only: a known record keeps its own (sealing is per write, not free).
    const recordOf = (i: number, sealId: boolean) => {
      const r = rows[i];
      const owner = linkTo[i];
      return {
        name: r.name,
        ...(sealId ? { idNumberEnc: this.pii.seal(r.idNumber).enc } : {}),
        idNumberHash: hashes[i],
        idNumberMasked: maskResidentId(r.idNumber),
        recordKey: keys[i],
        graduationYear: r.graduationYear,
        collegeId,
        schoolName: college?.name ?? collegeId,
        doubleFirstClass: college?.doubleFirstClass ?? false,
        degree: r.degree,
        major: r.major,
        originProvince: r.originProvince,
        originCity: r.originCity,
        originInProvince: r.originProvince === '辽宁省',
        hardship: r.hardship,
        intention: r.intention,
        ...(owner ? { userId: owner } : {}),
        ...(r.destination ? { destination: { ...r.destination, date: new Date(`${r.destination.date}T00:00:00.000Z`), source: 'import' as const } } : {}),
      };
    };
    // New people are inserted (cheaper than an upsert); known ones updated by `_id` with only what the file says
    // anew (a re-import is mostly the same list: unchanged rows are not written). A record someone else inserted
    // meanwhile makes that insert fail on the unique key: it becomes an upsert.
    const at = new Date();
    const ops: AnyBulkWriteOperation[] = [];
    const opRows: number[] = [];
    rows.forEach((_, k) => {
      const stored = existing.get(keys[k]);
      if (!stored) {
        ops.push({ insertOne: { document: { _id: new Types.ObjectId(), ...recordOf(k, true), createdAt: at, updatedAt: at } } });
        opRows.push(k);
        return;
      }
      updated++;
      const changes = recordChanges(stored, recordOf(k, false));
      if (changes) {
        ops.push({ updateOne: { filter: { _id: stored._id }, update: { $set: { ...changes, updatedAt: at } } } });
        opRows.push(k);
      }
    });
    const raced = (
      await inBatches(ops, WRITE_BATCH, async (batch, offset) => {
        try {
          // The driver's own bulk write: the documents are built whole here, and mongoose's casting of each
          // operation cost more than the database's work (measured: half of a 10,000-row import).
          await model.collection.bulkWrite(batch, { ordered: false, ignoreUndefined: true });
          return [];
        } catch (err) {
          const failed = duplicateKeyIndexes(err);
          if (!failed) throw err;
          return failed.map(index => opRows[offset + index]);
        }
      })
    ).flat();
    // Counted from the operations: the stand-in's error result also counts the inserts that failed.
    created += ops.filter(op => 'insertOne' in op).length - raced.length;
    for (const batch of chunks(raced, WRITE_CHUNK)) {
      const result = await model.bulkWrite(
        batch.map(k => {
          const { userId, ...set } = recordOf(k, true);
          return {
            updateOne: {
              filter: { idNumberHash: hashes[k], graduationYear: rows[k].graduationYear },
              update: { $set: set, ...(userId ? { $setOnInsert: { userId } } : {}) },
              upsert: true,
            },
          };
        }),
        { ordered: false },
      );
      created += result.upsertedCount;
      updated += result.matchedCount;
    }
    await this.audit.record(
      actor,
      { action: 'registry.import', targetType: 'college', targetId: collegeId, detail: { rows: rows.length, created, updated, linked } },
      requestId,
    );
    return { imported: true, totalRows: raw.length, created, updated, linked, badRows: 0, errors: [], elapsedMs: Date.now() - started };
  }

  private keysReady?: Promise<void>;

  /** Records written before `recordKey` existed get it, once per process (a retry after a failure tries again). */
  private ensureRecordKeys(): Promise<void> {
    this.keysReady ??= (async () => {
      const model = this.db.model(GraduateModel);
      for (;;) {
        const missing = await model.find({ recordKey: { $exists: false } }, { idNumberHash: 1, graduationYear: 1 }).limit(WRITE_CHUNK).lean();
        if (!missing.length) return;
        await model.bulkWrite(
          missing.map(d => ({ updateOne: { filter: { _id: d._id }, update: { $set: { recordKey: graduateRecordKey(d.idNumberHash, d.graduationYear) } } } })),
          { ordered: false },
        );
      }
    })().catch((err: unknown) => {
      this.keysReady = undefined;
      throw err;
    });
    return this.keysReady;
  }

  /** The records already holding these keys: their college and whether an account is linked. */
  private async existingByKey(keys: string[]): Promise<Map<string, StoredGraduate>> {
    await this.ensureRecordKeys();
    const model = this.db.model(GraduateModel);
    const existing = new Map<string, StoredGraduate>();
    await inBatches(keys, LOOKUP_BATCH, async batch => {
      const found = await model.collection.find<StoredGraduate>({ recordKey: { $in: batch } }, { projection: { idNumberEnc: 0, createdAt: 0, updatedAt: 0 } }).toArray();
      for (const doc of found) existing.set(doc.recordKey, doc);
    });
    return existing;
  }

  /** Links student accounts whose stored ID hash matches a record not linked yet. */
  private async linkByHashes(hashes: string[]): Promise<number> {
    let linked = 0;
    for (let i = 0; i < hashes.length; i += WRITE_CHUNK) {
      const users = await this.users.ownersOfIdHashes(hashes.slice(i, i + WRITE_CHUNK));
      for (const u of users) {
        const res = await this.db.model(GraduateModel).updateMany({ idNumberHash: u.idNumberHash, userId: { $exists: false } }, { $set: { userId: u._id } });
        linked += res.modifiedCount;
      }
    }
    return linked;
  }

  async list(actor: AuthUser, query: RegistryListQuery): Promise<Page<GraduateRecordView>> {
    const filter: FilterQuery<GraduateDoc> = {};
    if (actor.roles.includes('bureau') || actor.roles.includes('admin')) {
      if (query.collegeId) filter.collegeId = query.collegeId;
    } else if (actor.roles.includes('college') && actor.scope.collegeId) {
      if (query.collegeId && query.collegeId !== actor.scope.collegeId) throw new BizError('OUT_OF_SCOPE');
      filter.collegeId = actor.scope.collegeId;
    } else if (actor.roles.includes('district') && actor.scope.districtCode) {
      if (query.collegeId) filter.collegeId = query.collegeId;
      filter.$or = districtRegistryScope(actor.scope.districtCode);
    } else {
      throw new BizError('FORBIDDEN');
    }
    if (query.graduationYear) filter.graduationYear = query.graduationYear;
    if (query.destination === 'none') filter.destination = { $exists: false };
    else if (query.destination) filter['destination.kind'] = query.destination;
    if (query.q) filter.name = { $regex: namePrefixPattern(query.q) };
    const conditions: Array<FilterQuery<GraduateDoc>> = [filter];
    if (query.cursor) conditions.push(keysetAfter('updatedAt', query.cursor, this.auth.tokenSecret));
    const docs = await this.db
      .model(GraduateModel)
      .find(conditions.length > 1 ? { $and: conditions } : filter)
      .sort({ updatedAt: -1, _id: -1 })
      .limit(query.limit + 1)
      .lean<GraduateDoc[]>();
    return pageOf(docs, query.limit, toGraduateView, 'updatedAt', this.auth.tokenSecret);
  }

  /**
   * Finds people across the whole registry for staff who register a leaver for help: by a full ID
   * (its hash), a masked ID, or the start of a name; a few records, never a listing.
   */
  async search(actor: AuthUser, query: RegistrySearchQuery, requestId?: string): Promise<GraduateRecordView[]> {
    const key = registrySearchKey(query.q);
    if (key.by === 'invalid-id') throw new BizError('ID_NUMBER_INVALID', undefined, 'q');
    const filter: FilterQuery<GraduateDoc> =
      key.by === 'id'
        ? { idNumberHash: this.pii.hash(key.idNumber) }
        : key.by === 'masked'
          ? { idNumberMasked: key.masked }
          : { name: { $regex: namePrefixPattern(key.prefix) } };
    if (query.collegeId) filter.collegeId = query.collegeId;
    if (query.graduationYear) filter.graduationYear = query.graduationYear;
    const docs = await this.db.model(GraduateModel).find(filter).sort({ graduationYear: -1, _id: -1 }).limit(REGISTRY_SEARCH_LIMIT).lean<GraduateDoc[]>();
    if (key.by === 'id' && docs.length > 0) {
      // A search by the full number tells its owner (the record's account, or the account holding that ID).
      const owners = await this.users.ownersOfIdHashes([this.pii.hash(key.idNumber)]);
      await this.reveals.record(
        actor,
        {
          subjectIds: [...docs.flatMap(d => (d.userId ? [d.userId] : [])), ...owners.map(o => o._id)],
          kind: 'idNumber',
          purpose: '按完整身份证号查找毕业生，办理离校未就业登记',
          targetType: 'graduate',
          targetId: docs[0]._id.toHexString(),
        },
        requestId,
      );
    }
    return docs.map(toGraduateView);
  }

  /** The newest record with this ID hash (a student's own, found by the ID in their profile). */
  async newestIdByIdHash(idNumberHash: string): Promise<Types.ObjectId | null> {
    const doc = await this.db.model(GraduateModel).findOne({ idNumberHash }, { _id: 1 }).sort({ graduationYear: -1 }).lean();
    return doc?._id ?? null;
  }

  /** Ids of the records linked to this student account. */
  async recordIdsOf(userId: Types.ObjectId): Promise<Types.ObjectId[]> {
    const docs = await this.db.model(GraduateModel).find({ userId }, { _id: 1 }).lean();
    return docs.map(d => d._id);
  }

  /**
   * Where the registry says a graduate works (a recorded hire, the college's import, staff), for a form
   * to start from and a review to compare with: the newest record of the account, else of the ID hash.
   * A destination learnt from a subsidy approval is left out (it repeats what an application said).
   */
  async recordedWork(userId: string, idNumberHash?: string): Promise<RecordedWorkFact | undefined> {
    const model = this.db.model(GraduateModel);
    const projection = { destination: 1 };
    let doc = Types.ObjectId.isValid(userId)
      ? await model.findOne({ userId: new Types.ObjectId(userId) }, projection).sort({ graduationYear: -1 }).lean<Pick<GraduateDoc, 'destination'>>()
      : null;
    if (!doc && idNumberHash) doc = await model.findOne({ idNumberHash }, projection).sort({ graduationYear: -1 }).lean<Pick<GraduateDoc, 'destination'>>();
    const d = doc?.destination;
    if (!d || d.source === 'subsidy' || (!d.districtCode && !d.employer)) return undefined;
    return { districtCode: d.districtCode as DistrictCode | undefined, employer: d.employer, source: d.source, sourceLabel: RECORDED_SOURCE_LABELS[d.source], date: d.date };
  }

  /**
   * The whole registry in batches, for a match over every graduate (the 免申即享 offers): one cursor in
   * natural order, so the work is one pass however large the registry (a sorted cursor or a page query per
   * batch makes the embedded stand-in sort the whole collection first). The sealed ID only when asked for.
   */
  async *matchBatches(batchSize: number, withSealedId: boolean, after?: Types.ObjectId): AsyncGenerator<RegistryMatchRecord[]> {
    const projection = {
      idNumberHash: 1, schoolName: 1, degree: 1, doubleFirstClass: 1, graduationYear: 1, hardship: 1, destination: 1, userId: 1,
      ...(withSealedId ? { idNumberEnc: 1 } : {}),
    };
    // In `_id` order from `after`, so a match taken over by another process resumes where the last page ended.
    const cursor = this.db
      .model(GraduateModel)
      .find(after ? { _id: { $gt: after } } : {}, projection)
      .sort({ _id: 1 })
      .batchSize(batchSize)
      .lean<RegistryMatchRecord[]>()
      .cursor();
    let batch: RegistryMatchRecord[] = [];
    for await (const doc of cursor) {
      batch.push(doc as RegistryMatchRecord);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  /** Records in the registry (a match's whole, for its progress). */
  async recordCount(): Promise<number> {
    return this.db.model(GraduateModel).estimatedDocumentCount();
  }

  /** The resident ID of a record, opened (the offer's application is filled from it). */
  async idNumberOf(id: Types.ObjectId): Promise<string | undefined> {
    const doc = await this.db.model(GraduateModel).findById(id, { idNumberEnc: 1 }).lean<Pick<GraduateDoc, 'idNumberEnc'>>();
    return doc ? this.pii.open(doc.idNumberEnc) : undefined;
  }

  /** What a record says the graduate studied, for matching jobs to someone without an account. */
  async studiesOf(id: Types.ObjectId): Promise<Pick<GraduateDoc, 'major' | 'degree'> | null> {
    return this.db.model(GraduateModel).findById(id, { major: 1, degree: 1 }).lean<Pick<GraduateDoc, 'major' | 'degree'>>();
  }

  async byId(id: string): Promise<GraduateDoc> {
    const doc = Types.ObjectId.isValid(id) ? await this.db.model(GraduateModel).findById(id).lean<GraduateDoc>() : null;
    if (!doc) throw notFound('毕业生记录');
    return doc;
  }

  /**
   * Staff write a record for a graduate no college imported. The same ID and year again is the
   * record already there (a retry, or someone else wrote it first) unless the name differs, which
   * means a mistyped ID. Linked at once to a student account with the same ID.
   */
  async createRecord(actor: AuthUser, input: GraduateRecordInput, requestId?: string): Promise<{ doc: GraduateDoc; created: boolean }> {
    const idNumber = normaliseResidentId(input.idNumber);
    if (!isValidResidentId(idNumber)) throw new BizError('ID_NUMBER_INVALID', undefined, 'record.idNumber');
    const seal = this.pii.seal(idNumber);
    const college = COLLEGES.find(c => c.id === input.collegeId);
    const model = this.db.model(GraduateModel);
    const filter = { idNumberHash: seal.hash, graduationYear: input.graduationYear };
    let created = false;
    try {
      const res = await model.updateOne(
        filter,
        {
          $setOnInsert: {
            name: input.name.trim(),
            idNumberEnc: seal.enc,
            idNumberMasked: maskResidentId(idNumber),
            ...(college ? { collegeId: college.id } : {}),
            schoolName: college?.name ?? (input.schoolName ?? '').trim(),
            doubleFirstClass: college?.doubleFirstClass ?? false,
            degree: input.degree,
            major: input.major.trim(),
            originProvince: input.originProvince,
            originCity: input.originCity.trim(),
            originInProvince: input.originProvince === '辽宁省',
            hardship: [],
            intention: '',
          },
        },
        { upsert: true },
      );
      created = res.upsertedCount === 1;
    } catch (err) {
      // Two staff writing the same person at once: the loser reads the winner's record.
      if ((err as { code?: number }).code !== 11000) throw err;
    }
    const doc = await model.findOne(filter).lean<GraduateDoc>();
    if (!doc) throw new BizError('CONFLICT');
    if (!created && doc.name !== input.name.trim()) throw new BizError('REGISTRY_RECORD_MISMATCH', undefined, 'record.name');
    if (created) {
      await this.linkByHashes([seal.hash]);
      await this.audit.record(actor, { action: 'registry.create', targetType: 'graduate', targetId: doc._id.toHexString(), to: 'created' }, requestId);
      return { doc: (await model.findById(doc._id).lean<GraduateDoc>()) ?? doc, created };
    }
    return { doc, created };
  }

  /**
   * Staff mark a graduate 暂未就业 since a date, in the district that takes the case. A retry changes
   * nothing; a placement dated later is refused for staff to check; the change is audited.
   */
  async markUnemployed(actor: AuthUser, graduateId: Types.ObjectId, since: Date, districtCode: DistrictCode, requestId?: string): Promise<GraduateDoc> {
    const model = this.db.model(GraduateModel);
    const next = { kind: 'unemployed' as const, districtCode, date: since, source: 'staff' as const };
    for (let attempt = 0; attempt < 3; attempt++) {
      const doc = await model.findById(graduateId).lean<GraduateDoc>();
      if (!doc) throw notFound('毕业生记录');
      const decision = unemployedMark(doc.destination, next);
      if (decision === 'same') return doc;
      if (decision === 'newer-placement') {
        const d = doc.destination;
        throw new BizError(
          'REGISTRY_DESTINATION_NEWER',
          d ? `实名库中该毕业生的去向为“${DESTINATION_LABELS[d.kind]}”（${d.date.toISOString().slice(0, 10)}），晚于所填日期，请核实后再登记` : undefined,
          'unemployedSince',
        );
      }
      const updated = await model
        .findOneAndUpdate({ _id: doc._id, updatedAt: doc.updatedAt }, { $set: { destination: next } }, { new: true })
        .lean<GraduateDoc>();
      if (updated) {
        await this.audit.record(
          actor,
          {
            action: 'registry.destination',
            targetType: 'graduate',
            targetId: doc._id.toHexString(),
            from: doc.destination?.kind ?? 'none',
            to: 'unemployed',
            detail: { districtCode, date: since.toISOString().slice(0, 10) },
          },
          requestId,
        );
        return updated;
      }
    }
    throw new BizError('CONFLICT');
  }

  /** The signed-in student's own record, linking it on first sight by the ID hash from the profile. */
  async mine(userId: string): Promise<GraduateRecordView | undefined> {
    const model = this.db.model(GraduateModel);
    const uid = new Types.ObjectId(userId);
    let doc = await model.findOne({ userId: uid }).sort({ graduationYear: -1 }).lean<GraduateDoc>();
    if (!doc) {
      const user = await this.users.cardOf(uid);
      if (user?.idNumberHash) {
        doc = await model
          .findOneAndUpdate({ idNumberHash: user.idNumberHash, userId: { $exists: false } }, { $set: { userId: uid } }, { new: true, sort: { graduationYear: -1 } })
          .lean<GraduateDoc>();
      }
    }
    return doc ? toGraduateView(doc) : undefined;
  }

  /**
   * For other modules (a hire in the job module, an approved subsidy): sets where the graduate went
   * on their newest record. Returns false when the graduate is not in the registry.
   */
  async recordDestination(input: DestinationInput): Promise<boolean> {
    const model = this.db.model(GraduateModel);
    const destination = {
      kind: input.kind,
      employer: input.employer,
      districtCode: input.districtCode,
      date: input.date,
      source: input.source,
    };
    let filter: FilterQuery<GraduateDoc> | undefined;
    if (input.userId && (await model.exists({ userId: new Types.ObjectId(input.userId) }))) {
      filter = { userId: new Types.ObjectId(input.userId) };
    } else if (input.idNumberHash) {
      filter = { idNumberHash: input.idNumberHash };
    } else if (input.userId) {
      const user = await this.users.cardOf(input.userId);
      if (user?.idNumberHash) filter = { idNumberHash: user.idNumberHash };
    }
    if (!filter) return false;
    for (let attempt = 0; attempt < 3; attempt++) {
      const target = await model
        .findOne(filter, { _id: 1, destination: 1, updatedAt: 1 })
        .sort({ graduationYear: -1 })
        .lean<Pick<GraduateDoc, '_id' | 'destination' | 'updatedAt'>>();
      if (!target) return false;
      if (!shouldReplaceDestination(target.destination, destination)) return true;
      // Conditional on the version read: of two events racing, the loser re-reads and decides again.
      const res = await model.updateOne({ _id: target._id, updatedAt: target.updatedAt }, { $set: { destination } });
      if (res.matchedCount === 1) return true;
    }
    throw new BizError('CONFLICT');
  }

  /**
   * A hire in the job module (录用). Never fails the hire, which is already committed: a registry
   * problem is logged, and the job module's own destination record keeps the fact.
   */
  async recordHire(hire: { studentId: Types.ObjectId; jobKind: JobKind; employer: string; districtCode?: string; at: Date }): Promise<boolean> {
    const kind = destinationOfJobKind(hire.jobKind);
    if (!kind) return false;
    return this.recordSafely({
      userId: hire.studentId.toHexString(),
      kind,
      employer: hire.employer,
      districtCode: DISTRICTS.some(d => d.code === hire.districtCode) ? (hire.districtCode as DistrictCode) : undefined,
      date: hire.at,
      source: 'job-hire',
    });
  }

  /** A subsidy application approved at its last stage; only one that proves employment says where the graduate went. */
  async recordSubsidyApproval(app: {
    applicantId: Types.ObjectId;
    idNumberHash?: string;
    businessRegistered?: boolean;
    employmentDistrict?: string;
    employerName?: string;
    socialInsuranceMonths?: number;
    at: Date;
  }): Promise<boolean> {
    const found = destinationOfSubsidy(app);
    if (!found) return false;
    return this.recordSafely({ userId: app.applicantId.toHexString(), idNumberHash: app.idNumberHash, ...found, date: app.at, source: 'subsidy' });
  }

  private async recordSafely(input: DestinationInput): Promise<boolean> {
    try {
      return await this.recordDestination(input);
    } catch (err) {
      this.logger.warn('[registry] destination from %s for user %s not recorded: %s', input.source, input.userId, err instanceof Error ? err.message : String(err));
      return false;
    }
  }

  /** Graduates of `year` marked 暂未就业 (the demo city's 1311 cases are opened for them), oldest first. */
  async unemployedOf(year: number, limit: number): Promise<Array<Pick<GraduateDoc, '_id' | 'name' | 'destination' | 'userId'>>> {
    return this.db
      .model(GraduateModel)
      .find({ graduationYear: year, 'destination.kind': 'unemployed' }, { name: 1, destination: 1, userId: 1 })
      .sort({ _id: 1 })
      .limit(limit)
      .lean();
  }

  /**
   * Registry records of demo graduate accounts (the 免申即享 demo's), linked to their accounts, inserted once by
   * record key. The ID numbers are fictional ones with a valid check digit (a confirmation opens them into a form).
   */
  async seedDemoRecords(rows: ReadonlyArray<DemoGraduateRecord>, count: SeedCounter): Promise<void> {
    const model = this.db.model(GraduateModel);
    await this.ensureRecordKeys();
    for (const r of rows) {
      const seal = this.pii.seal(r.idNumber);
      const college = COLLEGES.find(c => c.id === r.collegeId);
      const res = await model.updateOne(
        { recordKey: graduateRecordKey(seal.hash, r.graduationYear) },
        {
          $setOnInsert: {
            name: r.name,
            idNumberEnc: seal.enc,
            idNumberHash: seal.hash,
            idNumberMasked: maskResidentId(r.idNumber),
            ...(college ? { collegeId: college.id } : {}),
            schoolName: college?.name ?? '',
            doubleFirstClass: college?.doubleFirstClass ?? false,
            degree: r.degree,
            major: r.major,
            graduationYear: r.graduationYear,
            originProvince: r.originProvince,
            originCity: r.originCity,
            originInProvince: r.originProvince === '辽宁省',
            hardship: r.hardship,
            intention: '',
            userId: r.userId,
          },
        },
        { upsert: true },
      );
      count('graduates', res.upsertedCount === 1);
    }
  }

  /**
   * The demo city's registry (`npm start` only, see DemoSeeder.seedCity): `size` generated graduates of this
   * year, inserted where their key is not there yet, so running it again inserts nothing.
   */
  async seedCityDemo(size: number, now: Date, count: SeedCounter, log: SeedLog): Promise<void> {
    const started = Date.now();
    const rows = cityGraduates(size, now);
    const hashes = rows.map(r => this.pii.hash(r.demoKey));
    const keys = rows.map((r, i) => graduateRecordKey(hashes[i], r.graduationYear));
    const model = this.db.model(GraduateModel);
    await this.ensureRecordKeys();
    // The rows go in in order, so the first and the last row present means a finished earlier run: nothing to do.
    if ((await model.countDocuments({ recordKey: { $in: [keys[0], keys[keys.length - 1]] } })) === 2) {
      for (let k = 0; k < rows.length; k++) count('graduates', false);
      log(`registry (city demo): ${rows.length} there already`);
      return;
    }
    let inserted = 0;
    for (let i = 0; i < rows.length; i += WRITE_CHUNK) {
      const at = new Date();
      const docs = rows.slice(i, i + WRITE_CHUNK).map((r, j) => {
        const { demoKey, destination, hardship, ...fields } = r;
        return {
          _id: new Types.ObjectId(),
          ...fields,
          idNumberEnc: this.pii.seal(demoKey).enc,
          idNumberHash: hashes[i + j],
          idNumberMasked: `${demoKey.slice(0, 4)}**********${demoKey.slice(-4)}`,
          recordKey: keys[i + j],
          originInProvince: r.originProvince === '辽宁省',
          hardship: hardship ?? [],
          intention: '',
          ...(destination ? { destination: { ...destination, source: 'import' as const } } : {}),
          createdAt: at,
          updatedAt: at,
        };
      });
      let present = 0;
      try {
        await model.collection.insertMany(docs, { ordered: false });
      } catch (err) {
        // An earlier run stopped half-way: its rows stay as they are (unique record key).
        const failed = duplicateKeyIndexes(err);
        if (!failed) throw err;
        present = failed.length;
      }
      inserted += docs.length - present;
      for (let k = 0; k < docs.length; k++) count('graduates', k >= present);
      log(`registry (city demo): ${Math.min(i + WRITE_CHUNK, rows.length)}/${rows.length} rows`);
    }
    log(`registry (city demo): ${inserted} inserted, ${rows.length - inserted} there already, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

}
