import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import ExcelJS from 'exceljs';
import { createHash } from 'crypto';
import { Types } from 'mongoose';
import sharp from 'sharp';
import { CONSENT_TEXTS } from '../../contract/privacy';
import { withResidentIdCheck } from '../../contract/resident-id';
import { PAYMENT_COLUMNS, type PaymentBatchView, type SubsidyDocumentKind } from '../../contract/subsidy';
import type { SeedCounter, SeedLog } from '../../core/demo';
import { BizError } from '../../core/errors';
import type { AuthUser } from '../../interface';
import { ConsentService } from '../privacy/consent.service';
import { UserService } from '../user/user.service';
import { SubsidyApplicationService } from './subsidy-application.service';
import { SubsidyApplyService } from './subsidy-apply.service';
import { DEMO_APPLICATION_SEEDS, DEMO_STUDENT_ID_BODY, type DemoApplicationSeed } from './subsidy-demo.seed';
import { SubsidyPaymentService } from './subsidy-payment.service';
import { SubsidyPublicityService } from './subsidy-publicity.service';
import { SubsidyProgramService } from './subsidy-program.service';
import { SubsidyReviewService } from './subsidy-review.service';
import { DEMO_APPROVAL_REASON, demoPlan, withLuhnDigit, type DemoPayPhase, type DemoPlan } from './subsidy.demo.rules';
import type { SubsidyProgramDoc } from './subsidy.model';
import { stagesFor } from './subsidy.rules';

interface Applicant {
  user: AuthUser;
  idNumber: string;
}

interface Pending {
  seed: DemoApplicationSeed;
  id: string;
  key: { applicantId: Types.ObjectId; programId: Types.ObjectId; period: string };
  plan: DemoPlan;
}

const STAFF = ['d-college', 'e-district', 'f-bureau'] as const;
const DAY_MS = 24 * 3600_000;

/** A small scan stand-in (a plain image, a different colour for each application and material), so no two files share a hash. */
async function demoScan(seed: string): Promise<Buffer> {
  const [r, g, b] = createHash('sha256').update(seed).digest();
  return sharp({ create: { width: 120, height: 80, channels: 3, background: { r, g, b } } }).png().toBuffer();
}

