import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { CollegeId } from '../../contract/reference';
import type { SlotBatchInput, SlotKind, SlotView } from '../../contract/growth';
import { BizError, notFound } from '../../core/errors';
import { Database } from '../../core/database';
import type { AuthUser } from '../../interface';
import { AuditService } from '../audit/audit.service';
import { UserService } from '../user/user.service';
import { isDuplicateKey, ownerOf, peopleOf, personOf, type PersonInfo } from './growth.access';
import { SlotModel, type SlotDoc } from './growth.model';
import { GrowthNotifier } from './growth.notify';
import { holdKey, rangeOf, slotBatchProblems, slotBookable } from './growth.rules';

const DAY = 86_400_000;

function toSlotView(doc: SlotDoc, viewerId: string, student?: PersonInfo): SlotView {
  const host = doc.hostUserId === viewerId;
  return {
    id: doc._id.toHexString(),
    kind: doc.kind,
    hostName: doc.hostName,
    hostTitle: doc.hostTitle,
    mode: doc.mode,
    location: doc.location,
    startsAt: doc.startsAt.toISOString(),
    endsAt: doc.endsAt.toISOString(),
    status: doc.status,
    collegeId: doc.collegeId as CollegeId | undefined,
    mine: doc.bookedBy === viewerId,
    booking:
      host && doc.bookedBy
        ? { studentName: student?.name ?? '同学', schoolName: student?.schoolName, major: student?.major, note: doc.note ?? '', bookedAt: (doc.bookedAt ?? doc.updatedAt).toISOString() }
        : undefined,
  };
}

