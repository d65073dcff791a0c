/**
 * WeChat's own compiler and code-quality check (miniprogram-ci, the compiler taken out of DevTools)
 * over the weapp build in dist/, offline: the project's attributes, which DevTools would ask WeChat's
 * server for, are the documented defaults (DefaultProjectAttr). Fails on any compile error and on any
 * code-quality check that does not pass. Run by `npm test` after `npm run size` built dist/.
 */
const path = require('path');
const ci = require('miniprogram-ci');

// WEAPP_CI_ROOT: another project folder (the script's own check that a broken build fails).
const ROOT = process.env.WEAPP_CI_ROOT || path.resolve(__dirname, '..');

function offlineProject() {
  const project = new ci.Project({
    appid: 'touristappid',
    type: 'miniProgram',
    projectPath: ROOT,
    // Only upload and preview sign with the key; compiling and checking do not.
    privateKey: 'not-used-offline',
    ignores: ['node_modules/**/*'],
  });
  project.attr = async () => ({ ...ci.DefaultProjectAttr, setting: { ...ci.DefaultProjectAttr.setting } });
  return project;
}

async function main() {
  const started = Date.now();
  const project = offlineProject();
  const checks = await ci.checkCodeQuality(project);
  const failed = checks.filter(c => !c.success);
  let files = 0;
  let compileError;
  try {
    const out = await ci.getCompiledResult({ project, version: '0.0.0', setting: { es6: true, minify: true, minifyWXML: true, minifyWXSS: true } });
    files = Object.keys(out).length;
  } catch (err) {
    compileError = err instanceof Error ? err.message : String(err);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`[weapp-ci] compiled ${files} files, ${compileError ? 1 : 0} compile errors; code quality ${checks.length - failed.length} of ${checks.length} checks pass (${seconds} s)`);
  for (const c of failed) console.log(`[weapp-ci] check failed: ${c.name} — ${c.text}`);
  if (compileError) console.log(`[weapp-ci] compile error: ${compileError}`);
  // miniprogram-ci keeps its compiler workers and sockets open after it is done: exit explicitly,
  // or the test line waits for ever.
  process.exit(compileError || failed.length > 0 || checks.length === 0 || files === 0 ? 1 : 0);
}

main().catch(err => {
  console.error('[weapp-ci]', err);
  process.exit(1);
});
