import { useEffect, useState } from 'react';
import { Button, Input, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import {
  SUBSIDY_ENTERPRISE_CONSENT_TEXT,
  type EnterpriseSubsidyForm,
  type EnterpriseSubsidyOverview,
  type HiredGraduateInput,
  type ProgramWithEligibility,
  type SubsidyApplicationView,
  type SubsidyDocumentKind,
} from '@contract/subsidy';
import EmptyState from '@/components/EmptyState';
import FormField from '@/components/FormField';
import { ApiError } from '@/services/http';
import {
  enterpriseSubsidyApplications,
  enterpriseSubsidyOverview,
  pickFile,
  saveEnterpriseSubsidyApplication,
  uploadEnterpriseSubsidyDocument,
} from '@/services/api/subsidy';
import { errorMessage } from '@/utils/errors';
import DocumentUploads from '../../components/DocumentUploads';
import SubmitBar from '../../components/SubmitBar';
import { enterpriseFormWarnings } from '../../form-checks';
import { useApplicationSave } from '../../use-application-save';
import EnterpriseInfo from '../../components/EnterpriseInfo';
import '../apply/index.scss';
import { pressable } from '@/utils/a11y';
import './index.scss';

/** A row of the graduates list: a saved one (key, masked ID) or one being typed in. */
interface GraduateRow {
  key?: string;
  name: string;
  idNumber: string;
  masked?: string;
}

type Fields = Omit<EnterpriseSubsidyForm, 'graduates'>;

const rowsOf = (app: SubsidyApplicationView): GraduateRow[] =>
  (app.form.graduates ?? []).map(g => ({ key: g.key, name: g.name, idNumber: '', masked: g.idNumber }));

export default function EnterpriseSubsidyApplyPage() {
  const programId = useRouter().params.programId ?? '';
  const [enterprise, setEnterprise] = useState<EnterpriseSubsidyOverview['enterprise']>();
  const [entry, setEntry] = useState<ProgramWithEligibility>();
  const [app, setApp] = useState<SubsidyApplicationView>();
  const [fields, setFields] = useState<Fields>({});
  const [graduates, setGraduates] = useState<GraduateRow[]>([]);
  // The list is sent only when changed here, so a colleague's additions are not dropped by a plain save.
  const [graduatesChanged, setGraduatesChanged] = useState(false);
  const [consent, setConsent] = useState(false);
  const [loadError, setLoadError] = useState('');
  const { busy, setBusy, error, setError, save: saveWith } = useApplicationSave('subsidyEnterpriseApplications');

  const take = (saved: SubsidyApplicationView) => {
    setApp(saved);
    setGraduates(rowsOf(saved));
    setGraduatesChanged(false);
    setFields(prev => ({ ...prev, bankAccount: undefined }));
  };

  useEffect(() => {
    Promise.all([enterpriseSubsidyOverview(), enterpriseSubsidyApplications()])
      .then(([overview, mine]) => {
        setEnterprise(overview.enterprise);
        setEntry(overview.programs.find(p => p.program.id === programId));
        const existing = mine.find(a => a.programId === programId);
        if (existing) {
          setApp(existing);
          setGraduates(rowsOf(existing));
          setFields({ socialInsuranceMonths: existing.form.socialInsuranceMonths, bankName: existing.form.bankName });
        }
      })
      .catch((err: unknown) => setLoadError(errorMessage(err)));
  }, [programId]);

  if (loadError) return <EmptyState kind='error' title='加载失败' description={loadError} />;
  if (!entry || !enterprise) return <EmptyState kind='loading' title='正在加载…' />;
  const { program } = entry;
  const editable = !app || app.status === 'draft' || app.status === 'returned';
  const asksGraduates = entry.fields.includes('graduatesHired');
  const asksMonths = entry.fields.includes('socialInsuranceMonths');
  const fieldError = (field: string) => (error?.field === field ? error.message : undefined);

  const input = (submit: boolean) => {
    const list: HiredGraduateInput[] | undefined = graduatesChanged
      ? graduates.map(g => (g.key ? { key: g.key } : { name: g.name.trim(), idNumber: g.idNumber.trim() }))
      : undefined;
    return { programId, form: { ...fields, graduates: list }, submit, consent: submit ? consent : undefined };
  };

  const save = (submit: boolean) => {
    // The server would refuse these with the same words: say so before sending anything.
    const [first] = Object.entries(enterpriseFormWarnings({ bankAccount: fields.bankAccount, graduates: graduatesChanged ? graduates : [] }));
    if (first) return setError({ field: first[0], message: first[1] });
    void saveWith(submit, () => saveEnterpriseSubsidyApplication(input(submit)), take);
  };

  const upload = async (kind: SubsidyDocumentKind) => {
    setError(undefined);
    try {
      const current = app && !graduatesChanged ? app : await saveEnterpriseSubsidyApplication(input(false));
      if (current !== app) take(current);
      const file = await pickFile(['pdf', 'png', 'jpg', 'jpeg']);
      if (!file) return;
      setBusy(true);
      setApp(await uploadEnterpriseSubsidyDocument(current.id, kind, file.path, file.name));
    } catch (err) {
      setError({ field: err instanceof ApiError ? err.field : 'documents', message: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  const editRow = (i: number, patch: Partial<GraduateRow>) => {
    setGraduates(rows => rows.map((row, j) => (j === i ? { ...row, ...patch } : row)));
    setGraduatesChanged(true);
  };
  const removeRow = (i: number) => {
    setGraduates(rows => rows.filter((_row, j) => j !== i));
    setGraduatesChanged(true);
  };
  const addRow = () => {
    setGraduates(rows => [...rows, { name: '', idNumber: '' }]);
    setGraduatesChanged(true);
  };

  return (
    <View className='ll-page subsidy-apply'>
      <EnterpriseInfo enterprise={enterprise} />
      <View className='ll-card'>
        <View className='subsidy-apply__name'>{program.name}</View>
        <View className='subsidy-apply__why'>{(app?.eligibility ?? entry.eligibility).explanation}</View>
        {program.note && <View className='subsidy-apply__note'>{program.note}</View>}
        {app?.status === 'returned' && (
          <View className='subsidy-apply__returned'>退回原因：{app.timeline.filter(e => e.action === 'returned').at(-1)?.reason}</View>
        )}
      </View>
      {!editable && app && <EmptyState title={`申请${app.statusLabel}`} description='申请已提交，可在“本企业的补贴申请”查看进度' compact />}
      {editable && (
        <View className='ll-card'>
          {asksMonths && (
            <FormField label='为所吸纳毕业生缴纳社保月数' required error={fieldError('form.socialInsuranceMonths')}>
              <Input
                id='subsidy-socialInsuranceMonths'
                type='number'
                value={fields.socialInsuranceMonths === undefined ? '' : String(fields.socialInsuranceMonths)}
                onInput={e => setFields(prev => ({ ...prev, socialInsuranceMonths: e.detail.value === '' ? undefined : Number(e.detail.value) }))}
              />
            </FormField>
          )}
          {asksGraduates && (
            <View className='subsidy-graduates'>
              <View className='subsidy-apply__docs-title'>吸纳的高校毕业生（{graduates.length}名）</View>
              {graduates.map((g, i) => (
                <View key={g.key ?? `new-${i}`} id={`graduate-${i}`} className='subsidy-graduates__row'>
                  {g.key ? (
                    <View className='subsidy-graduates__saved'>
                      {g.name}　{g.masked}
                    </View>
                  ) : (
                    <View className='subsidy-graduates__inputs'>
                      <Input id={`graduate-name-${i}`} className='subsidy-graduates__name' value={g.name} placeholder='姓名' onInput={e => editRow(i, { name: e.detail.value })} />
                      <Input id={`graduate-id-${i}`} className='subsidy-graduates__id' value={g.idNumber} placeholder='18位身份证号' onInput={e => editRow(i, { idNumber: e.detail.value })} />
                    </View>
                  )}
                  <View className='subsidy-graduates__remove' {...pressable(() => removeRow(i))}>
                    删除
                  </View>
                  {(fieldError(`form.graduates.${i}.idNumber`) ?? fieldError(`form.graduates.${i}.name`)) && (
                    <View className='subsidy-apply__error'>{fieldError(`form.graduates.${i}.idNumber`) ?? fieldError(`form.graduates.${i}.name`)}</View>
                  )}
                </View>
              ))}
              {fieldError('form.graduates') && <View className='subsidy-apply__error'>{fieldError('form.graduates')}</View>}
              <Button id='graduate-add' size='mini' disabled={busy || undefined} onClick={addRow}>
                添加毕业生
              </Button>
            </View>
          )}
          <FormField label='开户银行' required error={fieldError('form.bankName')}>
            <Input id='subsidy-bankName' value={fields.bankName ?? ''} placeholder='例如 招商银行大连分行' onInput={e => setFields(prev => ({ ...prev, bankName: e.detail.value || undefined }))} />
          </FormField>
          <FormField
            label='对公账户'
            required
            error={fieldError('form.bankAccount')}
            hint={app?.form.bankAccount ? `已填写：${app.form.bankAccount}` : `户名须为${enterprise.name}`}
          >
            <Input id='subsidy-bankAccount' value={fields.bankAccount ?? ''} placeholder='企业对公银行账号' onInput={e => setFields(prev => ({ ...prev, bankAccount: e.detail.value || undefined }))} />
          </FormField>
          <DocumentUploads kinds={program.requiredDocuments} app={app} busy={busy} onUpload={kind => void upload(kind)} />
          <SubmitBar consentText={SUBSIDY_ENTERPRISE_CONSENT_TEXT} consent={consent} onConsent={setConsent} error={error} busy={busy} onSave={submit => void save(submit)} />
        </View>
      )}
    </View>
  );
}
