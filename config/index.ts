import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

const root = path.resolve(__dirname, '..');
const contractDir = path.resolve(root, 'server/src/contract');

/** Local API for development; a weapp release needs an https domain registered in the WeChat console. */
const DEFAULT_WEAPP_API_ORIGIN = 'http://127.0.0.1:7001';

const nodeModules = (names: string): RegExp => new RegExp(`[\\\\/]node_modules[\\\\/](${names})[\\\\/]`);

/** Libraries only some pages use (charts, the live player, QR codes): never in the shared chunks. */
const PAGE_LIBRARIES = nodeModules('echarts|zrender|mpegts\\.js|es6-promise|webworkify-webpack|qrcode-generator|hls\\.js');
const inNodeModules = (module: { resource?: string }): boolean => /[\\/]node_modules[\\/]/.test(module.resource ?? '');

/**
 * h5 chunks. Taro splits only the entry ('initial'), so every page chunk carried its own copy of
 * the component library, the Taro APIs and each shared module (about 380 KB per page). Here the
 * entry's framework is two long-cached chunks (React; Taro), the framework code pages load (web
 * components, APIs) is one chunk they share, and what several pages share of our own code is split
 * out of their chunks instead of copied into each.
 */
const H5_SPLIT_CHUNKS = {
  chunks: 'all',
  minSize: 10_000,
  maxInitialRequests: 8,
  maxAsyncRequests: 8,
  cacheGroups: {
    default: false,
    defaultVendors: false,
    react: { test: nodeModules('react|react-dom|scheduler'), name: 'react', chunks: 'initial', priority: 40 },
    taro: { test: inNodeModules, name: 'taro', chunks: 'initial', priority: 30 },
    pages: {
      test: (module: { resource?: string }) => inNodeModules(module) && !PAGE_LIBRARIES.test(module.resource ?? ''),
      name: 'taro-pages',
      chunks: 'async',
      minChunks: 2,
      priority: 20,
    },
    libraries: { test: PAGE_LIBRARIES, chunks: 'async', minChunks: 2, priority: 20, reuseExistingChunk: true },
    common: { chunks: 'async', minChunks: 2, priority: 10, reuseExistingChunk: true },
  },
} as const;

interface HtmlTag {
  tagName: string;
  voidTag: boolean;
  attributes: Record<string, string | boolean>;
  meta: Record<string, unknown>;
}
interface Compilation {
  namedChunks: Map<string, { files: Set<string> }>;
}
interface Compiler {
  hooks: { compilation: { tap: (name: string, fn: (compilation: Compilation) => void) => void } };
}

/**
 * Every page needs the shared page chunk (web components, Taro APIs), but the router asks for it
 * only after the entry has run: one more round trip (150 ms on a phone network) before the first
 * screen. A preload link lets the browser fetch it alongside the entry.
 */
class PreloadSharedChunk {
  apply(compiler: Compiler): void {
    // Taro's own copy of the plugin, so the hooks are the ones its HTML build calls.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const HtmlWebpackPlugin = require(require.resolve('html-webpack-plugin', { paths: [require.resolve('@tarojs/webpack5-runner')] }));
    compiler.hooks.compilation.tap('PreloadSharedChunk', compilation => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap('PreloadSharedChunk', (data: { headTags: HtmlTag[] }) => {
        const chunk = compilation.namedChunks.get('taro-pages');
        const js = [...(chunk?.files ?? [])].filter(f => f.endsWith('.js'));
        data.headTags.unshift(...js.map(file => ({ tagName: 'link', voidTag: true, attributes: { rel: 'preload', as: 'script', href: `/${file}` }, meta: { plugin: 'PreloadSharedChunk' } })));
        return data;
      });
    });
  }
}

/** `H5_STATS=file npm run build:h5` writes webpack's stats (modules, chunks, why each module is in) for a size investigation. */
class StatsFile {
  constructor(private readonly file: string) {}
  apply(compiler: { hooks: { done: { tap: (name: string, fn: (stats: { toJson: (o: object) => object }) => void) => void } } }): void {
    compiler.hooks.done.tap('StatsFile', stats => {
      writeFileSync(this.file, JSON.stringify(stats.toJson({ all: false, chunks: true, chunkModules: true, modules: true, reasons: true, ids: true })));
    });
  }
}

/** Font sizes follow the user's text size (src/utils/text-scale.ts); a local plugin, run after pxtransform. */
const TEXT_SCALE = { './config/postcss-text-scale.js': { enable: true } };

export default defineConfig<'webpack5'>(async (merge) => {
  const isH5 = process.env.TARO_ENV === 'h5';
  // H5 is served next to the API (or through the dev-server proxy), so it stays same-origin.
  const apiBase = isH5 ? '/api' : `${process.env.TARO_APP_API_BASE || DEFAULT_WEAPP_API_ORIGIN}/api`;

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'liulian-lailian',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: isH5 ? 'dist-h5' : 'dist',
    defineConstants: { API_BASE: JSON.stringify(apiBase) },
    alias: {
      '@': path.resolve(root, 'src'),
      '@contract': contractDir,
    },
    framework: 'react',
    compiler: 'webpack5',
    // weapp: every page's page-meta (the text scale), added by the build (config/page-frame-plugin.js).
    plugins: [path.resolve(__dirname, 'page-frame-plugin.js')],
    mini: {
      // Runtime constants (labels, districts) come from the shared contract, which lives outside src/.
      compile: { include: [contractDir] },
      optimizeMainPackage: { enable: true },
      // Styles are BEM-scoped per component, so the order shared chunks list them in does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: { ...TEXT_SCALE },
    },
    h5: {
      publicPath: '/',
      router: { mode: 'hash' },
      compile: { include: [contractDir] },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      devServer: {
        proxy: [{ context: ['/api'], target: 'http://127.0.0.1:7001', changeOrigin: true }],
      },
      postcss: { autoprefixer: { enable: true }, ...TEXT_SCALE },
      webpackChain(chain) {
        if (process.env.NODE_ENV !== 'development') {
          chain.optimization.splitChunks(H5_SPLIT_CHUNKS);
          chain.plugin('preloadSharedChunk').use(PreloadSharedChunk);
        }
        if (process.env.H5_STATS) chain.plugin('statsFile').use(StatsFile, [path.resolve(process.env.H5_STATS)]);
      },
    },
  };

  return process.env.NODE_ENV === 'development' ? merge({}, baseConfig, devConfig) : merge({}, baseConfig, prodConfig);
});
