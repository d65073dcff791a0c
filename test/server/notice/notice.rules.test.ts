import { fitTemplateData } from '../../../server/src/modules/notice/notice.rules';

describe('fitTemplateData', () => {
  it('should cut a thing field to 20 characters, counting Chinese characters as one', () => {
    const long = '大连星海软件科技有限公司（示例）Java开发工程师';
    expect(Array.from(fitTemplateData({ thing1: long }).thing1.value)).toHaveLength(20);
  });

  it('should cut a phrase field to 5 characters', () => {
    expect(fitTemplateData({ phrase3: '已进入面试环节' }).phrase3.value).toBe('已进入面试');
  });

  it('should replace newlines and control characters, which WeChat refuses', () => {
    expect(fitTemplateData({ thing4: '请携带\n简历\t到场' }).thing4.value).toBe('请携带 简历 到场');
  });

  it('should leave time values and unknown types whole', () => {
    expect(fitTemplateData({ time3: '2026-11-28 15:01', date5: '2026年11月28日' })).toEqual({
      time3: { value: '2026-11-28 15:01' },
      date5: { value: '2026年11月28日' },
    });
  });
});
