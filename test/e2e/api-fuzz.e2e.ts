import { fuzzApi, type FuzzResult } from './support/api-fuzz';

/** The part of schemathesis's output that says what failed, short enough for a test report. */
function failures(output: string): string {
  const start = output.search(/=+ (ERRORS|FAILURES) =+/);
  const end = output.search(/=+ (WARNINGS|SUMMARY) =+/);
  return start < 0 ? output.slice(-1500) : output.slice(start, end > start ? end : undefined).slice(0, 6000);
}

describe('the API document against the running server (schemathesis)', () => {
  let result: FuzzResult;

  beforeAll(async () => {
    result = await fuzzApi({
      maxExamples: Number(process.env.FUZZ_MAX_EXAMPLES ?? 2),
      workers: 2,
      phases: ['examples', 'fuzzing'],
      seed: 20261206,
      log: line => process.stdout.write(`[fuzz] ${line}\n`),
    });
  }, 20 * 60_000);

  it('should find no server error, undocumented status, body unlike its schema, or valid request refused, for any caller', () => {
    expect(result.operations).toBeGreaterThanOrEqual(190);
    expect(result.runs.map(r => r.caller).sort()).toEqual(['admin', 'anonymous', 'bureau', 'college', 'district', 'recruiter', 'student']);
    const failed = result.runs.filter(r => r.exitCode !== 0).map(r => `--- ${r.caller}: ${r.summary}\n${failures(r.output)}`);
    expect(failed).toEqual([]);
    process.stdout.write(
      `[fuzz] ${result.operations} operations × ${result.runs.length} callers, ${result.runs.reduce((n, r) => n + r.testCases, 0)} requests in ${result.seconds.toFixed(0)} s\n`,
    );
  });
});
