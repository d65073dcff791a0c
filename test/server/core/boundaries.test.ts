import { spawnSync } from 'child_process';
import { readdirSync } from 'fs';
import { join } from 'path';

const root = join(__dirname, '../../..');

interface Snippet {
  filePath: string;
  code: string;
}

/*
 * ESLint loads eslint.config.mjs with a dynamic import, which jest's module sandbox refuses, so the
 * Node API runs in a child process: one ESLint instance lints every snippet as if it were that file.
 */
const RUNNER = `
import { ESLint } from 'eslint';
let input = '';
for await (const chunk of process.stdin) input += chunk;
const eslint = new ESLint({ cwd: process.cwd() });
const out = [];
for (const { code, filePath } of JSON.parse(input)) {
  const [result] = await eslint.lintText(code, { filePath });
  out.push(result.messages.map(m => m.ruleId ?? 'fatal: ' + m.message));
}
process.stdout.write(JSON.stringify(out));
`;

function lint(snippets: Snippet[]): string[][] {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', RUNNER], { cwd: root, input: JSON.stringify(snippets), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as string[][];
}

const modules = readdirSync(join(root, 'server/src/modules'), { withFileTypes: true })
  .filter(entry => entry.isDirectory())
  .map(entry => entry.name);

describe('lint boundaries', () => {
  const cases: Array<{ rule: string; forbidden: Snippet; allowed: Snippet; hits?: number }> = [
    {
      rule: 'no-restricted-imports',
      forbidden: { filePath: 'server/src/modules/job/probe.ts', code: "import { UserModel } from '../user/user.model';\n" },
      allowed: { filePath: 'server/src/modules/job/probe.ts', code: "import { UserService } from '../user/user.service';\nimport { JobModel } from './job.model';\nimport { BizError } from '../../core/errors';\n" },
    },
    {
      rule: 'no-restricted-imports',
      forbidden: { filePath: 'server/src/modules/live/probe.ts', code: "export * from '../enterprise/enterprise.seed';\n" },
      allowed: { filePath: 'server/src/modules/live/probe.ts', code: "export type { EnterpriseSeedKey } from '../enterprise/enterprise.service';\n" },
    },
    {
      rule: 'no-restricted-imports',
      forbidden: { filePath: 'server/src/core/probe.ts', code: "import { JobService } from '../modules/job/job.service';\n" },
      allowed: { filePath: 'server/src/core/probe.ts', code: "import { BizError } from './errors';\n" },
    },
    {
      rule: 'no-restricted-imports',
      forbidden: { filePath: 'server/src/contract/probe.ts', code: "import { Types } from 'mongoose';\nimport type { BizError } from '../core/errors';\n" },
      hits: 2,
      allowed: { filePath: 'server/src/contract/probe.ts', code: "import type { DistrictCode } from './reference';\n" },
    },
    {
      rule: 'no-restricted-imports',
      forbidden: { filePath: 'src/pages/home/index.tsx', code: "import { subscribe } from '@/packages/notice/subscribe';\nimport { Form } from '../../packages/job/form';\n" },
      hits: 2,
      allowed: { filePath: 'src/pages/home/index.tsx', code: "import { request } from '@/services/http';\n" },
    },
    {
      rule: 'no-restricted-imports',
      forbidden: { filePath: 'src/services/probe.ts', code: "import { subscribe } from '@/packages/notice/subscribe';\n" },
      allowed: { filePath: 'src/services/probe.ts', code: "import { request } from './http';\n" },
    },
    {
      rule: 'no-restricted-imports',
      forbidden: { filePath: 'src/packages/job/pages/list/index.tsx', code: "import { LiveCard } from '@/packages/live/components/LiveCard';\n" },
      allowed: { filePath: 'src/packages/job/pages/list/index.tsx', code: "import { qr } from '@/packages/job/pages/my-fairs/qr';\nimport { ListFooter } from '@/components/ListFooter';\n" },
    },
    {
      rule: '@typescript-eslint/no-explicit-any',
      forbidden: { filePath: 'server/src/modules/job/probe.ts', code: 'export function parse(raw: any): string {\n  return String(raw);\n}\n' },
      allowed: { filePath: 'server/src/modules/job/probe.ts', code: 'export function parse(raw: unknown): string {\n  return String(raw);\n}\n' },
    },
    {
      rule: '@typescript-eslint/ban-ts-comment',
      forbidden: { filePath: 'src/utils/probe.ts', code: '// @ts-ignore\nexport const n: number = "1";\n' },
      allowed: { filePath: 'src/utils/probe.ts', code: 'export const n: number = Number("1");\n' },
    },
  ];

  const perModule: Snippet[] = modules.map(name => {
    const other = modules.find(m => m !== name) as string;
    return { filePath: `server/src/modules/${name}/probe.ts`, code: `import { x } from '../${other}/${other}.model';\n` };
  });

  let results: string[][];
  beforeAll(() => {
    results = lint([...cases.flatMap(c => [c.forbidden, c.allowed]), ...perModule]);
  }, 60_000);

  it.each(cases.map((c, i) => [c.rule, c.forbidden.filePath, i, c.hits ?? 1] as const))(
    'should report %s in %s for each forbidden import or type, and nothing for the allowed snippet',
    (rule, _file, i, hits) => {
      expect(results[2 * i].filter(r => r === rule)).toHaveLength(hits);
      expect(results[2 * i + 1]).toEqual([]);
    },
  );

  it('should guard every server module folder, read when the config loads', () => {
    expect(modules.length).toBeGreaterThan(10);
    const guarded = results.slice(2 * cases.length);
    expect(guarded.every(rules => rules.includes('no-restricted-imports'))).toBe(true);
  });
});
