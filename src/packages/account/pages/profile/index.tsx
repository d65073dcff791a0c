import { useState } from 'react';
import { Button, Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { DEGREES, DEGREE_LABELS, DISTRICTS, PROVINCES, type DistrictCode } from '@contract/reference';
import type { Me } from '@contract/user';
import Chip from '@/components/Chip';
import ConsentSheet from '@/components/ConsentSheet';
import EmptyState from '@/components/EmptyState';
import FormField from '@/components/FormField';
import SelectField from '@/components/SelectField';
import ToggleSwitch from '@/components/ToggleSwitch';
import { back } from '@/services/navigation';
import { useRequest } from '@/hooks/useRequest';
import { useSeparateConsent } from '@/hooks/useSeparateConsent';
import { useSession } from '@/hooks/useSession';
import { updateProfile, getMe } from '@/services/api/user';
import { ApiError } from '@/services/http';
import * as session from '@/services/session';
import { errorMessage } from '@/utils/errors';
import {
  MAX_INTENTION_DISTRICTS,
  OTHER_COLLEGE,
  checkForm,
  collegeOptions,
  fieldOfServerError,
  formFromMe,
  graduationYearOptions,
  type FormErrors,
  type ProfileForm,
} from './form';
import './index.scss';

const degreeOptions = DEGREES.map(code => ({ value: code, label: DEGREE_LABELS[code] }));
const provinceOptions = PROVINCES.map(name => ({ value: name, label: name }));
const yearOptions = graduationYearOptions();

function Editor({ me }: { me: Me }) {
  const [form, setForm] = useState<ProfileForm>(() => formFromMe(me));
  const [errors, setErrors] = useState<FormErrors>({});
  const [saving, setSaving] = useState(false);
  // The ID number is asked for only under its separate consent (PIPL art. 29), given on the sheet below.
  const idConsent = useSeparateConsent('support');

  const set = <K extends keyof ProfileForm>(key: K, value: ProfileForm[K]) => {
    setForm(current => ({ ...current, [key]: value }));
    setErrors(current => ({ ...current, [key === 'doubleFirstClass' ? 'schoolName' : key]: undefined }));
  };

  const toggleDistrict = (code: DistrictCode) => {
    const chosen = form.intentionDistricts;
    if (chosen.includes(code)) {
      set('intentionDistricts', chosen.filter(c => c !== code));
    } else if (chosen.length >= MAX_INTENTION_DISTRICTS) {
      Taro.showToast({ title: `最多选择 ${MAX_INTENTION_DISTRICTS} 个区域`, icon: 'none' });
    } else {
      set('intentionDistricts', [...chosen, code]);
    }
  };

  const submit = async () => {
    const checked = checkForm(form);
    if (!checked.ok) {
      setErrors(checked.errors);
      Taro.showToast({ title: Object.values(checked.errors)[0] ?? '请检查填写的内容', icon: 'none' });
      return;
    }
    setSaving(true);
    try {
      await updateProfile(checked.input);
      Taro.showToast({ title: '资料已保存', icon: 'success' });
      await back('mine');
    } catch (err) {
      const field = err instanceof ApiError ? fieldOfServerError(err.field) : undefined;
      if (field) setErrors({ [field]: errorMessage(err) });
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className='ll-page profile'>
      <View className='ll-card profile-group'>
        <View className='profile-group__title'>基本信息</View>
        <FormField label='姓名' required error={errors.name}>
          <Input id='profile-name' className='ll-input' placeholder='请输入真实姓名' maxlength={30} value={form.name} onInput={e => set('name', e.detail.value)} />
        </FormField>
        {idConsent.consented ? (
          <FormField label='身份证号' error={errors.idNumber} hint={me.idNumber ? `已填写 ${me.idNumber}，留空则不修改` : '选填；用于离校未就业登记时在实名库中核对身份；加密保存，仅显示部分号码'}>
            <Input id='profile-id-number' className='ll-input' type='idcard' placeholder='18 位居民身份证号' maxlength={18} value={form.idNumber} onInput={e => set('idNumber', e.detail.value)} />
          </FormField>
        ) : (
          <FormField label='身份证号' hint='选填'>
            <View id='profile-id-consent-needed' className='profile-consent'>
              填写身份证号前，请先阅读并同意《{idConsent.consent?.title ?? '离校未就业登记与1311帮扶敏感个人信息处理单独同意'}》。
              <Button id='profile-id-consent-open' className='profile-consent__button' size='mini' disabled={!idConsent.consent || undefined} onClick={idConsent.open}>
                阅读并同意
              </Button>
            </View>
          </FormField>
        )}
      </View>

      <View className='ll-card profile-group'>
        <View className='profile-group__title'>学历信息</View>
        <FormField label='毕业院校' required error={errors.college}>
          <SelectField id='profile-college' title='选择毕业院校' placeholder='请选择' options={collegeOptions} value={form.college} onChange={v => set('college', v)} />
        </FormField>
        {form.college === OTHER_COLLEGE && (
          <FormField label='学校名称' required error={errors.schoolName}>
            <Input id='profile-school-name' className='ll-input' placeholder='请输入学校全称' maxlength={50} value={form.schoolName} onInput={e => set('schoolName', e.detail.value)} />
            <View className='profile-switch'>
              <View>是否“双一流”建设高校</View>
              <ToggleSwitch id='profile-double-first-class' checked={form.doubleFirstClass} label='是否“双一流”建设高校' onChange={on => set('doubleFirstClass', on)} />
            </View>
          </FormField>
        )}
        <FormField label='学历' required error={errors.degree}>
          <SelectField id='profile-degree' title='选择学历' placeholder='请选择' options={degreeOptions} value={form.degree} onChange={v => set('degree', v)} />
        </FormField>
        <FormField label='专业' required error={errors.major}>
          <Input id='profile-major' className='ll-input' placeholder='如：软件工程' maxlength={50} value={form.major} onInput={e => set('major', e.detail.value)} />
        </FormField>
        <FormField label='毕业年份' required error={errors.graduationYear}>
          <SelectField id='profile-graduation-year' title='选择毕业年份' placeholder='请选择' options={yearOptions} value={form.graduationYear} onChange={v => set('graduationYear', v)} />
        </FormField>
      </View>

      <View className='ll-card profile-group'>
        <View className='profile-group__title'>生源地</View>
        <FormField label='省份' required error={errors.originProvince}>
          <SelectField id='profile-origin-province' title='选择生源地省份' placeholder='请选择' options={provinceOptions} value={form.originProvince} onChange={v => set('originProvince', v)} />
        </FormField>
        <FormField label='城市' required error={errors.originCity}>
          <Input id='profile-origin-city' className='ll-input' placeholder='如：大连市' maxlength={20} value={form.originCity} onInput={e => set('originCity', e.detail.value)} />
        </FormField>
      </View>

      <View className='ll-card profile-group'>
        <View className='profile-group__title'>求职意向</View>
        <FormField label={`意向就业区域（最多 ${MAX_INTENTION_DISTRICTS} 个）`} error={errors.intentionDistricts}>
          <View id='profile-intention-districts' className='profile-chips'>
            {DISTRICTS.map(d => (
              <Chip key={d.code} id={`profile-district-${d.code}`} active={form.intentionDistricts.includes(d.code)} onClick={() => toggleDistrict(d.code)}>
                {d.name}
              </Chip>
            ))}
          </View>
        </FormField>
        <FormField label='意向岗位或行业' error={errors.intentionText}>
          <Input id='profile-intention-text' className='ll-input' placeholder='如：软件开发、测试' maxlength={200} value={form.intentionText} onInput={e => set('intentionText', e.detail.value)} />
        </FormField>
      </View>

      <Button id='profile-submit' className='ll-button profile-submit' loading={saving} disabled={saving} onClick={submit}>
        保存资料
      </Button>
      {idConsent.sheetOpen && idConsent.consent && <ConsentSheet consent={idConsent.consent} busy={idConsent.agreeing} onAgree={idConsent.agree} onClose={idConsent.close} />}
    </View>
  );
}

export default function ProfilePage() {
  const user = useSession();
  const me = useRequest(() => (user ? getMe() : Promise.resolve(undefined)), user?.userId ?? '');

  if (!user) {
    return <EmptyState title='请先登录' description='登录后即可填写个人资料' actionText='去登录' onAction={() => void session.login()} />;
  }
  if (me.status === 'loading') return <EmptyState kind='loading' title='正在加载资料…' />;
  if (me.status === 'error' || !me.data) {
    return <EmptyState kind='error' title='资料加载失败' description={me.error} actionText='重试' onAction={me.reload} />;
  }
  return <Editor key={me.data.id} me={me.data} />;
}
