import { useState } from 'react';
import { Button, Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { COLLEGES, DEGREE_LABELS, DEGREES, DISTRICTS, PROVINCES, type CollegeId, type Degree, type DistrictCode, type Province } from '@contract/reference';
import { DESTINATION_LABELS, type GraduateRecordInput, type GraduateRecordView } from '@contract/registry';
import { beijingDay } from '@contract/time';
import DataTable, { type DataColumn } from '@/components/DataTable';
import EmptyState from '@/components/EmptyState';
import FormField from '@/components/FormField';
import SelectField from '@/components/SelectField';
import { useRequest } from '@/hooks/useRequest';
import { useSession } from '@/hooks/useSession';
import { searchRegistry } from '@/services/api/registry';
import { caseworkers, registerLeaver } from '@/services/api/support';
import { ApiError } from '@/services/http';
import { redirect } from '@/services/navigation';
import { errorMessage } from '@/utils/errors';
import { districtName, formatDate } from '@/utils/format';
import { pressable } from '@/utils/a11y';
import './index.scss';

const ALL = 'all';
const OTHER = 'other';
const todayInBeijing = () => beijingDay(new Date());
const thisYear = new Date().getFullYear();

const COLLEGE_FILTER = [{ value: ALL, label: '全部高校' }, ...COLLEGES.map(c => ({ value: c.id as string, label: c.name }))];
const COLLEGE_OPTIONS = [...COLLEGES.map(c => ({ value: c.id as string, label: c.name })), { value: OTHER, label: '外地高校（填写校名）' }];
const DEGREE_OPTIONS = DEGREES.map(d => ({ value: d, label: DEGREE_LABELS[d] }));
const YEAR_OPTIONS = [thisYear, thisYear - 1, thisYear - 2, thisYear - 3].map(y => ({ value: y, label: `${y}届` }));
const PROVINCE_OPTIONS = PROVINCES.map(p => ({ value: p, label: p }));
const DISTRICT_OPTIONS = DISTRICTS.map(d => ({ value: d.code as DistrictCode, label: d.name }));

type RecordForm = Partial<Omit<GraduateRecordInput, 'collegeId'>> & { college?: string };
type Errors = Partial<Record<'record' | 'name' | 'idNumber' | 'college' | 'schoolName' | 'degree' | 'major' | 'graduationYear' | 'originProvince' | 'originCity' | 'unemployedSince' | 'districtCode' | 'caseworkerId', string>>;

const columns: Array<DataColumn<GraduateRecordView>> = [
  { key: 'name', title: '姓名', size: 'narrow', render: g => g.name },
  { key: 'id', title: '身份证号', size: 'wide', render: g => g.idNumber },
  { key: 'school', title: '学校 / 专业', size: 'wide', render: g => `${g.schoolName} · ${DEGREE_LABELS[g.degree]} · ${g.major}` },
  { key: 'year', title: '届别', size: 'narrow', render: g => `${g.graduationYear}届` },
  {
    key: 'destination',
    title: '去向',
    size: 'wide',
    render: g => (g.destination ? `${DESTINATION_LABELS[g.destination.kind]}${g.destination.districtCode ? ` · ${districtName(g.destination.districtCode)}` : ''} · ${formatDate(g.destination.date)}` : '未登记'),
  },
];

/** Turns the form into the request's record, or says which fields are missing. */
function recordOf(form: RecordForm): { record?: GraduateRecordInput; errors: Errors } {
  const errors: Errors = {};
  const need = (key: keyof Errors, ok: boolean, message: string) => {
    if (!ok) errors[key] = message;
  };
  need('name', Boolean(form.name?.trim()), '请填写姓名');
  need('idNumber', Boolean(form.idNumber?.trim()), '请填写身份证号');
  need('college', Boolean(form.college), '请选择毕业院校');
  need('schoolName', form.college !== OTHER || Boolean(form.schoolName?.trim()), '请填写学校全称');
  need('degree', Boolean(form.degree), '请选择学历');
  need('major', Boolean(form.major?.trim()), '请填写专业');
  need('graduationYear', Boolean(form.graduationYear), '请选择毕业年份');
  need('originProvince', Boolean(form.originProvince), '请选择生源省份');
  need('originCity', Boolean(form.originCity?.trim()), '请填写生源城市');
  if (Object.keys(errors).length) return { errors };
  return {
    errors,
    record: {
      name: (form.name ?? '').trim(),
      idNumber: (form.idNumber ?? '').trim(),
      ...(form.college && form.college !== OTHER ? { collegeId: form.college as CollegeId } : { schoolName: (form.schoolName ?? '').trim() }),
      degree: form.degree as Degree,
      major: (form.major ?? '').trim(),
      graduationYear: form.graduationYear as number,
      originProvince: form.originProvince as Province,
      originCity: (form.originCity ?? '').trim(),
    },
  };
}

/** The server names nested fields `record.idNumber`; the form shows them on its own fields. */
function fieldOf(field: string | undefined): keyof Errors | undefined {
  if (!field) return undefined;
  const key = field.replace(/^record\./, '') as keyof Errors;
  return key === ('collegeId' as keyof Errors) ? 'college' : key;
}

export default function SupportRegisterPage() {
  const user = useSession();
  const isCity = Boolean(user?.roles.some(r => r === 'bureau' || r === 'admin'));
  const [q, setQ] = useState('');
  const [college, setCollege] = useState<string>(ALL);
  const [results, setResults] = useState<GraduateRecordView[]>();
  const [searching, setSearching] = useState(false);
  const [picked, setPicked] = useState<GraduateRecordView>();
  const [creating, setCreating] = useState(false);
  const [form, setForm] = useState<RecordForm>({ graduationYear: thisYear, originProvince: '辽宁省' });
  const [since, setSince] = useState(todayInBeijing());
  const [district, setDistrict] = useState<DistrictCode>();
  const [worker, setWorker] = useState<string>();
  const [intention, setIntention] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  const workerDistrict = isCity ? district : undefined;
  const workers = useRequest(() => (isCity && !district ? Promise.resolve([]) : caseworkers(workerDistrict)), `${isCity}|${district ?? ''}`);
  const workerOptions = (workers.data ?? []).map(w => ({ value: w.id, label: w.id === user?.userId ? `${w.name}（我）` : w.name }));
  const chosenWorker = worker ?? (isCity ? undefined : user?.userId);

  const set = <K extends keyof RecordForm>(key: K, value: RecordForm[K]) => {
    setForm(prev => ({ ...prev, [key]: value }));
    setErrors(prev => ({ ...prev, [key === 'college' ? 'college' : key]: undefined }));
  };

  const search = async () => {
    const text = q.trim();
    if (!text) {
      Taro.showToast({ title: '请输入姓名或身份证号', icon: 'none' });
      return;
    }
    setSearching(true);
    try {
      setResults(await searchRegistry({ q: text, ...(college !== ALL ? { collegeId: college as CollegeId } : {}) }));
    } catch (err) {
      setResults(undefined);
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setSearching(false);
    }
  };

  const startCreating = () => {
    setPicked(undefined);
    setCreating(true);
    // A full ID typed into the search box is most likely the person to add.
    if (/^\d{17}[\dXx]$/.test(q.trim())) setForm(prev => ({ ...prev, idNumber: q.trim() }));
  };

  const submit = async () => {
    const next: Errors = {};
    let record: GraduateRecordInput | undefined;
    if (creating) {
      const built = recordOf(form);
      Object.assign(next, built.errors);
      record = built.record;
    } else if (!picked) {
      next.record = '请先查找并选择毕业生，或新建实名库记录';
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(since)) next.unemployedSince = '请按 2026-07-01 的格式填写日期';
    if (isCity && !district) next.districtCode = '请选择帮扶所在的区市县';
    if (!chosenWorker) next.caseworkerId = '请选择责任人';
    setErrors(next);
    if (Object.keys(next).length) {
      Taro.showToast({ title: Object.values(next)[0] ?? '请检查填写内容', icon: 'none' });
      return;
    }
    setBusy(true);
    try {
      const result = await registerLeaver({
        ...(record ? { record } : { graduateId: picked?.id }),
        unemployedSince: since,
        ...(isCity ? { districtCode: district } : {}),
        caseworkerId: chosenWorker,
        intention: intention.trim(),
      });
      Taro.showToast({ title: result.created ? '已登记并建档' : '该毕业生已有帮扶档案', icon: result.created ? 'success' : 'none' });
      await redirect('supportCase', { id: result.case.id });
    } catch (err) {
      const field = err instanceof ApiError ? fieldOf(err.field) : undefined;
      if (field) setErrors({ [field]: errorMessage(err) });
      Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 3000 });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='ll-page support-register'>
      <View className='ll-card support-register__section'>
        <View className='support-register__title'>1. 查找毕业生</View>
        <View className='support-register__hint'>在全市毕业生实名库中按姓名、脱敏身份证号（如 2102**********123X）或完整身份证号查找；找不到时可新建实名库记录。</View>
        <View className='support-register__search'>
          <View id='register-search' className='support-register__query'>
            <Input className='ll-input' value={q} maxlength={30} placeholder='姓名 / 身份证号' confirmType='search' onInput={e => setQ(e.detail.value)} onConfirm={() => void search()} />
          </View>
          <View className='support-register__college'>
            <SelectField id='register-college' title='高校' placeholder='全部高校' options={COLLEGE_FILTER} value={college} onChange={setCollege} />
          </View>
          <Button id='register-search-button' size='mini' type='primary' className='support-register__primary' loading={searching} disabled={searching} onClick={() => void search()}>
            查找
          </Button>
        </View>
        {results &&
          (results.length === 0 ? (
            <EmptyState title='实名库中没有找到' description='可核对后重新查找，或新建实名库记录' compact />
          ) : (
            <DataTable idPrefix='candidate' columns={columns} rows={results} rowKey={g => g.id} rowTone={g => (picked?.id === g.id ? 'warning' : undefined)} onRowClick={g => {
              setPicked(g);
              setCreating(false);
              setErrors({});
            }} />
          ))}
        {!creating && (
          <View id='register-new' className='support-register__link' {...pressable(startCreating)}>
            没有找到？新建实名库记录
          </View>
        )}
        {errors.record && <View className='support-register__error'>{errors.record}</View>}
      </View>

      {picked && !creating && (
        <View id='register-picked' className='ll-card support-register__section'>
          <View className='support-register__title'>已选择</View>
          <View className='support-register__picked'>
            {picked.name} · {picked.idNumber} · {picked.schoolName} · {picked.major} · {picked.graduationYear}届
          </View>
          {picked.destination && picked.destination.kind !== 'unemployed' && (
            <View className='support-register__warning'>
              实名库登记的去向为“{DESTINATION_LABELS[picked.destination.kind]}”（{formatDate(picked.destination.date)}），登记后将改为暂未就业。
            </View>
          )}
        </View>
      )}

      {creating && (
        <View id='register-record' className='ll-card support-register__section'>
          <View className='support-register__head'>
            <View className='support-register__title'>新建实名库记录</View>
            <View className='support-register__link' {...pressable(() => setCreating(false))}>
              取消
            </View>
          </View>
          <View className='support-register__grid'>
            <FormField label='姓名' required error={errors.name}>
              <Input id='record-name' className='ll-input' maxlength={30} value={form.name ?? ''} placeholder='真实姓名' onInput={e => set('name', e.detail.value)} />
            </FormField>
            <FormField label='身份证号' required error={errors.idNumber} hint='核验校验位，加密保存，仅显示部分号码'>
              <Input id='record-id' className='ll-input' type='idcard' maxlength={18} value={form.idNumber ?? ''} placeholder='18 位居民身份证号' onInput={e => set('idNumber', e.detail.value)} />
            </FormField>
            <FormField label='毕业院校' required error={errors.college}>
              <SelectField id='record-college' title='毕业院校' placeholder='请选择' options={COLLEGE_OPTIONS} value={form.college} onChange={v => set('college', v)} />
            </FormField>
            {form.college === OTHER && (
              <FormField label='学校名称' required error={errors.schoolName}>
                <Input id='record-school' className='ll-input' maxlength={50} value={form.schoolName ?? ''} placeholder='学校全称' onInput={e => set('schoolName', e.detail.value)} />
              </FormField>
            )}
            <FormField label='学历' required error={errors.degree}>
              <SelectField id='record-degree' title='学历' placeholder='请选择' options={DEGREE_OPTIONS} value={form.degree} onChange={v => set('degree', v)} />
            </FormField>
            <FormField label='专业' required error={errors.major}>
              <Input id='record-major' className='ll-input' maxlength={50} value={form.major ?? ''} placeholder='如：软件工程' onInput={e => set('major', e.detail.value)} />
            </FormField>
            <FormField label='毕业年份' required error={errors.graduationYear}>
              <SelectField id='record-year' title='毕业年份' placeholder='请选择' options={YEAR_OPTIONS} value={form.graduationYear} onChange={v => set('graduationYear', v)} />
            </FormField>
            <FormField label='生源省份' required error={errors.originProvince}>
              <SelectField id='record-province' title='生源省份' placeholder='请选择' options={PROVINCE_OPTIONS} value={form.originProvince} onChange={v => set('originProvince', v)} />
            </FormField>
            <FormField label='生源城市' required error={errors.originCity}>
              <Input id='record-city' className='ll-input' maxlength={20} value={form.originCity ?? ''} placeholder='如：大连市' onInput={e => set('originCity', e.detail.value)} />
            </FormField>
          </View>
        </View>
      )}

      <View className='ll-card support-register__section'>
        <View className='support-register__title'>2. 登记离校未就业并指定责任人</View>
        <View className='support-register__grid'>
          <FormField label='暂未就业起始日期' required error={errors.unemployedSince} hint='不晚于今天，如 2026-07-01'>
            <Input id='register-since' className='ll-input' maxlength={10} value={since} placeholder='YYYY-MM-DD' onInput={e => {
              setSince(e.detail.value.trim());
              setErrors(prev => ({ ...prev, unemployedSince: undefined }));
            }} />
          </FormField>
          {isCity && (
            <FormField label='帮扶所在区市县' required error={errors.districtCode}>
              <SelectField id='register-district' title='区市县' placeholder='请选择' options={DISTRICT_OPTIONS} value={district} onChange={v => {
                setDistrict(v);
                setWorker(undefined);
              }} />
            </FormField>
          )}
          <FormField label='责任人' required error={errors.caseworkerId} hint={isCity ? '该区市县的工作人员' : '默认由本人负责，可指定本区同事'}>
            <SelectField id='register-caseworker' title='责任人' placeholder={isCity && !district ? '请先选择区市县' : '请选择'} options={workerOptions} value={chosenWorker} onChange={setWorker} />
          </FormField>
          <FormField label='就业意向'>
            <Input id='register-intention' className='ll-input' maxlength={200} value={intention} placeholder='选填，如：软件测试、行政文员' onInput={e => setIntention(e.detail.value)} />
          </FormField>
        </View>
        <Button id='register-submit' className='ll-button' loading={busy} disabled={busy} onClick={() => void submit()}>
          登记并建立帮扶档案
        </Button>
      </View>
    </View>
  );
}
