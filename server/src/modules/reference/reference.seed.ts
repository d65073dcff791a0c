import type { ReferenceKind } from '../../contract/reference';

export interface ReferenceSeed {
  value: string;
  description: string;
}

/**
 * Starting lists. The plan (action 1) names the "15+N" industry chains and the 老、原、新
 * enterprises without listing them, so the chain names below are examples for staff to replace
 * with the city's published list, and say so. 老/原/新 follow Liaoning's 老字号/原字号/新字号.
 * Industries are the sections (门类) of GB/T 4754-2017.
 */
export const REFERENCE_SEEDS: Record<ReferenceKind, readonly ReferenceSeed[]> = {
  chain: [
    ['高端装备', '示例（规划未列出“15+N”具体名单，请按市里公布的清单维护）'],
    ['船舶与海工装备', '示例'],
    ['数控机床', '示例'],
    ['轨道交通装备', '示例'],
    ['汽车及零部件', '示例'],
    ['石化及精细化工', '示例'],
    ['新材料', '示例'],
    ['集成电路', '示例'],
    ['软件和信息技术服务', '示例'],
    ['生物医药', '示例'],
    ['清洁能源', '示例'],
    ['氢能', '示例'],
    ['现代海洋', '示例'],
    ['航运物流', '示例'],
    ['文化旅游', '示例'],
  ].map(([value, description]) => ({ value, description })),
  category: [
    { value: '老', description: '老字号：传统优势产业改造升级' },
    { value: '原', description: '原字号：原材料产业深度开发' },
    { value: '新', description: '新字号：新兴产业培育壮大' },
  ],
  industry: [
    '农、林、牧、渔业',
    '采矿业',
    '制造业',
    '电力、热力、燃气及水生产和供应业',
    '建筑业',
    '批发和零售业',
    '交通运输、仓储和邮政业',
    '住宿和餐饮业',
    '信息传输、软件和信息技术服务业',
    '金融业',
    '房地产业',
    '租赁和商务服务业',
    '科学研究和技术服务业',
    '水利、环境和公共设施管理业',
    '居民服务、修理和其他服务业',
    '教育',
    '卫生和社会工作',
    '文化、体育和娱乐业',
    '公共管理、社会保障和社会组织',
    '国际组织',
  ].map(value => ({ value, description: 'GB/T 4754-2017 门类' })),
};

/**
 * Dalian's first-tier monthly minimum wage as we read Liaoning's 2025 adjustment (辽宁省最低工资标准一档,
 * which covers Dalian's urban districts). The plan's documents state none; this machine could not reach the
 * notice to confirm the amount and date, so the row says so and staff correct it on 基础数据维护.
 */
export const MINIMUM_WAGE_SEED = {
  amount: 2100,
  effectiveFrom: '2025-01-01',
  source: '辽宁省最低工资标准一档（大连市区），2025年调整；数额与执行日期待工作人员按正式文件核对',
} as const;
