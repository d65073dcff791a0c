import { useEffect, useState } from 'react';
import { Button, Input, RichText, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  ACTIONS,
  ATTACHMENT_EXTENSIONS,
  CONTENT_KINDS,
  CONTENT_KIND_LABELS,
  CONTENT_STATUS_LABELS,
  CONTENT_TRANSITION_LABELS,
  INSTITUTION_TYPES,
  INSTITUTION_TYPE_LABELS,
  REASON_TRANSITIONS,
  type ActionNo,
  type ContentKind,
  type ContentTransition,
  type ContentVersionView,
  type StaffContent,
} from '@contract/policy';
import { DEGREES, DEGREE_LABELS, DISTRICTS, type DistrictCode } from '@contract/reference';
import Chip from '@/components/Chip';
import EmptyState from '@/components/EmptyState';
import FormField from '@/components/FormField';
import SelectField from '@/components/SelectField';
import Tag from '@/components/Tag';
import { ApiError } from '@/services/http';
import { contentVersions, createContent, staffContent, transitionContent, updateContent, uploadAttachment } from '@/services/api/content';
import { pickFile } from '@/services/files';
import { navigate, redirect } from '@/services/navigation';
import { errorMessage } from '@/utils/errors';
import { formatDate } from '@/utils/format';
import { attachmentLabel, openAttachment } from '../../attachments';
import ReasonModal from '../../components/ReasonModal';
import { STATUS_TONES } from '../../status';
import {
  allowedTransitions,
  appendFormat,
  bodyToHtml,
  canEdit,
  checkForm,
  emptyForm,
  formFromContent,
  inputFromForm,
  type BodyFormat,
  type ContentForm,
  type Either,
  type FormError,
  withUploaded,
} from './form';
import PrivacyPopup from '@/components/PrivacyPopup';
import ToggleSwitch from '@/components/ToggleSwitch';
import '../staff.scss';
import { fieldLabelProps, pressable } from '@/utils/a11y';
import './index.scss';

const ACTION_OPTIONS = ACTIONS.map(a => ({ value: a.no as ActionNo, label: `${a.no}. ${a.name}` }));
const DISTRICT_OPTIONS = DISTRICTS.map(d => ({ value: d.code as DistrictCode, label: d.name }));
const TYPE_OPTIONS = INSTITUTION_TYPES.map(t => ({ value: t, label: INSTITUTION_TYPE_LABELS[t] }));
const EITHER_LABELS: Record<Either, string> = { any: '不限', yes: '是', no: '否' };
const FORMATS: Array<[BodyFormat, string]> = [
  ['paragraph', '段落'],
  ['heading', '小标题'],
  ['bold', '加粗'],
  ['list', '列表'],
];
/** Steps to confirm first; those that take an entry away from students also ask why (REASON_TRANSITIONS). */
const CONFIRM: Partial<Record<ContentTransition, string>> = {
  publish: '发布后学生即可看到，并按适用对象推送消息。确定发布吗？',
  unpublish: '下线后学生将看不到此条目。原因会记入操作记录，并显示为“下架原因”。',
  archive: '归档后不能再修改或发布。原因会记入操作记录，并显示为“下架原因”。',
};

function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter(v => v !== value) : [...list, value];
}

interface EditorProps {
  saved?: StaffContent;
  kind: ContentKind;
}

