import type { NoticeEvent, NoticeEventType } from '../../../server/src/contract/notice';
import type { NoticeTemplate } from '../../../server/src/modules/notice/notice.catalogue';

type Ev<T extends NoticeEventType> = Extract<NoticeEvent, { type: T }>;

const id = (n: number): string => n.toString(16).padStart(24, 'a');
const at = '2026-06-02T06:30:00.000Z';

/** One event of every catalogue type (the mapped type fails to compile when a type has none). */
export const SAMPLE_EVENTS: { [T in NoticeEventType]: Ev<T> } = {
  'policy.published': { type: 'policy.published', contentId: id(1), title: '高校毕业生住房补贴申领通知', summary: '来连就业的高校毕业生可申请住房补贴。', issuer: '大连市人社局', publishedAt: at },
  'application.viewed': { type: 'application.viewed', applicationId: id(2), jobTitle: 'Java 开发工程师', enterpriseName: '大连示例软件有限公司' },
  'application.interview': { type: 'application.interview', applicationId: id(2), jobTitle: 'Java 开发工程师', enterpriseName: '大连示例软件有限公司', note: '6月5日上午10点，高新园区软件园9号楼' },
  'application.hired': { type: 'application.hired', applicationId: id(2), jobTitle: 'Java 开发工程师', enterpriseName: '大连示例软件有限公司' },
  'application.rejected': { type: 'application.rejected', applicationId: id(3), jobTitle: '测试工程师', enterpriseName: '大连示例软件有限公司', note: '岗位已招满' },
  'application.unanswered': { type: 'application.unanswered', applicationId: id(3), jobTitle: '测试工程师', enterpriseName: '大连示例软件有限公司', days: 14 },
  'subsidy.stage-passed': { type: 'subsidy.stage-passed', applicationId: id(4), programName: '高校毕业生就业补贴（示例）', step: 2, stage: 'college', next: 'district' },
  'subsidy.returned': { type: 'subsidy.returned', applicationId: id(4), programName: '高校毕业生就业补贴（示例）', step: 3, stage: 'district', reason: '劳动合同页缺少签字' },
  'subsidy.rejected': { type: 'subsidy.rejected', applicationId: id(5), programName: '高校毕业生就业补贴（示例）', step: 2, stage: 'bureau', reason: '不符合申领条件' },
  'subsidy.approved': { type: 'subsidy.approved', applicationId: id(4), programName: '高校毕业生就业补贴（示例）', step: 6 },
  'subsidy.paid': { type: 'subsidy.paid', applicationId: id(4), programName: '高校毕业生就业补贴（示例）', step: 7, amount: 3000 },
  'subsidy.payment-returned': { type: 'subsidy.payment-returned', applicationId: id(4), programName: '高校毕业生就业补贴（示例）', step: 8, reason: '账户已销户' },
  'subsidy.publicity': { type: 'subsidy.publicity', applicationId: id(4), programName: '高校毕业生就业补贴（示例）', step: 9, phase: 'published', lastDay: '2026-06-09' },
  'subsidy.overdue': { type: 'subsidy.overdue', applicationId: id(4), programName: '高校毕业生就业补贴（示例）', stage: 'district', unit: '庄河市人力资源和社会保障局', deadline: '2026-06-01', wait: 'district@2026-05-18T01:00:00.000Z' },
  'subsidy.offered': { type: 'subsidy.offered', offerId: id(4), programName: '高校毕业生就业补贴（示例）', amount: 8000, expiresOn: '2026-07-01' },
  'subsidy.withdrawn': { type: 'subsidy.withdrawn', applicationId: id(4), programName: '高校毕业生就业补贴（示例）', step: 2, stage: 'college', reason: '申请人注销账号' },
  'subsidy.enterprise-decided': { type: 'subsidy.enterprise-decided', applicationId: id(6), programName: '吸纳就业补贴（示例）', step: 3, enterpriseName: '大连示例软件有限公司', outcome: 'returned', stage: 'district', reason: '社保缴费证明不全' },
  'fair.registered': { type: 'fair.registered', fairId: id(7), title: '2026届高校毕业生春季双选会', startAt: at, venue: '大连星海会展中心' },
  'fair.reminder': { type: 'fair.reminder', fairId: id(7), title: '2026届高校毕业生春季双选会', startAt: at, venue: '大连星海会展中心' },
  'live.started': { type: 'live.started', sessionId: id(8), title: '软件园企业直播带岗', hostName: '大连示例软件', startedAt: at },
  'live.taken-down': { type: 'live.taken-down', sessionId: id(8), title: '软件园企业直播带岗', hostName: '大连示例软件', reason: '主办企业被列入异常名录' },
  'support.round': { type: 'support.round', caseId: id(9), position: 1, jobs: 3, at },
  'recruiter.real-name-expiring': { type: 'recruiter.real-name-expiring', expiresAt: '2026-06-30T04:00:00.000Z' },
  'recruiter.real-name-lapsed': { type: 'recruiter.real-name-lapsed', expiresAt: '2026-06-30T04:00:00.000Z' },
  'support.service': { type: 'support.service', caseId: id(9), position: 2, kind: 'training', note: '6月起参加 Python 数据分析培训', at },
  'complaint.progress': { type: 'complaint.progress', complaintId: id(10), status: 'replied', categoryLabel: '招聘欺诈', note: '已责令企业整改' },
  'complaint.evidence-hidden': { type: 'complaint.evidence-hidden', checkId: id(30), complaintId: id(10), by: 'wechat' },
  'enterprise.licence-hidden': { type: 'enterprise.licence-hidden', checkId: id(31), by: 'staff' },
  'growth.course-signed-up': { type: 'growth.course-signed-up', courseId: id(11), title: '求职面试技巧公开课', kind: 'career', startsAt: at, at },
  'growth.course-cancelled': { type: 'growth.course-cancelled', courseId: id(11), title: '求职面试技巧公开课', reason: '讲师临时出差' },
  'growth.course-changed': { type: 'growth.course-changed', courseId: id(11), title: '求职面试技巧公开课', version: 2, note: '课程时间已调整' },
  'growth.training-rejected': { type: 'growth.training-rejected', signupId: id(12), title: 'Java 实训', reason: '名额已满' },
  'growth.training-completed': { type: 'growth.training-completed', signupId: id(12), title: 'Java 实训' },
  'growth.slot-booked': { type: 'growth.slot-booked', slotId: id(13), kind: 'advisor', hostName: '刘', startsAt: at, at },
  'growth.slot-withdrawn': { type: 'growth.slot-withdrawn', slotId: id(13), kind: 'mentor', hostName: '刘', startsAt: at },
  'growth.contest-registered': { type: 'growth.contest-registered', registrationId: id(14), title: '创青春' },
  'growth.contest-decided': { type: 'growth.contest-decided', registrationId: id(14), title: '创青春', status: 'rejected', reason: '不符合赛道' },
  'growth.contest-cancelled': { type: 'growth.contest-cancelled', contestId: id(15), title: '创青春', reason: '主办方延期' },
  'growth.place-decided': { type: 'growth.place-decided', applicationId: id(16), name: '甘井子区青年众创空间', status: 'approved' },
  'growth.story-decided': { type: 'growth.story-decided', storyId: id(17), title: '我在大连扎根', status: 'approved' },
  'digest.weekly': {
    type: 'digest.weekly',
    userId: id(18),
    week: '2026-06-01',
    items: [
      { id: id(19), topic: 'application', title: '简历已被查看：Java 开发工程师', summary: '…', page: 'packages/job/pages/applications/index', createdAt: at },
      { id: id(20), topic: 'application', title: '投递结果：测试工程师', summary: '…', page: 'packages/job/pages/applications/index', createdAt: at },
      { id: id(21), topic: 'growth', title: '故事已发布：我在大连扎根', summary: '…', page: 'packages/growth/pages/stories/index', createdAt: at },
    ],
  },
};

