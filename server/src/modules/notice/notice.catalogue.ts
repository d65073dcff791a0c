import { APPLICATION_STATUS_LABELS, INTERVIEW_MODE_LABELS, interviewSentence } from '../../contract/job';
import { COMPLAINT_STATUS_LABELS } from '../../contract/complaint';
import { INBOX_SOURCE_LABELS, type DigestEntry, type InboxSource, type NoticeEvent, type NoticeEventType } from '../../contract/notice';
import type { SubscribeTopic } from '../../contract/subscription';
import { REVIEW_STAGE_LABELS, type ReviewStage } from '../../contract/subsidy';
import { LIMITED_STAGE_LABELS } from '../../contract/subsidy-stages';
import { SUPPORT_SERVICE_LABELS } from '../../contract/support';
import { beijingClock, beijingDay, chineseDate, monthDayTime } from '../../contract/time';
import { SERVER_LINKED_PAGES } from '../../contract/pages';

/**
 * The notice catalogue: for every event a user can be told about, its topic (the user's settings),
 * whether it is urgent (never held for the weekly digest), the inbox wording, the page it opens and
 * the subscribe template with its fields. Pure data and functions; `NoticeService.tell` applies it.
 * Adding an event is a union member in contract/notice.ts, a row here and a call.
 */

/** The subscribe templates the service can be configured with (`app.notice.templates`). */
export const NOTICE_TEMPLATES = ['policyNotice', 'applicationStatus', 'subsidyStatus', 'liveStart', 'growthStatus', 'complaintStatus', 'supportNotice'] as const;
export type NoticeTemplate = (typeof NOTICE_TEMPLATES)[number];

/** Each template's environment variable, read once in config.default.ts. */
export const NOTICE_TEMPLATE_ENV: Record<NoticeTemplate, string> = {
  policyNotice: 'WECHAT_TEMPLATE_POLICY_NOTICE',
  applicationStatus: 'WECHAT_TEMPLATE_APPLICATION_STATUS',
  subsidyStatus: 'WECHAT_TEMPLATE_SUBSIDY_STATUS',
  liveStart: 'WECHAT_TEMPLATE_LIVE_START',
  growthStatus: 'WECHAT_TEMPLATE_GROWTH_STATUS',
  complaintStatus: 'WECHAT_TEMPLATE_COMPLAINT_STATUS',
  supportNotice: 'WECHAT_TEMPLATE_SUPPORT_NOTICE',
};

/**
 * How each template is chosen in the mini-program admin (订阅消息 → 选用模板): the kind of subscription
 * and what each field carries. Policy notices go to whole audiences, which one-time credits cannot
 * reach, so the bureau applies for it as a long-term template (政务民生 accounts may); the others answer
 * something the user just did and are one-time. docs/launch.md is generated from this.
 */
export const TEMPLATE_GUIDE: Record<NoticeTemplate, { kind: 'one-time' | 'long-term'; title: string; fields: Record<string, string> }> = {
  policyNotice: { kind: 'long-term', title: '政策发布通知', fields: { title: '政策名称', issuer: '发布单位', date: '发布日期', remark: '备注' } },
  applicationStatus: { kind: 'one-time', title: '求职进度通知', fields: { thing1: '岗位名称', thing2: '招聘单位', phrase3: '投递状态', thing4: '备注' } },
  subsidyStatus: { kind: 'one-time', title: '审核结果通知', fields: { thing1: '申请事项', phrase2: '审核结果', thing3: '备注' } },
  liveStart: { kind: 'one-time', title: '直播开始提醒', fields: { thing1: '直播主题', thing2: '主播', time3: '开播时间' } },
  growthStatus: { kind: 'one-time', title: '办理进度通知', fields: { thing1: '办理事项', phrase2: '办理状态', thing3: '备注' } },
  complaintStatus: { kind: 'one-time', title: '投诉处理进度通知', fields: { thing1: '投诉事项', phrase2: '处理状态', thing3: '处理说明' } },
  supportNotice: { kind: 'one-time', title: '服务提醒', fields: { thing1: '服务内容', thing2: '提醒内容', time3: '提醒时间' } },
};

/** The template a topic's notices use (what the settings page asks the user to subscribe to). */
export const TOPIC_TEMPLATES: Record<SubscribeTopic, NoticeTemplate | null> = {
  policy: 'policyNotice',
  application: 'applicationStatus',
  subsidy: 'subsidyStatus',
  live: 'liveStart',
  fair: null,
  support: 'supportNotice',
  complaint: 'complaintStatus',
  growth: 'growthStatus',
};

/** Keys of the policy template's fields (`<type><n>`), configurable because that template is chosen per deployment. */
export interface PolicyFieldKeys {
  title: string;
  issuer: string;
  date: string;
  remark: string;
}

