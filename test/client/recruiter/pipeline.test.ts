import { movesFrom } from '../../../src/packages/recruiter/pages/applicants/pipeline';

describe('movesFrom (投递者)', () => {
  it('should offer the recruiter’s next steps and never 未反馈, which only the clock takes', () => {
    expect(movesFrom('submitted')).toEqual(['viewed', 'rejected']);
    expect(movesFrom('viewed')).toEqual(['interview', 'rejected']);
  });

  it('should offer nothing on an application closed as 未反馈', () => {
    expect(movesFrom('unanswered')).toEqual([]);
  });
});
