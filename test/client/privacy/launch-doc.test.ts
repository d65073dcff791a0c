import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { PRIVACY_DATA_TYPES, PRIVACY_GUIDE_VERSION, PRIVACY_NOT_COLLECTED } from '@contract/privacy';

const LAUNCH = join(__dirname, '../../../docs/launch.md');
const START = '<!-- privacy-data-types:start (generated from server/src/contract/privacy.ts) -->';
const END = '<!-- privacy-data-types:end -->';

/** The declaration table the operator copies into 设置 → 服务内容声明 → 用户隐私保护指引. */
function declarationTable(): string {
  const rows = PRIVACY_DATA_TYPES.map(type => `| ${type.declaration} | 用于${type.purpose} | ${type.apis.map(api => `\`${api}\``).join(', ')} | ${type.where} | ${type.since} |`);
  return [
    START,
    `Guide version ${PRIVACY_GUIDE_VERSION}.`,
    '',
    '| 处理的信息 (declare) | 用途 (paste as the purpose) | APIs | where in the app | since version |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    `Not used, do not declare: ${PRIVACY_NOT_COLLECTED.join('、')}.`,
    END,
  ].join('\n');
}

describe('docs/launch.md', () => {
  it('should carry the privacy declaration table exactly as contract/privacy.ts lists it', () => {
    const doc = readFileSync(LAUNCH, 'utf8');
    const start = doc.indexOf(START);
    const end = doc.indexOf(END);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    const current = doc.slice(start, end + END.length);
    // UPDATE_DOCS=1 rewrites the block after a change to the list.
    if (process.env.UPDATE_DOCS === '1' && current !== declarationTable()) {
      writeFileSync(LAUNCH, doc.replace(current, declarationTable()));
      return;
    }
    expect(current).toBe(declarationTable());
  });
});
