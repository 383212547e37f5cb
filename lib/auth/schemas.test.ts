import { phoneMetadataFor } from '@/lib/phone/metadata';
import { describe, expect, it } from 'vitest';
import { codeFormSchema, issueCode, phoneFormSchema } from './schemas';

const schema = phoneFormSchema(phoneMetadataFor(['US', 'CA']), ['US', 'CA']);

describe('phoneFormSchema', () => {
  it('turns the form into an E.164 number and keeps `next`', () => {
    expect(schema.safeParse({ country: 'US', phone: '(201) 555-0123', next: '/account' })).toEqual({
      success: true,
      data: { phoneNumber: '+12015550123', next: '/account' },
    });
  });

  it.each([
    [{ country: 'US', phone: '12' }, 'invalid_phone'],
    [{ country: 'US', phone: '+44 7400 123456' }, 'country_not_allowed'],
    [{ country: 'GB', phone: '7400 123456' }, 'invalid_phone'],
  ])('refuses %j with %s on the phone field', (form, code) => {
    const result = schema.safeParse(form);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['phone'], params: { code } });
    expect(issueCode(result.error!, 'unknown')).toBe(code);
  });

  it.each([
    {},
    { country: 'US' },
    { country: 'US', phone: 42 },
    { country: 'USA', phone: '2015550123' },
    { country: 'US', phone: 'x'.repeat(65) },
    null,
    'text',
  ])('refuses malformed input %j, which carries no code of its own', (input) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    expect(issueCode(result.error!, 'invalid_phone')).toBe('invalid_phone');
  });
});

describe('codeFormSchema', () => {
  it.each(['123456', ' 123 456 ', '123-456', '12 34 56', '000000'])('accepts %j', (code) => {
    expect(codeFormSchema.safeParse({ code })).toEqual({ success: true, data: { code: code.replace(/[\s-]/g, '') } });
  });

  it.each(['', '12345', '1234567', '12345a', '١٢٣٤٥٦', '123.456', '1'.repeat(33)])('refuses %j', (code) => {
    expect(codeFormSchema.safeParse({ code }).success).toBe(false);
  });

  it.each<[string, string]>([
    ['12345', 'incomplete_code'],
    ['', 'incomplete_code'],
    ['12345a', 'invalid_code'],
    ['1234567', 'invalid_code'],
    ['٣000000', 'invalid_code'],
  ])('says which problem %j has in the params', (code, problem) => {
    const result = codeFormSchema.safeParse({ code });
    expect(result.error?.issues[0]).toMatchObject({ path: ['code'], params: { code: problem } });
    expect(issueCode(result.error!, 'unknown')).toBe(problem);
  });

  it.each([
    ['Your code is 180322', '180322'],
    ['180322 is your verification code', '180322'],
  ])('keeps the code of a pasted SMS %j', (code, kept) => {
    expect(codeFormSchema.safeParse({ code })).toEqual({ success: true, data: { code: kept } });
  });

  it('refuses a missing or non-string code', () => {
    expect(codeFormSchema.safeParse({}).success).toBe(false);
    expect(codeFormSchema.safeParse({ code: 123456 }).success).toBe(false);
  });
});
