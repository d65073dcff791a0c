import { useEffect, useState } from 'react';
import { Button, Input, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  COMPLAINT_FORM_CATEGORIES,
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_EVIDENCE_MAX_FILES,
  type ComplaintCategory,
  type ComplaintInput,
} from '@contract/complaint';
import type { JobSummary } from '@contract/job';
import { DISTRICTS, type DistrictCode } from '@contract/reference';
import EvidencePicker, { type PickedEvidence } from '@/components/EvidencePicker';
import Chip from '@/components/Chip';
import FormField from '@/components/FormField';
import SelectField from '@/components/SelectField';
import { useRequest } from '@/hooks/useRequest';
import { complaintNoticeConfig, newComplaintKey, submitComplaint, uploadEvidence } from '@/services/api/complaint';
import { getJob, listJobs } from '@/services/api/job';
import { reportLive } from '@/services/api/live';
import { ApiError } from '@/services/http';
import { navigate, redirect } from '@/services/navigation';
import { withSubscribe } from '@/services/subscribe-tap';
import { errorMessage } from '@/utils/errors';
import { EVIDENCE_HINT } from '../../components/format';
import PrivacyPopup from '@/components/PrivacyPopup';
import { pressable } from '@/utils/a11y';
import './index.scss';

type Target = 'job' | 'party';

const categoryOptions = COMPLAINT_FORM_CATEGORIES.map(c => ({ value: c, label: COMPLAINT_CATEGORY_LABELS[c] }));
const districtOptions = DISTRICTS.map(d => ({ value: d.code as DistrictCode, label: d.name }));

/** Opened by 举报 in a live room: the session, what is reported and when it was tapped. */
interface LiveReport {
  sessionId: string;
  target: 'stream' | 'job';
  shownAt: string;
}

function liveReportOf(params: Partial<Record<string, string>>): LiveReport | undefined {
  const tapped = Number(params.shownAt);
  if (!params.liveSessionId || !Number.isFinite(tapped) || tapped <= 0) return undefined;
  return { sessionId: params.liveSessionId, target: params.liveTarget === 'job' ? 'job' : 'stream', shownAt: new Date(tapped).toISOString() };
}