/**
 * Office hours of career advisors and 创业诊所 mentors: one model, one booking rule. A booking is a
 * conditional update of the slot (open and unbooked → booked), so two students never hold one
 * slot; `holdKey` under a unique index keeps a student to one upcoming slot per host.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class SlotService {
  @Inject()
  private db!: Database;

  @Inject()
  private users!: UserService;

  @Inject()
  private audit!: AuditService;

  @Inject()
  private notifier!: GrowthNotifier;

  /**
   * Booking confirmed: the confirmation is written with the booking (outbox) and told once per
   * booking (its key holds `bookedAt`); a retry tells what a dead request left.
   */
  private async confirmed(slot: SlotDoc): Promise<SlotDoc> {
    await this.notifier.flush(this.db.model(SlotModel), slot._id);
    return slot;
  }

  now: () => Date = () => new Date();

  private async slot(id: string): Promise<SlotDoc> {
    const doc = await this.db.model(SlotModel).findById(id).lean();
    if (!doc) throw notFound('时段');
    return doc;
  }

  async create(staff: AuthUser, input: SlotBatchInput, requestId?: string): Promise<SlotView[]> {
    if (input.kind === 'mentor' && !staff.roles.some(r => r === 'district' || r === 'bureau' || r === 'admin')) {
      throw new BizError('FORBIDDEN', '创业诊所时段由市、区人社部门发布');
    }
    const owner = ownerOf(staff);
    const now = this.now();
    const batch = input.times.map(t => rangeOf(t.startsAt, t.durationMinutes));
    const from = new Date(Math.min(...batch.map(b => b.startsAt.getTime())));
    const to = new Date(Math.max(...batch.map(b => b.endsAt.getTime())));
    const existing = await this.db
      .model(SlotModel)
      .find({ hostUserId: staff.id, status: { $ne: 'cancelled' }, startsAt: { $lt: to }, endsAt: { $gt: from } }, { startsAt: 1, endsAt: 1 })
      .lean();
    const problem = slotBatchProblems(batch, existing, now)[0];
    if (problem) throw new BizError(problem.message.includes('已过') ? 'VALIDATION_FAILED' : 'SLOT_OVERLAP', problem.message, `times.${problem.index}.startsAt`);
    const docs = await this.db.model(SlotModel).insertMany(
      batch.map(range => ({
        kind: input.kind,
        hostUserId: staff.id,
        hostName: input.hostName,
        hostTitle: input.hostTitle,
        mode: input.mode,
        location: input.location,
        startsAt: range.startsAt,
        endsAt: range.endsAt,
        status: 'open',
        collegeId: input.kind === 'advisor' ? owner.collegeId : undefined,
        owner,
      })),
    );
    await this.audit.record(staff, { action: 'growth.slot.create', targetType: 'growthSlot', targetId: docs[0]._id.toHexString(), to: `${input.kind} ×${docs.length}` }, requestId);
    return docs.map(d => toSlotView(d.toObject(), staff.id));
  }

  /** Upcoming open slots of a kind a student may book, plus the slots the student holds. */
  async list(user: AuthUser, kind: SlotKind): Promise<SlotView[]> {
    const me = await personOf(this.users, user.id);
    const colleges: Array<string | null> = [null];
    if (me.collegeId) colleges.push(me.collegeId);
    const docs = await this.db
      .model(SlotModel)
      .find({
        kind,
        startsAt: { $gt: this.now() },
        $or: [{ status: 'open', collegeId: { $in: colleges } }, { bookedBy: user.id, status: 'booked' }],
      })
      .sort({ startsAt: 1, _id: 1 })
      .limit(300)
      .lean();
    return docs.map(d => toSlotView(d, user.id));
  }

  async book(user: AuthUser, id: string, note: string): Promise<SlotView> {
    const slots = this.db.model(SlotModel);
    const slot = await this.slot(id);
    if (slot.bookedBy === user.id && slot.status === 'booked') return toSlotView(await this.confirmed(slot), user.id);
    const now = this.now();
    if (slot.collegeId) {
      const me = await personOf(this.users, user.id);
      if (me.collegeId !== slot.collegeId) throw new BizError('SLOT_OTHER_COLLEGE');
    }
    const key = holdKey(slot.hostUserId, user.id);
    // A hold on a slot that has ended no longer counts: release it before claiming.
    await slots.updateMany({ holdKey: key, endsAt: { $lte: now } }, { $unset: { holdKey: 1 } });
    let booked: SlotDoc | null;
    try {
      booked = await slots
        .findOneAndUpdate(
          { _id: slot._id, status: 'open', bookedBy: { $exists: false }, startsAt: { $gt: now } },
          {
            $set: { status: 'booked', bookedBy: user.id, bookedAt: now, note, holdKey: key },
            $push: { pendingNotices: this.notifier.entry([user.id], { type: 'slot-booked', slotId: id, kind: slot.kind, hostName: slot.hostName, startsAt: slot.startsAt, at: now }) },
          },
          { new: true },
        )
        .lean();
    } catch (err) {
      if (isDuplicateKey(err)) throw new BizError('SLOT_ALREADY_HELD');
      throw err;
    }
    if (booked) return toSlotView(await this.confirmed(booked), user.id);
    const after = await this.slot(id);
    if (after.bookedBy === user.id && after.status === 'booked') return toSlotView(await this.confirmed(after), user.id);
    if (after.status === 'booked') throw new BizError('SLOT_TAKEN');
    throw new BizError('SLOT_NOT_BOOKABLE');
  }

  /** Cancelling means "I no longer hold this slot": repeating it changes nothing. */
  async cancelBooking(user: AuthUser, id: string): Promise<SlotView> {
    const slot = await this.slot(id);
    if (slot.bookedBy !== user.id || slot.status !== 'booked') return toSlotView(slot, user.id);
    if (!slotBookable({ status: 'open', startsAt: slot.startsAt }, this.now())) throw new BizError('SLOT_STARTED');
    const freed = await this.db
      .model(SlotModel)
      .findOneAndUpdate(
        { _id: slot._id, bookedBy: user.id, status: 'booked' },
        { $set: { status: 'open' }, $unset: { bookedBy: 1, bookedAt: 1, note: 1, holdKey: 1 } },
        { new: true },
      )
      .lean();
    return toSlotView(freed ?? (await this.slot(id)), user.id);
  }

  async myBookings(user: AuthUser): Promise<SlotView[]> {
    const docs = await this.db.model(SlotModel).find({ bookedBy: user.id }).sort({ startsAt: -1 }).limit(100).lean();
    return docs.map(d => toSlotView(d, user.id));
  }

  /** The host's own slots from the last week on, with who booked them. */
  async hosted(staff: AuthUser, kind?: SlotKind): Promise<SlotView[]> {
    const filter: Record<string, unknown> = { hostUserId: staff.id, startsAt: { $gte: new Date(this.now().getTime() - 7 * DAY) } };
    if (kind) filter.kind = kind;
    const docs = await this.db.model(SlotModel).find(filter).sort({ startsAt: 1, _id: 1 }).limit(500).lean();
    const people = await peopleOf(this.users, docs.flatMap(d => (d.bookedBy ? [d.bookedBy] : [])));
    return docs.map(d => toSlotView(d, staff.id, d.bookedBy ? people.get(d.bookedBy) : undefined));
  }

  /** The host withdraws a slot; a student who booked it sees it cancelled. */
  async withdraw(staff: AuthUser, id: string, requestId?: string, attempt = 0): Promise<SlotView> {
    const slot = await this.slot(id);
    if (slot.hostUserId !== staff.id) throw new BizError('OUT_OF_SCOPE', '只能取消自己的时段');
    const slots = this.db.model(SlotModel);
    // A booked slot keeps `bookedBy` when withdrawn: that student is told, the notice written with the
    // withdrawal (conditional on the booking read here, so a booking made meanwhile is not missed).
    const notice = slot.bookedBy
      ? { $push: { pendingNotices: this.notifier.entry([slot.bookedBy], { type: 'slot-withdrawn', slotId: id, kind: slot.kind, hostName: slot.hostName, startsAt: slot.startsAt }) } }
      : {};
    const moved = await slots
      .findOneAndUpdate(
        { _id: slot._id, status: { $ne: 'cancelled' }, bookedBy: slot.bookedBy ?? null },
        { $set: { status: 'cancelled' }, $unset: { holdKey: 1 }, ...notice },
        { new: true },
      )
      .lean();
    if (moved) {
      await this.audit.record(staff, { action: 'growth.slot.withdraw', targetType: 'growthSlot', targetId: id, from: slot.status, to: 'cancelled' }, requestId);
    }
    const final = moved ?? (await this.slot(id));
    // Booked (or released) between the read and the update: withdraw again with the booking as it is.
    if (final.status !== 'cancelled') {
      if (attempt >= 3) throw new BizError('CONFLICT', '该时段正在被预约，请稍后重试');
      return this.withdraw(staff, id, requestId, attempt + 1);
    }
    await this.notifier.flush(slots, final._id);
    return toSlotView(final, staff.id);
  }
}
