import { useState } from 'react';
import { Button, Input, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { JOB_KIND_LABELS, JOB_KINDS, type RecruiterJob } from '@contract/job';
import { DEGREE_LABELS, DEGREES, DISTRICTS } from '@contract/reference';
import EmptyState from '@/components/EmptyState';
import FormField from '@/components/FormField';
import SelectField from '@/components/SelectField';
import ToggleSwitch from '@/components/ToggleSwitch';
import { useRequest } from '@/hooks/useRequest';
import { myJob, publishJob, updateJob } from '@/services/api/recruiter';
import { ApiError } from '@/services/http';
import { back } from '@/services/navigation';
import { errorMessage } from '@/utils/errors';
import { checkJobForm, emptyJobForm, errorsFromProblems, formFromJob, jobFieldOf, type JobForm, type JobFormErrors } from './form';
import { MAX_PAY_MULTIPLE } from '@contract/job-posting';
import '../../recruiter.scss';

const kindOptions = JOB_KINDS.map(k => ({ value: k, label: JOB_KIND_LABELS[k] }));
const degreeOptions = DEGREES.map(d => ({ value: d, label: `${DEGREE_LABELS[d]}及以上` }));
const districtOptions = DISTRICTS.map(d => ({ value: d.code, label: d.name }));

function Editor({ job }: { job?: RecruiterJob }) {
  const [form, setForm] = useState<JobForm>(() => (job ? formFromJob(job) : emptyJobForm()));
  const [errors, setErrors] = useState<JobFormErrors>({});
  /** The server's reasons (every missing field, the pay rules, each refused phrase), listed above the button. */
  const [refusal, setRefusal] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);

  const set = <K extends keyof JobForm>(key: K, value: JobForm[K]) => {
    setForm(current => ({ ...current, [key]: value }));
    if (key !== 'repost') setErrors(current => ({ ...current, [key]: undefined }));
  };

  const submit = async () => {
    setRefusal([]);
    const checked = checkJobForm(form);
    if (!checked.ok) {
      setErrors(checked.errors);
      void Taro.showToast({ title: Object.values(checked.errors)[0] ?? '请检查填写的内容', icon: 'none' });
      return;
    }
    setSaving(true);
    try {
      if (job) await updateJob(job.id, checked.input);
      else await publishJob(checked.input);
      void Taro.showToast({ title: job ? '已保存' : '已发布', icon: 'success' });
      await back('mine');
    } catch (err) {
      if (err instanceof ApiError && err.problems?.length) {
        setErrors(errorsFromProblems(err.problems));
        setRefusal(err.problems.map(p => p.message));
      } else {
        const field = err instanceof ApiError ? jobFieldOf(err.field) : undefined;
        if (field) setErrors({ [field]: errorMessage(err) });
        setRefusal([errorMessage(err)]);
      }
    } finally {
      setSaving(false);
    }
  };

  const text = (key: 'title' | 'address' | 'contactPolicy' | 'majors' | 'tags' | 'repostSource', placeholder: string, maxlength: number) => (
    <Input id={`job-form-${key}`} className='ll-input' placeholder={placeholder} maxlength={maxlength} value={form[key]} onInput={e => set(key, e.detail.value)} />
  );

  return (
    <View className='ll-page'>
      <View className='ll-card'>
        <FormField label='岗位类型' required error={errors.kind} hint={form.kind === 'traineeship' ? '就业见习岗位：见习单位按规定享受见习补贴，请在描述中写明见习期限与待遇' : undefined}>
          <SelectField id='job-form-kind' title='选择岗位类型' placeholder='请选择' options={kindOptions} value={form.kind} onChange={v => set('kind', v)} />
        </FormField>
        <FormField label='岗位名称' required error={errors.title}>
          {text('title', '如：软件开发工程师', 40)}
        </FormField>
        <FormField label='岗位职责' required error={errors.duties}>
          <Textarea id='job-form-duties' className='ll-textarea' maxlength={2000} value={form.duties} onInput={e => set('duties', e.detail.value)} />
        </FormField>
        <FormField label='任职要求' required error={errors.requirements} hint='不得含性别、年龄、民族、户籍、婚育、院校层次等限制'>
          <Textarea id='job-form-requirements' className='ll-textarea' maxlength={2000} value={form.requirements} onInput={e => set('requirements', e.detail.value)} />
        </FormField>
        <FormField label='其他说明' error={errors.description} hint='福利待遇、团队介绍等，可不填'>
          <Textarea id='job-form-description' className='ll-textarea' maxlength={3000} value={form.description} onInput={e => set('description', e.detail.value)} />
        </FormField>
        <FormField
          label='月薪（元）'
          required
          error={[errors.salaryMin, errors.salaryMax].filter(Boolean).join('；') || undefined}
          hint={`下限不低于大连市最低工资标准，上限不超过下限的${MAX_PAY_MULTIPLE}倍`}
        >
          <View className='rc-head'>
            <Input id='job-form-salary-min' className='ll-input' type='number' placeholder='下限' value={form.salaryMin} onInput={e => set('salaryMin', e.detail.value)} />
            <View>至</View>
            <Input id='job-form-salary-max' className='ll-input' type='number' placeholder='上限' value={form.salaryMax} onInput={e => set('salaryMax', e.detail.value)} />
          </View>
        </FormField>
        <FormField label='最低学历' required error={errors.education}>
          <SelectField id='job-form-education' title='选择最低学历' placeholder='请选择' options={degreeOptions} value={form.education} onChange={v => set('education', v)} />
        </FormField>
        <FormField label='专业要求' error={errors.majors} hint='多个专业用逗号隔开；不限可不填'>
          {text('majors', '如：软件工程，计算机科学与技术', 300)}
        </FormField>
        <FormField label='招聘人数' required error={errors.headcount}>
          <Input id='job-form-headcount' className='ll-input' type='number' value={form.headcount} onInput={e => set('headcount', e.detail.value)} />
        </FormField>
        <FormField label='工作区域' required error={errors.district}>
          <SelectField id='job-form-district' title='选择工作区域' placeholder='请选择' options={districtOptions} value={form.district} onChange={v => set('district', v)} />
        </FormField>
        <FormField label='工作地址' required error={errors.address}>
          {text('address', '如：高新区黄浦路软件园', 100)}
        </FormField>
        <FormField label='截止日期' required error={errors.deadline} hint='格式 2026-06-30；截止后岗位自动下线'>
          <Input id='job-form-deadline' className='ll-input' placeholder='YYYY-MM-DD' maxlength={10} value={form.deadline} onInput={e => set('deadline', e.detail.value)} />
        </FormField>
        <FormField label='联系方式说明' error={errors.contactPolicy}>
          {text('contactPolicy', '通过平台投递简历', 100)}
        </FormField>
        <FormField label='岗位标签' error={errors.tags} hint='如：五险一金，双休；最多8个'>
          {text('tags', '用逗号隔开', 120)}
        </FormField>
        <FormField label='转载岗位' error={errors.repostSource} hint='从其他渠道转载的岗位须注明信息来源'>
          <View className='rc-head'>
            <ToggleSwitch id='job-form-repost' checked={form.repost} label='转载岗位' onChange={on => set('repost', on)} />
            {form.repost && text('repostSource', '信息来源：原发布单位或网站', 100)}
          </View>
        </FormField>
        {refusal.length > 0 && (
          <View id='job-form-refusal' className='rc-error' role='alert'>
            <View>未能发布，请修改以下{refusal.length}处：</View>
            {refusal.map((reason, i) => (
              <View key={reason} className='rc-error-item'>
                {i + 1}. {reason}
              </View>
            ))}
          </View>
        )}
        <Button id='job-form-submit' className='ll-button rc-input' loading={saving} disabled={saving} onClick={submit}>
          {job ? '保存修改' : '发布岗位'}
        </Button>
      </View>
    </View>
  );
}

export default function JobEditPage() {
  const id = useRouter().params.id ?? '';
  const job = useRequest(() => (id ? myJob(id) : Promise.resolve(undefined)), id);
  if (job.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (job.status === 'error') return <EmptyState kind='error' title='岗位加载失败' description={job.error} actionText='重试' onAction={job.reload} />;
  return <Editor key={id} job={job.data} />;
}
