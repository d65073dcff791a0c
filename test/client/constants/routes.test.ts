// The stub first: it defines the defineAppConfig macro that app.config.ts calls.
import { fake } from '../support/taro-stub';
import fs from 'node:fs';
import path from 'node:path';
import appConfig from '@/app.config';
import { ROUTES, ROUTE_NAMES, SUBPACKAGES, TAB_NAMES, toUrl } from '@/constants/routes';
import { navigate, switchTab } from '@/services/navigation';
import { SERVER_LINKED_PAGES } from '@contract/pages';

const SRC = path.resolve(__dirname, '../../../src');

interface AppConfig {
  pages: string[];
  subPackages: Array<{ root: string; name: string; pages: string[] }>;
  preloadRule: Record<string, { packages: string[] }>;
  tabBar: { list: Array<{ pagePath: string; iconPath: string; selectedIconPath: string }> };
}
const config = appConfig as unknown as AppConfig;

const configuredPages = [
  ...config.pages,
  ...config.subPackages.flatMap(pkg => pkg.pages.map(page => `${pkg.root}/${page}`)),
];

describe('the route table', () => {
  it('should list every page of app.config, and app.config every route', () => {
    expect([...configuredPages].sort()).toEqual(Object.values(ROUTES).sort());
  });

  it('should start with the home tab, the launch page', () => {
    expect(config.pages[0]).toBe(ROUTES.home);
  });

  it('should keep exactly the tab pages in the main package, in tab-bar order', () => {
    const tabPaths = TAB_NAMES.map(name => ROUTES[name]);
    expect(config.pages).toEqual(tabPaths);
    expect(config.tabBar.list.map(tab => tab.pagePath)).toEqual(tabPaths);
  });

  it('should put every other route under the root of its subpackage', () => {
    const roots: string[] = Object.values(SUBPACKAGES);
    for (const name of ROUTE_NAMES.filter(n => !(TAB_NAMES as readonly string[]).includes(n))) {
      expect(roots.some(root => ROUTES[name].startsWith(`${root}/`))).toBe(true);
    }
    expect(config.subPackages.map(pkg => pkg.root)).toEqual(roots);
    expect(config.subPackages.every(pkg => pkg.pages.length > 0)).toBe(true);
  });

  it('should preload only existing subpackages, from main-package pages', () => {
    const names = config.subPackages.map(pkg => pkg.name);
    for (const [page, rule] of Object.entries(config.preloadRule)) {
      expect(config.pages).toContain(page);
      for (const pkg of rule.packages) expect(names).toContain(pkg);
    }
  });

  it('should have a page component and page config on disk for every route', () => {
    for (const route of Object.values(ROUTES)) {
      expect(fs.existsSync(path.join(SRC, `${route}.tsx`))).toBe(true);
      expect(fs.existsSync(path.join(SRC, `${route}.config.ts`))).toBe(true);
    }
  });

  it('should have both tab-bar icons on disk for every tab', () => {
    for (const tab of config.tabBar.list) {
      expect(fs.existsSync(path.join(SRC, tab.iconPath))).toBe(true);
      expect(fs.existsSync(path.join(SRC, tab.selectedIconPath))).toBe(true);
    }
  });
});

describe('urls', () => {
  it('should encode parameters and leave out undefined ones', () => {
    expect(toUrl('policyList', { kind: 'service', action: undefined })).toBe('/packages/policy/pages/list/index?kind=service');
    expect(toUrl('policyDetail', { id: 'a b&c' })).toBe('/packages/policy/pages/detail/index?id=a%20b%26c');
    expect(toUrl('home')).toBe('/pages/home/index');
  });
});

describe('navigation', () => {
  beforeEach(() => fake.reset());

  it('should open a subpackage page with its typed parameters', async () => {
    await navigate('policyList', { kind: 'institution', action: 6 });
    expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/policy/pages/list/index?kind=institution&action=6' }]);
  });

  it('should switch tabs by name', async () => {
    await switchTab('jobs');
    expect(fake.navigations).toEqual([{ kind: 'switchTab', url: '/pages/jobs/index' }]);
  });
});

describe('pages the server links to', () => {
  it('should exist in the route table and the app config, so a moved page cannot break a notice card', () => {
    const routes = new Set(Object.values(ROUTES));
    for (const page of Object.values(SERVER_LINKED_PAGES)) {
      expect(routes.has(page)).toBe(true);
      expect(configuredPages).toContain(page);
    }
  });
});
