/**
 * Plan checks: a row against the plan once its cells are read — units in their parent and valid
 * on the report date, initiatives of the unit's plan, the fiscal year within the plan's terms,
 * and the report date within the year's window and its period's.
 */
import { periodWindowRowIssue, periodWindows } from '../../plan/period-window.js';
import type { Plan, Term, Unit } from '../../plan/schema.js';
import { getUnit, termOfFiscalYear } from '../../plan/queries.js';
import type { LocalDate } from '../../period/index.js';
import { displayValue } from '../cells.js';
import type { CompiledField, CompiledTemplate } from '../compile.js';
import type { FieldValue } from '../types.js';
import type { At, Run } from './run.js';
import { ISSUE_CODES } from '../codes.js';
import { issueText, type IssueParams } from '../messages/index.js';
import type { LocalizedText } from '../../i18n/text.js';

/** The codes raised with words written once per pair of values (PlanChecks.raiseKnown). */
type OnceCode = 'unit_not_in_parent' | 'initiative_not_in_ward' | 'date_outside_fiscal_year' | 'date_in_future';

/** Words written once per pair of values (see PlanChecks.raiseKnown). */
class Words {
  private readonly byFirst = new Map<unknown, Map<unknown, LocalizedText>>();

  get(a: unknown, b: unknown): LocalizedText | undefined {
    return this.byFirst.get(a)?.get(b);
  }

  set(a: unknown, b: unknown, words: LocalizedText): void {
    let m = this.byFirst.get(a);
    if (m === undefined) this.byFirst.set(a, (m = new Map()));
    m.set(b, words);
  }
}

/** The plan checks of one grid, with what they remember from row to row. */
export class PlanChecks {
  private readonly plan: Plan;
  private readonly unitFields: CompiledField[];
  private readonly initiativeFields: CompiledField[];
  private readonly fyField: CompiledField | undefined;
  private readonly dateField: CompiledField | undefined;
  private readonly fyCol: number;
  private readonly dateCol: number;
  private readonly currentTerm: Term | undefined;
  private readonly firstTerm: number;
  private readonly lastTerm: number;
  // Rows of a return share one fiscal year: the answers for each year, and for the last one.
  private readonly fyStatus = new Map<number, number>();
  private lastFy = Number.NaN;
  private lastFyStatus = 0;
  private lastWindowFy = Number.NaN;
  private lastWindow: ReturnType<CompiledTemplate['window']> = null;
  private lastHasPeriods = false;
  // The words of each issue raised with raiseKnown: per unit field, per initiative field, and for
  // the two date codes, by the pair of values they depend on.
  private readonly unitWords: Words[];
  private readonly initiativeWords: Words[];
  private readonly outsideWords = new Words();
  private readonly futureWords = new Words();

  /**
   * Checks for no template, made only to keep the class's shape (and its words') alive between
   * calls: validate.ts, `_keepShapes`.
   */
  static shapeOnly(): PlanChecks {
    const ct = { plan: { terms: [] }, fields: [], fyIndex: -1, dateIndex: -1 } as unknown as CompiledTemplate;
    return new PlanChecks(ct, new Int32Array(0), '2000-01-01');
  }

  constructor(
    private readonly ct: CompiledTemplate,
    private readonly colOf: Int32Array,
    private readonly today: LocalDate,
  ) {
    const plan = ct.plan;
    const fields = ct.fields;
    this.plan = plan;
    this.unitFields = fields.filter((f) => f.field.type === 'unit');
    this.initiativeFields = fields.filter((f) => f.field.type === 'initiative' && f.dependsOn >= 0);
    this.unitWords = this.unitFields.map(() => new Words());
    this.initiativeWords = this.initiativeFields.map(() => new Words());
    this.fyField = ct.fyIndex >= 0 ? fields[ct.fyIndex] : undefined;
    this.dateField = ct.dateIndex >= 0 ? fields[ct.dateIndex] : undefined;
    this.fyCol = ct.fyIndex >= 0 ? (colOf[ct.fyIndex] ?? -1) : -1;
    this.dateCol = ct.dateIndex >= 0 ? (colOf[ct.dateIndex] ?? -1) : -1;
    this.currentTerm = plan.terms.find((t) => t.number === plan.currentTerm);
    this.firstTerm = plan.terms.reduce((a, t) => Math.min(a, t.startFiscalYear), Infinity);
    this.lastTerm = plan.terms.reduce((a, t) => Math.max(a, t.endFiscalYear), -Infinity);
  }