/** What each sample should read like in the inbox (title, summary, page). */
export const EXPECTED_INBOX: { [T in NoticeEventType]: { title: string; summary: string; page: string } } = {
  'policy.published': { title: '高校毕业生住房补贴申领通知', summary: '来连就业的高校毕业生可申请住房补贴。', page: `packages/policy/pages/detail/index?id=${id(1)}` },
  'application.viewed': { title: '简历已被查看：Java 开发工程师', summary: '大连示例软件有限公司查看了你投递「Java 开发工程师」的简历', page: 'packages/job/pages/applications/index' },
  'application.interview': { title: '面试邀请：Java 开发工程师', summary: '大连示例软件有限公司邀请你参加「Java 开发工程师」的面试：6月5日上午10点，高新园区软件园9号楼', page: 'packages/job/pages/applications/index' },
  'application.hired': { title: '录用通知：Java 开发工程师', summary: '恭喜！大连示例软件有限公司决定录用你担任「Java 开发工程师」', page: 'packages/job/pages/applications/index' },
  'application.rejected': { title: '投递结果：测试工程师', summary: '很遗憾，大连示例软件有限公司认为你与「测试工程师」暂不匹配：岗位已招满', page: 'packages/job/pages/applications/index' },
  'application.unanswered': { title: '投递未获反馈：测试工程师', summary: '大连示例软件有限公司14天内未处理你投递的「测试工程师」，这份投递已关闭为“未反馈”，不妨看看其他岗位', page: 'packages/job/pages/applications/index' },
  'subsidy.stage-passed': { title: '补贴审核进度：高校毕业生就业补贴（示例）', summary: '你的申请已通过高校核验，进入区市县审核', page: 'packages/subsidy/pages/applications/index' },
  'subsidy.returned': { title: '补贴申请需补正：高校毕业生就业补贴（示例）', summary: '区市县审核退回了你的申请，请按意见补正后重新提交：劳动合同页缺少签字', page: 'packages/subsidy/pages/applications/index' },
  'subsidy.rejected': { title: '补贴申请未通过：高校毕业生就业补贴（示例）', summary: '你的申请未通过市人社局审批：不符合申领条件', page: 'packages/subsidy/pages/applications/index' },
  'subsidy.approved': { title: '补贴申请已通过：高校毕业生就业补贴（示例）', summary: '你的申请已通过审批，等待发放', page: 'packages/subsidy/pages/applications/index' },
  'subsidy.paid': { title: '补贴已发放：高校毕业生就业补贴（示例）', summary: '补贴 3000 元已发放到你的银行账户，请注意查收', page: 'packages/subsidy/pages/applications/index' },
  'subsidy.payment-returned': { title: '请更正收款账户：高校毕业生就业补贴（示例）', summary: '银行退回了本次发放：账户已销户。请在“我的补贴申请”中更正收款账户，更正后列入下一发放批次', page: 'packages/subsidy/pages/applications/index' },
  'subsidy.publicity': {
    title: '补贴发放前公示：高校毕业生就业补贴（示例）',
    summary: '你的申请已列入发放前公示（姓名和证件号已隐去部分），公示至2026-06-09；期满无异议即发放',
    page: 'packages/subsidy/pages/applications/index',
  },
  'subsidy.overdue': {
    title: '补贴申请办理超时：高校毕业生就业补贴（示例）',
    summary: '庄河市人力资源和社会保障局的区市县审核环节已超过办理时限（应于2026-06-01前办结），请督办',
    page: `packages/subsidy/pages/staff-review/index?id=${id(4)}`,
  },
  'subsidy.offered': {
    title: '你符合高校毕业生就业补贴（示例），约8000元',
    summary: '平台数据显示你符合「高校毕业生就业补贴（示例）」的条件（约8000元，以审核结果为准）。无需填表，2026-07-01前在“我的补贴申请”中一键确认并填写收款账户即可',
    page: 'packages/subsidy/pages/applications/index',
  },
  'subsidy.withdrawn': {
    title: '补贴申请已撤回：高校毕业生就业补贴（示例）',
    summary: '一件待高校核验的申请已撤回，无需继续审核：申请人注销账号',
    page: `packages/subsidy/pages/staff-review/index?id=${id(4)}`,
  },
  'subsidy.enterprise-decided': {
    title: '大连示例软件有限公司补贴退回补正：吸纳就业补贴（示例）',
    summary: '区市县审核退回了贵单位的申请，请按意见补正后重新提交：社保缴费证明不全',
    page: 'packages/subsidy/pages/enterprise-applications/index',
  },
  'fair.registered': { title: '招聘会报名成功：2026届高校毕业生春季双选会', summary: '你已报名「2026届高校毕业生春季双选会」，6月2日 14:30在大连星海会展中心举行，入场时出示电子票', page: 'packages/job/pages/my-fairs/index' },
  'fair.reminder': { title: '招聘会即将开始：2026届高校毕业生春季双选会', summary: '你报名的「2026届高校毕业生春季双选会」将于6月2日 14:30在大连星海会展中心举行，入场时出示电子票', page: 'packages/job/pages/my-fairs/index' },
  'live.started': { title: '直播开始：软件园企业直播带岗', summary: '你预约的「大连示例软件」直播已开始，点击进入直播间', page: `packages/live/pages/room/index?id=${id(8)}` },
  'live.taken-down': { title: '直播已取消：软件园企业直播带岗', summary: '你预约的「大连示例软件」直播已下线：主办企业被列入异常名录', page: 'pages/live/index' },
  'recruiter.real-name-expiring': {
    title: '招聘者实名认证即将到期',
    summary: '你的实名认证将于2026年6月30日到期，到期后你发布的岗位将暂停展示，请及时重新认证',
    page: 'packages/recruiter/pages/real-name/index',
  },
  'recruiter.real-name-lapsed': {
    title: '招聘者实名认证已过期',
    summary: '你的实名认证已过期，你发布的岗位已暂停向求职者展示；重新认证后立即恢复',
    page: 'packages/recruiter/pages/real-name/index',
  },
  'support.round': { title: '就业帮扶：第1轮岗位推荐', summary: '工作人员为你推荐了 3 个岗位，点击查看并直接投递', page: 'packages/support/pages/mine/index?notice=round-1' },
  'support.service': { title: '就业帮扶：职业培训', summary: '已为你安排职业培训：6月起参加 Python 数据分析培训', page: 'packages/support/pages/mine/index?notice=training-2' },
  'complaint.progress': { title: '招聘欺诈投诉已答复', summary: '已答复：已责令企业整改', page: `packages/complaint/pages/detail/index?id=${id(10)}` },
  'complaint.evidence-hidden': {
    title: '投诉证据未通过内容安全检测',
    summary: '你上传的投诉证据经微信内容安全检测存在风险，已对他人隐藏，如有需要请重新上传',
    page: `packages/complaint/pages/detail/index?id=${id(10)}`,
  },
  'enterprise.licence-hidden': {
    title: '营业执照未通过内容安全检测',
    summary: '你上传的营业执照图片经工作人员审核已对他人隐藏，如有需要请重新上传',
    page: 'packages/recruiter/pages/enterprise/index',
  },
  'growth.course-signed-up': { title: '课程报名成功：求职面试技巧公开课', summary: '你已报名「求职面试技巧公开课」，6月2日 14:30 开始，请准时参加', page: 'packages/growth/pages/mine/index' },
  'growth.course-cancelled': { title: '课程已取消：求职面试技巧公开课', summary: '你报名的「求职面试技巧公开课」已取消：讲师临时出差', page: 'packages/growth/pages/mine/index' },
  'growth.course-changed': { title: '课程有调整：求职面试技巧公开课', summary: '你报名的「求职面试技巧公开课」时间已调整，请查看最新安排', page: 'packages/growth/pages/mine/index' },
  'growth.training-rejected': { title: '培训报名未录取：Java 实训', summary: '你报名的「Java 实训」未被录取：名额已满', page: 'packages/growth/pages/mine/index' },
  'growth.training-completed': { title: '培训已结业：Java 实训', summary: '「Java 实训」已确认结业，可按规定申请职业培训补贴', page: 'packages/growth/pages/mine/index' },
  'growth.slot-booked': { title: '职业指导预约成功', summary: '你已预约刘老师 6月2日 14:30 的职业指导，请准时参加', page: 'packages/growth/pages/mine/index' },
  'growth.slot-withdrawn': { title: '创业诊所预约已取消', summary: '刘老师取消了 6月2日 14:30 的时段，请另选时间预约', page: 'packages/growth/pages/mine/index' },
  'growth.contest-registered': { title: '大赛报名已提交：创青春', summary: '「创青春」报名已提交，主办方审核后会通知你', page: 'packages/growth/pages/mine/index' },
  'growth.contest-decided': { title: '大赛报名未通过：创青春', summary: '「创青春」报名未通过：不符合赛道', page: 'packages/growth/pages/mine/index' },
  'growth.contest-cancelled': { title: '大赛已取消：创青春', summary: '你报名的「创青春」已取消：主办方延期', page: 'packages/growth/pages/mine/index' },
  'growth.place-decided': { title: '入驻申请已通过：甘井子区青年众创空间', summary: '你申请入驻「甘井子区青年众创空间」已通过，请联系机构办理入驻', page: 'packages/growth/pages/mine/index' },
  'growth.story-decided': { title: '故事已发布：我在大连扎根', summary: '你的留连故事「我在大连扎根」已通过审核并发布', page: 'packages/growth/pages/stories/index' },
  'digest.weekly': { title: '每周消息摘要：3 条新消息', summary: '求职 2 条、成长服务 1 条：「简历已被查看：Java 开发工程师」「投递结果：测试工程师」「故事已发布：我在大连扎根」', page: 'packages/notice/pages/digest/index' },
};

/** Template ids for the fake server, and each template's keys as the mini-program admin defines them. */
export const TEMPLATE_IDS: Record<NoticeTemplate, string> = {
  policyNotice: 'tpl_policy_notice_0001',
  applicationStatus: 'tpl_application_status_01',
  subsidyStatus: 'tpl_subsidy_status_0001',
  liveStart: 'tpl_live_start_00000001',
  growthStatus: 'tpl_growth_status_00001',
  complaintStatus: 'tpl_complaint_status_01',
  supportNotice: 'tpl_support_notice_0001',
};

export const TEMPLATE_KEYS: Record<NoticeTemplate, string[]> = {
  policyNotice: ['thing1', 'thing2', 'date3', 'thing4'],
  applicationStatus: ['thing1', 'thing2', 'phrase3', 'thing4'],
  subsidyStatus: ['thing1', 'phrase2', 'thing3'],
  liveStart: ['thing1', 'thing2', 'time3'],
  growthStatus: ['thing1', 'phrase2', 'thing3'],
  complaintStatus: ['thing1', 'phrase2', 'thing3'],
  supportNotice: ['thing1', 'thing2', 'time3'],
};
