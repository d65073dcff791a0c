import { randomBytes } from 'crypto';
import { aesKeyOf, decryptPush, pushModeProblems, safePushSignature } from '../../../server/src/core/wechat-push';
import { openSafePush } from '../../../server/src/modules/moderation/moderation.rules';
import { encryptPushMessage, safePushSignature as fakeSignature } from '../support/fake-wechat';

const ENCODING_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const APPID = 'wx_push_rules';

describe('safe-mode (AES) message push', () => {
  const key = aesKeyOf(ENCODING_KEY) as Buffer;

  it('should take only a 43-character EncodingAESKey, giving 32 bytes', () => {
    expect(key).toHaveLength(32);
    expect(aesKeyOf(ENCODING_KEY.slice(1))).toBeUndefined();
    expect(aesKeyOf(`${ENCODING_KEY}A`)).toBeUndefined();
    expect(aesKeyOf(`${ENCODING_KEY.slice(1)}-`)).toBeUndefined();
    expect(pushModeProblems('plaintext', '')).toEqual([]);
    expect(pushModeProblems('safe', ENCODING_KEY)).toEqual([]);
    expect(pushModeProblems('safe', 'x')).toHaveLength(1);
    expect(pushModeProblems('compatible', ENCODING_KEY)).toHaveLength(1);
  });

  it('should sign token, timestamp, nonce and Encrypt sorted, as the fake WeChat does', () => {
    expect(safePushSignature('AAAAA', '1714037059', '486452656', 'cipher')).toBe(fakeSignature('AAAAA', '1714037059', '486452656', 'cipher'));
    // Sorting, not concatenation order: the same parts in another order sign the same.
    expect(safePushSignature('b', 'a', 'd', 'c')).toBe(safePushSignature('a', 'b', 'c', 'd'));
    expect(safePushSignature('AAAAA', '1714037059', '486452656', 'cipher')).toMatch(/^[0-9a-f]{40}$/);
  });

  it('should decrypt messages of every length, padded to 32 with PKCS#7, with the appid after them', () => {
    // 16 + 4 + length + appid: lengths that leave 1…32 bytes of padding, a full block of 32 among them.
    for (let length = 0; length <= 40; length += 1) {
      const message = 'x'.repeat(length);
      expect(decryptPush(encryptPushMessage(message, ENCODING_KEY, APPID), key)).toEqual({ message, appid: APPID });
    }
    const chinese = JSON.stringify({ Event: 'wxa_media_check', note: '内容安全检测' });
    expect(decryptPush(encryptPushMessage(chinese, ENCODING_KEY, APPID), key)).toEqual({ message: chinese, appid: APPID });
  });

  it('should give nothing for a tampered, truncated, non-base64 or foreign-key ciphertext', () => {
    const encrypt = encryptPushMessage('{"Event":"wxa_media_check"}', ENCODING_KEY, APPID);
    const bytes = Buffer.from(encrypt, 'base64');
    bytes[bytes.length - 1] ^= 0xff;
    expect(decryptPush(bytes.toString('base64'), key)).toBeUndefined();
    expect(decryptPush(encrypt.slice(0, 20), key)).toBeUndefined();
    expect(decryptPush('not base64!', key)).toBeUndefined();
    expect(decryptPush('', key)).toBeUndefined();
    expect(decryptPush(encrypt, aesKeyOf(randomBytes(32).toString('base64').slice(0, 43)) as Buffer)).toBeUndefined();
  });

  describe('openSafePush', () => {
    const token = 'push-token';
    const now = 1_714_037_059;
    const settings = { token, aesKey: key, appid: APPID };
    const signed = (encrypt: string, timestamp = String(now), nonce = '486452656') => ({
      signature: 'not-used-in-safe-mode',
      timestamp,
      nonce,
      encrypt_type: 'aes',
      msg_signature: fakeSignature(token, timestamp, nonce, encrypt),
    });
    const event = { Event: 'wxa_media_check', trace_id: 't1', errcode: 0 };

    it('should open a signed, fresh push of ours', () => {
      const encrypt = encryptPushMessage(JSON.stringify(event), ENCODING_KEY, APPID);
      expect(openSafePush(signed(encrypt), { ToUserName: 'gh', Encrypt: encrypt }, settings, now, 300)).toEqual({ message: event });
    });

    it('should say what is wrong with anything else', () => {
      const encrypt = encryptPushMessage(JSON.stringify(event), ENCODING_KEY, APPID);
      const body = { ToUserName: 'gh', Encrypt: encrypt };
      expect(openSafePush({ ...signed(encrypt), encrypt_type: undefined }, body, settings, now, 300)).toEqual({ problem: 'not-encrypted' });
      expect(openSafePush(signed(encrypt), event, settings, now, 300)).toEqual({ problem: 'not-encrypted' });
      expect(openSafePush({ ...signed(encrypt), msg_signature: 'f'.repeat(40) }, body, settings, now, 300)).toEqual({ problem: 'bad-signature' });
      // The plain signature alone does not cover the body.
      expect(openSafePush({ ...signed(encrypt), msg_signature: undefined }, body, settings, now, 300)).toEqual({ problem: 'bad-signature' });
      expect(openSafePush(signed(encrypt), body, { ...settings, aesKey: undefined }, now, 300)).toEqual({ problem: 'bad-signature' });
      expect(openSafePush(signed(encrypt, String(now - 301)), body, settings, now, 300)).toEqual({ problem: 'stale' });
      const foreign = encryptPushMessage(JSON.stringify(event), ENCODING_KEY, 'wx_other');
      expect(openSafePush(signed(foreign), { Encrypt: foreign }, settings, now, 300)).toEqual({ problem: 'foreign-appid' });
      const notJson = encryptPushMessage('<xml></xml>', ENCODING_KEY, APPID);
      expect(openSafePush(signed(notJson), { Encrypt: notJson }, settings, now, 300)).toEqual({ problem: 'undecryptable' });
    });
  });
});
