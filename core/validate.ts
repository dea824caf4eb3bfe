import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from './validators.js';

export interface FieldError {
  field: string;
  message: string;
}

/** Validates plain arguments against an input class: unknown fields rejected, every bad field named. */
export async function validateArgs<T extends object>(cls: new () => T, args: Record<string, unknown>): Promise<{ value: T; errors: FieldError[] }> {
  const value = plainToInstance(cls, args, { enableImplicitConversion: false, exposeDefaultValues: true }) as T;
  if (Array.isArray(value) || typeof value !== 'object') {
    return { value, errors: [{ field: '(arguments)', message: 'must be an object' }] };
  }
  const errors = await validate(value, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false, validationError: { target: false, value: false } });
  return { value, errors: flatten(errors) };
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    for (const [kind, msg] of Object.entries(e.constraints ?? {})) {
      out.push({ field, message: kind === 'whitelistValidation' ? 'is not a parameter of this tool' : msg.replace(new RegExp(`^(each value in )?${escape(e.property)} `), (_, each) => (each ? 'each value ' : '')) });
    }
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The agent-facing text of validation errors: one line per field. */
export function describeErrors(tool: string, errors: FieldError[]): string {
  const byField = new Map<string, string[]>();
  for (const e of errors) byField.set(e.field, [...(byField.get(e.field) ?? []), e.message]);
  return `Invalid arguments for ${tool}:\n` + [...byField].map(([f, m]) => `- ${f}: ${m.join('; ')}`).join('\n');
}
