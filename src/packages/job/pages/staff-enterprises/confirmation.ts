import type { EnterpriseView } from '@contract/job';
import type { ConfirmOptions } from '@/services/confirm';

/** What approving or rejecting does, said before it is done. */
export function decisionConfirmation(ent: Pick<EnterpriseView, 'name' | 'uscc'>, decision: 'verify' | 'reject', reason: string): ConfirmOptions {
  if (decision === 'verify') {
    return {
      content: `通过后，“${ent.name}”（统一社会信用代码 ${ent.uscc}）成为认证企业：可以发布岗位、报名招聘会和预约直播，学生能看到并投递。请确认已核对营业执照与登记信息一致。`,
      confirmText: '通过',
    };
  }
  return { content: `驳回后，“${ent.name}”不能发布岗位；企业会看到原因“${reason}”，修改后可重新提交。`, confirmText: '驳回', danger: true };
}
