import { FAIR_KINDS, type FairInput, type FairKind } from '@contract/job';
import type { DistrictCode } from '@contract/reference';
import { parseBeijingDateTime } from '@contract/time';

export interface FairForm {
  kind: FairKind | undefined;
  title: string;
  description: string;
  /** "YYYY-MM-DD HH:mm", Beijing time. */
  startAt: string;
  endAt: string;
  venue: string;
  district: DistrictCode | undefined;
  boothCapacity: string;
}

export type FairFormErrors = Partial<Record<keyof FairForm, string>>;
export type FairCheck = { ok: true; input: FairInput } | { ok: false; errors: FairFormErrors };

export const emptyFairForm: FairForm = {
  kind: undefined,
  title: '',
  description: '',
  startAt: '',
  endAt: '',
  venue: '',
  district: undefined,
  boothCapacity: '50',
};

/** "2026-06-01 09:30" typed as Beijing time (what the fair pages show) → ISO; undefined when it is not a real date and time. */
export function parseFairTime(text: string): string | undefined {
  return parseBeijingDateTime(text)?.toISOString();
}

export function checkFairForm(form: FairForm, now: Date = new Date()): FairCheck {
  const errors: FairFormErrors = {};
  if (!form.kind || !(FAIR_KINDS as readonly string[]).includes(form.kind)) errors.kind = '请选择招聘会类型';
  const title = form.title.trim();
  if (title.length < 4 || title.length > 60) errors.title = '名称为4至60个字';
  const startAt = parseFairTime(form.startAt);
  const endAt = parseFairTime(form.endAt);
  if (!startAt) errors.startAt = '请按“2026-06-01 09:00”的格式填写';
  else if (new Date(startAt) <= now) errors.startAt = '开始时间须晚于现在';
  if (!endAt) errors.endAt = '请按“2026-06-01 16:00”的格式填写';
  else if (startAt && new Date(endAt) <= new Date(startAt)) errors.endAt = '结束时间须晚于开始时间';
  const venue = form.venue.trim();
  if (venue.length < 2) errors.venue = form.kind === 'online' ? '线上招聘会请填“线上”' : '请填写举办地点';
  const capacity = /^\d{1,4}$/.test(form.boothCapacity.trim()) ? Number(form.boothCapacity.trim()) : NaN;
  if (!(capacity >= 1 && capacity <= 2000)) errors.boothCapacity = '展位数为1至2000';
  if (Object.keys(errors).length > 0 || !form.kind || !startAt || !endAt) return { ok: false, errors };
  return {
    ok: true,
    input: {
      kind: form.kind,
      title,
      description: form.description.trim(),
      startAt,
      endAt,
      venue,
      ...(form.district ? { district: form.district } : {}),
      boothCapacity: capacity,
    },
  };
}
