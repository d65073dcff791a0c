import { COLLEGES, DISTRICTS } from '../../contract/reference';
import type { TimelineEntry } from '../../contract/subsidy';

/** The unit a staff member acts for, as people in Dalian name it. */
export const BUREAU_UNIT = '大连市人力资源和社会保障局';

/** What the rules read of the person behind a step (a slice of a user card). */
export interface ActorFacts {
  nickname?: string;
  profile?: { name?: string };
  scope?: { collegeId?: string; districtCode?: string };
}

export function actorUnit(role: TimelineEntry['actorRole'], scope: ActorFacts['scope'] = {}): string | undefined {
  if (role === 'bureau') return BUREAU_UNIT;
  if (role === 'college') return COLLEGES.find(c => c.id === scope.collegeId)?.name ?? '高校';
  if (role === 'district') {
    const district = DISTRICTS.find(d => d.code === scope.districtCode)?.name;
    return district ? `${district}人力资源和社会保障局` : '区市县人力资源和社会保障局';
  }
  return undefined;
}

/**
 * Who did each step and for which unit: staff by the name on their account (or the account's nickname),
 * the applicant by the name on the application. An account since removed keeps its unit and role.
 */
export function withActors<E extends Pick<TimelineEntry, 'actorRole'> & { actorId: string }>(
  entries: readonly E[],
  actors: ReadonlyMap<string, ActorFacts>,
  applicantName: string,
): Array<E & Pick<TimelineEntry, 'actorName' | 'actorUnit'>> {
  return entries.map(entry => {
    if (entry.actorRole === 'applicant') return { ...entry, actorName: applicantName };
    const actor = actors.get(entry.actorId);
    const name = actor?.profile?.name?.trim() || actor?.nickname?.trim() || undefined;
    return { ...entry, actorName: name, actorUnit: actorUnit(entry.actorRole, actor?.scope) };
  });
}
