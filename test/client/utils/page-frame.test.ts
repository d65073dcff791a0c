import fs from 'node:fs';
import path from 'node:path';
import { pageMetaOf } from '@/utils/text-scale';
import { ROUTES } from '@/constants/routes';

// weapp: every page's page-meta carries the text scale (components/PageFrame), wrapped around each page by the
// build (config/page-frame-plugin.js, config/page-frame-loader.js).
const plugin = require('../../../config/page-frame-plugin.js') as { PAGE_FILE: RegExp; PAGE_CONFIG: RegExp };
const loader = require('../../../config/page-frame-loader.js') as (this: { resourcePath: string; emitError: (e: Error) => void }, source: string) => string;

const SRC = path.resolve(__dirname, '../../../src');

describe('page-meta text scale (weapp)', () => {
  it('should give the root font size and the scale variables for a scale', () => {
    expect(pageMetaOf(1)).toEqual({ rootFontSize: '16px', pageStyle: '--ll-text-scale: 1; --ll-target: 44px' });
    expect(pageMetaOf(1.4)).toEqual({ rootFontSize: '22.4px', pageStyle: '--ll-text-scale: 1.4; --ll-target: 60px' });
    expect(pageMetaOf(1.12).rootFontSize).toBe('17.9px');
  });

  it('should wrap a page’s default export in the frame, and refuse a page it cannot wrap', () => {
    const errors: Error[] = [];
    const context = { resourcePath: '/src/pages/x/index.tsx', emitError: (e: Error) => errors.push(e) };
    const out = loader.call(context, "import { View } from '@tarojs/components';\n\nexport default function HomePage() {\n  return <View />;\n}\n");
    expect(out).toContain("import { withPageFrame as __withPageFrame } from '@/components/PageFrame';");
    expect(out).toContain('\nfunction HomePage() {');
    expect(out).not.toContain('export default function');
    expect(out.trim().endsWith('export default __withPageFrame(HomePage);')).toBe(true);
    loader.call(context, 'const Page = () => null;\nexport default Page;\n');
    expect(errors).toHaveLength(1);
  });

  it('should reach every page of the app: its module and its config, and the loader’s form', () => {
    for (const page of Object.values(ROUTES)) {
      const file = path.join(SRC, `${page}.tsx`);
      expect(plugin.PAGE_FILE.test(file)).toBe(true);
      expect(plugin.PAGE_CONFIG.test(path.join(SRC, `${page}.config.ts`))).toBe(true);
      expect(fs.readFileSync(file, 'utf8')).toMatch(/^export default function \w+\(/m);
    }
    expect(plugin.PAGE_FILE.test(path.join(SRC, 'packages/job/components/JobForm/index.tsx'))).toBe(false);
  });
});
