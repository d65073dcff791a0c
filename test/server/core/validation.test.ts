import { Rule, RuleType, ValidateService } from '@midwayjs/validate';
import { compileValidationOnce } from '../../../server/src/core/validation';

class SampleDTO {
  @Rule(RuleType.string().required())
  name!: string;
}

class NoRulesDTO {}

function serviceWith(messages: Record<string, Record<string, string>>): ValidateService {
  const service = new ValidateService();
  Object.assign(service, { messages });
  return service;
}

describe('compileValidationOnce', () => {
  it('turns every locale message into a compiled Joi template', () => {
    const service = serviceWith({ zh_CN: { 'any.required': '{{#label}} 是必填项' }, en_US: { 'any.required': '{{#label}} is required' } });
    compileValidationOnce(service);
    const messages = (service as unknown as { messages: Record<string, Record<string, unknown>> }).messages;
    expect(RuleType.isExpression(messages.zh_CN['any.required'])).toBe(true);
    expect(RuleType.isExpression(messages.en_US['any.required'])).toBe(true);
  });

  it('builds each DTO schema once and reuses it', () => {
    const service = serviceWith({});
    compileValidationOnce(service);
    const first = service.getSchema(SampleDTO);
    expect(first).toBeDefined();
    expect(service.getSchema(SampleDTO)).toBe(first);
    expect(service.getSchema(NoRulesDTO)).toBeUndefined();
  });

  it('still reports the missing field with the locale message', () => {
    const service = serviceWith({ zh_CN: { 'any.required': '{{#label}} 是必填项' } });
    compileValidationOnce(service);
    const schema = service.getSchema(SampleDTO);
    const result = schema?.validate({}, { messages: (service as unknown as { messages: Record<string, Record<string, string>> }).messages, errors: { language: 'zh_CN' } });
    expect(result?.error?.details[0].path).toEqual(['name']);
    expect(result?.error?.message).toBe('"name" 是必填项');
  });
});
