import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { ComplaintCategory, ComplaintStatus } from '../../contract/complaint';
import type { DistrictCode } from '../../contract/reference';
import { Database } from '../../core/database';
import { PiiService } from '../../core/pii';
import { JobModel } from '../job/job.model';
import { UserModel } from '../user/user.model';
import { maskPhone } from '../user/user.rules';
import { ComplaintModel, HotlineModel, type StoredComplaintEvent } from './complaint.model';
import { fingerprint, triageDue } from './complaint.rules';

/**
 * The plan asks the HR bureaus to publish rights-protection phone numbers but gives none. These rows
 * are examples: the numbers have a 0 after the area code, so they cannot reach anyone, and
 * `example: true` makes the app say so until the bureau enters the real number.
 */
export const HOTLINE_SEEDS: ReadonlyArray<{ district: DistrictCode | 'city'; name: string; phone: string; hours: string }> = [
  { district: 'city', name: '大连市人社局就业权益保护投诉（示例）', phone: '0411-00000000', hours: '工作日 8:30-17:00（示例）' },
  { district: '210202', name: '中山区人社局劳动保障监察（示例）', phone: '0411-00000001', hours: '工作日 8:30-17:00（示例）' },
  { district: '210203', name: '西岗区人社局劳动保障监察（示例）', phone: '0411-00000002', hours: '工作日 8:30-17:00（示例）' },
  { district: '210204', name: '沙河口区人社局劳动保障监察（示例）', phone: '0411-00000003', hours: '工作日 8:30-17:00（示例）' },
  { district: '210211', name: '甘井子区人社局劳动保障监察（示例）', phone: '0411-00000004', hours: '工作日 8:30-17:00（示例）' },
  { district: '210212', name: '旅顺口区人社局劳动保障监察（示例）', phone: '0411-00000005', hours: '工作日 8:30-17:00（示例）' },
  { district: '210213', name: '金州区人社局劳动保障监察（示例）', phone: '0411-00000006', hours: '工作日 8:30-17:00（示例）' },
  { district: '210214', name: '普兰店区人社局劳动保障监察（示例）', phone: '0411-00000007', hours: '工作日 8:30-17:00（示例）' },
  { district: '210281', name: '瓦房店市人社局劳动保障监察（示例）', phone: '0411-00000008', hours: '工作日 8:30-17:00（示例）' },
  { district: '210283', name: '庄河市人社局劳动保障监察（示例）', phone: '0411-00000009', hours: '工作日 8:30-17:00（示例）' },
  { district: '210224', name: '长海县人社局劳动保障监察（示例）', phone: '0411-00000010', hours: '工作日 8:30-17:00（示例）' },
  { district: 'jinpu', name: '金普新区人社局劳动保障监察（示例）', phone: '0411-00000011', hours: '工作日 8:30-17:00（示例）' },
  { district: 'hitech', name: '高新区人社局劳动保障监察（示例）', phone: '0411-00000012', hours: '工作日 8:30-17:00（示例）' },
  { district: 'changxing', name: '长兴岛人社局劳动保障监察（示例）', phone: '0411-00000013', hours: '工作日 8:30-17:00（示例）' },
];

interface ComplaintSeed {
  seedKey: string;
  complainant: string;
  category: ComplaintCategory;
  /** A demo job by seed key, or a named party with a district. */
  job?: string;
  partyName?: string;
  district?: DistrictCode;
  description: string;
  status: Extract<ComplaintStatus, 'submitted' | 'replied'>;
  daysAgo: number;
  handler?: string;
  reply?: string;
}

const EXAMPLE_PHONE = '13800000000';

/** Example complaints so the staff queue is not empty: one waiting, one overdue, one answered. */
export const COMPLAINT_SEEDS: ComplaintSeed[] = [
  {
    seedKey: 'demo-complaint-training-loan',
    complainant: 'b-student-dlut',
    category: 'training-loan',
    partyName: '某职业技能培训学校（示例）',
    district: '210211',
    description: '（示例投诉）面试时对方称须先参加收费培训才能入职，并引导办理分期贷款支付培训费 19800 元，培训结束后未安排工作。',
    status: 'submitted',
    daysAgo: 0,
  },
  {
    seedKey: 'demo-complaint-black-agency',
    complainant: 'a-student-new',
    category: 'black-agency',
    partyName: '某人力资源咨询工作室（示例）',
    district: '210211',
    description: '（示例投诉）中介收取 2000 元“岗位推荐费”后失联，承诺的企业表示从未委托该中介招聘。',
    status: 'submitted',
    daysAgo: 5,
  },
  {
    seedKey: 'demo-complaint-unpaid-wages',
    complainant: 'b-student-dlut',
    category: 'unpaid-wages',
    job: 'demo-job-food-qa',
    description: '（示例投诉）试用期满离职后，单位以未转正为由拒绝支付最后一个月的试用期工资。',
    status: 'replied',
    daysAgo: 12,
    handler: 'f-bureau',
    reply: '（示例答复）经劳动保障监察大队调查核实，单位已于本周补发拖欠的试用期工资，请注意查收。如仍有异议，可拨打维权电话。',
  },
];

