import { useState } from 'react';
import { Button, Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ENTERPRISE_OWNERSHIPS, ENTERPRISE_SIZES, type EnterpriseView } from '@contract/job';
import { DISTRICTS, type EditableReferenceLists } from '@contract/reference';
import Chip from '@/components/Chip';
import EmptyState from '@/components/EmptyState';
import FormField from '@/components/FormField';
import SelectField from '@/components/SelectField';
import Tag from '@/components/Tag';
import { useRequest } from '@/hooks/useRequest';
import { useSession } from '@/hooks/useSession';
import { pickImage } from '@/services/files';
import { ApiError } from '@/services/http';
import { navigate } from '@/services/navigation';
import { addRecruiter, myEnterprise, registerEnterprise, uploadLicence } from '@/services/api/recruiter';
import { referenceLists } from '@/services/api/reference';
import { errorMessage } from '@/utils/errors';
import { districtName, formatDate } from '@/utils/format';
import {
  MAX_CHAIN_TAGS,
  checkEnterpriseForm,
  emptyEnterpriseForm,
  enterpriseFieldOf,
  formFromEnterprise,
  toggleChain,
  usccHint,
  type EnterpriseForm,
  type EnterpriseFormErrors,
} from './form';
import PrivacyPopup from '@/components/PrivacyPopup';
import '../../recruiter.scss';
import './index.scss';

const STATUS: Record<EnterpriseView['status'], { label: string; tone: 'warning' | 'success' | 'danger' }> = {
  pending: { label: '审核中', tone: 'warning' },
  verified: { label: '已认证', tone: 'success' },
  rejected: { label: '未通过', tone: 'danger' },
};

const districtOptions = DISTRICTS.map(d => ({ value: d.code, label: d.name }));
const sizeOptions = ENTERPRISE_SIZES.map(v => ({ value: v, label: v }));
const ownershipOptions = ENTERPRISE_OWNERSHIPS.map(v => ({ value: v, label: v }));

