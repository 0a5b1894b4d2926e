/**
 * Notices of a roll-up: why returns were not counted (nothing silent). Each code's wording is
 * written once here, in Japanese and English, with typed parameters; the generic wording and
 * severity are in the issue catalogue.
 */
import type { LocalizedText } from '../i18n/text.js';
import { ISSUE_CODES } from '../returns/codes.js';
import type { IssueSeverity } from '../returns/types.js';

/** Codes of roll-up notices (entries of the issue catalogue). */
export type RollupNoticeCode =
  | 'rollup_nothing_counted'
  | 'rollup_template_not_used'
  | 'rollup_template_unknown'
  | 'rollup_other_fiscal_year'
  | 'rollup_duplicate_submission';

/** Why a roll-up left returns out, or counted nothing. */
export interface RollupNotice {
  code: RollupNoticeCode;
  severity: IssueSeverity;
  message: LocalizedText;
  /** Ids of the submissions concerned. */
  submissions: string[];
}

function notice(code: RollupNoticeCode, message: LocalizedText, submissions: string[]): RollupNotice {
  return { code, severity: ISSUE_CODES[code].severity, message, submissions };
}

const list = (ids: string[]) => ids.join(', ');

/** The reasons a roll-up can give for counting nothing. */
export type NothingCountedReason = 'no-returns' | 'none-of-flow' | 'none-of-year' | 'none-in-scope' | 'all-left-out';

const NOTHING: Record<NothingCountedReason, LocalizedText> = {
  'no-returns': { ja: '報告が1件も渡されていません', en: 'no return was given' },
  'none-of-flow': { ja: 'この集計の報告の流れの様式の報告がありません', en: 'no return has the template of the flows rolled up' },
  'none-of-year': { ja: 'この年度の行がありません', en: 'no row is of this fiscal year' },
  'none-in-scope': { ja: '集計する範囲の行がありません', en: 'no row is within the unit rolled up' },
  'all-left-out': { ja: '該当する報告はすべて除外されました（エラー・差戻し・未受理）', en: 'every matching return was left out (errors, sent back or not accepted)' },
};

/** @internal The messages of each notice code. */
export const NOTICE = {
  nothingCounted: (p: { title: LocalizedText; reason: NothingCountedReason }) =>
    notice(
      'rollup_nothing_counted',
      {
        ja: `「${p.title.ja}」で数えた報告はありません：${NOTHING[p.reason].ja}。`,
        en: `"${p.title.en}" counted no return: ${NOTHING[p.reason].en}.`,
      },
      [],
    ),
  templateNotUsed: (p: { templateId: string; template: LocalizedText; flows: LocalizedText[]; ids: string[] }) =>
    notice(
      'rollup_template_not_used',
      {
        ja: `様式「${p.template.ja}」（${p.templateId}）の報告 ${p.ids.length} 件は、この集計（${p.flows.map((f) => f.ja).join('・') || '報告の流れなし'}）では読みません：${list(p.ids)}`,
        en: `${p.ids.length} return(s) of template "${p.template.en}" (${p.templateId}) are not read by this roll-up (${p.flows.map((f) => f.en).join(', ') || 'no flow'}): ${list(p.ids)}`,
      },
      p.ids,
    ),
  templateUnknown: (p: { ids: string[] }) =>
    notice(
      'rollup_template_unknown',
      {
        ja: `様式が判定できなかった報告 ${p.ids.length} 件は集計していません：${list(p.ids)}`,
        en: `${p.ids.length} return(s) whose template was not recognised are not counted: ${list(p.ids)}`,
      },
      p.ids,
    ),
  otherFiscalYear: (p: { fiscalYear: LocalizedText; rows: number; ids: string[] }) =>
    notice(
      'rollup_other_fiscal_year',
      {
        ja: `${p.fiscalYear.ja}以外の年度の行 ${p.rows} 行は数えていません：${list(p.ids)}`,
        en: `${p.rows} row(s) of another fiscal year than ${p.fiscalYear.en} are not counted: ${list(p.ids)}`,
      },
      p.ids,
    ),
  duplicate: (p: { ids: string[] }) =>
    notice(
      'rollup_duplicate_submission',
      {
        ja: `同じ報告が2回以上渡されたため、1回だけ数えました：${list(p.ids)}`,
        en: `The same return was given more than once and is counted once: ${list(p.ids)}`,
      },
      p.ids,
    ),
};