const DAY = 24 * 3600_000;

/** Applied by DemoSeeder after users and jobs exist; idempotent by seedKey ($setOnInsert). */
@Provide()
@Scope(ScopeEnum.Singleton)
export class ComplaintSeeder {
  @Inject()
  private db!: Database;

  @Inject()
  private pii!: PiiService;

  async seed(now: Date, count: (kind: string, inserted: boolean) => void, log: (line: string) => void): Promise<void> {
    const hotlines = this.db.model(HotlineModel);
    for (const seed of HOTLINE_SEEDS) {
      const res = await hotlines.updateOne({ district: seed.district }, { $setOnInsert: { ...seed, example: true } }, { upsert: true });
      count('complaintHotlines', res.upsertedCount > 0);
    }
    log(`complaint hotlines: ${HOTLINE_SEEDS.length} (示例号码)`);

    const users = this.db.model(UserModel);
    const complaints = this.db.model(ComplaintModel);
    for (const seed of COMPLAINT_SEEDS) {
      const complainant = await users.findOne({ devAccount: seed.complainant }, { profile: 1, nickname: 1 }).lean();
      const job = seed.job ? await this.db.model(JobModel).findOne({ seedKey: seed.job }).lean() : null;
      if (!complainant || (seed.job && !job)) throw new Error(`complaint seed ${seed.seedKey} names an unknown user or job`);
      const handler = seed.handler ? await users.findOne({ devAccount: seed.handler }, { profile: 1, nickname: 1, roles: 1, scope: 1 }).lean() : null;
      const createdAt = new Date(now.getTime() - seed.daysAgo * DAY);
      const district = job?.district ?? seed.district ?? '210211';
      const sealed = this.pii.seal(EXAMPLE_PHONE);
      const timeline: StoredComplaintEvent[] = [{ at: createdAt, action: 'submit', actorRole: 'complainant', actorId: complainant._id.toHexString() }];
      const answered: Record<string, unknown> = {};
      if (seed.status === 'replied' && handler && seed.reply) {
        const triagedAt = new Date(createdAt.getTime() + DAY);
        const repliedAt = new Date(createdAt.getTime() + 4 * DAY);
        timeline.push(
          { at: triagedAt, action: 'assign', actorRole: 'bureau', actorId: handler._id.toHexString(), note: '由市人社局办理' },
          { at: new Date(triagedAt.getTime() + 3600_000), action: 'investigate', actorRole: 'bureau', actorId: handler._id.toHexString() },
          { at: repliedAt, action: 'reply', actorRole: 'bureau', actorId: handler._id.toHexString(), note: seed.reply },
        );
        Object.assign(answered, {
          handlerId: handler._id,
          handlerName: handler.profile?.name || handler.nickname,
          handlerRole: 'bureau',
          triagedAt,
          reply: seed.reply,
          repliedAt,
        });
      }
      const res = await complaints.updateOne(
        { seedKey: seed.seedKey },
        {
          $setOnInsert: {
            complainantId: complainant._id,
            complainantName: complainant.profile?.name || complainant.nickname,
            idempotencyKey: `seed-${seed.seedKey}`,
            fingerprint: fingerprint({ category: seed.category, partyName: seed.partyName, district: seed.district, description: seed.description, phone: EXAMPLE_PHONE }),
            category: seed.category,
            ...(job ? { jobId: job._id, jobTitle: job.title, enterpriseId: job.enterpriseId, enterpriseName: job.enterpriseName } : {}),
            partyName: seed.partyName,
            district,
            description: seed.description,
            phoneEnc: sealed.enc,
            phoneHash: sealed.hash,
            phoneMasked: maskPhone(EXAMPLE_PHONE),
            evidence: [],
            status: seed.status,
            dueAt: seed.status === 'submitted' ? triageDue(createdAt) : undefined,
            jobFrozen: false,
            enterpriseFrozen: false,
            timeline,
            createdAt,
            updatedAt: timeline[timeline.length - 1].at,
            ...answered,
          },
        },
        { upsert: true, timestamps: false },
      );
      count('complaints', res.upsertedCount > 0);
    }
    log(`complaints: ${COMPLAINT_SEEDS.length} (示例投诉)`);
  }
}