function Editor({ saved: initial, kind }: EditorProps) {
  const [saved, setSaved] = useState(initial);
  const [form, setForm] = useState<ContentForm>(() => (initial ? formFromContent(initial) : emptyForm(kind)));
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError>();
  const [preview, setPreview] = useState(false);
  const [versions, setVersions] = useState<ContentVersionView[]>([]);
  const [asking, setAsking] = useState<ContentTransition>();
  const [uploading, setUploading] = useState(false);
  const editable = canEdit(saved?.status);

  useEffect(() => {
    if (!saved) return;
    contentVersions(saved.id)
      .then(setVersions)
      .catch(() => setVersions([]));
  }, [saved?.id, saved?.status]);

  const set = <K extends keyof ContentForm>(key: K, value: ContentForm[K]) => {
    setForm(prev => ({ ...prev, [key]: value }));
    setDirty(true);
  };
  const fieldError = (...fields: string[]) => (error?.field && fields.some(f => error.field === f || error.field?.startsWith(`${f}.`)) ? error.message : undefined);
  const text = (key: 'title' | 'issuer' | 'tagsText' | 'effectiveFrom' | 'expiresAt' | 'graduationYearsText' | 'majorKeywordsText' | 'address' | 'contact' | 'phone' | 'lat' | 'lng', placeholder: string) => (
    <Input id={`content-${key}`} className='ll-input' disabled={!editable} value={form[key]} placeholder={placeholder} onInput={e => set(key, e.detail.value)} />
  );

  const fail = (err: unknown) => {
    setError({ field: err instanceof ApiError ? err.field : undefined, message: errorMessage(err) });
  };

  const save = async (): Promise<StaffContent | undefined> => {
    const problem = checkForm(form);
    if (problem) {
      setError(problem);
      return undefined;
    }
    setBusy(true);
    setError(undefined);
    try {
      const input = inputFromForm(form);
      const next = saved ? await updateContent(saved.id, input, saved.version) : await createContent(input);
      setDirty(false);
      Taro.showToast({ title: '已保存', icon: 'success' });
      if (!saved) {
        await redirect('staffContentEdit', { id: next.id });
        return next;
      }
      setSaved(next);
      return next;
    } catch (err) {
      fail(err);
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  const step = async (action: ContentTransition) => {
    if (!saved) return;
    if (REASON_TRANSITIONS.includes(action)) {
      setError(undefined);
      setAsking(action);
      return;
    }
    const question = CONFIRM[action];
    if (question) {
      const { confirm } = await Taro.showModal({ title: CONTENT_TRANSITION_LABELS[action], content: question });
      if (!confirm) return;
    }
    await run(action);
  };

  const run = async (action: ContentTransition, reason?: string) => {
    if (!saved) return;
    setBusy(true);
    setError(undefined);
    try {
      // Unsaved text goes in first, so that what is submitted or published is what the editor shows.
      let current = saved;
      if (dirty && editable) {
        const problem = checkForm(form);
        if (problem) {
          setError(problem);
          return;
        }
        current = await updateContent(saved.id, inputFromForm(form), saved.version);
        setDirty(false);
      }
      const next = await transitionContent(current.id, action, current.version, reason);
      setSaved(next);
      setForm(formFromContent(next));
      setAsking(undefined);
      Taro.showToast({ title: `已${CONTENT_TRANSITION_LABELS[action]}`, icon: 'success' });
    } catch (err) {
      setAsking(undefined);
      fail(err);
      // A stale version means someone else changed it: show their state.
      if (err instanceof ApiError && err.code === 'CONTENT_STALE') {
        staffContent(saved.id).then(setSaved).catch(() => undefined);
      }
    } finally {
      setBusy(false);
    }
  };

  /** Picks a file and uploads it at once; the draft keeps it (renames and removals wait for 保存). */
  const addAttachment = async () => {
    if (!saved) return;
    const file = await pickFile([...ATTACHMENT_EXTENSIONS]);
    if (!file) return;
    setUploading(true);
    setError(undefined);
    try {
      const before = saved.attachments;
      const next = await uploadAttachment(saved.id, file.path, file.name);
      setSaved(next);
      setForm(prev => ({ ...prev, attachments: withUploaded(prev.attachments, before, next.attachments) }));
      Taro.showToast({ title: '已上传', icon: 'success' });
    } catch (err) {
      fail(err);
    } finally {
      setUploading(false);
    }
  };

  const renameAttachment = (index: number, name: string) =>
    set('attachments', form.attachments.map((a, i) => (i === index ? { ...a, name } : a)));
  const removeAttachment = (index: number) => set('attachments', form.attachments.filter((_, i) => i !== index));

  return (
    <View className='ll-page policy-staff content-edit'>
      <PrivacyPopup />
      <View className='policy-staff__bar'>
        <View className='policy-staff__title'>{saved ? '编辑' : '新建'}{CONTENT_KIND_LABELS[form.kind]}</View>
        {saved && (
          <View className='content-edit__state'>
            <Tag tone={STATUS_TONES[saved.status]}>{CONTENT_STATUS_LABELS[saved.status]}</Tag>
            <View className='policy-staff__muted'>版本 {saved.version} · 更新于 {formatDate(saved.updatedAt)}</View>
          </View>
        )}
      </View>
      {saved && !editable && (
        <View className='content-edit__note'>{saved.status === 'published' ? '已发布的内容需先下线才能修改。' : '已归档的内容不能再修改。'}</View>
      )}
      {saved?.statusReason && (saved.status === 'unpublished' || saved.status === 'archived') && (
        <View id='content-status-reason' className='content-edit__note'>
          下架原因：{saved.statusReason}
        </View>
      )}

      <View className='content-edit__columns'>
        <View className='ll-card content-edit__main'>
          {!saved && (
            <FormField label='类型' required>
              <View className='content-edit__chips'>
                {CONTENT_KINDS.map(k => (
                  <Chip key={k} id={`content-kind-${k}`} active={form.kind === k} onClick={() => set('kind', k)}>
                    {CONTENT_KIND_LABELS[k]}
                  </Chip>
                ))}
              </View>
            </FormField>
          )}
          <FormField label='标题' required error={fieldError('title')}>
            {text('title', '2–60 个字')}
          </FormField>
          <FormField label='摘要' error={fieldError('summary')} hint='列表和推送中显示，最多 300 字'>
            <Textarea id='content-summary' className='ll-textarea' disabled={!editable} maxlength={300} value={form.summary} onInput={e => set('summary', e.detail.value)} />
          </FormField>
          <FormField label='正文' error={fieldError('body')} hint='直接输入文字即可，空一行分段；也可使用下方按钮插入格式。保存时服务器会过滤不安全的内容。'>
            {editable && (
              <View className='content-edit__toolbar'>
                {FORMATS.map(([format, label]) => (
                  <Button key={format} size='mini' className='content-edit__tool' onClick={() => set('body', appendFormat(form.body, format))}>
                    {label}
                  </Button>
                ))}
                <Button size='mini' className='content-edit__tool' onClick={() => setPreview(!preview)}>
                  {preview ? '返回编辑' : '预览'}
                </Button>
              </View>
            )}
            {preview || !editable ? (
              <RichText className='content-edit__preview' nodes={bodyToHtml(form.body) || '<p>（无正文）</p>'} />
            ) : (
              <Textarea id='content-body' className='ll-textarea content-edit__body' maxlength={50000} value={form.body} onInput={e => set('body', e.detail.value)} {...fieldLabelProps('正文')} />
            )}
          </FormField>
          <FormField label='所属行动' error={fieldError('action')}>
            {editable ? (
              <SelectField id='content-action' title='所属行动' placeholder='请选择（可不选）' options={ACTION_OPTIONS} value={form.action} onChange={v => set('action', v)} />
            ) : (
              <View>{ACTION_OPTIONS.find(o => o.value === form.action)?.label ?? '—'}</View>
            )}
          </FormField>
          <FormField label='发文单位' error={fieldError('issuer')}>
            {text('issuer', '例如 大连市人力资源和社会保障局')}
          </FormField>
          <FormField label='标签' error={fieldError('tags')} hint='空格或逗号分隔，最多 8 个'>
            {text('tagsText', '例如 住房 补贴')}
          </FormField>
          <FormField label='区域' error={fieldError('district')} hint='不选表示全市'>
            <SelectField id='content-district' title='区域' placeholder='全市' options={DISTRICT_OPTIONS} value={form.district} onChange={v => editable && set('district', v)} />
          </FormField>
          <FormField label='生效日期' error={fieldError('effectiveFrom')}>
            {text('effectiveFrom', '例如 2026-07-01')}
          </FormField>
          <FormField label='截止日期' error={fieldError('expiresAt')}>
            {text('expiresAt', '例如 2026-12-31，可不填')}
          </FormField>

          <FormField
            label='附件'
            error={fieldError('attachments')}
            hint={saved ? 'PDF、图片、Word、Excel，按文件内容检查；改名和删除在保存后生效' : '保存草稿后可上传附件'}
          >
            <View id='content-attachments' className='content-edit__attachments'>
              {form.attachments.map((file, i) => (
                <View key={file.fileId ?? `${file.url}-${i}`} id={`content-attachment-${i}`} className='content-edit__attachment'>
                  {editable ? (
                    <Input className='ll-input content-edit__attachment-name' value={file.name} maxlength={60} onInput={e => renameAttachment(i, e.detail.value)} />
                  ) : (
                    <View className='content-edit__attachment-name'>{file.name}</View>
                  )}
                  <View className='content-edit__link' {...pressable(() => void openAttachment(file, { signed: true }))}>
                    {attachmentLabel(file)} · 查看
                  </View>
                  {editable && (
                    <View id={`content-attachment-remove-${i}`} className='content-edit__link content-edit__link--danger' {...pressable(() => removeAttachment(i))}>
                      删除
                    </View>
                  )}
                </View>
              ))}
              {saved && editable && (
                <Button id='content-attachment-add' size='mini' className='content-edit__tool' disabled={uploading || busy || form.attachments.length >= 10} onClick={() => void addAttachment()}>
                  {uploading ? '正在上传…' : '上传附件'}
                </Button>
              )}
            </View>
          </FormField>

          {form.kind === 'institution' && (
            <View>
              <View className='policy-staff__section content-edit__subhead'>机构信息</View>
              <FormField label='机构类型' required>
                <SelectField id='content-institutionType' title='机构类型' placeholder='请选择' options={TYPE_OPTIONS} value={form.institutionType} onChange={v => editable && set('institutionType', v)} />
              </FormField>
              <FormField label='地址' required error={fieldError('institution.address')}>
                {text('address', '详细地址')}
              </FormField>
              <FormField label='所在区域' error={fieldError('institution.district')}>
                <SelectField id='content-institutionDistrict' title='所在区域' placeholder='请选择' options={DISTRICT_OPTIONS} value={form.institutionDistrict} onChange={v => editable && set('institutionDistrict', v)} />
              </FormField>
              <FormField label='联系人' error={fieldError('institution.contact')}>
                {text('contact', '可不填')}
              </FormField>
              <FormField label='电话' error={fieldError('institution.phone')}>
                {text('phone', '例如 0411-84000000')}
              </FormField>
              <FormField label='地图位置（纬度 / 经度）' error={fieldError('institution.location')} hint='用于“查看地图”，可在地图应用中取点'>
                <View className='content-edit__pair'>
                  {text('lat', '纬度，如 38.8634')}
                  {text('lng', '经度，如 121.5246')}
                </View>
              </FormField>
            </View>
          )}
        </View>

        <View className='content-edit__side'>
          <View className='ll-card'>
            <View className='policy-staff__section'>适用对象</View>
            <View className='policy-staff__muted'>都不填表示所有学生；发布时按此推送消息。</View>
            <FormField label='毕业年份' error={fieldError('audience.graduationYears')}>
              {text('graduationYearsText', '例如 2025 2026')}
            </FormField>
            <FormField label='学历' error={fieldError('audience.degrees')}>
              <View className='content-edit__chips'>
                {DEGREES.map(d => (
                  <Chip key={d} id={`content-degree-${d}`} active={form.degrees.includes(d)} onClick={() => editable && set('degrees', toggle(form.degrees, d))}>
                    {DEGREE_LABELS[d]}
                  </Chip>
                ))}
              </View>
            </FormField>
            {(['inDalianCollege', 'inProvinceOrigin'] as const).map(key => (
              <FormField key={key} label={key === 'inDalianCollege' ? '在连高校毕业' : '省内生源'}>
                <View className='content-edit__chips'>
                  {(['any', 'yes', 'no'] as const).map(v => (
                    <Chip key={v} id={`content-${key}-${v}`} active={form[key] === v} onClick={() => editable && set(key, v)}>
                      {EITHER_LABELS[v]}
                    </Chip>
                  ))}
                </View>
              </FormField>
            ))}
            <FormField label='仅限“双一流”高校'>
              <ToggleSwitch disabled={!editable} checked={form.doubleFirstClassOnly} label='仅限“双一流”高校' onChange={on => set('doubleFirstClassOnly', on)} />
            </FormField>
            <FormField label='仅限困难家庭毕业生'>
              <ToggleSwitch disabled={!editable} checked={form.hardshipOnly} label='仅限困难家庭毕业生' onChange={on => set('hardshipOnly', on)} />
            </FormField>
            <FormField label='意向区域' error={fieldError('audience.districts')}>
              <View className='content-edit__chips'>
                {DISTRICTS.map(d => (
                  <Chip key={d.code} active={form.audienceDistricts.includes(d.code)} onClick={() => editable && set('audienceDistricts', toggle(form.audienceDistricts, d.code as DistrictCode))}>
                    {d.name}
                  </Chip>
                ))}
              </View>
            </FormField>
            <FormField label='专业关键词' error={fieldError('audience.majorKeywords')}>
              {text('majorKeywordsText', '例如 计算机 软件')}
            </FormField>
          </View>

          {saved && (
            <View className='ll-card'>
              <View className='policy-staff__section'>发布记录</View>
              {versions.length === 0 ? (
                <View className='policy-staff__muted'>尚未发布过</View>
              ) : (
                versions.map(v => (
                  <View key={v.version} className='content-edit__version'>
                    <View>版本 {v.version} · {v.title}</View>
                    <View className='policy-staff__muted'>发布于 {formatDate(v.publishedAt)}</View>
                  </View>
                ))
              )}
              {versions.length > 0 && (
                <View id='content-pushes' className='content-edit__link' {...pressable(() => void navigate('staffContentPushes', { id: saved.id }), { role: 'link' })}>
                  推送统计 ›
                </View>
              )}
            </View>
          )}
        </View>
      </View>

      {error && (
        <View id='content-error' className='policy-staff__error'>
          {error.message}
        </View>
      )}
      <View className='content-edit__actions'>
        {editable && (
          <Button id='content-save' className='content-edit__action' disabled={busy} onClick={() => void save()}>
            {saved ? '保存' : '保存草稿'}
          </Button>
        )}
        {saved &&
          allowedTransitions(saved.status).map(action => (
            <Button
              key={action}
              id={`content-${action}`}
              className={`content-edit__action content-edit__action--${action}`}
              disabled={busy}
              onClick={() => void step(action)}
            >
              {CONTENT_TRANSITION_LABELS[action]}
            </Button>
          ))}
      </View>
      {asking && (
        <ReasonModal
          title={`${CONTENT_TRANSITION_LABELS[asking]}原因`}
          description={CONFIRM[asking] ?? ''}
          placeholder='例如：申报期已结束；政策已调整，待修订后重新发布（1–200 字）'
          busy={busy}
          onCancel={() => setAsking(undefined)}
          onConfirm={reason => void run(asking, reason)}
        />
      )}
    </View>
  );
}

export default function StaffContentEditPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const kind = CONTENT_KINDS.find(k => k === params.kind) ?? 'policy';
  const [saved, setSaved] = useState<StaffContent>();
  const [loadError, setLoadError] = useState('');

  useEffect(() => {
    if (!id) return;
    staffContent(id)
      .then(setSaved)
      .catch((err: unknown) => setLoadError(errorMessage(err)));
  }, [id]);

  if (!id) return <Editor kind={kind} />;
  if (loadError) return <EmptyState kind='error' title='加载失败' description={loadError} />;
  if (!saved) return <EmptyState kind='loading' title='正在加载…' />;
  return <Editor key={saved.id} saved={saved} kind={saved.kind} />;
}
