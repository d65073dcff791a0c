import type { Audience } from './policy';
import type { StudentProfile } from './user';

/*
 * Who a policy is for, and whether a student is among them: "policies for me" ranks by it and the
 * policy notice sends by it, so content and notices agree.
 */

/** What the rules need to know about a student; anything unknown is left undefined. */
export type AudienceSubject = Partial<Pick<StudentProfile,
  'collegeId' | 'doubleFirstClass' | 'degree' | 'major' | 'graduationYear' | 'originProvince' | 'intentionDistricts'>> & {
  hardship?: boolean;
};

export interface AudienceFit {
  /** The student meets every condition of the audience (conditions on unknown facts fail). */
  matches: boolean;
  /** How many conditions the audience sets (the more specific, the better a match fits). */
  specificity: number;
}

const HOME_PROVINCE = '辽宁省';

/** Whether a student is in a policy's audience, and how specific that audience is. */
export function audienceFit(a: Audience, s: AudienceSubject): AudienceFit {
  let specificity = 0;
  let matches = true;
  const need = (set: boolean, ok: boolean) => {
    if (!set) return;
    specificity += 1;
    if (!ok) matches = false;
  };
  need(a.graduationYears.length > 0, s.graduationYear !== undefined && a.graduationYears.includes(s.graduationYear));
  need(a.degrees.length > 0, s.degree !== undefined && a.degrees.includes(s.degree));
  need(a.inDalianCollege !== undefined && a.inDalianCollege !== null, (s.collegeId !== undefined) === a.inDalianCollege);
  need(
    a.inProvinceOrigin !== undefined && a.inProvinceOrigin !== null,
    s.originProvince !== undefined && (s.originProvince === HOME_PROVINCE) === a.inProvinceOrigin,
  );
  need(a.doubleFirstClassOnly, s.doubleFirstClass === true);
  need(a.hardshipOnly, s.hardship === true);
  need(a.districts.length > 0, (s.intentionDistricts ?? []).some(d => a.districts.includes(d)));
  need(
    a.majorKeywords.length > 0,
    s.major !== undefined && a.majorKeywords.some(k => k.length > 0 && s.major!.includes(k)),
  );
  return { matches, specificity };
}
