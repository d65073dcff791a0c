const path = require('node:path');

// weapp: every page gets the shared page frame and with it a `page-meta` (the text scale; see
// src/components/PageFrame). Taro writes a page's <page-meta> only for pages whose config says
// enablePageMeta, and wraps nothing itself: this plugin does both for every page, so no page config or
// page file carries it by hand.

/** Page modules: src/pages/<name>/index.tsx and src/packages/<package>/pages/<name>/index.tsx. */
const PAGE_FILE = /[\\/]src[\\/](pages|packages[\\/][^\\/]+[\\/]pages)[\\/][^\\/]+[\\/]index\.tsx$/;
/** Their config files (the `path` of Taro's file configs). */
const PAGE_CONFIG = /[\\/]src[\\/](pages|packages[\\/][^\\/]+[\\/]pages)[\\/][^\\/]+[\\/]index\.config\.ts$/;

module.exports = ctx => {
  if (process.env.TARO_ENV !== 'weapp') return;
  ctx.modifyMiniConfigs(({ configMap }) => {
    for (const config of Object.values(configMap)) {
      if (PAGE_CONFIG.test(config.path ?? '') && config.content) config.content.enablePageMeta = true;
    }
  });
  ctx.modifyWebpackChain(({ chain }) => {
    chain.module
      .rule('page-frame')
      .test(PAGE_FILE)
      .enforce('pre')
      .use('page-frame')
      .loader(path.resolve(__dirname, 'page-frame-loader.js'));
  });
};
module.exports.PAGE_FILE = PAGE_FILE;
module.exports.PAGE_CONFIG = PAGE_CONFIG;
