/**
 * The one boundary where zod's issues become ours: a JSON path and a message in Japanese and
 * English. Nothing outside this module depends on the shape of a ZodError.
 */
import type * as z from 'zod';
import type { PlanIssue } from './load.js';

type ZodIssue = z.core.$ZodIssue;

const TYPE_JA: Record<string, string> = {
  string: '文字列',
  number: '数値',
  boolean: '真偽値（true / false）',
  object: 'オブジェクト',
  array: '配列',
  int: '整数',
  undefined: 'なし',
};

/** JSON Pointer of a zod path: `['flows', 2, 'to']` → `/flows/2/to`. */
export function toJsonPointer(path: readonly PropertyKey[]): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

const MISSING = { ja: '必須の項目がありません。', en: 'This required property is missing.' };

function oneOf(values: readonly unknown[]): { ja: string; en: string } {
  const list = values.map(String).join(', ');
  return { ja: `次のいずれかである必要があります: ${list}`, en: `Must be one of: ${list}` };
}

function describe(issue: ZodIssue): { ja: string; en: string } {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = String(issue.expected);
      // Needs the parse's `reportInput: true`: without it zod leaves `input` out of every issue.
      if (issue.input === undefined) return MISSING;
      return {
        ja: `${TYPE_JA[expected] ?? expected}である必要があります。`,
        en: `Expected ${expected === 'int' ? 'an integer' : `a ${expected}`}.`,
      };
    }
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'array')
        return { ja: `${min}件以上必要です。`, en: `Needs at least ${min} item(s).` };
      if (issue.origin === 'string')
        return { ja: `${min}文字以上必要です。`, en: `Needs at least ${min} character(s).` };
      return { ja: `${min}以上である必要があります。`, en: `Must be at least ${min}.` };
    }
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'array') return { ja: `${max}件以下にしてください。`, en: `At most ${max} item(s).` };
      if (issue.origin === 'string')
        return { ja: `${max}文字以下にしてください。`, en: `At most ${max} character(s).` };
      return { ja: `${max}以下である必要があります。`, en: `Must be at most ${max}.` };
    }
    case 'invalid_format':
      return {
        ja: `形式が正しくありません（${issue.message}）。`,
        en: `Wrong format (${issue.message}).`,
      };
    case 'unrecognized_keys':
      return {
        ja: `知らない項目があります: ${issue.keys.join(', ')}`,
        en: `Unknown propert${issue.keys.length > 1 ? 'ies' : 'y'}: ${issue.keys.join(', ')}`,
      };
    case 'invalid_value':
      return oneOf(issue.values);
    case 'invalid_union': {
      // A discriminated union (a field by its `type`, a closing rule by its `kind`) whose
      // discriminator matches no option: say which values it takes, as for an enum.
      if (issue.discriminator !== undefined && 'options' in issue && issue.options !== undefined) {
        const input: unknown = issue.input;
        const value = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[issue.discriminator] : undefined;
        if (value === undefined) return MISSING;
        return oneOf(issue.options);
      }
      return { ja: 'どの形式にも当てはまりません。', en: 'Matches none of the allowed forms.' };
    }
    case 'not_multiple_of':
      return { ja: `${String(issue.divisor)}の倍数である必要があります。`, en: `Must be a multiple of ${String(issue.divisor)}.` };
    case 'invalid_key':
      return { ja: 'キーが正しくありません。', en: 'Invalid key.' };
    case 'invalid_element':
      return { ja: '要素が正しくありません。', en: 'Invalid element.' };
    default:
      return { ja: `値が正しくありません（${issue.message}）。`, en: issue.message };
  }
}

/**
 * Translates zod issues into plan issues, one per problem, with JSON paths.
 *
 * @example
 * ```ts
 * const r = PlanSchema.safeParse(json);
 * if (!r.success) zodIssuesToPlanIssues(r.error.issues);
 * ```
 */
export function zodIssuesToPlanIssues(issues: readonly ZodIssue[]): PlanIssue[] {
  return issues.map((issue) => ({
    code: 'plan_schema',
    severity: 'error',
    path: toJsonPointer(issue.path),
    message: describe(issue),
  }));
}
