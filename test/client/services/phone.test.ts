import '../support/taro-stub';
import { PHONE_QUOTA_ERRNO, phoneFallback, typedPhoneProblem } from '@/services/phone';

describe('the phone-number button failing', () => {
  it('should offer typing the number when the quota is used up (errno 1400001)', () => {
    expect(phoneFallback({ errno: PHONE_QUOTA_ERRNO, errMsg: 'getPhoneNumber:fail 该功能使用次数已达当前小程序上限' })).toBe('type');
  });

  it('should offer typing the number when the user declines', () => {
    expect(phoneFallback({ errMsg: 'getPhoneNumber:fail user deny' })).toBe('type');
    expect(phoneFallback({ errMsg: 'getPhoneNumber:fail cancel' })).toBe('type');
  });

  it('should leave a privacy refusal to the privacy popup, and a success alone', () => {
    expect(phoneFallback({ errno: 104, errMsg: 'getPhoneNumber:fail privacy permission is not authorized' })).toBe('privacy');
    expect(phoneFallback({ errno: 112, errMsg: 'getPhoneNumber:fail api scope is not declared in the privacy agreement' })).toBe('privacy');
    expect(phoneFallback({ code: 'abc', errMsg: 'getPhoneNumber:ok' })).toBe('none');
  });

  it('should take a mainland mobile number as the server does', () => {
    expect(typedPhoneProblem('13812345678')).toBeUndefined();
    expect(typedPhoneProblem('+86 138-1234-5678')).toBeUndefined();
    expect(typedPhoneProblem('')).toBe('请输入手机号');
    expect(typedPhoneProblem('12812345678')).toBe('请输入 11 位中国大陆手机号');
    expect(typedPhoneProblem('1381234567')).toBe('请输入 11 位中国大陆手机号');
  });
});
