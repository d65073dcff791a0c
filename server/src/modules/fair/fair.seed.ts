import { Types } from 'mongoose';
import type { FairKind } from '../../contract/job';
import type { DistrictCode } from '../../contract/reference';
import type { Database } from '../../core/database';
import type { SeedCounter } from '../../core/demo';
import { demoInstant, type DemoCalendar, type DemoSlot } from '../../core/demo.rules';
import type { EnterpriseSeedKey } from '../enterprise/enterprise.service';
import { FairBoothModel, FairModel } from './fair.model';

/**
 * Demo fairs (示例) over the coming weeks, at the hours such fairs keep (the plan: 每月 1 次综合性招聘、
 * 每周 1 次专场招聘), organised by the demo bureau, college and district accounts; the demo enterprises
 * hold booths with their demo jobs.
 */
export interface FairSeed {
  seedKey: string;
  kind: FairKind;
  title: string;
  description: string;
  start: DemoSlot;
  /** `HH:mm` Beijing, the same day. */
  endsAt: string;
  venue: string;
  district?: DistrictCode;
  boothCapacity: number;
  organiser: 'f-bureau' | 'd-college' | 'e-district';
  booths: Array<{ enterprise: EnterpriseSeedKey; jobs: string[] }>;
}

export const FAIR_SEEDS: readonly FairSeed[] = [
  {
    seedKey: 'demo-fair-city-comprehensive',
    kind: 'comprehensive',
    title: '大连市高校毕业生留连来连综合招聘会（示例）',
    description: '市人社局主办，面向2026届及离校未就业高校毕业生，“15+N”产业链重点企业集中招聘；请携带简历和学生证。',
    start: { workday: 4, at: '09:00' },
    endsAt: '15:30',
    venue: '大连星海会展中心（示例地址）',
    district: '210204',
    boothCapacity: 300,
    organiser: 'f-bureau',
    booths: [
      { enterprise: 'demo-ent-software', jobs: ['demo-job-java', 'demo-job-test-trainee'] },
      { enterprise: 'demo-ent-equipment', jobs: ['demo-job-mech-design', 'demo-job-cnc'] },
      { enterprise: 'demo-ent-seafood', jobs: ['demo-job-food-qa'] },
    ],
  },
  {
    seedKey: 'demo-fair-software-special',
    kind: 'special',
    title: '软件和信息技术服务业专场招聘会（示例）',
    description: '高新区软件园企业专场，岗位涵盖开发、测试、实施和运维。',
    start: { workday: 2, at: '13:30' },
    endsAt: '16:30',
    venue: '高新区软件园会议中心（示例地址）',
    district: 'hitech',
    boothCapacity: 60,
    organiser: 'e-district',
    booths: [{ enterprise: 'demo-ent-software', jobs: ['demo-job-java', 'demo-job-frontend-intern'] }],
  },
  {
    seedKey: 'demo-fair-dlut-campus',
    kind: 'campus',
    title: '大连理工大学2026届毕业生冬季双选会（示例）',
    description: '校企双选，装备制造、软件信息、海洋食品等行业企业进校招聘。',
    start: { workday: 7, at: '09:30' },
    endsAt: '15:00',
    venue: '大连理工大学体育馆（示例地址）',
    district: '210211',
    boothCapacity: 200,
    organiser: 'd-college',
    booths: [
      { enterprise: 'demo-ent-equipment', jobs: ['demo-job-mech-design'] },
      { enterprise: 'demo-ent-software', jobs: ['demo-job-java'] },
    ],
  },
  {
    seedKey: 'demo-fair-online-ocean',
    kind: 'online',
    title: '海洋经济企业线上招聘会（示例）',
    description: '线上举办，报名后在招聘会页面查看企业岗位并投递。',
    start: { workday: 10, at: '10:00' },
    endsAt: '17:00',
    venue: '线上',
    boothCapacity: 100,
    organiser: 'f-bureau',
    booths: [{ enterprise: 'demo-ent-seafood', jobs: ['demo-job-food-qa', 'demo-job-marine-ra'] }],
  },
  {
    seedKey: 'demo-fair-city-comprehensive-next',
    kind: 'comprehensive',
    title: '大连市春季高校毕业生综合招聘会（示例）',
    description: '每月一次的全市综合性招聘会。',
    start: { workday: 24, at: '09:00' },
    endsAt: '15:30',
    venue: '大连国际会议中心（示例地址）',
    district: '210202',
    boothCapacity: 250,
    organiser: 'f-bureau',
    booths: [],
  },
];

export const FAIR_SEED_ACCOUNTS = ['f-bureau', 'd-college', 'e-district'] as const;

export interface FairSeedRefs {
  enterprises: ReadonlyMap<string, { _id: Types.ObjectId; name: string }>;
  jobs: ReadonlyMap<string, { _id: Types.ObjectId }>;
  users: ReadonlyMap<string, { _id: Types.ObjectId; scope?: { collegeId?: string; districtCode?: string } }>;
}

/** Upserts the demo fairs by seedKey and their booths by (fair, enterprise); running it again inserts nothing. */
export async function applyFairSeeds(db: Database, refs: FairSeedRefs, calendar: DemoCalendar, count: SeedCounter): Promise<{ skipped: string[] }> {
  const skipped: string[] = [];
  for (const seed of FAIR_SEEDS) {
    const organiser = refs.users.get(seed.organiser);
    if (!organiser) {
      skipped.push(seed.seedKey);
      continue;
    }
    const startAt = demoInstant(seed.start, calendar);
    const endAt = demoInstant({ ...seed.start, at: seed.endsAt }, calendar);
    const scope = seed.organiser === 'd-college' ? { collegeId: organiser.scope?.collegeId } : seed.organiser === 'e-district' ? { districtCode: organiser.scope?.districtCode } : undefined;
    const booths = seed.booths.flatMap(b => {
      const enterprise = refs.enterprises.get(b.enterprise);
      const jobIds = b.jobs.map(key => refs.jobs.get(key)?._id).filter((id): id is Types.ObjectId => !!id);
      return enterprise ? [{ enterprise, jobIds }] : [];
    });
    const result = await db.model(FairModel).findOneAndUpdate(
      { seedKey: seed.seedKey },
      {
        $setOnInsert: {
          seedKey: seed.seedKey,
          kind: seed.kind,
          title: seed.title,
          description: seed.description,
          startAt,
          endAt,
          venue: seed.venue,
          ...(seed.district ? { district: seed.district } : {}),
          boothCapacity: seed.boothCapacity,
          boothCount: booths.length,
          registrationCount: 0,
          status: 'published',
          organiserId: organiser._id,
          ...(scope && (scope.collegeId || scope.districtCode) ? { organiserScope: scope } : {}),
        },
      },
      { upsert: true, new: true, includeResultMetadata: true },
    );
    const inserted = !result.lastErrorObject?.updatedExisting;
    count('fairs', inserted);
    const fair = result.value;
    if (!fair || !inserted) continue;
    for (const { enterprise, jobIds } of booths) {
      await db.model(FairBoothModel).updateOne(
        { fairId: fair._id, enterpriseId: enterprise._id },
        { $setOnInsert: { fairId: fair._id, enterpriseId: enterprise._id, enterpriseName: enterprise.name, jobIds, bookedBy: organiser._id } },
        { upsert: true },
      );
    }
  }
  return { skipped };
}
