/**
 * Every kind of personal data the mini-program touches and why: the in-app privacy guide, the
 * privacy popup and the operator's declaration (docs/launch.md) are all generated from these lists.
 * Adding a WeChat-gated type: add a row with the next `since` and declare it in the admin console
 * (设置 → 服务内容声明 → 用户隐私保护指引) before releasing; users who agreed to an older version are
 * asked again on their next gated call.
 */
import type { Role } from './roles';

/** Privacy-gated WeChat capabilities we call, by our own key. */
export const PRIVACY_SCOPES = ['phone', 'photos', 'files', 'camera', 'microphone', 'clipboard'] as const;
export type PrivacyScope = (typeof PRIVACY_SCOPES)[number];

export interface PrivacyDataType {
  scope: PrivacyScope;
  /** The name WeChat's admin console uses for the declaration (处理的信息). */
  declaration: string;
  /** The APIs or components that need it. */
  apis: readonly string[];
  /** 用于… — what it is used for, as the guide and the declaration say it. */
  purpose: string;
  /** Where in the mini-program. */
  where: string;
  /** Guide version that first declared it. */
  since: number;
}

export const PRIVACY_DATA_TYPES: readonly PrivacyDataType[] = [
  {
    scope: 'phone',
    declaration: '手机号',
    apis: ['<button open-type="getPhoneNumber">'],
    purpose: '核验并绑定您的手机号，以便发送办理进度通知、工作人员与您联系',
    where: '我的 → 绑定手机号',
    since: 1,
  },
  {
    scope: 'photos',
    declaration: '照片或视频',
    apis: ['wx.chooseMedia'],
    purpose: '上传您选择的营业执照、证明材料、投诉证据照片和创业故事视频',
    where: '企业认证、补贴申请、投诉举报、创业故事',
    since: 1,
  },
  {
    scope: 'files',
    declaration: '文件',
    apis: ['wx.chooseMessageFile'],
    purpose: '上传您从聊天中选择的简历、证明材料和政策附件',
    where: '岗位投递、补贴申请、投诉举报、政策发布、名单导入',
    since: 1,
  },
  {
    scope: 'camera',
    declaration: '摄像头',
    apis: ['wx.scanCode', '<live-pusher>'],
    purpose: '工作人员在招聘会现场扫描入场码签到；主播开播时拍摄直播画面',
    where: '招聘会签到（工作人员）、直播开播（企业与工作人员）',
    since: 1,
  },
  {
    scope: 'microphone',
    declaration: '麦克风',
    apis: ['<live-pusher>'],
    purpose: '主播开播时采集直播声音',
    where: '直播开播（企业与工作人员）',
    since: 1,
  },
  {
    scope: 'clipboard',
    declaration: '剪切板',
    apis: ['wx.setClipboardData'],
    purpose: '复制您要求复制的地址、课程链接、附件链接和推流地址',
    where: '政策详情、课程、直播推流',
    since: 1,
  },
];

/** The guide's version: the newest `since` (a new gated type raises it, and consent is asked again). */
export function guideVersion(types: readonly PrivacyDataType[]): number {
  return Math.max(0, ...types.map(type => type.since));
}
export const PRIVACY_GUIDE_VERSION: number = guideVersion(PRIVACY_DATA_TYPES);

/** Types added after the version a user agreed to. */
export function typesAddedSince(agreedVersion: number, types: readonly PrivacyDataType[] = PRIVACY_DATA_TYPES): PrivacyDataType[] {
  return types.filter(type => type.since > agreedVersion);
}

/** Personal information the service itself holds (not gated by WeChat), for the guide and docs/privacy.md. */
export interface PersonalInfoItem {
  item: string;
  purpose: string;
  /** Sensitive personal information (PIPL art. 28): collected only after a separate consent. */
  sensitive: boolean;
  storage: string;
}

export const PERSONAL_INFO_ITEMS: readonly PersonalInfoItem[] = [
  { item: '微信标识（openid）', purpose: '登录和识别您的账号', sensitive: false, storage: '保存至注销账号' },
  { item: '姓名、学校、学历、专业、毕业年份、生源地、就业意向', purpose: '核对毕业生身份、匹配政策和岗位', sensitive: false, storage: '保存至注销账号' },
  { item: '手机号', purpose: '办理进度通知、工作人员联系', sensitive: false, storage: '加密保存，页面只显示部分号码' },
  { item: '身份证号码', purpose: '核对毕业生实名信息、办理补贴', sensitive: true, storage: '加密保存，页面只显示部分号码' },
  { item: '银行账号', purpose: '补贴发放', sensitive: true, storage: '加密保存，页面只显示后四位' },
  { item: '家庭困难情况（低保、残疾、零就业家庭等）', purpose: '求职创业补贴资格、离校未就业帮扶', sensitive: true, storage: '随申请或帮扶记录保存' },
  { item: '简历、证明材料、投诉证据', purpose: '投递岗位、办理补贴、处理投诉', sensitive: false, storage: '加密存储的文件' },
  { item: '投诉、帮扶、报名、预约记录', purpose: '办理您提出的事项', sensitive: false, storage: '随办理记录保存' },
];

/** Not used by the mini-program; the guide says so rather than staying silent. */
export const PRIVACY_NOT_COLLECTED = ['位置信息', '通讯录', '相册写入', '微信运动步数'] as const;

