import { describe, expect, it } from '@jest/globals';
import { csrProblem, PRODUCT_CODE_PATTERN } from './product.js';

describe('products', () => {
  it.each(['DIRECTOR_CLOUD', 'ACCOUNTANT_CLOUD', 'RUTOKEN'])('accepts the code %s', (code) =>
    expect(PRODUCT_CODE_PATTERN.test(code)).toBe(true),
  );
  it.each(['', 'rutoken', '1RUTOKEN', 'RU TOKEN', 'R'])('refuses the code %j', (code) =>
    expect(PRODUCT_CODE_PATTERN.test(code)).toBe(false),
  );

  it('takes a CSR for a key on a token, and only there; a token key is registered with its CSR', () => {
    expect(csrProblem({ code: 'RUTOKEN', keyStorage: 'TOKEN' }, true)).toBeNull();
    expect(csrProblem({ code: 'RUTOKEN', keyStorage: 'TOKEN' }, false)).toMatchObject({ code: 'CSR_REQUIRED' });
    expect(csrProblem({ code: 'DIRECTOR_CLOUD', keyStorage: 'CLOUD' }, false)).toBeNull();
    expect(csrProblem({ code: 'DIRECTOR_CLOUD', keyStorage: 'CLOUD' }, true)).toMatchObject({
      code: 'CSR_NOT_ALLOWED',
    });
  });
});
