import { DESTINATION_LABELS, type DestinationKind, type DestinationSource, type HardshipFlag } from '../../contract/registry';
import { DISTRICTS, type Degree, type DistrictCode } from '../../contract/reference';
import type { OfferPrefill, OfferStatus } from '../../contract/subsidy-offer';
import { beijingDay, chineseDate } from '../../contract/time';
import { BizError } from '../../core/errors';
import { factsOf, type Facts } from './subsidy.rules';

/** Days an offer stays open (and never past the program's window). */
export const OFFER_VALID_DAYS = 30;

/** What the match reads of a registry record. */
export interface OfferRecord {
  schoolName: string;
  degree: Degree;
  doubleFirstClass: boolean;
  graduationYear: number;
  hardship: HardshipFlag[];
  destination?: { kind: DestinationKind; employer?: string; districtCode?: string; date: Date; source: DestinationSource };
}

/** One insurance spell of the person. */
export interface OfferSpell {
  employerUscc: string;
  /** YYYY-MM */
  startMonth: string;
  monthsPaid: number;
}

const NOT_WORKING: readonly DestinationKind[] = ['further-study', 'military', 'unemployed'];
const SOURCE_LABELS: Record<DestinationSource, string> = {
  'job-hire': '平台录用记录',
  import: '高校报送的毕业去向',
  staff: '工作人员登记的去向',
  subsidy: '已批准的补贴申请',
};

/**
 * The registry holds the graduation year only: the offer takes 30 June of it (the usual diploma date), and
 * nothing before that day (a graduate of this year who has not graduated yet is not matched).
 */
export function recordGraduationDate(year: number, today: string): string | undefined {
  const date = `${year}-06-30`;
  return date <= today ? date : undefined;
}

/**
 * The facts a program's rules are judged on, from the records alone: the registry (degree, 双一流, graduation,
 * hardship), its destination (a recorded hire, the college's report, staff: where in Dalian the graduate works)
 * and the newest insurance spell (months paid, employer). `idNumber` only when a rule needs the age.
 */
export function offerFacts(record: OfferRecord, spells: readonly OfferSpell[], idNumber: string | undefined, today: string): { facts: Facts; prefill: OfferPrefill | undefined; sources: string[] } {
  const graduationDate = recordGraduationDate(record.graduationYear, today);
  const d = record.destination;
  const district = d && !NOT_WORKING.includes(d.kind) && DISTRICTS.some(x => x.code === d.districtCode) ? (d.districtCode as DistrictCode) : undefined;
  const spell = spells.reduce<OfferSpell | undefined>((best, s) => (!best || s.startMonth > best.startMonth ? s : best), undefined);
  const hardship = record.hardship.length > 0;
  const facts = factsOf(
    {
      degree: record.degree,
      doubleFirstClass: record.doubleFirstClass,
      graduationDate,
      employmentDistrict: district,
      socialInsuranceMonths: spell?.monthsPaid,
      hardship,
      idNumber,
    },
    today,
  );
  const sources = [`毕业生实名库（${record.schoolName}，${record.graduationYear}届）`];
  if (d && district) sources.push(`${SOURCE_LABELS[d.source]}（${DESTINATION_LABELS[d.kind]}，${chineseDate(d.date)}）`);
  if (spell) sources.push(`社保参保记录（${spell.startMonth}起，累计缴费${spell.monthsPaid}个月）`);
  if (!graduationDate) return { facts, prefill: undefined, sources };
  const prefill: OfferPrefill = {
    graduationDate,
    ...(district ? { employmentDistrict: district } : {}),
    ...(district && d?.employer ? { employerName: d.employer } : {}),
    ...(spell ? { employerUscc: spell.employerUscc, socialInsuranceMonths: spell.monthsPaid } : {}),
    ...(hardship ? { hardship } : {}),
  };
  return { facts, prefill, sources };
}

export function offerKey(programId: string, period: string, idNumberHash: string): string {
  return `${programId}:${period}:${idNumberHash}`;
}

/** Open for `OFFER_VALID_DAYS`, and never after the program's last day (Beijing). */
export function offerExpiry(closesAt: string, offeredAt: Date): Date {
  const windowEnd = new Date(`${closesAt}T23:59:59.999+08:00`);
  const validEnd = new Date(offeredAt.getTime() + OFFER_VALID_DAYS * 86_400_000);
  return validEnd < windowEnd ? validEnd : windowEnd;
}

export function offerMessage(programName: string, amount: number): string {
  return `你符合${programName}，约${amount}元`;
}

export function offerStatus(doc: { status: Exclude<OfferStatus, 'expired'>; expiresAt: Date }, now: Date): OfferStatus {
  return doc.status === 'offered' && doc.expiresAt.getTime() < now.getTime() ? 'expired' : doc.status;
}

/**
 * What a tap does to an offer as it stands: `act` (write it), `answer` (a retry: answer it as it is), or a 409
 * naming why not. Confirming an expired or declined offer, declining a confirmed or expired one change nothing.
 */
export function offerStep(doc: { status: Exclude<OfferStatus, 'expired'>; expiresAt: Date }, action: 'confirm' | 'decline', now: Date): 'act' | 'answer' {
  const status = offerStatus(doc, now);
  if (status === 'offered') return 'act';
  if ((action === 'confirm' && status === 'confirmed') || (action === 'decline' && status === 'declined')) return 'answer';
  if (status === 'expired') throw new BizError('SUBSIDY_OFFER_EXPIRED');
  if (status === 'declined') throw new BizError('SUBSIDY_OFFER_CLOSED');
  throw new BizError('SUBSIDY_STATE_CHANGED', '该补贴提醒已确认，已转为补贴申请');
}

export function offerExpiresOn(expiresAt: Date): string {
  return beijingDay(expiresAt);
}