/**
 * What a subscribe card says, before it is laid out on a template: a subject, who it is from, a
 * short status word (≤ 5 Chinese characters for `phrase` fields), a remark and a time.
 */
export interface Card {
  subject: string;
  from?: string;
  status: string;
  remark: string;
}

export interface RenderContext {
  /** When the event is told (the card's time field). */
  at: Date;
  policyFields: PolicyFieldKeys;
}

const timeField = (at: Date): string => `${beijingDay(at)} ${beijingClock(at)}`;
const DEFAULT_REMARK = '请进入小程序查看详情';

/** Each template's field keys as configured in the mini-program admin (wechat.md §2.2 types). */
const TEMPLATE_LAYOUT: Record<NoticeTemplate, (card: Card, ctx: RenderContext) => Record<string, string>> = {
  policyNotice: (c, ctx) => ({
    [ctx.policyFields.title]: c.subject,
    [ctx.policyFields.issuer]: c.from?.trim() || '大连市人力资源和社会保障局',
    [ctx.policyFields.date]: chineseDate(ctx.at),
    [ctx.policyFields.remark]: c.remark,
  }),
  applicationStatus: c => ({ thing1: c.subject, thing2: c.from ?? '留连来连', phrase3: c.status, thing4: c.remark }),
  subsidyStatus: c => ({ thing1: c.subject, phrase2: c.status, thing3: c.remark }),
  growthStatus: c => ({ thing1: c.subject, phrase2: c.status, thing3: c.remark }),
  complaintStatus: c => ({ thing1: c.subject, phrase2: c.status, thing3: c.remark }),
  liveStart: (c, ctx) => ({ thing1: c.subject, thing2: c.from ?? '留连来连', time3: timeField(ctx.at) }),
  supportNotice: (c, ctx) => ({ thing1: c.subject, thing2: c.remark, time3: timeField(ctx.at) }),
};

/** One catalogue row: everything about one event type except who is told (the caller's business). */
export interface CatalogueRow<E extends NoticeEvent> {
  /** The settings topic; `digest` for the weekly digest itself, which no setting holds back. */
  topic: InboxSource;
  /** Urgent notices are never held for the weekly digest. */
  urgent: boolean | ((e: E) => boolean);
  /** Names the event: a repeat of the same event (a retried request, a second flush) has the same key. */
  key: (e: E) => string;
  title: (e: E) => string;
  summary: (e: E) => string;
  /** Mini-program route and query, no leading slash; the subscribe card adds `n=<inbox item id>`. */
  page: (e: E) => string;
  /** null: inbox only. */
  template: NoticeTemplate | null | ((e: E) => NoticeTemplate | null);
  card: (e: E) => Card;
}

type Catalogue = { [T in NoticeEventType]: CatalogueRow<Extract<NoticeEvent, { type: T }>> };

export const PAGES = SERVER_LINKED_PAGES;

const stage = (s: ReviewStage): string => REVIEW_STAGE_LABELS[s];
const withNote = (text: string, note: string | undefined, sep = '：'): string => (note?.trim() ? `${text}${sep}${note.trim()}` : text);

type Ev<T extends NoticeEventType> = Extract<NoticeEvent, { type: T }>;

interface ApplicationEv {
  applicationId: string;
  jobTitle: string;
  enterpriseName: string;
  note?: string;
}

const application = <E extends ApplicationEv = ApplicationEv>(status: 'viewed' | 'interview' | 'hired' | 'rejected' | 'unanswered', urgent: boolean, title: (e: E) => string, summary: (e: E) => string) => ({
  topic: 'application' as const,
  urgent,
  key: (e: ApplicationEv) => `application:${e.applicationId}:${status}`,
  title,
  summary,
  page: () => PAGES.myApplications,
  template: 'applicationStatus' as const,
  card: (e: ApplicationEv): Card => ({ subject: e.jobTitle, from: e.enterpriseName, status: APPLICATION_STATUS_LABELS[status], remark: e.note?.trim() || DEFAULT_REMARK }),
});

const subsidyKey = (e: { applicationId: string; step: number }): string => `subsidy:${e.applicationId}:step-${e.step}`;
const subsidy = <E extends { applicationId: string; step: number } & NoticeEvent>(row: Omit<CatalogueRow<E>, 'topic' | 'key' | 'page' | 'template'>): CatalogueRow<E> => ({
  topic: 'subsidy',
  key: subsidyKey,
  page: () => PAGES.subsidyApplications,
  template: 'subsidyStatus',
  ...row,
});

const PUBLICITY_TITLES: Record<Ev<'subsidy.publicity'>['phase'], string> = {
  published: '补贴发放前公示',
  held: '公示期间收到异议',
  dismissed: '公示异议不成立',
  upheld: '公示异议成立',
};
const PUBLICITY_STATUS: Record<Ev<'subsidy.publicity'>['phase'], string> = { published: '公示中', held: '暂缓发放', dismissed: '恢复发放', upheld: '不予发放' };

