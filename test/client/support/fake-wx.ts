import type { PrivacyScope } from '@contract/privacy';
import type { PrivacyHost, PrivacyResolve, PrivacyResolveOption } from '@/services/privacy';

/** A failed WeChat call as the base library reports it. */
export interface WxFailure {
  errMsg: string;
  errno?: number;
}

/**
 * WeChat's privacy gate as `shared/docs/wechat-platform.md` §1.8 describes it: declared types, the
 * types this user agreed to, the registered listener and the agree buttons actually tapped.
 */
export class FakeWx implements PrivacyHost {
  readonly declared: Set<PrivacyScope>;
  readonly agreed = new Set<PrivacyScope>();
  readonly tappedAgreeButtons = new Set<string>();
  readonly referrers: string[] = [];
  exposures = 0;
  contractsOpened = 0;
  contractFails = false;
  private listener?: (resolve: PrivacyResolve, eventInfo: { referrer: string }) => void;

  constructor(declared: readonly PrivacyScope[]) {
    this.declared = new Set(declared);
  }

  onNeedPrivacyAuthorization(listener: (resolve: PrivacyResolve, eventInfo: { referrer: string }) => void): void {
    this.listener = listener;
  }

  openPrivacyContract(option: { success?: () => void; fail?: () => void }): void {
    this.contractsOpened += 1;
    if (this.contractFails) option.fail?.();
    else option.success?.();
  }

  getPrivacySetting(): { needAuthorization: boolean } {
    return { needAuthorization: [...this.declared].some(scope => !this.agreed.has(scope)) };
  }

  /** The user taps `<button open-type="agreePrivacyAuthorization" id=…>`: everything declared is agreed. */
  tapAgree(buttonId: string): void {
    this.tappedAgreeButtons.add(buttonId);
    this.declared.forEach(scope => this.agreed.add(scope));
  }

  /** A gated API (`chooseMedia`, `scanCode`…) that succeeds with `value` once the gate lets it through. */
  call<T>(api: string, scope: PrivacyScope, value: T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const fail = (failure: WxFailure) => reject(failure);
      if (!this.declared.has(scope)) {
        fail({ errMsg: `${api}:fail api scope is not declared in the privacy agreement`, errno: 112 });
        return;
      }
      if (this.agreed.has(scope)) {
        resolve(value);
        return;
      }
      if (!this.listener) {
        fail({ errMsg: `${api}:fail privacy permission is not authorized`, errno: 104 });
        return;
      }
      this.referrers.push(api);
      this.listener((option: PrivacyResolveOption) => {
        if (option.event === 'exposureAuthorization') {
          this.exposures += 1;
        } else if (option.event === 'agree' && option.buttonId && this.tappedAgreeButtons.has(option.buttonId)) {
          resolve(value);
        } else {
          fail({ errMsg: `${api}:fail privacy permission is not authorized`, errno: 104 });
        }
      }, { referrer: api });
    });
  }

  /** A gated API the user cancels themself (closes the picker). */
  cancelled(api: string): Promise<never> {
    return Promise.reject({ errMsg: `${api}:fail cancel` });
  }
}
