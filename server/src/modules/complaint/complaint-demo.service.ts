import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Database } from '../../core/database';
import type { SeedCounter, SeedLog } from '../../core/demo';
import { maskPhone, PiiService } from '../../core/pii';
import { JobService } from '../job/job.service';
import { UserService } from '../user/user.service';
import { ComplaintModel, HotlineModel, type StoredComplaintEvent } from './complaint.model';
import { fingerprint, triageDue } from './complaint.rules';
import { COMPLAINT_SEEDS, EXAMPLE_PHONE, HOTLINE_SEEDS } from './complaint.seed';

const DAY = 24 * 3600_000;

/** The complaint module's demo data, applied by DemoSeeder after users and jobs exist; idempotent by seedKey ($setOnInsert). */
@Provide()
@Scope(ScopeEnum.Singleton)
export class ComplaintDemoService {
  @Inject()
  private db!: Database;

  @Inject()
  private pii!: PiiService;

  @Inject()
  private jobs!: JobService;

  @Inject()
  private users!: UserService;

  async seed(now: Date, count: SeedCounter, log: SeedLog): Promise<void> {
    const hotlines = this.db.model(HotlineModel);
    for (const seed of HOTLINE_SEEDS) {
      const res = await hotlines.updateOne({ district: seed.district }, { $setOnInsert: { ...seed, example: false } }, { upsert: true });
      count('complaintHotlines', res.upsertedCount > 0);
    }
    log(`complaint hotlines: ${HOTLINE_SEEDS.length} (12333 until the bureau enters district numbers)`);

    const complaints = this.db.model(ComplaintModel);
    const users = await this.users.demoAccounts(COMPLAINT_SEEDS.flatMap(seed => [seed.complainant, ...(seed.handler ? [seed.handler] : [])]));
    const jobs = await this.jobs.seeded(COMPLAINT_SEEDS.flatMap(seed => (seed.job ? [seed.job] : [])));
    for (const seed of COMPLAINT_SEEDS) {
      const complainant = users.get(seed.complainant);
      const job = seed.job ? jobs.get(seed.job) : undefined;
      if (!complainant || (seed.job && !job)) throw new Error(`complaint seed ${seed.seedKey} names an unknown user or job`);
      const handler = seed.handler ? users.get(seed.handler) : undefined;
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
