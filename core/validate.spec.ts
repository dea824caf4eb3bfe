import 'reflect-metadata';
import { expect } from 'chai';
import { describeErrors, validateArgs } from './validate.js';
import { ArrayMaxSize, IsEmail, IsInt, Min } from './validators.js';

class Input {
  @IsEmail({}, { each: true }) @ArrayMaxSize(2) to: string[];
  @IsInt() @Min(1) count: number;
}

describe('argument validation messages', () => {
  it('names each field once, without the property name repeated, and list items read "each value must…"', async () => {
    const { errors } = await validateArgs(Input, { to: ['a@example.com', 'nope', 'x', 'y'], count: 0, extra: true });
    const text = describeErrors('fx', errors);
    expect(text).to.contain('- to: ').and.contain('each value must be an email');
    expect(text).not.to.contain('each value in');
    expect(text).to.contain('- count: must not be less than 1');
    expect(text).to.contain('- extra: is not a parameter of this tool');
  });
});
