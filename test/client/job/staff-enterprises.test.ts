import { decisionConfirmation } from '@/packages/job/pages/staff-enterprises/confirmation';

const ent = { name: '大连星海软件有限公司', uscc: '91210200MA0XXXXX1X' };

describe('enterprise review confirmations', () => {
  it('should say what approval lets the enterprise do and ask the reviewer to have checked the licence', () => {
    const c = decisionConfirmation(ent, 'verify', '');
    expect(c).toMatchObject({ confirmText: '通过' });
    expect(c.danger).toBeFalsy();
    expect(c.content).toContain('大连星海软件有限公司');
    expect(c.content).toContain('91210200MA0XXXXX1X');
    expect(c.content).toContain('发布岗位');
    expect(c.content).toContain('营业执照');
  });

  it('should show the reason the enterprise will read when rejecting, in red', () => {
    expect(decisionConfirmation(ent, 'reject', '营业执照不清晰')).toEqual({
      content: '驳回后，“大连星海软件有限公司”不能发布岗位；企业会看到原因“营业执照不清晰”，修改后可重新提交。',
      confirmText: '驳回',
      danger: true,
    });
  });
});
