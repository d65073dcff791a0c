import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import type { NoticeEventType } from '../../../server/src/contract/notice';
import { NOTICE_TEMPLATE_ENV, NOTICE_TEMPLATES, renderNotice, TEMPLATE_GUIDE, type NoticeTemplate } from '../../../server/src/modules/notice/notice.catalogue';
import { SAMPLE_EVENTS } from './notice.samples';

const LAUNCH = join(__dirname, '../../../docs/launch.md');
const START = '<!-- subscribe-templates:start (generated from server/src/modules/notice/notice.catalogue.ts) -->';
const END = '<!-- subscribe-templates:end -->';

const POLICY_FIELDS = { title: 'thing1', issuer: 'thing2', date: 'date3', remark: 'thing4' };
const POLICY_ENV: Record<string, string> = { title: 'PUSH_FIELD_TITLE', issuer: 'PUSH_FIELD_ISSUER', date: 'PUSH_FIELD_DATE', remark: 'PUSH_FIELD_REMARK' };
const ctx = { at: new Date('2026-06-01T06:30:00Z'), policyFields: POLICY_FIELDS };

/** Which events each template carries, by rendering every sample event. */
function eventsByTemplate(): Record<NoticeTemplate, NoticeEventType[]> {
  const by = Object.fromEntries(NOTICE_TEMPLATES.map(t => [t, [] as NoticeEventType[]])) as Record<NoticeTemplate, NoticeEventType[]>;
  for (const [type, event] of Object.entries(SAMPLE_EVENTS) as Array<[NoticeEventType, (typeof SAMPLE_EVENTS)[NoticeEventType]]>) {
    const n = renderNotice(event, ctx);
    if (n.template) by[n.template].push(type);
  }
  return by;
}

function fieldKey(template: NoticeTemplate, name: string): string {
  return template === 'policyNotice' ? `${POLICY_FIELDS[name as keyof typeof POLICY_FIELDS]} (\`${POLICY_ENV[name]}\`)` : name;
}

function templateTable(): string {
  const events = eventsByTemplate();
  const rows = NOTICE_TEMPLATES.map(t => {
    const guide = TEMPLATE_GUIDE[t];
    const fields = Object.entries(guide.fields).map(([k, label]) => `${fieldKey(t, k)} ${label}`).join('<br>');
    const kind = guide.kind === 'long-term' ? '长期（政务民生类目申请）' : '一次性';
    return `| ${guide.title} | \`${NOTICE_TEMPLATE_ENV[t]}\` | ${kind} | ${fields} | ${events[t].map(e => `\`${e}\``).join(', ')} |`;
  });
  return [START, '| 模板 (选用时的标题) | 环境变量 (模板 ID) | 类型 | 字段 (关键词) | 发送的事件 |', '|---|---|---|---|---|', ...rows, END].join('\n');
}

describe('docs/launch.md subscribe-message templates', () => {
  it('should describe exactly the fields each template is filled with', () => {
    for (const [type, event] of Object.entries(SAMPLE_EVENTS)) {
      const n = renderNotice(event, ctx);
      if (!n.template) continue;
      const expected = Object.keys(TEMPLATE_GUIDE[n.template].fields).map(k => (n.template === 'policyNotice' ? POLICY_FIELDS[k as keyof typeof POLICY_FIELDS] : k));
      expect([type, Object.keys(n.data).sort()]).toEqual([type, expected.sort()]);
    }
  });

  it('should list every template as the catalogue has it', () => {
    const doc = readFileSync(LAUNCH, 'utf8');
    const start = doc.indexOf(START);
    const end = doc.indexOf(END);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    const current = doc.slice(start, end + END.length);
    // UPDATE_DOCS=1 rewrites the block after a change to the catalogue.
    if (process.env.UPDATE_DOCS === '1' && current !== templateTable()) {
      writeFileSync(LAUNCH, doc.replace(current, templateTable()));
      return;
    }
    expect(current).toBe(templateTable());
  });
});

describe('the configuration table in README.md', () => {
  it('should list every environment variable the server reads', () => {
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
    const table = readme.split('\n').filter(l => l.startsWith('| `')).join('\n');
    const config = ['config.default.ts', 'config.prod.ts'].map(f => readFileSync(join(__dirname, '../../../server/src/config', f), 'utf8')).join('\n');
    const names = new Set([...config.matchAll(/env\.([A-Z][A-Z0-9_]+)/g)].map(m => m[1]));
    for (const name of Object.values(NOTICE_TEMPLATE_ENV)) names.add(name);
    const missing = [...names].filter(n => !new RegExp(`\`[^\`]*\\b${n}\\b`).test(table));
    expect(missing).toEqual([]);
  });
});
