import { Types } from 'mongoose';
import type { LiveStatus } from '../../contract/live';
import type { Database } from '../../core/database';
import type { SeedCounter } from '../../core/demo';
import { demoInstant, type DemoCalendar, type DemoSlot } from '../../core/demo.rules';
import type { EnterpriseSeedKey } from '../enterprise/enterprise.service';
import { LiveMessageModel, LiveSessionModel } from './live.model';

/**
 * Demo live sessions of the demo enterprises (示例): three upcoming and one finished, each featuring
 * that enterprise's demo jobs. They fall on the coming (or, for the finished one, past) working days at
 * hours such sessions keep, Beijing time, whenever the demo is started; the finished one has a few room
 * messages so its replay shows something.
 */
export interface LiveSessionSeed {
  seedKey: string;
  enterprise: EnterpriseSeedKey;
  title: string;
  /** Job seed keys. */
  jobs: string[];
  /** When it starts: a working day from today and a Beijing clock time. */
  start: DemoSlot;
  status: Extract<LiveStatus, 'scheduled' | 'ended'>;
  /** For a finished session: how long it ran. */
  durationMinutes?: number;
  /** For a finished session: room messages, minutes into the stream. */
  messages?: Array<{ atMinute: number; nickname: string; text: string; kind: 'chat' | 'question'; host?: boolean }>;
}

export const LIVE_SESSION_SEEDS: LiveSessionSeed[] = [
  {
    seedKey: 'demo-live-software-campus',
    enterprise: 'demo-ent-software',
    title: '星海软件 2026 届校园招聘直播（示例）',
    jobs: ['demo-job-java', 'demo-job-test-trainee', 'demo-job-frontend-intern'],
    start: { workday: 1, at: '14:00' },
    status: 'scheduled',
  },
  {
    seedKey: 'demo-live-equipment-workshop',
    enterprise: 'demo-ent-equipment',
    title: '走进港湾装备：车间直播带岗（示例）',
    jobs: ['demo-job-mech-design', 'demo-job-cnc'],
    start: { workday: 2, at: '10:00' },
    status: 'scheduled',
  },
  {
    seedKey: 'demo-live-seafood-qa',
    enterprise: 'demo-ent-seafood',
    title: '海洋食品企业岗位面对面（示例）',
    jobs: ['demo-job-food-qa', 'demo-job-marine-ra'],
    start: { workday: 3, at: '15:30' },
    status: 'scheduled',
  },
  {
    seedKey: 'demo-live-software-past',
    enterprise: 'demo-ent-software',
    title: '星海软件技术岗位答疑直播（往期示例）',
    jobs: ['demo-job-java', 'demo-job-frontend-intern'],
    start: { workday: -2, at: '14:00' },
    status: 'ended',
    durationMinutes: 45,
    messages: [
      { atMinute: 1, nickname: '星海招聘（主播）', text: '欢迎各位同学，今天介绍 Java 开发和前端实习两个岗位。', kind: 'chat', host: true },
      { atMinute: 6, nickname: '同学A', text: '应届生需要有项目经验吗？', kind: 'question' },
      { atMinute: 7, nickname: '星海招聘（主播）', text: '课程设计或实习项目都可以，入职后有导师带教。', kind: 'chat', host: true },
      { atMinute: 15, nickname: '同学B', text: '前端实习可以转正吗？', kind: 'question' },
      { atMinute: 16, nickname: '星海招聘（主播）', text: '表现合格的实习生毕业后可直接转正。', kind: 'chat', host: true },
      { atMinute: 30, nickname: '同学C', text: '已投递，期待面试！', kind: 'chat' },
    ],
  },
];

const MINUTE = 60_000;

/** Demo accounts the sessions use: students who wrote the replay's messages, and an admin as a fallback host. */
export const LIVE_SEED_ACCOUNTS = ['a-student-new', 'b-student-dlut', 'g-admin'] as const;

/** The other modules' demo rows the sessions point at, by seed key (enterprises, jobs) and account key (users). */
export interface LiveSeedRefs {
  enterprises: ReadonlyMap<string, { _id: Types.ObjectId; name: string; recruiterIds: Types.ObjectId[] }>;
  jobs: ReadonlyMap<string, { _id: Types.ObjectId }>;
  users: ReadonlyMap<string, { _id: Types.ObjectId }>;
}

/** Upserts the demo sessions by seedKey (and their messages by seq); running it again inserts nothing. */
export async function applyLiveSeeds(db: Database, refs: LiveSeedRefs, calendar: DemoCalendar, count: SeedCounter): Promise<{ skipped: string[] }> {
  const sessions = db.model(LiveSessionModel);
  const userOf = (account: string) => refs.users.get(account)?._id;
  const students = [userOf('a-student-new'), userOf('b-student-dlut')].filter((id): id is Types.ObjectId => !!id);
  const skipped: string[] = [];
  for (const seed of LIVE_SESSION_SEEDS) {
    const enterprise = refs.enterprises.get(seed.enterprise);
    const jobIds = seed.jobs.map(key => refs.jobs.get(key)?._id).filter((id): id is Types.ObjectId => !!id);
    const createdBy = enterprise?.recruiterIds[0] ?? userOf('g-admin');
    // Demo jobs are other seeds' data: a renamed key drops that card rather than the whole demo start.
    if (!enterprise || !createdBy || jobIds.length === 0) {
      skipped.push(seed.seedKey);
      continue;
    }
    const _id = new Types.ObjectId();
    const startAt = demoInstant(seed.start, calendar);
    const endedAt = seed.durationMinutes ? new Date(startAt.getTime() + seed.durationMinutes * MINUTE) : undefined;
    const result = await sessions.findOneAndUpdate(
      { seedKey: seed.seedKey },
      {
        $setOnInsert: {
          _id,
          title: seed.title,
          coverUrl: '',
          startAt,
          enterpriseId: enterprise._id,
          hostName: enterprise.name,
          jobIds,
          createdBy,
          status: seed.status,
          streamName: `ll_${_id.toHexString()}`,
          ...(seed.status === 'ended' ? { startedAt: startAt, endedAt, notifiedAt: startAt } : {}),
          messageSeq: seed.messages?.length ?? 0,
        },
      },
      { upsert: true, new: true, includeResultMetadata: true },
    );
    count('liveSessions', !result.lastErrorObject?.updatedExisting);
    const session = result.value;
    if (!session) continue;
    for (const [i, m] of (seed.messages ?? []).entries()) {
      const at = new Date(startAt.getTime() + m.atMinute * MINUTE);
      await db.model(LiveMessageModel).updateOne(
        { sessionId: session._id, seq: i + 1 },
        {
          $setOnInsert: {
            sessionId: session._id,
            seq: i + 1,
            userId: m.host ? createdBy : students[i % Math.max(1, students.length)] ?? createdBy,
            nickname: m.nickname,
            kind: m.kind,
            text: m.text,
            host: m.host === true,
            offsetMs: m.atMinute * MINUTE,
            at,
          },
        },
        { upsert: true },
      );
    }
  }
  return { skipped };
}
