import Taro from '@tarojs/taro';
import type { ApplicantKind } from '@contract/subsidy';
import { requireLogin } from './login-gate';
import { navigate } from './navigation';
import * as session from './session';

/**
 * 立即办理 from a guide or a policy: a guest logs in first (h5 comes back to the page, which resumes);
 * a student opens the graduate form, a recruiter the enterprise's. The server offers each only its own
 * kind, so a mismatch here means an account holding neither role.
 */
export async function startSubsidy(program: { programId: string; applicantKind: ApplicantKind }): Promise<void> {
  if (!session.current() && !(await requireLogin('subsidy', program.programId))) return;
  const roles = session.current()?.roles ?? [];
  if (program.applicantKind === 'graduate' && roles.includes('student')) {
    await navigate('subsidyApply', { programId: program.programId });
  } else if (program.applicantKind === 'enterprise' && roles.includes('recruiter')) {
    await navigate('subsidyEnterpriseApply', { programId: program.programId });
  } else {
    await Taro.showToast({ title: program.applicantKind === 'enterprise' ? '请使用企业招聘账号办理' : '请使用毕业生账号办理', icon: 'none' });
  }
}
