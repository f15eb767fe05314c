import { describe, expect, it } from 'vitest';
import { CodedError } from '../../../../src-shared/contracts/coded-error';
import { ERROR_CODES, isErrorCode } from '../../../../src-shared/contracts/error-codes';

describe('stable error codes', () => {
  it('recognises exactly the listed codes', () => {
    for (const code of ERROR_CODES) expect(isErrorCode(code), code).toBe(true);
    for (const other of ['teapot', '', 'MOVED', ' moved', 'moved ', 'license-number'])
      expect(isErrorCode(other), other).toBe(false);
  });

  it('recognises only strings, whatever their value', () => {
    for (const other of [undefined, null, 0, 1, true, ['moved'], { code: 'moved' }, new String('moved')])
      expect(isErrorCode(other), String(other)).toBe(false);
  });

  it('lists every code once', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    expect(ERROR_CODES).toEqual(expect.arrayContaining(['license-number-format', 'license-number-check', 'internal']));
  });
});

describe('CodedError', () => {
  it('is an Error that carries its code, a message defaulting to the code, and details', () => {
    const error = new CodedError('renewal-not-open', 'the window opens later', { opensOn: '2026-08-01' });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      code: 'renewal-not-open',
      message: 'the window opens later',
      details: { opensOn: '2026-08-01' },
    });
    expect(new CodedError('moved')).toMatchObject({ code: 'moved', message: 'moved', details: undefined });
  });

  it('names itself in logs and stack traces', () => {
    const error = new CodedError('moved');
    expect(error.name).toBe('CodedError');
    expect(String(error)).toBe('CodedError: moved');
  });
});