export default function NewComplaintPage() {
  const { params } = useRouter();
  const presetJob = params.jobId;
  const [live] = useState(() => liveReportOf(params));
  // One key per form: a retry after a network error, or a second tap, files the same complaint.
  const [key] = useState(newComplaintKey);
  const [category, setCategory] = useState<ComplaintCategory>();
  const [target, setTarget] = useState<Target>('job');
  const [job, setJob] = useState<Pick<JobSummary, 'id' | 'title' | 'enterpriseName'>>();
  const [q, setQ] = useState('');
  const [results, setResults] = useState<JobSummary[]>([]);
  const [partyName, setPartyName] = useState('');
  const [district, setDistrict] = useState<DistrictCode>();
  const [description, setDescription] = useState('');
  const [phone, setPhone] = useState('');
  const [files, setFiles] = useState<PickedEvidence[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field?: string; message: string }>();
  const [createdId, setCreatedId] = useState<string>();
  const notice = useRequest(complaintNoticeConfig, 'complaint-notice-config');

  useEffect(() => {
    if (!presetJob) return;
    getJob(presetJob)
      .then(j => setJob({ id: j.id, title: j.title, enterpriseName: j.enterpriseName }))
      .catch(() => setError({ field: 'jobId', message: '该岗位已下架或不存在，请搜索选择或填写被投诉方' }));
  }, [presetJob]);

  const search = async () => {
    if (!q.trim()) return;
    try {
      const page = await listJobs({ q: q.trim(), limit: 10 });
      setResults(page.items);
      if (page.items.length === 0) Taro.showToast({ title: '没有找到该岗位，可改为填写被投诉方', icon: 'none' });
    } catch (err) {
      setError({ message: errorMessage(err) });
    }
  };

  const fieldError = (field: string) => (error?.field === field ? error.message : undefined);

  const submit = async () => {
    setError(undefined);
    if (!category) return setError({ field: 'category', message: '请选择投诉类别' });
    if (live) return submitLive(live, category);
    if (target === 'job' && !job) return setError({ field: 'jobId', message: '请搜索并选择被投诉的岗位' });
    if (target === 'party' && !partyName.trim()) return setError({ field: 'partyName', message: '请填写被投诉方名称' });
    if (target === 'party' && !district) return setError({ field: 'district', message: '请选择事情发生的地区' });
    if (description.trim().length < 10) return setError({ field: 'description', message: '请至少用 10 个字说明经过' });
    if (!phone.trim()) return setError({ field: 'phone', message: '请填写联系电话' });
    const input: ComplaintInput = {
      idempotencyKey: key,
      category,
      description: description.trim(),
      phone: phone.trim(),
      ...(target === 'job' ? { jobId: job?.id } : { partyName: partyName.trim(), district }),
    };
    setBusy(true);
    try {
      // The submit tap also asks for the progress notice (weapp shows the popup only from a tap).
      const created = await withSubscribe(notice.data?.templateId, async () => {
        const made = createdId ? { id: createdId } : await submitComplaint(input);
        setCreatedId(made.id);
        // Sent one by one; a retry re-sends them all and the server keeps each file once.
        for (const file of files) await uploadEvidence(made.id, file.path, file.name);
        return made;
      });
      await Taro.showToast({ title: '已提交', icon: 'success' });
      await redirect('complaintDetail', { id: created.id });
    } catch (err) {
      setError({ field: err instanceof ApiError ? err.field : undefined, message: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  const submitLive = async (report: LiveReport, picked: ComplaintCategory) => {
    if (report.target === 'job' && !job) return setError({ field: 'jobId', message: '该岗位已下架或不存在，可改为举报直播画面' });
    if (description.trim().length < 10) return setError({ field: 'description', message: '请至少用 10 个字说明经过' });
    if (!phone.trim()) return setError({ field: 'phone', message: '请填写联系电话' });
    setBusy(true);
    try {
      const created = await withSubscribe(notice.data?.templateId, async () => {
        const made = createdId
          ? { id: createdId }
          : await reportLive(report.sessionId, {
              idempotencyKey: key,
              target: report.target,
              ...(report.target === 'job' && job ? { jobId: job.id } : {}),
              shownAt: report.shownAt,
              category: picked,
              description: description.trim(),
              phone: phone.trim(),
            });
        setCreatedId(made.id);
        for (const file of files) await uploadEvidence(made.id, file.path, file.name);
        return made;
      });
      await Taro.showToast({ title: '已提交', icon: 'success' });
      await redirect('complaintDetail', { id: created.id });
    } catch (err) {
      setError({ field: err instanceof ApiError ? err.field : undefined, message: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='ll-page complaint-new'>
      <PrivacyPopup />
      {live ? (
        <View id='complaint-live' className='ll-card complaint-new__intro'>
          <View>
            {live.target === 'job' ? `举报直播间的岗位卡片${job ? `：${job.title} · ${job.enterpriseName}` : ''}` : '举报直播画面'}
          </View>
          <View>提交时将一并保存您点击举报时的直播进度、岗位卡片内容和最近的互动消息，供人社部门核查。</View>
        </View>
      ) : null}
      <View className='ll-card complaint-new__intro'>
        <View>虚假招聘、黑中介、培训贷、就业歧视、拖欠工资等侵害就业权益的行为，都可以在这里投诉。人社部门受理后会在办理期限内答复您。</View>
        <View className='complaint-new__link' {...pressable(() => navigate('complaintHotlines'), { role: 'link' })}>
          也可拨打维权电话 ›
        </View>
      </View>
      <View className='ll-card'>
        <FormField label='投诉类别' required error={fieldError('category')}>
          <SelectField id='complaint-category' title='投诉类别' placeholder='请选择' options={categoryOptions} value={category} onChange={setCategory} />
        </FormField>
        {live ? null : (
          <>
            <FormField label='被投诉对象' required>
              <View className='complaint-new__chips'>
                <Chip id='complaint-target-job' active={target === 'job'} onClick={() => setTarget('job')}>
                  平台上的岗位
                </Chip>
                <Chip id='complaint-target-party' active={target === 'party'} onClick={() => setTarget('party')}>
                  其他单位或个人
                </Chip>
              </View>
            </FormField>
            {target === 'job' ? (
              <FormField label='岗位' required error={fieldError('jobId')} hint={job ? undefined : '输入岗位或企业名称搜索'}>
                {job ? (
                  <View id='complaint-job-selected' className='complaint-new__job'>
                    <View>
                      {job.title} · {job.enterpriseName}
                    </View>
                    <View className='complaint-new__change' {...pressable(() => setJob(undefined))}>
                      更换
                    </View>
                  </View>
                ) : (
                  <View>
                    <View className='complaint-new__search'>
                      <Input id='complaint-job-q' className='complaint-new__q' value={q} placeholder='岗位或企业名称' onInput={e => setQ(e.detail.value)} onConfirm={() => void search()} />
                      <Button id='complaint-job-search' size='mini' onClick={() => void search()}>
                        搜索
                      </Button>
                    </View>
                    {results.map(r => (
                      <View
                        key={r.id}
                        id={`complaint-job-${r.id}`}
                        className='complaint-new__result'
                        {...pressable(() => {
                          setJob(r);
                          setResults([]);
                        })}
                      >
                        {r.title} · {r.enterpriseName}
                      </View>
                    ))}
                  </View>
                )}
              </FormField>
            ) : (
              <View>
                <FormField label='被投诉方名称' required error={fieldError('partyName')}>
                  <Input id='complaint-party' value={partyName} maxlength={60} placeholder='如 某人力资源咨询工作室' onInput={e => setPartyName(e.detail.value)} />
                </FormField>
                <FormField label='发生地区' required error={fieldError('district')}>
                  <SelectField id='complaint-district' title='发生地区' placeholder='请选择' options={districtOptions} value={district} onChange={setDistrict} />
                </FormField>
              </View>
            )}
          </>
        )}
        <FormField label='事情经过' required error={fieldError('description')}>
          <Textarea
            id='complaint-description'
            className='complaint-new__text'
            value={description}
            maxlength={2000}
            placeholder='时间、地点、对方怎么说怎么做、您的损失'
            onInput={e => setDescription(e.detail.value)}
          />
        </FormField>
        <FormField label='联系电话' required error={fieldError('phone')} hint='仅承办人可见，加密保存'>
          <Input id='complaint-phone' type='number' value={phone} maxlength={20} placeholder='手机号或带区号的固定电话' onInput={e => setPhone(e.detail.value)} />
        </FormField>
        <FormField label={`证据（${files.length}/${COMPLAINT_EVIDENCE_MAX_FILES}）`} error={fieldError('file')} hint={EVIDENCE_HINT}>
          <EvidencePicker idPrefix='complaint' files={files} setFiles={setFiles} />
        </FormField>
        {error && !['category', 'jobId', 'partyName', 'district', 'description', 'phone', 'file'].includes(error.field ?? '') && (
          <View className='complaint-new__error'>{error.message}</View>
        )}
        <Button id='complaint-submit' className='ll-button complaint-new__submit' loading={busy} disabled={busy} onClick={() => void submit()}>
          {createdId ? '重新上传证据' : '提交投诉'}
        </Button>
      </View>
    </View>
  );
}
