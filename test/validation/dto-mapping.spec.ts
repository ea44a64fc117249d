import { Expose, instanceToPlain, plainToInstance, Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString } from 'class-validator';
import { toInstance, toPlain } from '../../lib/validation/dto-mapping.js';
import { generatedFunctionCount } from '../../lib/validation/generated-code.js';
import { validateInput } from '../../lib/validation/validate-input.js';
import { describeDtoMappingContract } from './dto-mapping.cases.js';

describeDtoMappingContract('with generated code');

describe('generated code', () => {
  it('is generated for the DTO paths (this run tests it, not the generic loops)', () => {
    expect(generatedFunctionCount()).toBeGreaterThan(0);
  });

  it('is made for at most 32 shapes of input per class, whatever inputs come', () => {
    class ManyShapes {
      @IsOptional() @IsInt() a?: number;
      @IsOptional() @IsInt() b?: number;
      @IsOptional() @IsInt() c?: number;
      @IsOptional() @IsInt() d?: number;
      @IsOptional()
      @IsString()
      @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value), {
        toClassOnly: true,
      })
      e?: string;
    }
    const keys = ['a', 'b', 'c', 'd', 'e'] as const;
    const values: Record<(typeof keys)[number], unknown> = { a: 1, b: 2, c: 3, d: 4, e: ' x ' };
    const before = generatedFunctionCount();
    // 120 orders of the five keys, each a different shape, then every subset: still exactly class-transformer.
    const orders: string[][] = [];
    const permute = (rest: string[], done: string[]): void => {
      if (rest.length === 0) orders.push(done);
      rest.forEach((key, i) => permute([...rest.slice(0, i), ...rest.slice(i + 1)], [...done, key]));
    };
    permute([...keys], []);
    for (let mask = 1; mask < 32; mask++) orders.push(keys.filter((_, i) => mask & (1 << i)));
    for (const order of orders) {
      const plain = Object.fromEntries(order.map((key) => [key, values[key as (typeof keys)[number]]]));
      expect(toInstance(ManyShapes, plain)).toStrictEqual(plainToInstance(ManyShapes, plain));
      expect(validateInput(ManyShapes, plain)).toStrictEqual(plainToInstance(ManyShapes, plain));
      const instance = plainToInstance(ManyShapes, plain);
      expect(toPlain(instance)).toStrictEqual(instanceToPlain(instance));
    }
    // Readers for at most 32 shapes, writers for at most 32, and one rule check for the class.
    expect(generatedFunctionCount() - before).toBeLessThanOrEqual(32 + 32 + 1);
  });

  it('writes a wire name `__proto__` as a property, as class-transformer does, not as the prototype', () => {
    class ProtoName {
      @Expose({ name: '__proto__', toPlainOnly: true })
      value?: string;
    }
    const instance = Object.assign(new ProtoName(), { value: 'x' });
    const plain = toPlain(instance);
    expect(plain).toStrictEqual(instanceToPlain(instance));
    expect(Object.getPrototypeOf(plain)).toBe(Object.getPrototypeOf(instanceToPlain(instance)));
  });
});
