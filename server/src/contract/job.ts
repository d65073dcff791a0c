import type { Degree, DistrictCode } from './reference';

export const JOB_KINDS = [
  'fulltime',
  'traineeship',
  'internship',
  'public-sector',
  'community',
  'grassroots',
  'research-assistant',
] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export const JOB_KIND_LABELS: Record<JobKind, string> = {
  fulltime: '全职',
  traineeship: '就业见习',
  internship: '实习',
  'public-sector': '机关事业单位',
  community: '社区工作者',
  grassroots: '基层服务岗位',
  'research-assistant': '科研助理',
};

export interface JobSummary {
  id: string;
  kind: JobKind;
  title: string;
  enterpriseId: string;
  enterpriseName: string;
  salaryMin: number;
  salaryMax: number;
  education: Degree;
  district: DistrictCode;
  headcount: number;
  tags: string[];
  deadline: string;
  publishedAt: string;
  /** Present on "recommended for me": why it matched. */
  reasons?: string[];
  score?: number;
}

export interface JobDetail extends JobSummary {
  description: string;
  majors: string[];
  address: string;
  contactPolicy: string;
}
