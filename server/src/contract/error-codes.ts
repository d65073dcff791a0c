/**
 * Stable error codes shared by the service and the mini-program.
 * A code never changes meaning once released; add new codes instead.
 */
export const ERROR_CODES = {
  BAD_REQUEST: { status: 400, message: '请求格式不正确' },
  BAD_JSON: { status: 400, message: '请求内容不是合法的 JSON' },
  OPERATOR_NOT_ALLOWED: { status: 400, message: '请求中含有不允许的字段名' },
  CURSOR_INVALID: { status: 400, message: '分页参数无效，请刷新后重试' },
  VALIDATION_FAILED: { status: 422, message: '提交的内容有误，请检查后重试' },
  BODY_TOO_LARGE: { status: 413, message: '提交的内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的内容类型' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  TOKEN_EXPIRED: { status: 401, message: '登录已过期，请重新登录' },
  TOKEN_INVALID: { status: 401, message: '登录凭证无效，请重新登录' },
  REFRESH_TOKEN_INVALID: { status: 401, message: '登录状态已失效，请重新登录' },
  FORBIDDEN: { status: 403, message: '没有权限进行此操作' },
  OUT_OF_SCOPE: { status: 403, message: '该数据不在您的管辖范围内' },
  NOT_FOUND: { status: 404, message: '请求的内容不存在' },
  ROUTE_NOT_FOUND: { status: 404, message: '接口不存在' },
  METHOD_NOT_ALLOWED: { status: 405, message: '不支持的请求方式' },
  CONFLICT: { status: 409, message: '数据已被修改，请刷新后重试' },
  RATE_LIMITED: { status: 429, message: '操作太频繁，请稍后再试' },
  WECHAT_CODE_INVALID: { status: 400, message: '微信登录凭证无效或已过期，请重新登录' },
  WECHAT_CODE_USED: { status: 400, message: '微信登录凭证已使用，请重新登录' },
  WECHAT_RATE_LIMITED: { status: 429, message: '微信登录太频繁，请一分钟后再试' },
  WECHAT_USER_BLOCKED: { status: 403, message: '微信账号存在风险，暂时无法登录' },
  WECHAT_PHONE_CODE_INVALID: { status: 400, message: '手机号授权已失效，请重新授权' },
  WECHAT_NOT_CONFIGURED: { status: 503, message: '微信服务未配置，暂不可用' },
  WECHAT_UNAVAILABLE: { status: 503, message: '微信服务暂时不可用，请稍后再试' },
  DEV_LOGIN_DISABLED: { status: 403, message: '当前环境未开放体验登录' },
  ID_NUMBER_INVALID: { status: 422, message: '身份证号码不正确，请核对后重新填写' },
  PHONE_INVALID: { status: 422, message: '手机号码不正确' },
  PROFILE_INCOMPLETE: { status: 409, message: '请先完善个人资料' },
  DATABASE_UNAVAILABLE: { status: 503, message: '服务暂时不可用，请稍后再试' },
  INTERNAL: { status: 500, message: '服务器开小差了，请稍后再试' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Body of every non-2xx response. */
export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  requestId: string;
  /** The offending field, as a dotted path, for validation errors. */
  field?: string;
}
