import type { EnterpriseOwnership, EnterpriseSize } from '../../contract/job';
import type { DistrictCode } from '../../contract/reference';

/**
 * Demo enterprises. They are fictional and say so in their names (示例); credit codes carry
 * valid GB 32100 check characters.
 */
export const ENTERPRISE_SEEDS = [
  {
    seedKey: 'demo-ent-software',
    name: '大连星海软件科技有限公司（示例）',
    uscc: '91210200MA0QC1234F',
    district: 'hitech',
    industry: '信息传输、软件和信息技术服务业',
    size: '100-499人',
    ownership: '民营企业',
    chainTags: ['软件和信息技术服务'],
    category: '新',
  },
  {
    seedKey: 'demo-ent-equipment',
    name: '大连港湾装备制造有限公司（示例）',
    uscc: '91210213MA1B29876P',
    district: 'jinpu',
    industry: '制造业',
    size: '500人以上',
    ownership: '国有企业',
    chainTags: ['高端装备', '船舶与海工装备'],
    category: '老',
  },
  {
    seedKey: 'demo-ent-seafood',
    name: '大连北方海洋食品有限公司（示例）',
    uscc: '91210283MA0Y3456KQ',
    district: '210283',
    industry: '制造业',
    size: '100-499人',
    ownership: '民营企业',
    chainTags: ['现代海洋'],
    category: '原',
  },
] as const satisfies ReadonlyArray<{ district: DistrictCode; size: EnterpriseSize; ownership: EnterpriseOwnership; category: '老' | '原' | '新' } & Record<string, unknown>>;

export type EnterpriseSeedKey = (typeof ENTERPRISE_SEEDS)[number]['seedKey'];
