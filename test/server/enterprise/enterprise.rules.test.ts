import { isValidUscc, usccCheckChar } from '../../../server/src/contract/uscc';
import { ENTERPRISE_SEEDS } from '../../../server/src/modules/enterprise/enterprise.seed';

describe('unified social credit code (GB 32100)', () => {
  it.each(ENTERPRISE_SEEDS.map(e => e.uscc))('should accept the seeded code %s', code => {
    expect(isValidUscc(code)).toBe(true);
  });

  it('should accept lower case and spaces', () => {
    expect(isValidUscc('9121 0200ma0qc1234f')).toBe(true);
  });

  it('should compute the check character with weights mod 31', () => {
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    expect(usccCheckChar('91210200MA0QC1234')).toBe('F');
  });

  it.each([
    ['a wrong check character', '91210200MA0QC1234G'],
    ['17 characters', '91210200MA0QC1234'],
    ['a letter outside the alphabet (I)', '91210200MA0QI1234F'],
    ['a letter outside the alphabet (O/S/V/Z)', '91210200MA0QC123ZF'],
    ['an empty string', ''],
  ])('should refuse %s', (_label, code) => {
    expect(isValidUscc(code)).toBe(false);
  });

  it('should return null for a character outside the alphabet', () => {
    expect(usccCheckChar('91210200MA0QO1234')).toBeNull();
  });
});