  /**
   * Raises `code` with the words already written for the pair `a`, `b` in `words` — the values
   * its parameters depend on besides the field — and says whether there were any; else
   * {@link raiseNew} writes them. Speed: a return that repeats one wrong date or unit on every row
   * builds its words once, not on every row; the pair needs no key text built, and the words'
   * parameters are not even gathered when they are known.
   */
  private raiseKnown(run: Run, code: OnceCode, at: At, words: Words, a: unknown, b: unknown): boolean {
    const said = words.get(a, b);
    if (said === undefined) return false;
    run.raiseText(code, ISSUE_CODES[code].severity, at, said);
    return true;
  }

  /** Raises `code` with words written from `params`, kept for the pair `a`, `b` ({@link raiseKnown}). */
  private raiseNew<C extends OnceCode>(run: Run, code: C, at: At, words: Words, a: unknown, b: unknown, params: IssueParams[C]): void {
    const said = issueText(code, params);
    words.set(a, b, said);
    run.raiseText(code, ISSUE_CODES[code].severity, at, said);
  }

  // The issues of a row, each in its own method, none with a closure: a closure in `row` that
  // captured its values made V8 allocate a context for them at every row, whether or not anything
  // was raised (30 of the 41 MB a 100k-row call with 10 % bad rows allocated).

  /** The same pair of names on many rows: their words are written once. */
  private unitNotInParent(run: Run, at: At, u: number, f: CompiledField, code: string, parent: string, unit: Unit): void {
    const words = this.unitWords[u] as Words;
    if (this.raiseKnown(run, 'unit_not_in_parent', at, words, code, parent)) return;
    this.raiseNew(run, 'unit_not_in_parent', at, words, code, parent, {
      field: f.label,
      unit: unit.name,
      parent: getUnit(this.plan, parent)?.name ?? { ja: parent, en: parent },
      actual: (unit.parent === undefined ? undefined : getUnit(this.plan, unit.parent))?.name ?? null,
    });
  }

  private unitNotValidOn(run: Run, at: At, f: CompiledField, unit: Unit, date: string): void {
    const ended = unit.validTo !== undefined && date > unit.validTo;
    const successors = ended ? this.plan.units.filter((x) => x.successorOf?.includes(unit.code)).map((x) => x.name) : [];
    run.raise('unit_not_valid_on_date', at, { field: f.label, unit: unit.name, date, ended, bound: String(ended ? unit.validTo : unit.validFrom), successors });
  }

  private initiativeNotInWard(run: Run, at: At, u: number, f: CompiledField, code: string, ward: string): void {
    const words = this.initiativeWords[u] as Words;
    if (this.raiseKnown(run, 'initiative_not_in_ward', at, words, code, ward)) return;
    this.raiseNew(run, 'initiative_not_in_ward', at, words, code, ward, {
      field: f.label,
      code,
      initiative: this.plan.initiatives.find((x) => x.code === code)?.name ?? null,
      ward: getUnit(this.plan, ward)?.name ?? { ja: ward, en: ward },
    });
  }

  private dateOutsideYear(run: Run, at: At, label: LocalizedText, date: string, fy: number, w: NonNullable<ReturnType<CompiledTemplate['window']>>): void {
    if (this.raiseKnown(run, 'date_outside_fiscal_year', at, this.outsideWords, date, fy)) return;
    this.raiseNew(run, 'date_outside_fiscal_year', at, this.outsideWords, date, fy, { field: label, date, fy, start: w.start, fyEnd: w.fyEnd, closing: w.end });
  }

  private dateInFuture(run: Run, at: At, label: LocalizedText, date: string): void {
    if (this.raiseKnown(run, 'date_in_future', at, this.futureWords, date, null)) return;
    this.raiseNew(run, 'date_in_future', at, this.futureWords, date, null, { field: label, date, today: this.today });
  }

  /** Where a report-date issue of grid row `r` is raised: its date cell. */
  private dateAt(r: number, row: readonly unknown[]): At {
    return { r, c: this.dateCol, field: this.dateField?.key, value: row[this.dateCol] };
  }

  /** Where a fiscal-year issue of grid row `r` is raised: its 年度 cell. */
  private fyAt(r: number, row: readonly unknown[]): At {
    return { r, c: this.fyCol, field: this.fyField?.key, value: row[this.fyCol] };
  }

