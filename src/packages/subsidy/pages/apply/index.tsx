import { useEffect, useState } from 'react';
import { Button, Input, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { DEGREE_LABELS, DISTRICTS, type DistrictCode } from '@contract/reference';
import { asksWorkplace, graduateFormKeys, type GraduateFormKey } from '@contract/subsidy-eligibility';
import {
  SUBSIDY_CONSENT_TEXT,
  type ProgramWithEligibility,
  type SubsidyApplicationForm,
  type SubsidyApplicationView,
  type SubsidyDocumentKind,
  type SubsidyPrefill,
} from '@contract/subsidy';
import ConsentSheet from '@/components/ConsentSheet';
import EmptyState from '@/components/EmptyState';
import FormField from '@/components/FormField';
import SelectField from '@/components/SelectField';
import { useRequest } from '@/hooks/useRequest';
import { giveConsent, myConsents } from '@/services/api/privacy';
import { mySubsidyApplications, pickFile, saveSubsidyApplication, subsidyPrograms, uploadSubsidyDocument } from '@/services/api/subsidy';
import { subsidyPrefill } from '@/services/api/subsidy-prefill';
import { navigate } from '@/services/navigation';
import { pressable } from '@/utils/a11y';
import { errorMessage } from '@/utils/errors';
import { districtName } from '@/utils/format';
import DocumentUploads from '../../components/DocumentUploads';
import { graduateFormWarnings, liveEligibility, suggestedGraduationDate } from '../../form-checks';
import ExampleAmounts from '../../components/ExampleAmounts';
import SubmitBar from '../../components/SubmitBar';
import { useApplicationSave } from '../../use-application-save';
import './index.scss';

const DISTRICT_OPTIONS = DISTRICTS.map(d => ({ value: d.code as DistrictCode, label: d.name }));
const YES_NO = [
  { value: 'yes' as const, label: '是' },
  { value: 'no' as const, label: '否' },
];

/** What the form starts from for a new application, and what the note says was filled in and from where. */
function startingForm(keys: readonly GraduateFormKey[], known: SubsidyPrefill): { form: SubsidyApplicationForm; filled: string[] } {
  const form: SubsidyApplicationForm = {};
  const filled: string[] = [];
  if (keys.includes('employmentDistrict') && known.employmentDistrict) {
    form.employmentDistrict = known.employmentDistrict;
    filled.push(asksWorkplace(keys) ? '就业地区' : '所在区市县');
  }
  if (keys.includes('employerName') && known.employerName) {
    form.employerName = known.employerName;
    filled.push('就业单位');
  }
  const graduation = keys.includes('graduationDate') ? suggestedGraduationDate(known.profile?.graduationYear) : undefined;
  if (graduation) form.graduationDate = graduation;
  return { form, filled };
}

type TextKey = 'idNumber' | 'graduationDate' | 'employerName' | 'employerUscc' | 'bankName' | 'bankAccount';

export default function SubsidyApplyPage() {
  const programId = useRouter().params.programId ?? '';
  const [entry, setEntry] = useState<ProgramWithEligibility>();
  const [app, setApp] = useState<SubsidyApplicationView>();
  const [form, setForm] = useState<SubsidyApplicationForm>({});
  const [consent, setConsent] = useState(false);
  // Fields left at least once: their check-digit warnings show from then on, not while typing.
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set());
  const [loadError, setLoadError] = useState('');
  const [prefill, setPrefill] = useState<SubsidyPrefill>({});
  const [filled, setFilled] = useState<string[]>([]);
  const { busy, setBusy, error, setError, save: saveWith } = useApplicationSave('subsidyApplications');
  // ID, hardship and bank account are asked for only under the separate consent (PIPL art. 29).
  const consents = useRequest(myConsents, 'consents', { refreshOnShow: true });
  const subsidyConsent = consents.data?.find(c => c.purpose === 'subsidy');
  const consented = subsidyConsent?.status === 'given';
  const [sheetOpen, setSheetOpen] = useState(false);
  const [agreeing, setAgreeing] = useState(false);
  const agree = async () => {
    if (!subsidyConsent) return;
    setAgreeing(true);
    try {
      await giveConsent('subsidy', subsidyConsent.version);
      setSheetOpen(false);
      consents.reload();
    } catch (err) {
      setError({ field: 'consent', message: errorMessage(err) });
      setSheetOpen(false);
    } finally {
      setAgreeing(false);
    }
  };

  useEffect(() => {
    // The records are a help, not a condition: without them the form starts empty.
    Promise.all([subsidyPrograms(), mySubsidyApplications(), subsidyPrefill().catch((): SubsidyPrefill => ({}))])
      .then(([programs, mine, known]) => {
        const found = programs.find(p => p.program.id === programId);
        setEntry(found);
        setPrefill(known);
        const existing = mine.find(a => a.programId === programId);
        if (existing) {
          setApp(existing);
          const { idNumber: _maskedId, bankAccount: _maskedAccount, graduates: _none, ...rest } = existing.form;
          setForm(rest);
        } else if (found) {
          const start = startingForm(graduateFormKeys(found.program), known);
          setForm(start.form);
          setFilled(start.filled);
        }
      })
      .catch((err: unknown) => setLoadError(errorMessage(err)));
  }, [programId]);

  if (loadError) return <EmptyState kind='error' title='加载失败' description={loadError} />;
  if (!entry) return <EmptyState kind='loading' title='正在加载…' />;
  const { program } = entry;
  const editable = !app || app.status === 'draft' || app.status === 'returned';
  const keys = graduateFormKeys(program);
  const asks = (key: GraduateFormKey) => keys.includes(key);
  const atWork = asksWorkplace(keys);
  const verdict = editable ? liveEligibility(program, form, prefill.profile, Boolean(app?.form.idNumber)) : entry.eligibility;
  const profileFacts = [
    entry.fields.includes('degree') && prefill.profile?.degree ? `学历：${DEGREE_LABELS[prefill.profile.degree]}` : '',
    entry.fields.includes('doubleFirstClass') && prefill.profile?.doubleFirstClass !== undefined
      ? `毕业院校：${prefill.profile.schoolName ?? ''}${prefill.profile.doubleFirstClass ? '（双一流）' : ''}`
      : '',
  ].filter(Boolean);
  const graduationSuggested = !app && Boolean(form.graduationDate) && form.graduationDate === suggestedGraduationDate(prefill.profile?.graduationYear);

  const warnings: Record<string, string | undefined> = graduateFormWarnings(form);
  const fieldError = (field: string) => (error?.field === field ? error.message : undefined) ?? (left.has(field) ? warnings[field] : undefined);
  const leave = (field: string) => setLeft(prev => new Set(prev).add(field));
  const set = <K extends keyof SubsidyApplicationForm>(key: K, value: SubsidyApplicationForm[K]) => setForm(prev => ({ ...prev, [key]: value }));
  const text = (key: TextKey, label: string, placeholder: string, required = false, masked?: string) => (
    <FormField label={label} required={required} error={fieldError(`form.${key}`)} hint={masked ? `已填写：${masked}` : undefined}>
      <Input id={`subsidy-${key}`} value={form[key] ?? ''} placeholder={placeholder} onInput={e => set(key, e.detail.value || undefined)} onBlur={() => leave(`form.${key}`)} />
    </FormField>
  );

  const numberField = (key: 'socialInsuranceMonths' | 'traineeMonths', label: string, placeholder: string) => (
    <FormField label={label} required error={fieldError(`form.${key}`)}>
      <Input
        id={`subsidy-${key}`}
        type='number'
        placeholder={placeholder}
        value={form[key] === undefined ? '' : String(form[key])}
        nativeProps={{ 'aria-label': label }}
        onInput={e => set(key, e.detail.value === '' ? undefined : Number(e.detail.value))}
      />
    </FormField>
  );
  const yesNo = (key: 'hardship' | 'businessRegistered', label: string) => (
    <FormField label={label} required error={fieldError(`form.${key}`)}>
      <SelectField
        id={`subsidy-${key}`}
        title={label}
        placeholder='请选择'
        options={YES_NO}
        value={form[key] === undefined ? undefined : form[key] ? 'yes' : 'no'}
        onChange={v => set(key, v === 'yes')}
      />
    </FormField>
  );

  const save = (submit: boolean) => {
    // The server would refuse these with the same words: say so before sending anything.
    const first = Object.entries(warnings).find(([, message]) => message);
    if (first) {
      setLeft(new Set(Object.keys(warnings)));
      setError({ field: first[0], message: first[1] ?? '' });
      return;
    }
    void saveWith(
      submit,
      () => saveSubsidyApplication({ programId, form, submit, consent: submit ? consent : undefined }),
      saved => {
        setApp(saved);
        setForm(prev => ({ ...prev, idNumber: undefined, bankAccount: undefined }));
      },
    );
  };

  const upload = async (kind: SubsidyDocumentKind) => {
    setError(undefined);
    try {
      const current = app ?? (await saveSubsidyApplication({ programId, form, submit: false }));
      const file = await pickFile(['pdf', 'png', 'jpg', 'jpeg']);
      if (!file) return;
      setBusy(true);
      setApp(await uploadSubsidyDocument(current.id, kind, file.path, file.name));
    } catch (err) {
      setError({ field: 'documents', message: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='ll-page subsidy-apply'>
      <View className='ll-card'>
        <View className='subsidy-apply__name'>{program.name}</View>
        <View id='subsidy-verdict' className={`subsidy-apply__why subsidy-apply__why--${verdict.outcome}`} aria-live='polite'>
          {verdict.explanation}
        </View>
        {program.note && <View className='subsidy-apply__note'>{program.note}</View>}
        {program.exampleAmounts && <ExampleAmounts />}
        <View
          id='subsidy-apply-guide'
          className='subsidy-apply__guide'
          {...pressable(() => void navigate('subsidyGuide', { programId }), { role: 'link' })}
        >
          查看办事指南（条件、标准、材料示例、时限）›
        </View>
        {app?.status === 'returned' && (
          <View className='subsidy-apply__returned'>退回原因：{app.timeline.filter(e => e.action === 'returned').at(-1)?.reason}</View>
        )}
      </View>
      {!editable && app && <EmptyState title={`申请${app.statusLabel}`} description='申请已提交，可在“我的补贴申请”查看进度' compact />}
      {editable && (
        <View className='ll-card'>
          {consented ? (
            text('idNumber', '身份证号', '18位居民身份证号', true, app?.form.idNumber)
          ) : (
            <View id='subsidy-consent-needed' className='subsidy-apply__note'>
              填写身份证号、困难家庭情况和银行卡号前，请先阅读并同意《{subsidyConsent?.title ?? '补贴申请敏感个人信息处理单独同意'}》。
              <Button id='subsidy-consent-open' size='mini' disabled={!subsidyConsent || undefined} onClick={() => setSheetOpen(true)}>
                阅读并同意
              </Button>
            </View>
          )}
          {profileFacts.length > 0 && (
            <View id='subsidy-profile-facts' className='subsidy-apply__prefill'>
              {profileFacts.join('；')}（来自个人资料，如有误请先修改个人资料）
            </View>
          )}
          {(prefill.source && filled.length > 0) || graduationSuggested ? (
            <View id='subsidy-prefill-note' className='subsidy-apply__prefill' role='note'>
              {prefill.source && filled.length > 0 && `${filled.join('和')}已按${prefill.source}预填；如与实际不符可修改，审核时将与记录核对。`}
              {graduationSuggested && '毕业时间按个人资料中的毕业年份预填为6月30日，请按毕业证书上的日期核对。'}
            </View>
          ) : null}
          {asks('graduationDate') && text('graduationDate', '毕业时间', '例如 2025-06-30', true)}
          {asks('employmentDistrict') && (
            <FormField
              label={atWork ? '就业地区' : '所在区市县（受理地区）'}
              required
              error={error?.field === 'form.employmentDistrict' ? error.message : undefined}
              hint={
                prefill.employmentDistrict && form.employmentDistrict && form.employmentDistrict !== prefill.employmentDistrict
                  ? `与平台记录的就业地区（${districtName(prefill.employmentDistrict)}）不一致，审核人员将核实`
                  : undefined
              }
            >
              <SelectField
                id='subsidy-employmentDistrict'
                title={atWork ? '就业地区' : '所在区市县'}
                placeholder='请选择'
                options={DISTRICT_OPTIONS}
                value={form.employmentDistrict}
                onChange={v => set('employmentDistrict', v)}
              />
            </FormField>
          )}
          {asks('employerName') && text('employerName', '就业单位', '单位全称')}
          {asks('employerUscc') && text('employerUscc', '统一社会信用代码', '18位，选填')}
          {asks('socialInsuranceMonths') && numberField('socialInsuranceMonths', '社保缴纳月数', '在大连连续缴纳的月数')}
          {asks('traineeMonths') && numberField('traineeMonths', '见习月数', '见习协议上的见习月数')}
          {asks('hardship') && consented && yesNo('hardship', '困难家庭毕业生')}
          {asks('businessRegistered') && yesNo('businessRegistered', '已注册创业实体')}
          {text('bankName', '开户银行', '例如 中国工商银行大连分行', true)}
          {consented && text('bankAccount', '银行卡号', '本人名下银行卡', true, app?.form.bankAccount)}
          <DocumentUploads kinds={program.requiredDocuments} app={app} busy={busy} onUpload={kind => void upload(kind)} />
          <SubmitBar consentText={SUBSIDY_CONSENT_TEXT} consent={consent} onConsent={setConsent} error={error} busy={busy} onSave={save} />
        </View>
      )}
      {sheetOpen && subsidyConsent && <ConsentSheet consent={subsidyConsent} busy={agreeing} onAgree={() => void agree()} onClose={() => setSheetOpen(false)} />}
    </View>
  );
}
