import type { AbnormalEntryInput, AbnormalKind } from '@contract/job';
import { residentIdProblem } from '@contract/resident-id';
import { usccProblem } from '@contract/uscc';

export const ABNORMAL_KIND_LABELS: Record<AbnormalKind, string> = { enterprise: '企业', person: '个人' };
export const ABNORMAL_SUBJECT_LABELS: Record<AbnormalKind, string> = { enterprise: '统一社会信用代码', person: '身份证号码' };

export interface AbnormalForm {
  kind: AbnormalKind;
  subject: string;
  name: string;
  reason: string;
  evidence: string;
}

export type AbnormalFormErrors = Partial<Record<keyof AbnormalForm, string>>;

export const EMPTY_ABNORMAL_FORM: AbnormalForm = { kind: 'enterprise', subject: '', name: '', reason: '', evidence: '' };

/** The server's checks, so a mistyped code or ID is named under its field before anything is sent. */
export function checkAbnormalForm(form: AbnormalForm, now: Date = new Date()): { ok: true; input: AbnormalEntryInput } | { ok: false; errors: AbnormalFormErrors } {
  const errors: AbnormalFormErrors = {};
  const subject = form.subject.trim();
  if (!subject) errors.subject = `请填写${ABNORMAL_SUBJECT_LABELS[form.kind]}`;
  else {
    const problem = form.kind === 'enterprise' ? usccProblem(subject) : residentIdProblem(subject, now);
    if (problem) errors.subject = problem;
  }
  if (form.name.trim().length < 2) errors.name = form.kind === 'enterprise' ? '请填写企业名称' : '请填写姓名';
  if (form.reason.trim().length < 2) errors.reason = '请写明列入原因';
  if (Object.keys(errors).length) return { ok: false, errors };
  const evidence = form.evidence.trim();
  return { ok: true, input: { kind: form.kind, subject, name: form.name.trim(), reason: form.reason.trim(), ...(evidence ? { evidence } : {}) } };
}
