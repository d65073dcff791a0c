import { useState } from 'react';
import { Button, Input, View } from '@tarojs/components';
import { SUBSIDY_CONSENT_TEXT } from '@contract/subsidy';
import { OFFER_STATUS_LABELS, type OfferConfirmInput, type SubsidyOfferView } from '@contract/subsidy-offer';
import ConsentSheet from '@/components/ConsentSheet';
import FormField from '@/components/FormField';
import Tag from '@/components/Tag';
import { useRequest } from '@/hooks/useRequest';
import { giveConsent, myConsents } from '@/services/api/privacy';
import { pressable } from '@/utils/a11y';
import { errorMessage } from '@/utils/errors';
import { districtName } from '@/utils/format';
import { bankAccountProblem } from '../form-checks';
import './OfferCard.scss';

export interface OfferCardProps {
  offer: SubsidyOfferView;
  confirm: (id: string, input: OfferConfirmInput) => Promise<SubsidyOfferView>;
  decline: (id: string) => Promise<SubsidyOfferView>;
  onChanged: () => void;
}

/** 免申即享: what the records say, where from; one tap with consent and the receiving account, or 不需要. */
export default function OfferCard({ offer, confirm, decline, onChanged }: OfferCardProps) {
  const [bankName, setBankName] = useState('');
  const [bankAccount, setBankAccount] = useState('');
  const [consent, setConsent] = useState(false);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const open = offer.status === 'offered';
  const accountProblem = touched ? bankAccountProblem(bankAccount, 'graduate') : undefined;
  const p = offer.prefill;
  // The ID number and bank account are processed only under the separate subsidy consent (PIPL art. 29).
  const consents = useRequest(myConsents, 'consents', { refreshOnShow: true });
  const subsidyConsent = consents.data?.find(c => c.purpose === 'subsidy');
  const consented = subsidyConsent?.status === 'given';
  const [sheetOpen, setSheetOpen] = useState(false);
  const agree = async () => {
    if (!subsidyConsent) return;
    setBusy(true);
    try {
      await giveConsent('subsidy', subsidyConsent.version);
      setSheetOpen(false);
      consents.reload();
    } catch (err) {
      setError(errorMessage(err));
      setSheetOpen(false);
    } finally {
      setBusy(false);
    }
  };

  const act = async (what: () => Promise<SubsidyOfferView>) => {
    setBusy(true);
    setError('');
    try {
      await what();
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const submit = () => {
    setTouched(true);
    if (bankAccountProblem(bankAccount, 'graduate') || bankName.trim().length < 2 || !consent) return;
    void act(() => confirm(offer.id, { bankName: bankName.trim(), bankAccount, consent }));
  };

  return (
    <View id={`subsidy-offer-${offer.id}`} className='ll-card subsidy-offer'>
      <View className='subsidy-offer__head'>
        <View className='subsidy-offer__badge'>免申即享</View>
        <Tag tone={open ? 'primary' : 'neutral'}>{OFFER_STATUS_LABELS[offer.status]}</Tag>
      </View>
      <View className='subsidy-offer__message'>{offer.message}</View>
      <View className='subsidy-offer__note'>{offer.explanation}（金额以审核结果为准）</View>
      <View className='subsidy-offer__facts'>
        <View>毕业时间：{p.graduationDate}（按实名库毕业年份）</View>
        {p.employmentDistrict && <View>就业地区：{districtName(p.employmentDistrict)}</View>}
        {p.employerName && <View>就业单位：{p.employerName}</View>}
        {p.socialInsuranceMonths !== undefined && <View>社保累计缴费：{p.socialInsuranceMonths} 个月</View>}
        <View className='subsidy-offer__sources'>数据来源：{offer.sources.join('；')}</View>
      </View>
      {open && !consented && (
        <View id={`offer-consent-needed-${offer.id}`} className='subsidy-offer__hint'>
          确认前请先阅读并同意《{subsidyConsent?.title ?? '补贴申请敏感个人信息处理单独同意'}》（将使用你的身份证号和银行卡号）。
          <Button id={`offer-consent-open-${offer.id}`} size='mini' disabled={!subsidyConsent || undefined} onClick={() => setSheetOpen(true)}>
            阅读并同意
          </Button>
          {error && <View className='subsidy-offer__error'>{error}</View>}
        </View>
      )}
      {sheetOpen && subsidyConsent && <ConsentSheet consent={subsidyConsent} busy={busy} onAgree={() => void agree()} onClose={() => setSheetOpen(false)} />}
      {open && consented && (
        <View className='subsidy-offer__form'>
          <View className='subsidy-offer__hint'>无需填表、无需上传材料：{offer.expiresOn} 前确认并填写收款账户，即按以上信息提交申请。</View>
          <FormField label='开户行' required error={touched && bankName.trim().length < 2 ? '请填写开户行' : undefined}>
            <Input id={`offer-bankName-${offer.id}`} value={bankName} placeholder='如：中国工商银行大连分行' onInput={e => setBankName(e.detail.value)} />
          </FormField>
          <FormField label='银行卡号' required error={accountProblem}>
            <Input id={`offer-bankAccount-${offer.id}`} type='number' value={bankAccount} placeholder='请填写本人名下的银行卡号' onInput={e => setBankAccount(e.detail.value)} onBlur={() => setTouched(true)} />
          </FormField>
          <View className='subsidy-offer__consent' {...pressable(() => setConsent(!consent), { role: 'checkbox', checked: consent })}>
            {/* The row is the control (named by its text); the drawn box only shows its state. */}
            <View id={`offer-consent-${offer.id}`} className={`ll-check${consent ? ' ll-check--on' : ''}`} aria-hidden='true'>
              {consent ? '✓' : ''}
            </View>
            <View id={`offer-consent-text-${offer.id}`} className='subsidy-offer__consent-text'>
              {SUBSIDY_CONSENT_TEXT}
            </View>
          </View>
          {touched && !consent && <View className='subsidy-offer__error'>请阅读并同意信息使用授权</View>}
          {error && <View className='subsidy-offer__error'>{error}</View>}
          <View className='subsidy-offer__actions'>
            <Button id={`offer-decline-${offer.id}`} className='ll-button ll-button--ghost' disabled={busy || undefined} onClick={() => void act(() => decline(offer.id))}>
              不需要
            </Button>
            <Button id={`offer-confirm-${offer.id}`} className='ll-button' type='primary' disabled={busy || undefined} onClick={submit}>
              一键确认
            </Button>
          </View>
        </View>
      )}
      {offer.status === 'confirmed' && <View className='subsidy-offer__done'>已确认，申请已提交，办理进度见下方申请记录。</View>}
      {offer.status === 'expired' && <View className='subsidy-offer__done'>已过确认期限（{offer.expiresOn}）。</View>}
    </View>
  );
}
