/**
 * Runs the longest suites first. `npm test` runs two workers (`jest --maxWorkers=2`; jest's default on two cores
 * is one, and half the machine then waited on the suites' timers and servers), and a long suite started last
 * runs alone at the end. Jest's own order uses an earlier run's durations when it has them (a developer's
 * machine) and file size otherwise — CI runs on a clean clone, where the schema fuzz (a small file, the longest
 * suite) started among the last. Without a cached duration a suite's cost is estimated: the measured figure
 * below for the long suites, 12 s for any other browser suite (each starts a server and a browser), file size
 * for server and client tests.
 */
const Sequencer = require('@jest/test-sequencer').default;
const path = require('path');

// Seconds on a clean-clone CI run (2026-12-07, idle 2-core machine); only the order matters, not the figures.
const MEASURED = {
  'api-fuzz.e2e.ts': 91,
  'accessibility.e2e.ts': 71,
  'live.e2e.ts': 33,
  'guest.e2e.ts': 31,
  'recruiter.e2e.ts': 27,
  'media-server.test.ts': 23,
  'followup.e2e.ts': 22,
  'cluster.e2e.ts': 20,
  'subsidy.e2e.ts': 19,
  'subsidy-stages.e2e.ts': 18,
  'demo.e2e.ts': 17,
};

class LongestFirstSequencer extends Sequencer {
  sort(tests) {
    const estimate = test => {
      const cached = this.time(test);
      if (cached != null) return cached;
      const name = path.basename(test.path);
      if (MEASURED[name] !== undefined) return MEASURED[name] * 1000;
      if (name.endsWith('.e2e.ts')) return 12_000;
      // About 1 s of a server test's time per 4 KB of test code (each starts the app); client tests are quick.
      const size = test.context.hasteFS.getSize(test.path) ?? 0;
      return test.path.includes(`${path.sep}test${path.sep}server${path.sep}`) ? size / 4 : size / 40;
    };
    const cost = new Map(tests.map(test => [test.path, estimate(test)]));
    return [...tests].sort((a, b) => {
      const failedA = this.hasFailed(a);
      if (failedA !== this.hasFailed(b)) return failedA ? -1 : 1;
      return cost.get(b.path) - cost.get(a.path);
    });
  }
}

module.exports = LongestFirstSequencer;