function publicitySummary(e: Ev<'subsidy.publicity'>): string {
  switch (e.phase) {
    case 'published':
      return `你的申请已列入发放前公示（姓名和证件号已隐去部分），公示至${e.lastDay ?? '公示期满'}；期满无异议即发放`;
    case 'held':
      return '公示期间有人对你的申请提出异议，市人社局核实前暂缓发放；如需说明情况，请联系市人社局';
    case 'dismissed':
      return withNote('经核实，异议不成立，你的申请恢复发放', e.reason);
    case 'upheld':
      return withNote('经核实，异议成立，你的申请不予发放', e.reason);
  }
}

const ENTERPRISE_OUTCOME_STATUS: Record<Ev<'subsidy.enterprise-decided'>['outcome'], string> = {
  'stage-passed': '审核中',
  returned: '退回补正',
  rejected: '未通过',
  approved: '待发放',
  paid: '已发放',
  'payment-returned': '请更正账户',
};

function enterpriseSummary(e: Ev<'subsidy.enterprise-decided'>): string {
  switch (e.outcome) {
    case 'stage-passed':
      return `贵单位的申请已通过${e.stage ? stage(e.stage) : '本环节审核'}${e.next ? `，进入${stage(e.next)}` : ''}`;
    case 'returned':
      return withNote(`${e.stage ? stage(e.stage) : '审核人员'}退回了贵单位的申请，请按意见补正后重新提交`, e.reason);
    case 'rejected':
      return withNote('贵单位的申请未通过', e.reason);
    case 'approved':
      return '贵单位的申请已通过审批，等待发放';
    case 'paid':
      return `补贴${e.amount !== undefined ? ` ${e.amount} 元` : ''}已发放到贵单位账户，请注意查收`;
    case 'payment-returned':
      return `${withNote('银行退回了本次发放', e.reason)}。请更正单位收款账户，更正后列入下一发放批次`;
  }
}

const slotWhat = (kind: 'advisor' | 'mentor'): string => (kind === 'mentor' ? '创业诊所' : '职业指导');
const courseWhat = (kind: 'career' | 'training'): string => (kind === 'training' ? '培训' : '课程');

const growth = <E extends NoticeEvent>(row: Omit<CatalogueRow<E>, 'topic' | 'template' | 'page'> & { page?: (e: E) => string }): CatalogueRow<E> => ({
  topic: 'growth',
  template: 'growthStatus',
  page: () => PAGES.growthMine,
  ...row,
});

const COMPLAINT_DEFAULTS: Record<Ev<'complaint.progress'>['status'], string> = {
  triaged: '你的投诉已受理，我们会尽快核查',
  investigating: '工作人员正在调查核实',
  replied: '工作人员已答复，请查看办理结果',
  closed: '投诉已办结，感谢你的监督',
  rejected: '经核查不予支持',
};
const complaintDetail = (e: Ev<'complaint.progress'>): string => e.note?.trim() || COMPLAINT_DEFAULTS[e.status];

function digestTopic(items: readonly DigestEntry[]): SubscribeTopic | null {
  const counts = new Map<SubscribeTopic, number>();
  for (const i of items) counts.set(i.topic, (counts.get(i.topic) ?? 0) + 1);
  let best: SubscribeTopic | null = null;
  for (const [topic, n] of counts) if (TOPIC_TEMPLATES[topic] && (!best || n > (counts.get(best) ?? 0))) best = topic;
  return best;
}

const mediaHidden = (what: string, by: 'wechat' | 'staff'): string =>
  by === 'wechat' ? `你上传的${what}经微信内容安全检测存在风险，已对他人隐藏，如有需要请重新上传` : `你上传的${what}经工作人员审核已对他人隐藏，如有需要请重新上传`;

