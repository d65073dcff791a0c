import type { Document } from 'mongodb';
import { PLACED_KINDS } from '../../contract/registry';

/** Which graduates a count covers: all of the city's, one college's, or those placed in one district. */
export interface StayScope {
  collegeId?: string;
  districtCode?: string;
}

interface GroupRow {
  _id: string | boolean | null;
  graduates: number;
  stayed: number;
}

/** What the stay aggregation returns: the totals and each breakdown, one row per group. */
export interface StayFacets {
  totals: Array<{
    graduates: number;
    dalianCollegeGraduates: number;
    stayed: number;
    stayedFromDalianColleges: number;
    stayedFromElsewhereInProvince: number;
    stayedFromElsewhereOutOfProvince: number;
    stayedDoubleFirstClass: number;
  }>;
  byCollege: GroupRow[];
  byDistrict: GroupRow[];
  byOrigin: GroupRow[];
  byDestination: GroupRow[];
  byDfc: GroupRow[];
}

const sumIf = (cond: Document | string): Document => ({ $sum: { $cond: [cond, 1, 0] } });

/** The graduates pipeline: one pass, every breakdown in a $facet. */
export function graduatesPipeline(year: number, scope: StayScope, now: Date): Document[] {
  const start = new Date(Date.UTC(year, 0, 1));
  const match: Document = { graduationYear: year };
  if (scope.collegeId) match.collegeId = scope.collegeId;
  if (scope.districtCode) match['destination.districtCode'] = scope.districtCode;

  const pipeline: Document[] = [
    { $match: match },
    {
      $project: {
        college: { $ifNull: ['$collegeId', ''] },
        district: { $ifNull: ['$destination.districtCode', ''] },
        kind: { $ifNull: ['$destination.kind', 'none'] },
        inProvince: '$originInProvince',
        dfc: '$doubleFirstClass',
        date: '$destination.date',
      },
    },
    {
      $addFields: {
        stayed: {
          $and: [
            { $in: ['$kind', [...PLACED_KINDS]] },
            { $ne: ['$district', ''] },
            { $gte: ['$date', start] },
            { $lte: ['$date', now] },
          ],
        },
      },
    },
    {
      $facet: {
        totals: [
          {
            $group: {
              _id: null,
              graduates: { $sum: 1 },
              dalianCollegeGraduates: sumIf({ $ne: ['$college', ''] }),
              stayed: sumIf('$stayed'),
              stayedFromDalianColleges: sumIf({ $and: ['$stayed', { $ne: ['$college', ''] }] }),
              stayedFromElsewhereInProvince: sumIf({ $and: ['$stayed', { $eq: ['$college', ''] }, '$inProvince'] }),
              stayedFromElsewhereOutOfProvince: sumIf({ $and: ['$stayed', { $eq: ['$college', ''] }, { $not: ['$inProvince'] }] }),
              stayedDoubleFirstClass: sumIf({ $and: ['$stayed', '$dfc'] }),
            },
          },
        ],
        byCollege: [{ $group: { _id: '$college', graduates: { $sum: 1 }, stayed: sumIf('$stayed') } }],
        byDistrict: [{ $group: { _id: '$district', graduates: { $sum: 1 }, stayed: sumIf('$stayed') } }],
        byOrigin: [{ $group: { _id: '$inProvince', graduates: { $sum: 1 }, stayed: sumIf('$stayed') } }],
        byDestination: [{ $group: { _id: '$kind', graduates: { $sum: 1 }, stayed: sumIf('$stayed') } }],
        byDfc: [{ $group: { _id: '$dfc', graduates: { $sum: 1 }, stayed: sumIf('$stayed') } }],
      },
    },
  ];
  return pipeline;
}

