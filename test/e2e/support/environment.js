/**
 * The e2e tests' jest environment: when a test or hook fails, the harness is asked to keep what the
 * browser showed (screenshots of every open page, their recent console errors and failed requests),
 * so a failure seen once in CI can be understood without running it again.
 */
const { TestEnvironment } = require('jest-environment-node');

function nameOf(test) {
  const parts = [];
  for (let block = test; block && block.name !== 'ROOT_DESCRIBE_BLOCK'; block = block.parent) parts.unshift(block.name);
  return parts.join(' › ');
}

class E2EEnvironment extends TestEnvironment {
  async handleTestEvent(event) {
    if (event.name !== 'test_fn_failure' && event.name !== 'hook_failure') return;
    const keep = this.global.__e2eKeepFailure;
    if (typeof keep !== 'function') return;
    const name = event.name === 'hook_failure' ? `${event.hook.type}` : nameOf(event.test);
    try {
      await keep(name);
    } catch (err) {
      process.stderr.write(`[e2e] could not keep the failure's evidence: ${err}\n`);
    }
  }
}

module.exports = E2EEnvironment;