export const NOTICE_CATALOGUE: Catalogue = {
  'policy.published': {
    topic: 'policy',
    urgent: false,
    key: e => `policy:${e.contentId}`,
    title: e => e.title,
    summary: e => e.summary,
    page: e => `${PAGES.policyDetail}?id=${e.contentId}`,
    template: 'policyNotice',
    card: e => ({ subject: e.title, from: e.issuer, status: '新政策', remark: '新政策发布，点击查看详情' }),
  },

  'application.viewed': application('viewed', false, e => `简历已被查看：${e.jobTitle}`, e => `${e.enterpriseName}查看了你投递「${e.jobTitle}」的简历`),
  'application.interview': {
    ...application<Ev<'application.interview'>>('interview', true, e => `面试邀请：${e.jobTitle}`, e =>
      e.interview
        ? withNote(`${e.enterpriseName}邀请你参加「${e.jobTitle}」的面试。${interviewSentence(e.interview)}`, e.note, '；')
        : withNote(`${e.enterpriseName}邀请你参加「${e.jobTitle}」的面试`, e.note || '请留意企业的联系'),
    ),
    // The subscribe card's remark holds 20 characters: the time and the way, the rest is in the notice.
    card: e => ({
      subject: e.jobTitle,
      from: e.enterpriseName,
      status: APPLICATION_STATUS_LABELS.interview,
      remark: e.interview ? `${monthDayTime(new Date(e.interview.startsAt))} ${INTERVIEW_MODE_LABELS[e.interview.mode]}` : e.note?.trim() || DEFAULT_REMARK,
    }),
  },
  'application.hired': application('hired', true, e => `录用通知：${e.jobTitle}`, e => withNote(`恭喜！${e.enterpriseName}决定录用你担任「${e.jobTitle}」`, e.note)),
  'application.rejected': application('rejected', false, e => `投递结果：${e.jobTitle}`, e => withNote(`很遗憾，${e.enterpriseName}认为你与「${e.jobTitle}」暂不匹配`, e.note)),
  'application.unanswered': application<Ev<'application.unanswered'>>(
    'unanswered',
    false,
    e => `投递未获反馈：${e.jobTitle}`,
    e => `${e.enterpriseName}${e.days}天内未处理你投递的「${e.jobTitle}」，这份投递已关闭为“未反馈”，不妨看看其他岗位`,
  ),

  'subsidy.stage-passed': subsidy<Ev<'subsidy.stage-passed'>>({
    urgent: false,
    title: e => `补贴审核进度：${e.programName}`,
    summary: e => `你的申请已通过${stage(e.stage)}，进入${stage(e.next)}`,
    card: e => ({ subject: e.programName, status: '审核中', remark: `已通过${stage(e.stage)}` }),
  }),
  'subsidy.returned': subsidy<Ev<'subsidy.returned'>>({
    urgent: true,
    title: e => `补贴申请需补正：${e.programName}`,
    summary: e => withNote(`${stage(e.stage)}退回了你的申请，请按意见补正后重新提交`, e.reason),
    card: e => ({ subject: e.programName, status: '退回补正', remark: e.reason || DEFAULT_REMARK }),
  }),
  'subsidy.rejected': subsidy<Ev<'subsidy.rejected'>>({
    urgent: false,
    title: e => `补贴申请未通过：${e.programName}`,
    summary: e => withNote(`你的申请未通过${stage(e.stage)}`, e.reason),
    card: e => ({ subject: e.programName, status: '未通过', remark: e.reason || DEFAULT_REMARK }),
  }),
  'subsidy.approved': subsidy<Ev<'subsidy.approved'>>({
    urgent: false,
    title: e => `补贴申请已通过：${e.programName}`,
    summary: () => '你的申请已通过审批，等待发放',
    card: e => ({ subject: e.programName, status: '待发放', remark: '审批通过，等待发放' }),
  }),
  'subsidy.paid': subsidy<Ev<'subsidy.paid'>>({
    urgent: false,
    title: e => `补贴已发放：${e.programName}`,
    summary: e => `补贴 ${e.amount} 元已发放到你的银行账户，请注意查收`,
    card: e => ({ subject: e.programName, status: '已发放', remark: `补贴${e.amount}元已发放` }),
  }),
  'subsidy.payment-returned': subsidy<Ev<'subsidy.payment-returned'>>({
    urgent: true,
    title: e => `请更正收款账户：${e.programName}`,
    summary: e => `${withNote('银行退回了本次发放', e.reason)}。请在“我的补贴申请”中更正收款账户，更正后列入下一发放批次`,
    card: e => ({ subject: e.programName, status: '请更正账户', remark: e.reason?.trim() ? `银行退回：${e.reason.trim()}` : '请更正收款账户' }),
  }),
  'subsidy.publicity': subsidy<Ev<'subsidy.publicity'>>({
    urgent: e => e.phase === 'held' || e.phase === 'upheld',
    title: e => `${PUBLICITY_TITLES[e.phase]}：${e.programName}`,
    summary: e => publicitySummary(e),
    card: e => ({ subject: e.programName, status: PUBLICITY_STATUS[e.phase], remark: e.phase === 'published' && e.lastDay ? `公示至${e.lastDay}` : e.reason?.trim() || PUBLICITY_STATUS[e.phase] }),
  }),
  'subsidy.overdue': {
    topic: 'subsidy',
    urgent: true,
    key: e => `subsidy-overdue:${e.applicationId}:${e.wait}`,
    title: e => `补贴申请办理超时：${e.programName}`,
    summary: e => `${e.unit}的${LIMITED_STAGE_LABELS[e.stage]}环节已超过办理时限（应于${e.deadline}前办结），请督办`,
    page: e => `${PAGES.staffSubsidyReview}?id=${e.applicationId}`,
    template: null,
    card: e => ({ subject: e.programName, status: '已超时', remark: `${LIMITED_STAGE_LABELS[e.stage]}超过办理时限` }),
  },
  'subsidy.offered': {
    topic: 'subsidy',
    urgent: true,
    key: e => `subsidy-offer:${e.offerId}`,
    title: e => `你符合${e.programName}，约${e.amount}元`,
    summary: e => `平台数据显示你符合「${e.programName}」的条件（约${e.amount}元，以审核结果为准）。无需填表，${e.expiresOn}前在“我的补贴申请”中一键确认并填写收款账户即可`,
    page: () => PAGES.subsidyApplications,
    template: 'subsidyStatus',
    card: e => ({ subject: e.programName, status: '待确认', remark: `免申即享，约${e.amount}元，请一键确认` }),
  },
  // Staff inbox only: the applicant deleted the account, so the application left the reviewer's queue.
  'subsidy.withdrawn': {
    topic: 'subsidy',
    urgent: true,
    key: e => `subsidy:${e.applicationId}:withdrawn`,
    title: e => `补贴申请已撤回：${e.programName}`,
    summary: e => withNote(`一件待${stage(e.stage)}的申请已撤回，无需继续审核`, e.reason),
    page: e => `${PAGES.staffSubsidyReview}?id=${e.applicationId}`,
    template: null,
    card: e => ({ subject: e.programName, status: '已撤回', remark: e.reason }),
  },
  'subsidy.enterprise-decided': {
    topic: 'subsidy',
    urgent: e => e.outcome === 'returned' || e.outcome === 'payment-returned',
    key: subsidyKey,
    title: e => `${e.enterpriseName}补贴${ENTERPRISE_OUTCOME_STATUS[e.outcome]}：${e.programName}`,
    summary: enterpriseSummary,
    page: () => PAGES.subsidyEnterpriseApplications,
    template: 'subsidyStatus',
    card: e => ({ subject: e.programName, status: ENTERPRISE_OUTCOME_STATUS[e.outcome], remark: e.reason?.trim() || DEFAULT_REMARK }),
  },

  'fair.registered': {
    topic: 'fair',
    urgent: false,
    key: e => `fair:${e.fairId}:registered`,
    title: e => `招聘会报名成功：${e.title}`,
    summary: e => `你已报名「${e.title}」，${monthDayTime(new Date(e.startAt))}在${e.venue}举行，入场时出示电子票`,
    page: () => PAGES.myFairs,
    template: null,
    card: e => ({ subject: e.title, status: '报名成功', remark: monthDayTime(new Date(e.startAt)) }),
  },

  // Once per registration, about a day before the start (FairService.remindDue through the worker).
  'fair.reminder': {
    topic: 'fair',
    urgent: false,
    key: e => `fair:${e.fairId}:reminder`,
    title: e => `招聘会即将开始：${e.title}`,
    summary: e => `你报名的「${e.title}」将于${monthDayTime(new Date(e.startAt))}在${e.venue}举行，入场时出示电子票`,
    page: () => PAGES.myFairs,
    template: null,
    card: e => ({ subject: e.title, status: '即将开始', remark: monthDayTime(new Date(e.startAt)) }),
  },

  'live.started': {
    topic: 'live',
    urgent: true,
    key: e => `live-start:${e.sessionId}`,
    title: e => `直播开始：${e.title}`,
    summary: e => `你预约的「${e.hostName}」直播已开始，点击进入直播间`,
    page: e => `${PAGES.liveRoom}?id=${e.sessionId}`,
    template: 'liveStart',
    card: e => ({ subject: e.title, from: e.hostName, status: '已开播', remark: '点击进入直播间' }),
  },

  'live.taken-down': {
    topic: 'live',
    urgent: true,
    key: e => `live-taken-down:${e.sessionId}`,
    title: e => `直播已取消：${e.title}`,
    summary: e => `你预约的「${e.hostName}」直播已下线：${e.reason}`,
    page: () => PAGES.live,
    // Inbox only: the one template of this topic announces a start, and its credit is kept for one.
    template: null,
    card: e => ({ subject: e.title, from: e.hostName, status: '已取消', remark: e.reason }),
  },

  // Real-name checks are renewed every six months (人社厅发〔2025〕60号); urgent: a held reminder would come too late.
  'recruiter.real-name-expiring': {
    topic: 'support',
    urgent: true,
    key: e => `recruiter:real-name:${e.expiresAt}:expiring`,
    title: () => '招聘者实名认证即将到期',
    summary: e => `你的实名认证将于${chineseDate(new Date(e.expiresAt))}到期，到期后你发布的岗位将暂停展示，请及时重新认证`,
    page: () => PAGES.recruiterRealName,
    template: 'supportNotice',
    card: e => ({ subject: '招聘者实名认证', status: '即将到期', remark: `${chineseDate(new Date(e.expiresAt))}到期，请重新认证` }),
  },
  'recruiter.real-name-lapsed': {
    topic: 'support',
    urgent: true,
    key: e => `recruiter:real-name:${e.expiresAt}:lapsed`,
    title: () => '招聘者实名认证已过期',
    summary: () => '你的实名认证已过期，你发布的岗位已暂停向求职者展示；重新认证后立即恢复',
    page: () => PAGES.recruiterRealName,
    template: 'supportNotice',
    card: () => ({ subject: '招聘者实名认证', status: '已过期', remark: '岗位已暂停展示，重新认证后恢复' }),
  },
  'support.round': {
    topic: 'support',
    urgent: false,
    key: e => `support:${e.caseId}:round:${e.position}`,
    title: e => `就业帮扶：第${e.position}轮岗位推荐`,
    summary: e => `工作人员为你推荐了 ${e.jobs} 个岗位，点击查看并直接投递`,
    page: e => `${PAGES.supportMine}?notice=round-${e.position}`,
    template: 'supportNotice',
    card: e => ({ subject: `第${e.position}轮岗位推荐`, status: '新推荐', remark: `工作人员为你推荐了 ${e.jobs} 个岗位，点击查看并直接投递` }),
  },
  'support.service': {
    topic: 'support',
    urgent: false,
    key: e => `support:${e.caseId}:${e.kind}:${e.position}`,
    title: e => `就业帮扶：${SUPPORT_SERVICE_LABELS[e.kind]}`,
    summary: e => (e.note?.trim() ? `已为你安排${SUPPORT_SERVICE_LABELS[e.kind]}：${e.note.trim()}` : `已为你安排${SUPPORT_SERVICE_LABELS[e.kind]}，点击查看详情`),
    page: e => `${PAGES.supportMine}?notice=${e.kind}-${e.position}`,
    template: 'supportNotice',
    card: e => ({
      subject: SUPPORT_SERVICE_LABELS[e.kind],
      status: '已安排',
      remark: e.note?.trim() ? `已为你安排${SUPPORT_SERVICE_LABELS[e.kind]}：${e.note.trim()}` : `已为你安排${SUPPORT_SERVICE_LABELS[e.kind]}，点击查看详情`,
    }),
  },

  'complaint.progress': {
    topic: 'complaint',
    urgent: false,
    // Each status is reached at most once in a complaint's life, so (complaint, status) names the event.
    key: e => `complaint:${e.complaintId}:${e.status}`,
    title: e => `${e.categoryLabel}投诉${COMPLAINT_STATUS_LABELS[e.status]}`,
    summary: e => (e.status === 'replied' || e.status === 'rejected' ? `${COMPLAINT_STATUS_LABELS[e.status]}：${complaintDetail(e)}` : complaintDetail(e)),
    page: e => `${PAGES.complaintDetail}?id=${e.complaintId}`,
    template: 'complaintStatus',
    card: e => ({ subject: `${e.categoryLabel}投诉${COMPLAINT_STATUS_LABELS[e.status]}`, status: COMPLAINT_STATUS_LABELS[e.status], remark: complaintDetail(e) }),
  },

  'growth.course-signed-up': growth<Ev<'growth.course-signed-up'>>({
    urgent: false,
    key: e => `growth:course-signup:${e.courseId}:${Date.parse(e.at)}`,
    title: e => `${courseWhat(e.kind)}报名成功：${e.title}`,
    summary: e => `你已报名「${e.title}」，${monthDayTime(new Date(e.startsAt))} 开始，请准时参加`,
    card: e => ({ subject: `${courseWhat(e.kind)}报名成功：${e.title}`, status: '报名成功', remark: `${monthDayTime(new Date(e.startsAt))} 开始` }),
  }),
  'growth.course-cancelled': growth<Ev<'growth.course-cancelled'>>({
    urgent: true,
    key: e => `growth:course-cancel:${e.courseId}`,
    title: e => `课程已取消：${e.title}`,
    summary: e => `你报名的「${e.title}」已取消：${e.reason}`,
    card: e => ({ subject: `课程已取消：${e.title}`, status: '已取消', remark: e.reason }),
  }),
  'growth.course-changed': growth<Ev<'growth.course-changed'>>({
    urgent: true,
    key: e => `growth:course-change:${e.courseId}:${e.version}`,
    title: e => `课程有调整：${e.title}`,
    summary: e => `你报名的「${e.title}」${e.note.replace(/^课程/, '')}，请查看最新安排`,
    card: e => ({ subject: `课程有调整：${e.title}`, status: '有调整', remark: e.note }),
  }),
  'growth.training-rejected': growth<Ev<'growth.training-rejected'>>({
    urgent: false,
    key: e => `growth:training-reject:${e.signupId}`,
    title: e => `培训报名未录取：${e.title}`,
    summary: e => `你报名的「${e.title}」未被录取：${e.reason}`,
    card: e => ({ subject: `培训报名未录取：${e.title}`, status: '未录取', remark: e.reason }),
  }),
  'growth.training-completed': growth<Ev<'growth.training-completed'>>({
    urgent: false,
    key: e => `growth:training-complete:${e.signupId}`,
    title: e => `培训已结业：${e.title}`,
    summary: e => `「${e.title}」已确认结业，可按规定申请职业培训补贴`,
    card: e => ({ subject: `培训已结业：${e.title}`, status: '已结业', remark: '可申请职业培训补贴' }),
  }),
  'growth.slot-booked': growth<Ev<'growth.slot-booked'>>({
    urgent: false,
    key: e => `growth:slot-book:${e.slotId}:${Date.parse(e.at)}`,
    title: e => `${slotWhat(e.kind)}预约成功`,
    summary: e => `你已预约${e.hostName}老师 ${monthDayTime(new Date(e.startsAt))} 的${slotWhat(e.kind)}，请准时参加`,
    card: e => ({ subject: `${slotWhat(e.kind)}预约成功`, status: '预约成功', remark: `${e.hostName} ${monthDayTime(new Date(e.startsAt))}` }),
  }),
  'growth.slot-withdrawn': growth<Ev<'growth.slot-withdrawn'>>({
    urgent: true,
    key: e => `growth:slot-withdraw:${e.slotId}`,
    title: e => `${slotWhat(e.kind)}预约已取消`,
    summary: e => `${e.hostName}老师取消了 ${monthDayTime(new Date(e.startsAt))} 的时段，请另选时间预约`,
    card: e => ({ subject: `${slotWhat(e.kind)}预约已取消`, status: '已取消', remark: '老师取消了时段，请另约' }),
  }),
  'growth.contest-registered': growth<Ev<'growth.contest-registered'>>({
    urgent: false,
    key: e => `growth:contest-register:${e.registrationId}`,
    title: e => `大赛报名已提交：${e.title}`,
    summary: e => `「${e.title}」报名已提交，主办方审核后会通知你`,
    card: e => ({ subject: `大赛报名已提交：${e.title}`, status: '待审核', remark: '审核结果会另行通知' }),
  }),
  'growth.contest-decided': growth<Ev<'growth.contest-decided'>>({
    urgent: false,
    key: e => `growth:contest-decide:${e.registrationId}:${e.status}`,
    title: e => `大赛报名${e.status === 'accepted' ? '已通过' : '未通过'}：${e.title}`,
    summary: e => (e.status === 'accepted' ? `「${e.title}」报名审核通过，请留意主办方后续安排` : `「${e.title}」报名未通过：${e.reason ?? ''}`),
    card: e => ({
      subject: `大赛报名${e.status === 'accepted' ? '已通过' : '未通过'}：${e.title}`,
      status: e.status === 'accepted' ? '已通过' : '未通过',
      remark: e.status === 'accepted' ? '请留意后续安排' : e.reason || DEFAULT_REMARK,
    }),
  }),
  'growth.contest-cancelled': growth<Ev<'growth.contest-cancelled'>>({
    urgent: true,
    key: e => `growth:contest-cancel:${e.contestId}`,
    title: e => `大赛已取消：${e.title}`,
    summary: e => `你报名的「${e.title}」已取消：${e.reason}`,
    card: e => ({ subject: `大赛已取消：${e.title}`, status: '已取消', remark: e.reason }),
  }),
  'growth.place-decided': growth<Ev<'growth.place-decided'>>({
    urgent: false,
    key: e => `growth:place-decide:${e.applicationId}:${e.status}`,
    title: e => `入驻申请${e.status === 'approved' ? '已通过' : '未通过'}：${e.name}`,
    summary: e => (e.status === 'approved' ? `你申请入驻「${e.name}」已通过，请联系机构办理入驻` : `你申请入驻「${e.name}」未通过：${e.reason ?? ''}`),
    card: e => ({
      subject: `入驻申请${e.status === 'approved' ? '已通过' : '未通过'}：${e.name}`,
      status: e.status === 'approved' ? '已通过' : '未通过',
      remark: e.status === 'approved' ? '请联系机构办理入驻' : e.reason || DEFAULT_REMARK,
    }),
  }),
  'growth.story-decided': growth<Ev<'growth.story-decided'>>({
    urgent: false,
    key: e => `growth:story-decide:${e.storyId}:${e.status}`,
    title: e => (e.status === 'approved' ? `故事已发布：${e.title}` : `故事未通过：${e.title}`),
    summary: e => (e.status === 'approved' ? `你的留连故事「${e.title}」已通过审核并发布` : `你的留连故事「${e.title}」未通过或已下架：${e.reason ?? ''}`),
    page: e => (e.status === 'approved' ? PAGES.growthStories : PAGES.growthMine),
    card: e => ({
      subject: e.status === 'approved' ? `故事已发布：${e.title}` : `故事未通过：${e.title}`,
      status: e.status === 'approved' ? '已发布' : '未通过',
      remark: e.status === 'approved' ? '感谢分享你的留连故事' : e.reason || DEFAULT_REMARK,
    }),
  }),

  'complaint.evidence-hidden': {
    topic: 'complaint',
    urgent: true,
    key: e => `media:${e.checkId}:hidden`,
    title: () => '投诉证据未通过内容安全检测',
    summary: e => mediaHidden('投诉证据', e.by),
    page: e => `${PAGES.complaintDetail}?id=${e.complaintId}`,
    template: null,
    card: () => ({ subject: '投诉证据', status: '已隐藏', remark: DEFAULT_REMARK }),
  },
  'enterprise.licence-hidden': {
    topic: 'application',
    urgent: true,
    key: e => `media:${e.checkId}:hidden`,
    title: () => '营业执照未通过内容安全检测',
    summary: e => mediaHidden('营业执照图片', e.by),
    page: () => PAGES.recruiterEnterprise,
    template: null,
    card: () => ({ subject: '营业执照', status: '已隐藏', remark: DEFAULT_REMARK }),
  },

  'digest.weekly': {
    topic: 'digest',
    urgent: true,
    key: e => `digest:${e.userId}:${e.week}`,
    title: e => `每周消息摘要：${e.items.length} 条新消息`,
    summary: e => digestSummary(e.items),
    page: () => PAGES.noticeDigest,
    // The card goes out on the template of the topic most of the week's notices belong to: the
    // one the student most likely granted a credit for.
    template: e => {
      const topic = digestTopic(e.items);
      return topic ? TOPIC_TEMPLATES[topic] : null;
    },
    card: e => ({ subject: '每周消息摘要', from: '留连来连', status: '每周摘要', remark: `本周共 ${e.items.length} 条消息，点击查看` }),
  },
};

