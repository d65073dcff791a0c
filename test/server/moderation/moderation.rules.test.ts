import { mediaVerdict, pushProblem, pushSignature, sourceSignature, sourceSignatureValid, visibleToOthers, wechatMediaType } from '../../../server/src/modules/moderation/moderation.rules';

describe('moderation rules', () => {
  it('should sign a push as WeChat documents it (test vectors of the message-push page)', () => {
    expect(pushSignature('AAAAA', '1714036504', '1514711492')).toBe('f464b24fc39322e44b38aa78f5edd27bd1441696');
    expect(pushSignature('AAAAA', '1714037059', '486452656')).toBe('899cf89e464efb63f54ddac96b0a0a235f53aa78');
  });

  it('should accept a signed fresh push and refuse a wrong signature, a missing part, no token or an old timestamp', () => {
    const q = { signature: '899cf89e464efb63f54ddac96b0a0a235f53aa78', timestamp: '1714037059', nonce: '486452656' };
    expect(pushProblem(q, 'AAAAA', 1714037059 + 10, 300)).toBeUndefined();
    expect(pushProblem({ ...q, signature: q.signature.toUpperCase() }, 'AAAAA', 1714037059, 300)).toBeUndefined();
    expect(pushProblem({ ...q, nonce: '486452657' }, 'AAAAA', 1714037059, 300)).toBe('bad-signature');
    expect(pushProblem({ ...q, signature: undefined }, 'AAAAA', 1714037059, 300)).toBe('bad-signature');
    expect(pushProblem(q, '', 1714037059, 300)).toBe('bad-signature');
    expect(pushProblem(q, 'AAAAB', 1714037059, 300)).toBe('bad-signature');
    expect(pushProblem(q, 'AAAAA', 1714037059 + 301, 300)).toBe('stale');
    expect(pushProblem(q, 'AAAAA', 1714037059 - 301, 300)).toBe('stale');
  });

  it('should read a verdict only from an errcode 0 push, and never take an unknown suggestion for a pass', () => {
    expect(mediaVerdict({ errcode: 0, result: { suggest: 'pass', label: 100 } })).toEqual({ status: 'pass', label: 100 });
    expect(mediaVerdict({ errcode: 0, result: { suggest: 'risky', label: 20002 } })).toEqual({ status: 'risky', label: 20002 });
    expect(mediaVerdict({ errcode: 0, result: { suggest: 'review', label: 21000 } })).toEqual({ status: 'review', label: 21000 });
    expect(mediaVerdict({ errcode: 0, result: { suggest: 'maybe' } })).toEqual({ status: 'review' });
    expect(mediaVerdict({ errcode: 0 })).toEqual({ status: 'review' });
    expect(mediaVerdict({ errcode: -1008, result: { suggest: 'pass', label: 100 } })).toEqual({ status: 'failed' });
  });

  it('should show others only cleared media, and unchecked ones only when the deployment says show', () => {
    expect(visibleToOthers('pass', 'hold')).toBe(true);
    for (const s of ['pending', 'review', 'risky', 'failed', 'hidden', 'unchecked'] as const) expect(visibleToOthers(s, 'hold')).toBe(false);
    expect(visibleToOthers('unchecked', 'show')).toBe(true);
    for (const s of ['pending', 'review', 'risky', 'failed', 'hidden'] as const) expect(visibleToOthers(s, 'show')).toBe(false);
  });

  it('should accept a download address until it expires and only with its own signature', () => {
    const sig = sourceSignature('secret', 'abc', 1000);
    expect(sourceSignatureValid('secret', 'abc', 1000, sig, 999)).toBe(true);
    expect(sourceSignatureValid('secret', 'abc', 1000, sig, 1001)).toBe(false);
    expect(sourceSignatureValid('secret', 'abd', 1000, sig, 999)).toBe(false);
    expect(sourceSignatureValid('secret', 'abc', 1001, sig, 999)).toBe(false);
    expect(sourceSignatureValid('other', 'abc', 1000, sig, 999)).toBe(false);
  });

  it('should send images to WeChat and nothing else', () => {
    expect(wechatMediaType('png')).toBe(2);
    expect(wechatMediaType('jpeg')).toBe(2);
    expect(wechatMediaType('pdf')).toBeUndefined();
    expect(wechatMediaType('mp4')).toBeUndefined();
  });
});