function Register({ lists, previous, onSaved }: { lists: EditableReferenceLists; previous?: EnterpriseView; onSaved: (view: EnterpriseView) => void }) {
  const [form, setForm] = useState<EnterpriseForm>(() => (previous ? formFromEnterprise(previous) : emptyEnterpriseForm));
  const [errors, setErrors] = useState<EnterpriseFormErrors>({});
  const [saving, setSaving] = useState(false);

  const set = <K extends keyof EnterpriseForm>(key: K, value: EnterpriseForm[K]) => {
    setForm(current => ({ ...current, [key]: value }));
    setErrors(current => ({ ...current, [key]: key === 'uscc' ? usccHint(value as string) : undefined }));
  };

  const chain = (value: string) => {
    const next = toggleChain(form.chainTags, value);
    if (next === 'full') void Taro.showToast({ title: `最多选择${MAX_CHAIN_TAGS}条产业链`, icon: 'none' });
    else set('chainTags', next);
  };

  const submit = async () => {
    const checked = checkEnterpriseForm(form);
    if (!checked.ok) {
      setErrors(checked.errors);
      void Taro.showToast({ title: Object.values(checked.errors)[0] ?? '请检查填写的内容', icon: 'none' });
      return;
    }
    setSaving(true);
    try {
      const saved = await registerEnterprise(checked.input);
      void Taro.showToast({ title: '已提交审核', icon: 'success' });
      onSaved(saved);
    } catch (err) {
      const field = err instanceof ApiError ? enterpriseFieldOf(err.field) : undefined;
      if (field) setErrors({ [field]: errorMessage(err) });
      void Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className='ll-card'>
      <View className='enterprise__heading'>{previous ? '修改后重新提交' : '登记企业'}</View>
      <FormField label='企业名称' required error={errors.name}>
        <Input id='enterprise-name' className='ll-input' placeholder='与营业执照一致' maxlength={60} value={form.name} onInput={e => set('name', e.detail.value)} />
      </FormField>
      <FormField label='统一社会信用代码' required error={errors.uscc} hint='18位，见营业执照；输入满18位即校验'>
        <Input id='enterprise-uscc' className='ll-input' placeholder='如 91210200MA0QC1234F' maxlength={24} value={form.uscc} onInput={e => set('uscc', e.detail.value)} />
      </FormField>
      <FormField label='所在区市县' required error={errors.district}>
        <SelectField id='enterprise-district' title='选择所在区市县' placeholder='请选择' options={districtOptions} value={form.district} onChange={v => set('district', v)} />
      </FormField>
      <FormField label='所属行业' required error={errors.industry}>
        <SelectField
          id='enterprise-industry'
          title='选择所属行业'
          placeholder='请选择'
          options={lists.industry.map((item, i) => ({ value: String(i), label: item.value }))}
          value={form.industry === undefined ? undefined : String(lists.industry.findIndex(i => i.value === form.industry))}
          onChange={v => set('industry', lists.industry[Number(v)]?.value)}
        />
      </FormField>
      <FormField label='企业规模' required error={errors.size}>
        <SelectField id='enterprise-size' title='选择企业规模' placeholder='请选择' options={sizeOptions} value={form.size as (typeof ENTERPRISE_SIZES)[number] | undefined} onChange={v => set('size', v)} />
      </FormField>
      <FormField label='企业性质' required error={errors.ownership}>
        <SelectField id='enterprise-ownership' title='选择企业性质' placeholder='请选择' options={ownershipOptions} value={form.ownership as (typeof ENTERPRISE_OWNERSHIPS)[number] | undefined} onChange={v => set('ownership', v)} />
      </FormField>
      <FormField label={`“15+N”产业链（可多选，最多${MAX_CHAIN_TAGS}条）`} error={errors.chainTags}>
        <View className='enterprise__chips'>
          {lists.chain.map((item, i) => (
            <Chip key={item.value} id={`enterprise-chain-${i}`} active={form.chainTags.includes(item.value)} onClick={() => chain(item.value)}>
              {item.value}
            </Chip>
          ))}
        </View>
      </FormField>
      <FormField label='“老、原、新”企业类别' error={errors.category}>
        <View className='enterprise__chips'>
          {lists.category.map((item, i) => (
            <Chip key={item.value} id={`enterprise-category-${i}`} active={form.category === item.value} onClick={() => set('category', form.category === item.value ? undefined : item.value)}>
              {item.description || item.value}
            </Chip>
          ))}
        </View>
      </FormField>
      <Button id='enterprise-submit' className='ll-button enterprise__submit' loading={saving} disabled={saving} onClick={submit}>
        提交审核
      </Button>
    </View>
  );
}

function Status({ view, onChanged }: { view: EnterpriseView; onChanged: (view: EnterpriseView) => void }) {
  const [colleague, setColleague] = useState('');
  const [busy, setBusy] = useState(false);
  const status = STATUS[view.status];

  const licence = async () => {
    const file = await pickImage();
    if (!file) return;
    setBusy(true);
    try {
      onChanged(await uploadLicence(file.path, file.name));
      void Taro.showToast({ title: '营业执照已上传', icon: 'success' });
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const add = async () => {
    if (!/^[0-9a-f]{24}$/.test(colleague.trim())) {
      void Taro.showToast({ title: '请填写同事“我的企业”页显示的用户ID', icon: 'none' });
      return;
    }
    setBusy(true);
    try {
      onChanged(await addRecruiter(colleague.trim()));
      setColleague('');
      void Taro.showToast({ title: '已添加', icon: 'success' });
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View>
      <View className='ll-card'>
        <View className='enterprise__head'>
          <View id='enterprise-title' className='enterprise__name'>
            {view.name}
          </View>
          <Tag tone={status.tone}>{status.label}</Tag>
        </View>
        {view.status === 'rejected' && <View id='enterprise-reject-reason' className='enterprise__reason'>驳回原因：{view.rejectReason}</View>}
        {view.status === 'pending' && <View className='enterprise__note'>已提交，市人社局工作人员审核通过后即可发布岗位。</View>}
        <View className='enterprise__facts'>
          <View>信用代码：{view.uscc}</View>
          <View>所在地区：{districtName(view.district)}</View>
          <View>行业：{view.industry}</View>
          <View>
            规模：{view.size} · {view.ownership}
          </View>
          {view.chainTags.length > 0 && <View>产业链：{view.chainTags.join('、')}</View>}
          {view.category && <View>类别：{view.category}</View>}
          <View>招聘者：{view.recruiterCount} 人 · 登记于 {formatDate(view.createdAt)}</View>
        </View>
        {view.status !== 'verified' && (
          <Button id='enterprise-licence' className='ll-button ll-button--ghost enterprise__submit' disabled={busy} onClick={() => void licence()}>
            {view.hasLicence ? '重新上传营业执照' : '上传营业执照（图片）'}
          </Button>
        )}
        {view.hasLicence && <View className='enterprise__note'>营业执照已上传</View>}
        {view.status === 'verified' && (
          <Button id='enterprise-jobs' className='ll-button enterprise__submit' onClick={() => void navigate('recruiterJobs')}>
            管理岗位
          </Button>
        )}
      </View>
      <View className='ll-card'>
        <View className='enterprise__heading'>添加本企业的其他招聘者</View>
        <View className='enterprise__note'>请同事用招聘者账号登录后打开本页，把显示的用户ID发给您。</View>
        <Input id='enterprise-colleague' className='ll-input rc-input' placeholder='同事的用户ID' maxlength={24} value={colleague} onInput={e => setColleague(e.detail.value)} />
        <Button className='ll-button ll-button--ghost enterprise__submit' disabled={busy} onClick={() => void add()}>
          添加
        </Button>
      </View>
    </View>
  );
}

export default function EnterprisePage() {
  const user = useSession();
  const [saved, setSaved] = useState<EnterpriseView>();
  const [editing, setEditing] = useState(false);
  const state = useRequest(
    async () => {
      const lists = await referenceLists();
      try {
        return { lists, view: await myEnterprise() };
      } catch (err) {
        if (err instanceof ApiError && err.code === 'ENTERPRISE_REQUIRED') return { lists, view: undefined };
        throw err;
      }
    },
    user?.userId ?? '',
  );

  if (state.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (state.status === 'error' || !state.data) return <EmptyState kind='error' title='加载失败' description={state.error} actionText='重试' onAction={state.reload} />;
  const view = saved ?? state.data.view;
  const changed = (next: EnterpriseView) => {
    setSaved(next);
    setEditing(false);
  };

  return (
    <View className='ll-page enterprise'>
      <PrivacyPopup />
      {view && <Status view={view} onChanged={changed} />}
      {view?.status === 'rejected' && !editing && (
        <Button id='enterprise-edit' className='ll-button' onClick={() => setEditing(true)}>
          修改并重新提交
        </Button>
      )}
      {(!view || editing) && <Register lists={state.data.lists} previous={view} onSaved={changed} />}
      {!view && (
        <View className='ll-card enterprise__note'>
          本企业已由同事登记？请把您的用户ID <View id='enterprise-my-id' className='enterprise__id'>{user?.userId}</View> 发给已登记的招聘者，由其在“我的企业”中添加您。
        </View>
      )}
      {view && <View className='enterprise__note enterprise__my-id'>我的用户ID：{user?.userId}</View>}
    </View>
  );
}
