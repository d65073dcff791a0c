import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

const root = path.resolve(__dirname, '..');
const contractDir = path.resolve(root, 'server/src/contract');

/** Local API for development; a weapp release needs an https domain registered in the WeChat console. */
const DEFAULT_WEAPP_API_ORIGIN = 'http://127.0.0.1:7001';

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
    mini: {
      // Runtime constants (labels, districts) come from the shared contract, which lives outside src/.
      compile: { include: [contractDir] },
      optimizeMainPackage: { enable: true },
      // Styles are BEM-scoped per component, so the order shared chunks list them in does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
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
      postcss: { autoprefixer: { enable: true } },
    },
  };

  return process.env.NODE_ENV === 'development' ? merge({}, baseConfig, devConfig) : merge({}, baseConfig, prodConfig);
});
