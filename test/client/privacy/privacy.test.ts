import { fake } from '../support/taro-stub';
import { FakeWx } from '../support/fake-wx';
import { PRIVACY_DATA_TYPES, PRIVACY_SCOPES, typesAddedSince, type PrivacyDataType } from '@contract/privacy';
import {
  AGREE_BUTTON_ID,
  REFUSAL_BLOCK_MS,
  agree,
  currentPrompt,
  disagree,
  explanation,
  failureKind,
  gated,
  installPrivacy,
  openGuide,
  phoneCode,
  promptShown,
  type GatedFailure,
  type PrivacyUi,
} from '@/services/privacy';
import { storage } from '@/storage';

const ALL = PRIVACY_SCOPES;

/** Records every explanation and answers 重试 as the test says. */
function fakeUi(answers: boolean[] = []) {
  const shown: Array<{ scope: string; failure: GatedFailure }> = [];
  const guides: number[] = [];
  const ui: PrivacyUi = {
    explain: async (type, failure) => {
      shown.push({ scope: type.scope, failure });
      return answers.shift() ?? false;
    },
    openGuide: () => guides.push(1),
  };
  return { ui, shown, guides };
}

/** Lets pending promise callbacks run. */
const settle = () => new Promise(resolve => setTimeout(resolve, 0));

let clock = 1_000_000;
const now = () => clock;

beforeEach(() => {
  fake.reset();
  clock = 1_000_000;
});