/**
 * Separate consents for sensitive personal information (PIPL arts. 28–30): what is collected, why, why it
 * is needed and what refusing means. Changing a text: raise its `version`; users are asked again.
 */
export const CONSENT_PURPOSES = ['subsidy', 'real-name', 'support'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export interface ConsentText {
  purpose: ConsentPurpose;
  version: number;
  title: string;
  /** The sensitive items this consent covers (its scope). */
  items: readonly string[];
  purposeText: string;
  necessity: string;
  effect: string;
}

export const CONSENT_TEXTS: Readonly<Record<ConsentPurpose, ConsentText>> = {
  subsidy: {
    purpose: 'subsidy',
    version: 1,
    title: '补贴申请敏感个人信息处理单独同意',
    items: ['身份证号码', '银行账号', '家庭困难情况'],
    purposeText: '核对您的毕业生身份和补贴资格，审核通过后把补贴发放到您的银行账户。',
    necessity: '补贴政策要求实名申请、按困难类别核定资格，并只能发放到申请人本人账户。',
    effect: '不同意或撤回同意，您将无法在线申请补贴（可到就业服务窗口办理）；撤回不影响撤回前已提交的申请，已批准的补贴及发放记录依法保存。',
  },
  'real-name': {
    purpose: 'real-name',
    version: 1,
    title: '招聘者实名认证敏感个人信息处理单独同意',
    items: ['身份证号码'],
    purposeText: '与微信验证的手机号一起核验您作为招聘者的真实身份，每六个月复核一次，并与异常名录比对，保障求职者不受虚假招聘侵害。',
    necessity: '网络招聘服务须核验发布招聘信息的经办人真实身份；未经实名认证不能发布或修改岗位。',
    effect: '不同意或撤回同意，您将不能完成或续期实名认证，也不能发布或修改岗位，已发布的岗位暂停展示（其他招聘功能不受影响）；撤回后不再用您的身份证号码进行新的核验，已完成的认证记录作为招聘信息发布者的身份记录依法保存。',
  },
  support: {
    purpose: 'support',
    version: 1,
    title: '离校未就业登记与1311帮扶敏感个人信息处理单独同意',
    items: ['身份证号码'],
    purposeText: '在毕业生实名库中找到您本人的记录，办理离校未就业登记，由区市县就业服务机构为您提供1311帮扶服务。',
    necessity: '离校未就业登记和帮扶档案须对应实名库中的本人记录，姓名可能重名，只有身份证号码能准确对应。',
    effect: '不同意或撤回同意，个人资料中不保存您的身份证号码，自助登记时不能自动关联实名库记录（可由区市县工作人员核实办理）；撤回后已保存的身份证号码立即删除，已建立的帮扶档案由区市县依职责保存。',
  },
};

/** Whom each purpose concerns: 隐私与授权 lists a purpose to these roles, and to anyone who ever gave it. */
export const CONSENT_ROLES: Readonly<Record<ConsentPurpose, readonly Role[]>> = {
  subsidy: ['student'],
  'real-name': ['recruiter'],
  support: ['student'],
};

/** Whether 隐私与授权 shows this consent to a user with these roles. */
export function consentConcerns(consent: { purpose: ConsentPurpose; status: ConsentStatus }, roles: readonly Role[]): boolean {
  return consent.status !== 'none' || CONSENT_ROLES[consent.purpose].some(role => roles.includes(role));
}

export type ConsentStatus = 'given' | 'withdrawn' | 'none' | 'outdated';

export interface ConsentView extends ConsentText {
  status: ConsentStatus;
  /** The text version the user agreed to, when they did. */
  givenVersion?: number;
  givenAt?: string;
  withdrawnAt?: string;
}

export interface ConsentGrant {
  purpose: ConsentPurpose;
  /** The text version the user read; an older one is refused so nobody agrees to text they did not see. */
  version: number;
}

/** What a staff member saw in full (§5): the person sees every such view in 个人信息查看记录. */
export const REVEAL_KINDS = ['phone', 'idNumber', 'bankAccount', 'licence'] as const;
export type RevealKind = (typeof REVEAL_KINDS)[number];

export const REVEAL_KIND_LABELS: Record<RevealKind, string> = {
  phone: '完整手机号',
  idNumber: '完整身份证号码',
  bankAccount: '身份证号码和银行账号',
  licence: '营业执照',
};

export interface DataViewRecord {
  id: string;
  at: string;
  /** The staff member's unit: 市人社局, 中山区人社局, 大连理工大学. */
  unit: string;
  /** The staff member's role, e.g. 区市县人社局. */
  role: string;
  kind: RevealKind;
  kindLabel: string;
  purpose: string;
}

/** What stays after an account is deleted, and for how long: shown before the user confirms. */
export interface AccountDeletionInfo {
  kept: Array<{ what: string; retention: string }>;
  /** What goes (the copy's sheet names). */
  erased: string[];
}

export const ACCOUNT_DELETION_CONFIRMATION = '注销';

export interface AccountDeletionRequest {
  /** The user types 注销. */
  confirm: string;
}

export interface AccountDeletionResult {
  deletedAt: string;
}

export const DATA_COPY_FORMATS = ['xlsx', 'json'] as const;
export type DataCopyFormat = (typeof DATA_COPY_FORMATS)[number];