/** `求职 2 条、补贴 1 条：「…」「…」`, shortened past the first few titles. */
export function digestSummary(items: readonly DigestEntry[]): string {
  const counts = new Map<SubscribeTopic, number>();
  for (const i of items) counts.set(i.topic, (counts.get(i.topic) ?? 0) + 1);
  const byTopic = [...counts].map(([topic, n]) => `${INBOX_SOURCE_LABELS[topic]} ${n} 条`).join('、');
  const titles = items.slice(0, 3).map(i => `「${i.title}」`).join('');
  return `${byTopic}：${titles}${items.length > 3 ? '等' : ''}`;
}

/** A notice as told: the inbox item, the topic and urgency, and the subscribe card when there is a template. */
export interface RenderedNotice {
  key: string;
  topic: InboxSource;
  urgent: boolean;
  title: string;
  summary: string;
  page: string;
  template: NoticeTemplate | null;
  /** Template fields before WeChat's per-type limits are applied (`fitTemplateData`); empty without a template. */
  data: Record<string, string>;
}

function rowOf(e: NoticeEvent): CatalogueRow<NoticeEvent> {
  // The mapped type guarantees the row for e.type takes exactly that member of the union.
  return NOTICE_CATALOGUE[e.type] as unknown as CatalogueRow<NoticeEvent>;
}

export function renderNotice(e: NoticeEvent, ctx: RenderContext): RenderedNotice {
  const row = rowOf(e);
  const template = typeof row.template === 'function' ? row.template(e) : row.template;
  return {
    key: row.key(e),
    topic: row.topic,
    urgent: typeof row.urgent === 'function' ? row.urgent(e) : row.urgent,
    title: row.title(e),
    summary: row.summary(e),
    page: row.page(e),
    template,
    data: template ? TEMPLATE_LAYOUT[template](row.card(e), ctx) : {},
  };
}

/** The page a subscribe card opens: the notice's page naming its inbox item, so opening it marks the item read. */
export function pageWithInboxItem(page: string, inboxItemId: string): string {
  return `${page}${page.includes('?') ? '&' : '?'}n=${inboxItemId}`;
}

/** The event's key alone (what names it in an outbox and in the inbox ids). */
export function noticeKey(e: NoticeEvent): string {
  return rowOf(e).key(e);
}