  /**
   * Checks grid row `r` (its raw cells `row`, its values `vals`, 1 in `failed` for a field that
   * could not be read); `fy` and `date` are the row's fiscal year and report date, or null.
   */
  row(run: Run, r: number, row: readonly unknown[], vals: readonly FieldValue[], failed: Uint8Array, fy: FieldValue | undefined, date: FieldValue | undefined): void {
    // Index loops: this runs per row, and `for…of` allocates an iterator whenever V8 runs the
    // method unoptimised (after a deoptimisation): 40 MB for 100k rows with 10 % bad rows.
    const unitFields = this.unitFields;
    for (let u = 0; u < unitFields.length; u++) {
      const f = unitFields[u] as CompiledField;
      const code = vals[f.index];
      if (typeof code !== 'string') continue;
      const c = this.colOf[f.index] ?? -1;
      const unit = this.ct.units.get(code);
      if (unit === undefined) continue;
      if (f.dependsOn >= 0 && failed[f.dependsOn] === 0) {
        const parent = vals[f.dependsOn];
        if (typeof parent === 'string' && unit.parent !== parent) {
          this.unitNotInParent(run, { r, c, field: f.key, value: row[c] }, u, f, code, parent, unit);
        }
      }
      if (typeof date === 'string' && ((unit.validTo !== undefined && date > unit.validTo) || (unit.validFrom !== undefined && date < unit.validFrom)))
        this.unitNotValidOn(run, { r, c, field: f.key, value: row[c] }, f, unit, date);
    }

    const initiativeFields = this.initiativeFields;
    for (let u = 0; u < initiativeFields.length; u++) {
      const f = initiativeFields[u] as CompiledField;
      const code = vals[f.index];
      const ward = failed[f.dependsOn] === 0 ? vals[f.dependsOn] : null;
      if (typeof code !== 'string' || typeof ward !== 'string') continue;
      const allowed = this.ct.initiativesByUnit.get(ward);
      if (allowed === undefined || allowed.has(code)) continue;
      const c = this.colOf[f.index] ?? -1;
      this.initiativeNotInWard(run, { r, c, field: f.key, value: row[c] }, u, f, code, ward);
    }

    if (typeof fy === 'number' && this.fyField !== undefined) {
      let st = fy === this.lastFy ? this.lastFyStatus : this.fyStatus.get(fy);
      if (st === undefined) {
        st = termOfFiscalYear(this.plan, fy) === undefined ? 1 : this.currentTerm && (fy < this.currentTerm.startFiscalYear || fy > this.currentTerm.endFiscalYear) ? 2 : 0;
        this.fyStatus.set(fy, st);
      }
      this.lastFy = fy;
      this.lastFyStatus = st;
      if (st === 1) run.raise('fiscal_year_outside_plan', this.fyAt(r, row), { field: this.fyField.label, typed: displayValue(row[this.fyCol]), fy, first: this.firstTerm, last: this.lastTerm });
      else if (st === 2 && this.currentTerm) {
        run.raise('fiscal_year_not_current_term', this.fyAt(r, row), {
          field: this.fyField.label,
          typed: displayValue(row[this.fyCol]),
          fy,
          term: this.currentTerm.number,
          start: this.currentTerm.startFiscalYear,
          end: this.currentTerm.endFiscalYear,
        });
      }
    }

    if (typeof date === 'string' && this.dateField !== undefined) {
      const w: ReturnType<CompiledTemplate['window']> = typeof fy === 'number' ? (fy === this.lastWindowFy ? this.lastWindow : this.ct.window(fy)) : null;
      if (typeof fy === 'number' && fy !== this.lastWindowFy) {
        this.lastWindowFy = fy;
        this.lastWindow = w;
        // Most templates have no periods within the year: then no row needs the period check.
        this.lastHasPeriods = w !== null && periodWindows(this.plan, this.ct.template.id, fy).length > 0;
      }
      // Reported after the closing date: still the year's report, but late (期限後).
      const label = this.dateField.label;
      if (w !== null && date > w.end && date <= this.today) run.raise('report_after_closing', this.dateAt(r, row), { field: label, date, fy: fy as number, closing: w.end });
      else if (w !== null && date < w.start) this.dateOutsideYear(run, this.dateAt(r, row), label, date, fy as number, w);
      else if (date > this.today) this.dateInFuture(run, this.dateAt(r, row), label, date);
      // A report date outside its period's window (interim / year-end): plan/period-window.ts.
      const pw = w !== null && this.lastHasPeriods && date <= this.today ? periodWindowRowIssue(this.plan, this.ct.template, fy, date, vals) : null;
      if (pw?.code === 'report_after_period_closing') run.raise(pw.code, this.dateAt(r, row), { field: this.dateField.label, date, window: pw.window });
      else if (pw) {
        run.raise(pw.code, this.dateAt(r, row), {
          field: this.dateField.label,
          date,
          window: 'window' in pw ? pw.window : null,
          period: 'period' in pw && typeof pw.period === 'number' ? pw.period : null,
          windows: 'windows' in pw ? [...pw.windows] : [],
        });
      }
    }
  }
}
