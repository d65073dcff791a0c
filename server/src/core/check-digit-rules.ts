import { RuleType } from '@midwayjs/validate';
import { bankCardProblem, corporateAccountProblem, normaliseBankAccount } from '../contract/bank-account';
import type { ErrorCode } from '../contract/error-codes';
import { normaliseResidentId, residentIdProblem } from '../contract/resident-id';
import { normaliseUscc, usccProblem } from '../contract/uscc';

interface RuleHelpers {
  error(code: string, context?: Record<string, unknown>): unknown;
}

type Problem = (value: string) => string | undefined;

/** Each rule's Joi error type, and the stable code its refusal answers with (422, naming the field). */
export const CHECK_DIGIT_CODES: Readonly<Record<string, ErrorCode>> = {
  'uscc.invalid': 'USCC_INVALID',
  'residentId.invalid': 'ID_NUMBER_INVALID',
  'bankCard.invalid': 'SUBSIDY_BANK_ACCOUNT_INVALID',
  'corporateAccount.invalid': 'SUBSIDY_BANK_ACCOUNT_INVALID',
};

function checked(type: string, normalise: (raw: string) => string, problem: Problem) {
  return {
    type,
    base: RuleType.string().trim(),
    messages: { [`${type}.invalid`]: '{{#problem}}' },
    validate(value: string, helpers: RuleHelpers) {
      const normalised = normalise(value);
      const why = problem(normalised);
      return why ? { value, errors: [helpers.error(`${type}.invalid`, { problem: why })] } : { value: normalised };
    },
  };
}

/**
 * The check-digit rules every DTO uses where it takes one of these numbers, on the same pure checks the
 * mini-program warns with (`contract/`). The value comes out normalised (no spaces, capitals).
 */
const rules = RuleType.extend(
  checked('uscc', normaliseUscc, usccProblem),
  checked('residentId', normaliseResidentId, raw => residentIdProblem(raw)),
  checked('bankCard', normaliseBankAccount, bankCardProblem),
  checked('corporateAccount', normaliseBankAccount, corporateAccountProblem),
);

type StringRule = ReturnType<typeof RuleType.string>;
const typed = rules as unknown as Record<'uscc' | 'residentId' | 'bankCard' | 'corporateAccount', () => StringRule>;

/** 统一社会信用代码 (GB 32100-2015 check character). */
export const usccRule = (): StringRule => typed.uscc();
/** 居民身份证号 (GB 11643-1999: birth date and check digit). */
export const residentIdRule = (): StringRule => typed.residentId();
/** A personal bank card: 16 to 19 digits passing Luhn. */
export const bankCardRule = (): StringRule => typed.bankCard();
/** A corporate account: 12 to 30 digits (no standard check digit). */
export const corporateAccountRule = (): StringRule => typed.corporateAccount();