describe('the privacy list', () => {
  it('should explain every gated scope the helper accepts, in Chinese', () => {
    for (const scope of ALL) {
      const type = PRIVACY_DATA_TYPES.find(t => t.scope === scope);
      expect(type).toBeDefined();
      expect(type?.purpose).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('should list only types declared after the version a user agreed to', () => {
    const later: PrivacyDataType = { ...PRIVACY_DATA_TYPES[0], scope: 'clipboard', declaration: '剪切板', since: 2 };
    expect(typesAddedSince(1, [...PRIVACY_DATA_TYPES, later]).map(t => t.scope)).toEqual(['clipboard']);
    expect(typesAddedSince(0, PRIVACY_DATA_TYPES)).toHaveLength(PRIVACY_DATA_TYPES.length);
  });
});

describe('failureKind', () => {
  it.each([
    [{ errMsg: 'chooseMedia:fail privacy permission is not authorized', errno: 104 }, 'refused'],
    [{ errMsg: 'scanCode:fail privacy permission is not authorized' }, 'refused'],
    [{ errMsg: 'x', errno: 101102 }, 'refused'],
    [{ errMsg: 'chooseMessageFile:fail api scope is not declared in the privacy agreement', errno: 112 }, 'undeclared'],
    [{ errMsg: 'scanCode:fail appid privacy api banned' }, 'banned'],
    [{ errMsg: 'scanCode:fail auth deny', errno: 103 }, 'denied'],
    [{ errMsg: 'chooseMedia:fail cancel' }, 'cancel'],
    [{ errMsg: 'chooseMedia:fail something odd' }, 'failed'],
    [new Error('boom'), 'failed'],
  ])('should sort %j as %s', (err, kind) => {
    expect(failureKind(err)).toBe(kind);
  });

  it('should never show WeChat wording in an explanation', () => {
    for (const type of PRIVACY_DATA_TYPES) {
      for (const failure of ['refused', 'undeclared', 'banned', 'denied', 'failed'] as const) {
        const text = explanation(type, failure);
        expect(`${text.title}${text.content}`).not.toMatch(/[a-z]{3,}/i);
        expect(text.content).toContain(type.declaration);
      }
    }
  });
});

describe('gated calls with a fake wx', () => {
  it('should wait for the popup and continue the call when the user agrees', async () => {
    const wx = new FakeWx(ALL);
    const { ui, shown } = fakeUi();
    installPrivacy(wx, { ui, now });

    const picked = gated('photos', () => wx.call('chooseMedia', 'photos', { path: 'wxfile://a.jpg' }));
    await settle();
    const prompt = currentPrompt();
    expect(prompt?.referrer).toBe('chooseMedia');
    expect(prompt?.added.map(t => t.scope)).toEqual(PRIVACY_DATA_TYPES.map(t => t.scope));
    promptShown();
    wx.tapAgree(AGREE_BUTTON_ID);
    agree(AGREE_BUTTON_ID);

    await expect(picked).resolves.toEqual({ path: 'wxfile://a.jpg' });
    expect(wx.exposures).toBe(1);
    expect(currentPrompt()).toBeNull();
    expect(shown).toEqual([]);
    expect(storage.get('privacyAgreedVersion')).toBe(1);
    // Agreed once: the next gated call goes straight through.
    await expect(gated('camera', () => wx.call('scanCode', 'camera', 'ticket-1'))).resolves.toBe('ticket-1');
    expect(wx.referrers).toEqual(['chooseMedia']);
  });

  it('should let every call waiting on the popup continue after one agreement', async () => {
    const wx = new FakeWx(ALL);
    installPrivacy(wx, { ui: fakeUi().ui, now });
    const first = gated('files', () => wx.call('chooseMessageFile', 'files', 'a.pdf'));
    const second = gated('clipboard', () => wx.call('setClipboardData', 'clipboard', 'ok'));
    await settle();
    expect(currentPrompt()?.referrer).toBe('chooseMessageFile');
    wx.tapAgree(AGREE_BUTTON_ID);
    agree();
    await expect(Promise.all([first, second])).resolves.toEqual(['a.pdf', 'ok']);
  });

  it('should explain a refusal in Chinese, resolve undefined and not raise the popup again for 10 s', async () => {
    const wx = new FakeWx(ALL);
    const { ui, shown } = fakeUi([false, false]);
    installPrivacy(wx, { ui, now });

    const picked = gated('photos', () => wx.call('chooseMedia', 'photos', 'x'));
    await settle();
    disagree();
    await expect(picked).resolves.toBeUndefined();
    expect(shown).toEqual([{ scope: 'photos', failure: 'refused' }]);

    // A page calling again at once (a loop) gets the refusal without a popup.
    clock += REFUSAL_BLOCK_MS - 1;
    const again = gated('photos', () => wx.call('chooseMedia', 'photos', 'x'));
    await settle();
    expect(currentPrompt()).toBeNull();
    await expect(again).resolves.toBeUndefined();
    expect(wx.referrers).toEqual(['chooseMedia', 'chooseMedia']);
    expect(shown).toHaveLength(2);

    // After the block the popup is shown again.
    clock += 2;
    const later = gated('photos', () => wx.call('chooseMedia', 'photos', 'y'));
    await settle();
    expect(currentPrompt()?.referrer).toBe('chooseMedia');
    wx.tapAgree(AGREE_BUTTON_ID);
    agree();
    await expect(later).resolves.toBe('y');
  });

  it('should show the popup again when the user refuses and then taps 重试', async () => {
    const wx = new FakeWx(ALL);
    const { ui, shown } = fakeUi([true]);
    installPrivacy(wx, { ui, now });

    const picked = gated('camera', () => wx.call('scanCode', 'camera', 'ticket-2'));
    await settle();
    disagree();
    await settle();
    await settle();
    // Inside the 10 s block, but the user asked: the popup is back.
    expect(shown).toEqual([{ scope: 'camera', failure: 'refused' }]);
    expect(currentPrompt()?.referrer).toBe('scanCode');
    wx.tapAgree(AGREE_BUTTON_ID);
    agree();
    await expect(picked).resolves.toBe('ticket-2');
  });

  it('should refuse an agreement that did not come from the agree button', async () => {
    const wx = new FakeWx(ALL);
    installPrivacy(wx, { ui: fakeUi().ui, now });
    const picked = gated('photos', () => wx.call('chooseMedia', 'photos', 'x'));
    await settle();
    agree('some-other-button');
    await expect(picked).resolves.toBeUndefined();
  });

  it('should ask again for a data type added in a later version, and only for the new one', async () => {
    const v1 = PRIVACY_DATA_TYPES.filter(t => t.scope !== 'clipboard');
    const wx = new FakeWx(v1.map(t => t.scope));
    installPrivacy(wx, { ui: fakeUi().ui, now, types: v1 });
    const first = gated('photos', () => wx.call('chooseMedia', 'photos', 'p'));
    await settle();
    wx.tapAgree(AGREE_BUTTON_ID);
    agree();
    await first;
    expect(storage.get('privacyAgreedVersion')).toBe(1);

    // Version 2 declares the clipboard; WeChat asks again for it, earlier types keep working.
    const v2 = [...v1, { ...PRIVACY_DATA_TYPES.find(t => t.scope === 'clipboard')!, since: 2 }];
    wx.declared.add('clipboard');
    expect(wx.getPrivacySetting().needAuthorization).toBe(true);
    installPrivacy(wx, { ui: fakeUi().ui, now, types: v2 });
    await expect(gated('photos', () => wx.call('chooseMedia', 'photos', 'p2'))).resolves.toBe('p2');
    const copied = gated('clipboard', () => wx.call('setClipboardData', 'clipboard', 'copied'));
    await settle();
    expect(currentPrompt()?.added.map(t => t.scope)).toEqual(['clipboard']);
    wx.tapAgree(AGREE_BUTTON_ID);
    agree();
    await expect(copied).resolves.toBe('copied');
    expect(storage.get('privacyAgreedVersion')).toBe(2);
  });

  it('should say a type missing from the declaration is unavailable, without offering a retry', async () => {
    const wx = new FakeWx(['phone']);
    const { ui, shown } = fakeUi([true]);
    installPrivacy(wx, { ui, now });
    await expect(gated('files', () => wx.call('chooseMessageFile', 'files', 'a'))).resolves.toBeUndefined();
    expect(shown).toEqual([{ scope: 'files', failure: 'undeclared' }]);
    expect(explanation(PRIVACY_DATA_TYPES[2], 'undeclared').canRetry).toBe(false);
  });

  it('should resolve undefined without a word when the user cancels the picker', async () => {
    const wx = new FakeWx(ALL);
    const { ui, shown } = fakeUi();
    installPrivacy(wx, { ui, now });
    await expect(gated('photos', () => wx.cancelled('chooseMedia'))).resolves.toBeUndefined();
    expect(shown).toEqual([]);
  });

  it('should open WeChat’s contract, and our guide page when that fails', () => {
    const wx = new FakeWx(ALL);
    const { ui, guides } = fakeUi();
    installPrivacy(wx, { ui, now });
    openGuide();
    expect(wx.contractsOpened).toBe(1);
    expect(guides).toHaveLength(0);
    wx.contractFails = true;
    openGuide();
    expect(guides).toHaveLength(1);
  });
});

describe('phoneCode', () => {
  it('should pass the code through and explain a privacy refusal of the phone button', async () => {
    const { ui, shown } = fakeUi([true]);
    installPrivacy(new FakeWx(ALL), { ui, now });
    await expect(phoneCode({ code: 'phone-code' })).resolves.toBe('phone-code');
    await expect(phoneCode({ errMsg: 'getPhoneNumber:fail user deny' })).resolves.toBeUndefined();
    expect(shown).toEqual([]);
    await expect(phoneCode({ errMsg: 'getPhoneNumber:fail privacy permission is not authorized', errno: 104 })).resolves.toBeUndefined();
    expect(shown).toEqual([{ scope: 'phone', failure: 'refused' }]);
  });
});
