import { BizError } from '../../core/errors';
import type { AuthUser } from '../../interface';
import type { UserService } from '../user/user.service';
import type { OwnerScope } from './growth.model';

/** The owning scope of what a staff member creates: their college, their district, or the city. */
export function ownerOf(user: AuthUser): OwnerScope {
  if (user.roles.includes('bureau') || user.roles.includes('admin')) return {};
  if (user.roles.includes('district') && user.scope.districtCode) return { districtCode: user.scope.districtCode };
  if (user.roles.includes('college') && user.scope.collegeId) return { collegeId: user.scope.collegeId };
  throw new BizError('OUT_OF_SCOPE');
}

/** Whether a staff member may manage a record owned by `owner`. */
export function manages(user: AuthUser, owner: OwnerScope | undefined): boolean {
  if (user.roles.includes('bureau') || user.roles.includes('admin')) return true;
  if (!owner) return false;
  if (owner.districtCode && user.roles.includes('district') && user.scope.districtCode === owner.districtCode) return true;
  return Boolean(owner.collegeId && user.roles.includes('college') && user.scope.collegeId === owner.collegeId);
}

/** Mongo filter for the records a staff member manages. */
export function managedFilter(user: AuthUser): Record<string, unknown> {
  if (user.roles.includes('bureau') || user.roles.includes('admin')) return {};
  const or: Array<Record<string, unknown>> = [];
  if (user.roles.includes('district') && user.scope.districtCode) or.push({ 'owner.districtCode': user.scope.districtCode });
  if (user.roles.includes('college') && user.scope.collegeId) or.push({ 'owner.collegeId': user.scope.collegeId });
  if (or.length === 0) throw new BizError('OUT_OF_SCOPE');
  return { $or: or };
}

export interface PersonInfo {
  name: string;
  schoolName?: string;
  major?: string;
  collegeId?: string;
}

/** Display facts of users by id (profile name, else nickname). */
export async function peopleOf(users: UserService, ids: readonly string[]): Promise<Map<string, PersonInfo>> {
  const cards = await users.cardsOf(ids);
  return new Map(
    [...cards].map(([id, d]) => [
      id,
      { name: d.profile?.name || d.nickname, schoolName: d.profile?.schoolName, major: d.profile?.major, collegeId: d.profile?.collegeId },
    ]),
  );
}

export async function personOf(users: UserService, id: string): Promise<PersonInfo> {
  return (await peopleOf(users, [id])).get(id) ?? { name: '同学' };
}

export function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: number })?.code === 11000;
}
