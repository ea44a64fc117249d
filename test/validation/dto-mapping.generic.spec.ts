import { disableGeneratedCode, generatedFunctionCount } from '../../lib/validation/generated-code.js';
import { describeDtoMappingContract } from './dto-mapping.cases.js';

// Where code generation from strings is disallowed, every path is the generic loop: the same results.
disableGeneratedCode();

describeDtoMappingContract('without generated code');

describe('without generated code', () => {
  it('generates none (this run tests the generic loops)', () => {
    expect(generatedFunctionCount()).toBe(0);
  });
});