/**
 * The demo city's subsidy applications at every stage (subsidy-demo.seed.ts), brought there by the real steps:
 * the graduate's consent, form, materials and submission, the reviewers' decisions, a payment batch settled by
 * a bank result file and one still with the bank. Applicants who already have the application are left alone,
 * so a second run adds nothing.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class SubsidyDemoService {
  @Inject()
  private users!: UserService;

  @Inject()
  private consents!: ConsentService;

  @Inject()
  private programs!: SubsidyProgramService;

  @Inject()
  private applications!: SubsidyApplicationService;

  @Inject()
  private apply!: SubsidyApplyService;

  @Inject()
  private review!: SubsidyReviewService;

  @Inject()
  private payment!: SubsidyPaymentService;

  @Inject()
  private publicity!: SubsidyPublicityService;

  async seedCityDemo(count: SeedCounter, log: SeedLog): Promise<void> {
    const started = Date.now();
    const graduates = await this.users.seedDemoCityGraduates(count);
    const accounts = await this.users.demoAccounts(['b-student-dlut', ...STAFF]);
    const staff = new Map(STAFF.flatMap(key => {
      const card = accounts.get(key);
      return card ? [[key, { id: card._id.toHexString(), roles: card.roles, scope: card.scope, sessionId: 'demo-seed' } as AuthUser] as const] : [];
    }));
    const programs = new Map((await this.programs.activePrograms('graduate')).flatMap(p => (p.seedKey ? [[p.seedKey, p] as const] : [])));

    const applicantOf = (seed: DemoApplicationSeed): Applicant | undefined => {
      if ('graduate' in seed.applicant) {
        const g = graduates.get(seed.applicant.graduate);
        return g && { user: { id: g.userId.toHexString(), roles: ['student'], scope: {}, sessionId: 'demo-seed' }, idNumber: g.idNumber };
      }
      const card = accounts.get(seed.applicant.devAccount);
      return card && { user: { id: card._id.toHexString(), roles: card.roles, scope: card.scope, sessionId: 'demo-seed' }, idNumber: withResidentIdCheck(DEMO_STUDENT_ID_BODY) };
    };

    const made: Pending[] = [];
    let skipped = 0;
    const startAll = async (seeds: readonly DemoApplicationSeed[]) => {
      const out: Pending[] = [];
      for (const seed of seeds) {
        const program = programs.get(seed.program);
        const applicant = applicantOf(seed);
        if (!program || !applicant) {
          skipped++;
          continue;
        }
        try {
          const pending = await this.start(seed, program, applicant);
          count('subsidyApplications', pending !== undefined);
          if (pending) out.push(pending);
        } catch (err) {
          // A program closed for the year, or a rule the demo form no longer meets: the demo goes on without it.
          if (!(err instanceof BizError)) throw err;
          skipped++;
          log(`subsidy demo: ${seed.program} of ${JSON.stringify(seed.applicant)} left out (${err.code})`);
        }
      }
      made.push(...out);
      return out;
    };
    const decideAll = async (pending: readonly Pending[], index?: number) => {
      for (const p of pending) {
        const steps = index === undefined ? p.plan.decisions : p.plan.decisions.slice(index, index + 1);
        for (const step of steps) await this.decide(staff, step.stage, p.id, { decision: step.decision, reason: step.reason, missingDocuments: step.missingDocuments });
      }
    };
    const approveAll = async (pending: readonly Pending[]) => {
      for (const p of pending) await this.decide(staff, p.plan.finalApproval?.stage ?? 'bureau', p.id, { decision: 'approve', reason: DEMO_APPROVAL_REASON });
    };
    const bureau = staff.get('f-bureau');
    const isPhase = (phase: DemoPayPhase) => (seed: DemoApplicationSeed) => {
      const program = programs.get(seed.program);
      return program !== undefined && demoPlan(seed.target, stagesFor(program.workflow, true, 'graduate'), seed.outcome).finalApproval?.phase === phase;
    };

    // Paid and returned by the bank: a batch is paid only after its 公示 ran its course, so these are a few weeks
    // old, each step on its day (the services' clocks set back while they take it).
    const now = Date.now();
    const daysAgo = (days: number) => new Date(now - days * DAY_MS);
    const history = await this.at(daysAgo(30), () => startAll(DEMO_APPLICATION_SEEDS.filter(isPhase('settled'))));
    if (history.length > 0) {
      const reviews = Math.max(0, ...history.map(p => p.plan.decisions.length));
      for (let k = 0; k < reviews; k++) await this.at(daysAgo(28 - 2 * k), () => decideAll(history, k));
      await this.at(daysAgo(22), () => approveAll(history));
      await this.at(daysAgo(21), () => this.batch(bureau, history, log));
      await this.at(daysAgo(5), () => this.settle(bureau, history, log));
    }

    // Today's: drafts, the queues, returns and rejections, a batch in its 公示, approved ones waiting for a batch.
    const today = await startAll(DEMO_APPLICATION_SEEDS.filter(seed => !isPhase('settled')(seed)));
    await decideAll(today);
    const open = today.filter(p => p.plan.finalApproval?.phase === 'open');
    await approveAll(open);
    if (open.length > 0) await this.batch(bureau, open, log);
    await approveAll(today.filter(p => p.plan.finalApproval?.phase === 'waiting'));
    const states = new Map<string, number>();
    for (const p of made) states.set(p.seed.target, (states.get(p.seed.target) ?? 0) + 1);
    log(
      `subsidy applications (city demo): ${made.length} new (${[...states].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'})` +
        `${skipped ? `, ${skipped} left out` : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }

  /** Consent, form, materials and (unless a draft) submission; undefined when the applicant has this application already. */
  private async start(seed: DemoApplicationSeed, program: SubsidyProgramDoc, applicant: Applicant): Promise<Pending | undefined> {
    const applicantId = applicant.user.id;
    const key = { applicantId: new Types.ObjectId(applicantId), programId: program._id, period: program.period };
    if (await this.applications.find(key)) return undefined;
    await this.consents.give(applicantId, 'subsidy', CONSENT_TEXTS.subsidy.version);
    const stages = stagesFor(program.workflow, true, 'graduate');
    const plan = demoPlan(seed.target, stages, seed.outcome);
    const { cardBody, ...fields } = seed.form;
    const form = { ...fields, idNumber: applicant.idNumber, bankAccount: withLuhnDigit(cardBody) };
    const draft = await this.apply.save(applicant.user, { programId: program._id.toHexString(), form, submit: false });
    // A draft has some of its materials; a submitted application all of them.
    const documents: SubsidyDocumentKind[] = plan.submit ? program.requiredDocuments : program.requiredDocuments.slice(0, 1);
    for (const kind of documents) {
      await this.apply.addDocument(applicant.user, draft.id, kind, { data: await demoScan(`${draft.id}:${kind}`), type: 'png' });
    }
    if (plan.submit) await this.apply.save(applicant.user, { programId: program._id.toHexString(), form: {}, submit: true, consent: true });
    return { seed, id: draft.id, key, plan };
  }

  private async decide(staff: Map<string, AuthUser>, stage: string, id: string, input: Parameters<SubsidyReviewService['decide']>[2]): Promise<void> {
    const reviewer = staff.get(stage === 'college' ? 'd-college' : stage === 'district' ? 'e-district' : 'f-bureau');
    if (!reviewer) return;
    await this.review.decide(reviewer, id, input);
  }

  /**
   * A batch of exactly these applications, published for its 公示 (when other approved applications wait too, the
   * batch would take theirs: then none is made and these stay approved).
   */
  private async batch(bureau: AuthUser | undefined, ready: Pending[], log: SeedLog): Promise<void> {
    if (!bureau) return;
    const preview = await this.payment.preview({});
    if (preview.count !== ready.length) {
      log(`subsidy demo: ${preview.count} approved applications wait for a batch, not the demo's ${ready.length}: no demo batch made`);
      return;
    }
    const batch = await this.payment.create(bureau, { previewKey: preview.previewKey });
    await this.publicity.publish(bureau, batch.id);
  }

  /** The bank's answer for the batch holding these applications, once its 公示 is over. */
  private async settle(bureau: AuthUser | undefined, ready: Pending[], log: SeedLog): Promise<void> {
    const first = ready[0];
    if (!bureau || !first) return;
    const app = await this.applications.find(first.key);
    if (!app?.batchId) return;
    const batch = await this.payment.get(app.batchId.toHexString());
    try {
      await this.payment.importResult(bureau, batch.id, await bankAnswer(batch, ready));
    } catch (err) {
      // The bureau's 公示 period is longer than the demo's history allows: the batch stays with the bank.
      if (!(err instanceof BizError)) throw err;
      log(`subsidy demo: the settled batch's bank result was not imported (${err.code})`);
    }
  }

  /** Runs `work` with the subsidy services' clocks at `when` (the demo's history), then gives them back. */
  private async at<T>(when: Date, work: () => Promise<T>): Promise<T> {
    const clocks: Array<{ now: () => Date }> = [this.applications, this.review, this.payment, this.publicity];
    const saved = clocks.map(c => c.now);
    for (const c of clocks) c.now = () => when;
    try {
      return await work();
    } finally {
      clocks.forEach((c, k) => (c.now = saved[k]));
    }
  }
}

/** The bank's result file for a batch: each line paid or returned as its demo application says. */
async function bankAnswer(batch: PaymentBatchView, ready: readonly Pending[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('回盘');
  ws.addRow([PAYMENT_COLUMNS.reference, PAYMENT_COLUMNS.amount, PAYMENT_COLUMNS.result, PAYMENT_COLUMNS.reason]);
  for (const line of batch.lines) {
    const bank = ready.find(p => p.id === line.applicationId)?.plan.bank ?? { result: 'paid' as const };
    ws.addRow([line.key, line.amount, bank.result === 'paid' ? '成功' : '失败', bank.result === 'failed' ? bank.reason : '']);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
