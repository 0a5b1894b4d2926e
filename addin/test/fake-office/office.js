/*
 * A fake office.js for tests: an in-memory Excel workbook behind the parts of the Office.js API
 * the add-in uses, with the real batch semantics — operations are queued and run in order at
 * `context.sync()`, and reading a property that was not loaded (or not yet synced) THROWS
 * PropertyNotLoaded like Excel does. It counts syncs and the JSON bytes of each request and
 * response, refuses payloads over 5 MB like Excel on the web, and records what a test needs to
 * check: values, number formats, formulas, fills, conditional formats, data validation, tables,
 * charts, freeze panes, settings, custom XML parts and the selection.
 *
 * Loaded by Playwright in place of https://appsforoffice.microsoft.com/lib/1/hosted/office.js,
 * and by vitest through test/fake-office/install.ts. Plain ES2020, no dependencies.
 */
(function (global) {
  'use strict';

  const PAYLOAD_LIMIT = 5 * 1024 * 1024;
  const MAX_ROWS = 1048576;
  const MAX_COLS = 16384;
  const ADDRESS_LIMIT = 8192;

  // ----------------------------------------------------------------------------------------------
  // Errors

  class OfficeError extends Error {
    constructor(code, message) {
      super(message);
      this.name = 'RichApi.Error';
      this.code = code;
      this.debugInfo = { code, message };
    }
  }
  const fail = (code, message) => {
    throw new OfficeError(code, message);
  };

  // ----------------------------------------------------------------------------------------------
  // Addresses

  function colIndex(letters) {
    let n = 0;
    for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
    return n - 1;
  }
  function colLetters(i) {
    let n = i + 1;
    let s = '';
    while (n > 0) {
      const r = (n - 1) % 26;
      s = String.fromCharCode(65 + r) + s;
      n = Math.floor((n - 1) / 26);
    }
    return s;
  }
  function a1(r, c) {
    return colLetters(c) + (r + 1);
  }
  function quoteSheet(name) {
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : "'" + name.replace(/'/g, "''") + "'";
  }
  function rectAddress(rect) {
    const tl = a1(rect.r0, rect.c0);
    if (rect.r0 === rect.r1 && rect.c0 === rect.c1) return tl;
    return tl + ':' + a1(rect.r1, rect.c1);
  }
  /** Parses one area: A1, A1:B2, $A$1, A:C (columns), 3:5 (rows). Sheet prefix allowed. */
  function parseArea(text) {
    let s = text.trim();
    let sheet = null;
    const bang = s.lastIndexOf('!');
    if (bang >= 0) {
      sheet = s.slice(0, bang);
      if (sheet.startsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
      s = s.slice(bang + 1);
    }
    s = s.replace(/\$/g, '');
    let m = /^([A-Za-z]{1,3})(\d+)(?::([A-Za-z]{1,3})(\d+))?$/.exec(s);
    if (m) {
      const r0 = Number(m[2]) - 1;
      const c0 = colIndex(m[1]);
      const r1 = m[3] ? Number(m[4]) - 1 : r0;
      const c1 = m[3] ? colIndex(m[3]) : c0;
      return { sheet, r0: Math.min(r0, r1), c0: Math.min(c0, c1), r1: Math.max(r0, r1), c1: Math.max(c0, c1) };
    }
    m = /^([A-Za-z]{1,3}):([A-Za-z]{1,3})$/.exec(s);
    if (m) return { sheet, r0: 0, r1: MAX_ROWS - 1, c0: colIndex(m[1]), c1: colIndex(m[2]), entireColumn: true };
    m = /^(\d+):(\d+)$/.exec(s);
    if (m) return { sheet, r0: Number(m[1]) - 1, r1: Number(m[2]) - 1, c0: 0, c1: MAX_COLS - 1, entireRow: true };
    fail('InvalidArgument', 'The argument is invalid or missing or has an incorrect format: ' + text);
  }
  const intersects = (a, b) => a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;

  // ----------------------------------------------------------------------------------------------
  // The workbook model

  /** Test hook: the next action with this label fails (to test clean-up after a failed batch). */
  const failures = new Map();
  function injectedFailure(label) {
    const left = failures.get(label) || 0;
    if (left <= 0) return;
    if (left === 1) failures.delete(label);
    else failures.set(label, left - 1);
    fail('GeneralException', 'Injected failure at ' + label + '.');
  }

  let typingLocale = null;
  /** The workbook counts dates from 1904 (Excel for Mac's old default): serials are 1,462 days lower. */
  let date1904 = false;
  let idSeq = 0;
  let excelApi = [1, 17];
  const apiAtLeast = (version) => {
    const [major, minor] = String(version).split('.').map(Number);
    return excelApi[0] > major || (excelApi[0] === major && excelApi[1] >= (minor || 0));
  };
  const newId = (prefix) => '{' + prefix + '-' + String(++idSeq).padStart(8, '0') + '}';

  function emptyCell() {
    return { value: '', formula: null, numberFormat: 'General', fill: null, fontColor: null, bold: false, fontSize: null, wrap: false, valign: null };
  }

  class SheetData {
    constructor(name) {
      this.id = newId('sheet');
      this.name = name;
      this.visibility = 'Visible';
      this.rows = [];
      this.cfs = [];
      this.validations = [];
      this.charts = [];
      this.frozenRows = 0;
      this.columnWidths = {};
      /** Worksheet custom properties (ExcelApi 1.12): lower-cased key → { key, value }. */
      this.customProperties = new Map();
      /** Worksheet-scoped names: lower-cased name → { name, formula }. */
      this.names = new Map();
      /** Merged areas ({ r0, c0, r1, c1 }), each at least two cells; see strictMerge. */
      this.merges = [];
      /** 0-based indexes of hidden rows. */
      this.hiddenRows = new Set();
    }
    /** The merged area covering (r, c) other than at its top-left cell, or null. */
    coveringMerge(r, c) {
      return this.merges.find((m) => r >= m.r0 && r <= m.r1 && c >= m.c0 && c <= m.c1 && (r !== m.r0 || c !== m.c0)) || null;
    }
    cell(r, c, create) {
      let row = this.rows[r];
      if (!row) {
        if (!create) return null;
        row = this.rows[r] = [];
      }
      let cell = row[c];
      if (!cell && create) cell = row[c] = emptyCell();
      return cell || null;
    }
    usedRect(valuesOnly) {
      let r0 = Infinity, c0 = Infinity, r1 = -1, c1 = -1;
      this.rows.forEach((row, r) => {
        if (!row) return;
        row.forEach((cell, c) => {
          if (!cell) return;
          const has = cell.value !== '' || cell.formula !== null || (!valuesOnly && (cell.numberFormat !== 'General' || cell.fill !== null));
          if (!has) return;
          if (r < r0) r0 = r;
          if (r > r1) r1 = r;
          if (c < c0) c0 = c;
          if (c > c1) c1 = c;
        });
      });
      return r1 < 0 ? null : { r0, c0, r1, c1 };
    }
  }

  class WorkbookData {
    constructor() {
      this.sheets = [];
      this.tables = [];
      this.settings = new Map();
      this.parts = [];
      this.activeId = null;
      this.selection = null;
      /** Calculations the add-in asked for (Application.calculate), in order. */
      this.calculations = [];
      this.addSheet('Sheet1');
    }
    addSheet(name) {
      const wanted = name || 'Sheet' + (this.sheets.length + 1);
      if (this.sheets.some((s) => s.name.toLowerCase() === wanted.toLowerCase()))
        fail('ItemAlreadyExists', 'A resource with the same name or identifier already exists: ' + wanted);
      if (wanted.length > 31 || /[[\]:*?/\\]/.test(wanted)) fail('InvalidArgument', 'Invalid sheet name: ' + wanted);
      strictSheetName(wanted);
      const s = new SheetData(wanted);
      this.sheets.push(s);
      if (!this.activeId) this.activeId = s.id;
      return s;
    }
    sheet(key) {
      return this.sheets.find((s) => s.id === key || s.name.toLowerCase() === String(key).toLowerCase()) || null;
    }
    active() {
      return this.sheet(this.activeId) || this.sheets[0];
    }
  }

  // Excel's reading of a typed or written string in a cell that is not text-formatted.
  const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
  const DATE = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/;
  function serialOf(y, m, d) {
    const t = Date.UTC(y, m - 1, d);
    const dt = new Date(t);
    if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
    return Math.round((t - Date.UTC(1899, 11, 30)) / 86400000) - (date1904 ? 1462 : 0);
  }
  /**
   * What the fake can compute: HYPERLINK, a text constant, and SUM of one block on the same sheet
   * (worked out when the formula is entered; later edits above it do not recalculate it).
   */
  function evaluateFormula(formula, sheet) {
    const sum = /^=SUM\(\$?([A-Za-z]{1,3})\$?(\d+):\$?([A-Za-z]{1,3})\$?(\d+)\)$/i.exec(formula);
    if (sum && sheet) {
      const a = parseArea(sum[1] + sum[2] + ':' + sum[3] + sum[4]);
      let total = 0;
      rectCells(a, (r, c) => {
        const cell = sheet.cell(r, c, false);
        if (cell && typeof cell.value === 'number') total += cell.value;
      });
      return { value: total };
    }
    const m = /^=HYPERLINK\("((?:[^"]|"")*)","((?:[^"]|"")*)"\)$/.exec(formula);
    if (m) return { value: m[2].replace(/""/g, '"'), hyperlink: m[1].replace(/""/g, '"') };
    const text = /^="((?:[^"]|"")*)"$/.exec(formula);
    if (text) return { value: text[1].replace(/""/g, '"') };
    return { value: '#NAME?' };
  }
  function enter(cell, input, mode, sheet) {
    cell.formula = null;
    cell.hyperlink = undefined;
    if (input === null || input === undefined) return; // null leaves the cell as it is
    strictCellText(input);
    if (typeof input !== 'string') {
      cell.value = input;
      return;
    }
    if (cell.numberFormat === '@') {
      cell.value = input; // text cells keep text, formulas included
      return;
    }
    if (mode === 'typed' && input.startsWith("'")) {
      cell.value = input.slice(1); // a leading apostrophe types text
      return;
    }
    if (input.length > 1 && /^[=+\-@]/.test(input) && !NUMERIC.test(input.replace(/,/g, ''))) {
      strictFormulaLength(input);
      cell.formula = input.startsWith('=') ? input : '=' + input.slice(input.startsWith('@') ? 1 : 0);
      const ev = evaluateFormula(cell.formula, sheet);
      cell.value = ev.value;
      if (ev.hyperlink) cell.hyperlink = ev.hyperlink;
      return;
    }
    if (NUMERIC.test(input)) {
      cell.value = Number(input);
      return;
    }
    if (mode === 'typed' && typingLocale === 'ja-JP') {
      const ja = strictJapaneseTyping(input);
      if (ja) {
        cell.value = ja.value;
        if (ja.numberFormat && cell.numberFormat === 'General') cell.numberFormat = ja.numberFormat;
        return;
      }
    }
    const d = DATE.exec(input);
    if (d) {
      const serial = serialOf(Number(d[1]), Number(d[2]), Number(d[3]));
      if (serial !== null) {
        cell.value = serial;
        if (cell.numberFormat === 'General') cell.numberFormat = 'yyyy/m/d';
        return;
      }
    }
    cell.value = input;
  }

  // ----------------------------------------------------------------------------------------------
  // Strictness: where Excel refuses or behaves differently from a lenient fake. Each rule is one
  // function, named strict…, with a test of its own in test/unit/fake-strict.test.ts.

  /**
   * A batch that fails — a response over the size limit, or an action Excel refuses — fills none
   * of its loads: real office.js gets the response `Body: null` and processes no load of that
   * request, so what a proxy had loaded before stays and nothing of the failed batch shows. (The
   * actions before the failing one HAVE run: Excel does not roll back a batch.)
   */
  function strictFailedBatchFillsNoLoads(ctx) {
    for (const [proxy, before] of ctx.staged) proxy._loaded = before;
    ctx.staged = new Map();
  }
  /**
   * Some rules a user made in Excel's UI cannot be read through the API (a second cellValue rule
   * on a range, a duplicated rule: office-js issues #6827, #6835): loading them fails the batch.
   * Tests make one with `addUserConditionalFormat(…, { unreadable: true })`.
   */
  function strictUnreadableUserRule(cf) {
    if (cf.unreadable) fail('GeneralException', 'There was an internal error while processing the request.');
  }
  /**
   * An API set the host lacks fails at sync with ApiNotFound, as real office.js does on an older
   * Excel. Tests lower the host's ExcelApi version with `setExcelApi('1.9')`.
   */
  function strictApiSet(version, what) {
    if (!apiAtLeast(version)) fail('ApiNotFound', 'The requested API (' + what + ', ExcelApi ' + version + ') is not supported on this host.');
  }
  /**
   * A custom property key is at most 255 characters (Excel.WorksheetCustomProperty.key); a string
   * constant in a formula, such as a name's `="…"`, at most 255 characters too.
   */
  function strictCustomPropertyKey(key) {
    if (typeof key !== 'string' || key.length === 0 || key.length > 255) fail('InvalidArgument', 'The custom property key must have 1 to 255 characters.');
  }
  function strictFormulaStrings(formula) {
    strictFormulaLength(formula);
    const re = /"((?:[^"]|"")*)"/g;
    let m;
    while ((m = re.exec(String(formula))) !== null)
      if (m[1].replace(/""/g, '"').length > 255) fail('InvalidArgument', 'Text values in formulas are limited to 255 characters.');
  }
  /**
   * Data validation: a prompt or error-alert title holds at most 32 characters, its message at
   * most 255, and a list source written inline at most 255 (Excel's data-validation dialog limits,
   * which the API enforces with InvalidArgument).
   */
  function strictValidationTexts(what, v) {
    if (!v || typeof v !== 'object') return;
    if (what === 'rule' && v.list && typeof v.list.source === 'string' && v.list.source.length > 255)
      fail('InvalidArgument', 'The list source is longer than 255 characters.');
    if (what !== 'rule') {
      if (typeof v.title === 'string' && v.title.length > 32) fail('InvalidArgument', 'The title is longer than 32 characters.');
      if (typeof v.message === 'string' && v.message.length > 255) fail('InvalidArgument', 'The message is longer than 255 characters.');
    }
  }
  /**
   * A formula holds at most 8,192 characters (Excel restricts a cell formula to 8,192: [MS-OI29500]
   * §2.1.1085, ST_Formula); the API refuses a longer one with InvalidArgument.
   */
  const FORMULA_LIMIT = 8192;
  function strictFormulaLength(formula) {
    if (String(formula).length > FORMULA_LIMIT) fail('InvalidArgument', 'A formula can hold at most 8,192 characters.');
  }
  /**
   * Table names follow Excel's rules for names: a letter, "_" or "\" first, then letters, digits,
   * "_" and "."; at most 255 characters; and none that reads as a cell reference (A1, R1C1, R, C).
   */
  function strictTableName(name) {
    const n = String(name);
    if (n.length > 255) fail('InvalidArgument', 'A table name can hold at most 255 characters.');
    if (!/^[\p{L}_\\][\p{L}\p{N}_.]*$/u.test(n)) fail('InvalidArgument', 'Invalid table name: ' + n);
    if (/^[A-Za-z]{1,3}\d+$/.test(n) || /^[Rr]\d*([Cc]\d*)?$/.test(n) || /^[Cc]\d*$/.test(n))
      fail('InvalidArgument', 'The table name reads as a cell reference: ' + n);
  }
  /** Sheet names: not empty, not "History" (reserved), no ' at the start or the end. */
  function strictSheetName(name) {
    const n = String(name);
    if (n.trim() === '') fail('InvalidArgument', 'A sheet name cannot be empty.');
    if (n.toLowerCase() === 'history') fail('InvalidArgument', 'History is a reserved sheet name.');
    if (n.startsWith("'") || n.endsWith("'")) fail('InvalidArgument', "A sheet name cannot begin or end with an apostrophe: " + n);
  }
  /**
   * CustomXmlPartCollection.add / CustomXmlPart.setXml (ExcelApi 1.5) take a well-formed XML
   * document and refuse anything else with InvalidArgument: one root element, tags closed in
   * order, attribute values quoted, no raw "<" or "&" in text (only the five named entities and
   * character references). A small scanner, enough for the parts an add-in writes.
   */
  function strictXml(xml) {
    const bad = (why) => fail('InvalidArgument', 'The XML is not well-formed: ' + why);
    const text = String(xml).replace(/^\uFEFF/, '').replace(/^<\?xml[^?]*\?>/, '');
    const stack = [];
    let roots = 0;
    let i = 0;
    const checkText = (t) => {
      if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(t)) bad('a bare "&"');
      if (stack.length === 0 && t.trim() !== '') bad('text outside the root element');
    };
    while (i < text.length) {
      const lt = text.indexOf('<', i);
      checkText(lt < 0 ? text.slice(i) : text.slice(i, lt));
      if (lt < 0) break;
      if (text.startsWith('<!--', lt)) {
        const end = text.indexOf('-->', lt + 4);
        if (end < 0) bad('an unclosed comment');
        i = end + 3;
        continue;
      }
      if (text.startsWith('<![CDATA[', lt)) {
        const end = text.indexOf(']]>', lt);
        if (end < 0 || stack.length === 0) bad('a misplaced CDATA section');
        i = end + 3;
        continue;
      }
      const gt = text.indexOf('>', lt);
      if (gt < 0) bad('a tag cut short');
      const tag = text.slice(lt + 1, gt);
      const close = /^\/([\w.:-]+)\s*$/.exec(tag);
      if (close) {
        if (stack.pop() !== close[1]) bad('</' + close[1] + '> closes nothing open');
      } else {
        const open = /^([\w.:-]+)((?:\s+[\w.:-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)$/.exec(tag);
        if (!open) bad('<' + tag.slice(0, 40) + '>');
        if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(open[2])) bad('a bare "&" in an attribute');
        if (stack.length === 0) roots++;
        if (roots > 1) bad('more than one root element');
        if (!open[3]) stack.push(open[1]);
      }
      i = gt + 1;
    }
    if (stack.length > 0) bad('<' + stack[stack.length - 1] + '> is not closed');
    if (roots === 0) bad('no root element');
  }
  /** Conditional formats: only Excel's types; a custom rule's formula starts with "=". */
  const CF_TYPES = ['Custom', 'DataBar', 'ColorScale', 'IconSet', 'TopBottom', 'PresetCriteria', 'ContainsText', 'CellValue'];
  function strictConditionalFormatType(type) {
    if (!CF_TYPES.includes(type)) fail('InvalidArgument', 'Unknown conditional format type: ' + type);
  }
  function strictCustomRuleFormula(formula) {
    if (typeof formula !== 'string' || !formula.startsWith('=')) fail('InvalidArgument', 'A conditional format formula must begin with "=": ' + formula);
  }
  /** A cell holds at most 32,767 characters. */
  function strictCellText(input) {
    if (typeof input === 'string' && input.length > 32767) fail('InvalidArgument', 'A cell can hold at most 32,767 characters.');
  }

  /**
   * Merged cells (Range.merge, ExcelApi 1.2): "the value of a merged range is specified in the cell
   * of the range's upper-left corner" (Range.Merge docs), so merging keeps the top-left value and
   * clears every other cell; `across` merges each row of the range on its own. Refused, before
   * anything changes: a merge touching a table (Excel has no merged cells inside a table: its
   * Merge & Center is unavailable there), and a merge that cuts through an existing merged area
   * (Excel's UI can only select whole merged areas; the fake refuses rather than guess). A merged
   * area wholly inside the new one is absorbed.
   */
  function strictMerge(wb, sheet, rect, across) {
    strictApiSet('1.2', 'Range.merge');
    if (wb.tables.some((t) => t.sheet === sheet && intersects(t.rect, rect))) fail('InvalidOperation', 'Cells in a table cannot be merged.');
    const areas = [];
    if (across) for (let r = rect.r0; r <= rect.r1; r++) areas.push({ r0: r, c0: rect.c0, r1: r, c1: rect.c1 });
    else areas.push({ r0: rect.r0, c0: rect.c0, r1: rect.r1, c1: rect.c1 });
    const inside = (m, a) => m.r0 >= a.r0 && m.r1 <= a.r1 && m.c0 >= a.c0 && m.c1 <= a.c1;
    for (const m of sheet.merges)
      if (intersects(m, rect) && !areas.some((a) => inside(m, a))) fail('InvalidOperation', 'Cannot change part of a merged cell: ' + rectAddress(m));
    for (const a of areas) {
      if (a.r0 === a.r1 && a.c0 === a.c1) continue; // one cell: nothing to merge
      sheet.merges = sheet.merges.filter((m) => !inside(m, a));
      rectCells(a, (r, c) => {
        if (r === a.r0 && c === a.c0) return;
        const cell = sheet.cell(r, c, false);
        if (cell) {
          cell.value = '';
          cell.formula = null;
          cell.hyperlink = undefined;
        }
      });
      sheet.merges.push(a);
    }
  }
  /** Range.unmerge (ExcelApi 1.2): every merged area the range touches comes apart; values stay where they are (top-left only). */
  function strictUnmerge(sheet, rect) {
    strictApiSet('1.2', 'Range.unmerge');
    sheet.merges = sheet.merges.filter((m) => !intersects(m, rect));
  }
  /**
   * A cell covered by a merged area other than its top-left holds nothing: a value or formula
   * written there (a 2-D array over a merged area, a paste) is dropped and only the top-left's is
   * kept. Returns true when the write to (r, c) is dropped.
   */
  function strictMergedWrite(sheet, r, c) {
    return sheet.merges.length > 0 && sheet.coveringMerge(r, c) !== null;
  }
  /**
   * Range.getMergedAreasOrNullObject (ExcelApi 1.13): the merged areas whose TOP-LEFT cell lies in
   * the range — a merged area that only runs into the range from above or the left is not found
   * (office-js issue #3611) — whole, as a RangeAreas; a null object when there are none; and more
   * than 512 merged areas fail ("this method will fail to return the result").
   */
  function strictMergedAreas(ref) {
    strictApiSet('1.13', 'Range.getMergedAreasOrNullObject');
    injectedFailure('getMergedAreas');
    const found = ref.sheet.merges
      .filter((m) => m.r0 >= ref.r0 && m.r0 <= ref.r1 && m.c0 >= ref.c0 && m.c0 <= ref.c1)
      .sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0);
    if (found.length > 512) fail('GeneralException', 'There are more than 512 merged areas in the range.');
    return found.length === 0 ? null : { sheet: ref.sheet, areas: found.map((m) => ({ ...m })) };
  }
  /**
   * Range.getRowProperties (ExcelApi 1.9): one object per row of the range holding only the
   * properties asked for; rowIndex is the 0-based sheet row. Hidden rows come from Range.rowHidden.
   */
  function strictRowProperties(ref, opts) {
    strictApiSet('1.9', 'Range.getRowProperties');
    guardBig(ref);
    const out = [];
    for (let r = ref.r0; r <= ref.r1; r++) {
      const p = {};
      if (opts && opts.rowIndex) p.rowIndex = r;
      if (opts && opts.rowHidden) p.rowHidden = ref.sheet.hiddenRows.has(r);
      if (opts && opts.address) p.address = quoteSheet(ref.sheet.name) + '!' + rectAddress({ r0: r, c0: ref.c0, r1: r, c1: ref.c1 });
      out.push(p);
    }
    return out;
  }

  /**
   * Range.getSpecialCellsOrNullObject (ExcelApi 1.9), for the cell type the add-in asks for:
   * `Formulas` gives the cells holding a formula, as runs down each column (a RangeAreas; a null
   * object when there are none). Other types, and value-type filters, are not modelled: they fail
   * loudly rather than answer wrongly. An unbounded range is refused like any big read.
   */
  function strictSpecialCells(ref, cellType, cellValueType) {
    strictApiSet('1.9', 'Range.getSpecialCellsOrNullObject');
    guardBig(ref);
    if (cellType !== 'Formulas' || cellValueType !== undefined) fail('InvalidArgument', 'The fake models getSpecialCells("Formulas") only, not ' + cellType);
    const areas = [];
    for (let c = ref.c0; c <= ref.c1; c++) {
      let start = -1;
      for (let r = ref.r0; r <= ref.r1 + 1; r++) {
        const cell = r <= ref.r1 ? ref.sheet.cell(r, c, false) : null;
        const f = Boolean(cell && cell.formula !== null);
        if (f && start < 0) start = r;
        if (!f && start >= 0) {
          areas.push({ r0: start, c0: c, r1: r - 1, c1: c });
          start = -1;
        }
      }
    }
    return areas.length === 0 ? null : { sheet: ref.sheet, areas };
  }
  /**
   * Workbook.functions (ExcelApi 1.2): worksheet functions evaluated without a cell. Only DATE is
   * modelled; its result follows the workbook's date system (DATE(1904,1,1) is 0 under 1904).
   */
  function strictDateFunction(y, m, d) {
    strictApiSet('1.2', 'Functions.date');
    const serial = serialOf(Number(y), Number(m), Number(d));
    return serial === null ? { error: '#NUM!', value: null } : { error: null, value: serial };
  }

  /**
   * Japanese typing (`setTypingLocale('ja-JP')`): what staff type in Japanese Excel becomes what
   * Excel stores — 和暦 (R8.5.1, 令和8年5月1日) and 年月日 dates, m/d (this year), full-width digits,
   * thousands separators (1,234) and percentages (50%) — numbers with a number format, not text.
   * Returns null when the input is not one of these.
   */
  function strictJapaneseTyping(input) {
    const t = input.normalize('NFKC').trim();
    const ERAS = { m: 1867, t: 1911, s: 1925, h: 1988, r: 2018, 明治: 1867, 大正: 1911, 昭和: 1925, 平成: 1988, 令和: 2018 };
    let m = /^(令和|平成|昭和|大正|明治|[RrHhSsTtMm])\.?(\d{1,2}|元)[./年](\d{1,2})[./月](\d{1,2})日?$/.exec(t);
    if (m) {
      const era = m[1].length === 1 ? ERAS[m[1].toLowerCase()] : ERAS[m[1]];
      const serial = serialOf(era + (m[2] === '元' ? 1 : Number(m[2])), Number(m[3]), Number(m[4]));
      if (serial !== null) return { value: serial, numberFormat: 'ggge"年"m"月"d"日"' };
    }
    m = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(t);
    if (m) {
      const serial = serialOf(Number(m[1]), Number(m[2]), Number(m[3]));
      if (serial !== null) return { value: serial, numberFormat: 'yyyy"年"m"月"d"日"' };
    }
    m = /^(\d{1,2})\/(\d{1,2})$/.exec(t);
    if (m) {
      const serial = serialOf(new Date().getFullYear(), Number(m[1]), Number(m[2]));
      if (serial !== null) return { value: serial, numberFormat: 'm"月"d"日"' };
    }
    if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) return { value: Number(t.replace(/,/g, '')), numberFormat: '#,##0' };
    m = /^([+-]?\d+(\.\d+)?)%$/.exec(t);
    if (m) return { value: Number(m[1]) / 100, numberFormat: '0%' };
    if (t !== input.trim() && NUMERIC.test(t)) return { value: Number(t), numberFormat: null };
    return null;
  }

  /** Remembers what a proxy had loaded before this batch, so that a failure can restore it. */
  function stageLoads(proxy) {
    const staged = proxy._ctx.staged;
    if (!staged.has(proxy)) staged.set(proxy, { ...proxy._loaded });
  }

  // ----------------------------------------------------------------------------------------------
  // Request context, queue, loads

  const stats = { syncs: 0, requests: [] };
  const utf8 = (s) => (typeof TextEncoder !== 'undefined' ? new TextEncoder().encode(s).length : Buffer.byteLength(s));

  class RequestContext {
    constructor(wb) {
      this.wb = wb;
      this.queue = [];
      this.requestBytes = 0;
      this.pendingProxies = [];
      this.workbook = new WorkbookProxy(this);
      this.runtime = { enableEvents: true };
      this.staged = new Map();
      /** Work an action needs done before the batch runs (reading an inserted workbook's zip). */
      this.preparing = [];
    }
    enqueue(fn, payload) {
      if (payload !== undefined) this.requestBytes += utf8(JSON.stringify(payload) || '') + 16;
      else this.requestBytes += 16;
      this.queue.push(fn);
    }
    async sync() {
      const queue = this.queue;
      const requestBytes = this.requestBytes;
      this.queue = [];
      this.requestBytes = 0;
      const proxies = this.pendingProxies;
      this.pendingProxies = [];
      this.staged = new Map();
      stats.syncs++;
      const record = { requestBytes, responseBytes: 0, operations: queue.length };
      stats.requests.push(record);
      await Promise.resolve();
      if (this.preparing.length > 0) {
        const pending = this.preparing;
        this.preparing = [];
        await Promise.all(pending);
      }
      if (requestBytes > PAYLOAD_LIMIT) {
        record.error = 'RequestPayloadSizeLimitExceeded';
        fail('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.');
      }
      const response = [];
      try {
        for (const op of queue) {
          const out = op();
          if (out !== undefined) response.push(out);
        }
      } catch (e) {
        record.error = e && e.code;
        this.pendingProxies = [];
        strictFailedBatchFillsNoLoads(this);
        throw e;
      }
      // Proxies made while the batch ran (collection items, navigation loads) are synced too.
      const made = this.pendingProxies;
      this.pendingProxies = [];
      record.responseBytes = utf8(JSON.stringify(response));
      if (record.responseBytes > PAYLOAD_LIMIT) {
        record.error = 'ResponsePayloadSizeLimitExceeded';
        strictFailedBatchFillsNoLoads(this);
        fail('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.');
      }
      for (const p of proxies) p._synced = true;
      for (const p of made) p._synced = true;
    }
    trackedObjects() {
      return { add() {}, remove() {} };
    }
  }

  const NOT_LOADED = (name) =>
    new OfficeError(
      'PropertyNotLoaded',
      "The property '" + name + "' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.",
    );

  /** Base of every proxy: bound to a model object by a queued action, loads snapshot at sync. */
  class Proxy {
    constructor(ctx, resolve, opts) {
      this._ctx = ctx;
      this._obj = undefined;
      this._loaded = {};
      this._synced = false;
      this._orNull = Boolean(opts && opts.orNull);
      ctx.pendingProxies.push(this);
      if (resolve)
        ctx.enqueue(() => {
          const obj = resolve();
          if (obj === null && !this._orNull) fail('ItemNotFound', 'The requested resource does not exist.');
          this._obj = obj;
        });
    }
    get isNullObject() {
      if (!this._synced && this._obj === undefined) throw NOT_LOADED('isNullObject');
      return this._obj === null;
    }
    _bound() {
      if (this._obj === undefined) fail('InvalidObjectPath', 'The object path is not valid at this point.');
      return this._obj;
    }
    _read(name) {
      if (!this._synced || !Object.prototype.hasOwnProperty.call(this._loaded, name)) throw NOT_LOADED(name);
      return this._loaded[name];
    }
    _set(name, value, apply) {
      this._ctx.enqueue(() => {
        const obj = this._bound();
        if (obj === null) fail('InvalidObjectPath', 'Cannot set a property of a null object.');
        apply(obj, value);
      }, value);
    }
    /** Scalars this proxy can load: name → getter on the model object. */
    _scalars() {
      return {};
    }
    /** Navigation properties: name → child proxy. */
    _nav(name) {
      const v = this[name];
      return v instanceof Proxy ? v : null;
    }
    load(spec) {
      const paths = normalizeLoad(spec);
      this._ctx.pendingProxies.push(this);
      this._ctx.enqueue(() => {
        const obj = this._bound();
        if (obj === null) return undefined;
        return this._applyLoad(paths);
      });
      return this;
    }
    _applyLoad(paths) {
      stageLoads(this);
      const obj = this._obj;
      const scalars = this._scalars();
      const out = {};
      const nested = {};
      for (const p of paths) {
        const [head, ...rest] = p.split('/');
        if (rest.length === 0 && head in scalars) {
          this._loaded[head] = out[head] = scalars[head](obj);
        } else if (rest.length === 0 && this._nav(head) === null) {
          fail('PropertyNotFound', "The property '" + head + "' is not available for load on " + this.constructor.name + '.');
        } else {
          (nested[head] = nested[head] || []).push(rest.join('/'));
        }
      }
      for (const [head, rest] of Object.entries(nested)) {
        const child = this._nav(head);
        if (!child) fail('PropertyNotFound', "The property '" + head + "' is not available for load.");
        if (child._obj === undefined) child._obj = child._resolveNow();
        child._ctx.pendingProxies.push(child);
        out[head] = child._applyLoad(rest.filter(Boolean).length ? rest.filter(Boolean) : Object.keys(child._scalars()));
      }
      return out;
    }
    _resolveNow() {
      fail('InvalidObjectPath', 'Cannot resolve ' + this.constructor.name);
    }
    set(props) {
      for (const [k, v] of Object.entries(props)) this[k] = v;
    }
    toJSON() {
      return this._loaded;
    }
    untrack() {
      return this;
    }
    track() {
      return this;
    }
  }

  function normalizeLoad(spec) {
    if (spec === undefined) return [];
    if (typeof spec === 'string') return spec.split(',').map((s) => s.trim()).filter(Boolean);
    if (Array.isArray(spec)) return spec.flatMap((s) => normalizeLoad(s));
    const out = [];
    const walk = (o, prefix) => {
      for (const [k, v] of Object.entries(o)) {
        if (k === '$all' || k === 'select' || k === 'expand') continue;
        if (v === true) out.push(prefix + k);
        else if (v && typeof v === 'object') walk(v, prefix + k + '/');
      }
    };
    walk(spec, '');
    return out;
  }

  /** A collection proxy: `items` after loading `items/...`. */
  class CollectionProxy extends Proxy {
    // Collections resolve when used (each load sees the collection as it is at that point).
    constructor(ctx, resolve, makeItem) {
      super(ctx, null);
      this._resolver = resolve;
      this._makeItem = makeItem;
    }
    _bound() {
      this._obj = this._resolver();
      return this._obj;
    }
    load(spec) {
      const paths = normalizeLoad(spec);
      this._ctx.pendingProxies.push(this);
      this._ctx.enqueue(() => {
        this._bound();
        return this._applyLoad(paths);
      });
      return this;
    }
    get items() {
      return this._read('items');
    }
    _applyLoad(paths) {
      stageLoads(this);
      const list = this._obj;
      const sub = paths.filter((p) => p.startsWith('items/')).map((p) => p.slice(6));
      const other = paths.filter((p) => !p.startsWith('items'));
      const items = list.map((o) => {
        const it = this._makeItem(o);
        it._obj = o;
        it._synced = true;
        return it;
      });
      const out = items.map((it) => it._applyLoad(sub.length ? sub : Object.keys(it._scalars())));
      this._loaded.items = items;
      for (const p of other) if (p === 'count') this._loaded.count = list.length;
      return out;
    }
    getCount() {
      const r = new ClientResult();
      this._ctx.enqueue(() => {
        r._value = this._bound().length;
        return r._value;
      });
      this._ctx.pendingProxies.push(r);
      return r;
    }
  }

  class ClientResult {
    constructor() {
      this._value = undefined;
      this._synced = false;
    }
    get value() {
      if (!this._synced) throw NOT_LOADED('value');
      return this._value;
    }
  }

  // ----------------------------------------------------------------------------------------------
  // Workbook, worksheets

  class WorkbookProxy extends Proxy {
    constructor(ctx) {
      super(ctx, null);
      this._obj = ctx.wb;
      this.worksheets = new WorksheetCollectionProxy(ctx);
      this.tables = new TableCollectionProxy(ctx, () => ctx.wb.tables);
      this.settings = new SettingCollectionProxy(ctx);
      this.customXmlParts = new CustomXmlPartCollectionProxy(ctx, () => ctx.wb.parts);
      this.functions = {
        date(y, m, d) {
          return new FunctionResultProxy(ctx, () => strictDateFunction(y, m, d), [y, m, d]);
        },
      };
      this.application = {
        suspendApiCalculationUntilNextSync() {
          ctx.enqueue(() => undefined);
        },
        suspendScreenUpdatingUntilNextSync() {
          ctx.enqueue(() => undefined);
        },
        calculate(type) {
          ctx.enqueue(() => {
            if (!['Recalculate', 'Full', 'FullRebuild'].includes(type)) fail('InvalidArgument', 'Invalid calculation type: ' + type);
            ctx.wb.calculations.push(type);
          }, type);
        },
      };
    }
    getSelectedRange() {
      const ctx = this._ctx;
      return new RangeProxy(ctx, () => {
        const sel = ctx.wb.selection;
        const sheet = (sel && ctx.wb.sheet(sel.sheetId)) || ctx.wb.active();
        const rect = sel ? parseArea(sel.address) : { r0: 0, c0: 0, r1: 0, c1: 0 };
        return { ...rect, sheet };
      });
    }
  }

  /** Excel.FunctionResult: `value` and `error` of a worksheet function, loaded like any property. */
  class FunctionResultProxy extends Proxy {
    constructor(ctx, resolve, args) {
      super(ctx, null);
      ctx.enqueue(() => {
        this._obj = resolve();
      }, args);
    }
    _scalars() {
      return { value: (o) => o.value, error: (o) => o.error };
    }
    get value() { return this._read('value'); }
    get error() { return this._read('error'); }
  }

  class WorksheetCollectionProxy extends CollectionProxy {
    constructor(ctx) {
      super(ctx, () => ctx.wb.sheets, (o) => new WorksheetProxy(ctx, null, o));
    }
    getItem(key) {
      return new WorksheetProxy(this._ctx, () => this._ctx.wb.sheet(key));
    }
    getItemOrNullObject(key) {
      return new WorksheetProxy(this._ctx, () => this._ctx.wb.sheet(key), { orNull: true });
    }
    getActiveWorksheet() {
      return new WorksheetProxy(this._ctx, () => this._ctx.wb.active());
    }
    add(name) {
      let created = null;
      const ctx = this._ctx;
      ctx.enqueue(() => {
        created = ctx.wb.addSheet(name);
      }, name);
      return new WorksheetProxy(ctx, () => created);
    }
  }

  class WorksheetProxy extends Proxy {
    constructor(ctx, resolve, optsOrObj) {
      const isObj = optsOrObj instanceof SheetData;
      super(ctx, resolve, isObj ? undefined : optsOrObj);
      if (isObj) this._obj = optsOrObj;
      this.tables = new TableCollectionProxy(ctx, () => ctx.wb.tables.filter((t) => t.sheet === this._bound()), this);
      this.freezePanes = {
        freezeRows: (n) =>
          ctx.enqueue(() => {
            this._bound().frozenRows = n === undefined ? 1 : n;
          }),
        unfreeze: () =>
          ctx.enqueue(() => {
            this._bound().frozenRows = 0;
          }),
      };
      this.charts = new ChartCollectionProxy(ctx, this);
      this.customProperties = new WorksheetCustomPropertyCollectionProxy(ctx, this);
      this.names = new NamedItemCollectionProxy(ctx, this);
    }
    _scalars() {
      const wb = this._ctx.wb;
      return { name: (o) => o.name, id: (o) => o.id, position: (o) => wb.sheets.indexOf(o), visibility: (o) => o.visibility };
    }
    get name() {
      return this._read('name');
    }
    set name(v) {
      this._set('name', v, (o) => {
        if (this._ctx.wb.sheets.some((s) => s !== o && s.name.toLowerCase() === String(v).toLowerCase()))
          fail('ItemAlreadyExists', 'A sheet with this name already exists: ' + v);
        if (String(v).length > 31 || /[[\]:*?/\\]/.test(v)) fail('InvalidArgument', 'Invalid sheet name: ' + v);
        strictSheetName(v);
        o.name = v;
      });
    }
    get id() {
      return this._read('id');
    }
    get position() {
      return this._read('position');
    }
    get visibility() {
      return this._read('visibility');
    }
    set visibility(v) {
      this._set('visibility', v, (o) => (o.visibility = v));
    }
    activate() {
      this._ctx.enqueue(() => {
        this._ctx.wb.activeId = this._bound().id;
      });
    }
    delete() {
      this._ctx.enqueue(() => {
        const wb = this._ctx.wb;
        const o = this._bound();
        const visible = wb.sheets.filter((s) => s.visibility === 'Visible');
        if (visible.length === 1 && visible[0] === o) fail('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
        wb.sheets.splice(wb.sheets.indexOf(o), 1);
        wb.tables = wb.tables.filter((t) => t.sheet !== o);
        if (wb.activeId === o.id) wb.activeId = wb.sheets[0].id;
      });
    }
    getRange(address) {
      return new RangeProxy(this._ctx, () => {
        const sheet = this._bound();
        if (address === undefined || address === '') return { sheet, r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1, whole: true };
        const area = parseArea(address);
        return { ...area, sheet };
      });
    }
    getRanges(address) {
      return new RangeAreasProxy(this._ctx, () => {
        if (String(address).length > ADDRESS_LIMIT) fail('InvalidArgument', 'The address is longer than 8192 characters.');
        const sheet = this._bound();
        return { sheet, areas: String(address).split(',').map((a) => parseArea(a)) };
      });
    }
    getUsedRange(valuesOnly) {
      return new RangeProxy(this._ctx, () => {
        const sheet = this._bound();
        return { sheet, ...(sheet.usedRect(Boolean(valuesOnly)) || { r0: 0, c0: 0, r1: 0, c1: 0 }) };
      });
    }
    getUsedRangeOrNullObject(valuesOnly) {
      return new RangeProxy(
        this._ctx,
        () => {
          const sheet = this._bound();
          const rect = sheet.usedRect(Boolean(valuesOnly));
          return rect ? { sheet, ...rect } : null;
        },
        { orNull: true },
      );
    }
  }

  // ----------------------------------------------------------------------------------------------
  // Ranges

  function rectCells(ref, fn) {
    for (let r = ref.r0; r <= ref.r1; r++) for (let c = ref.c0; c <= ref.c1; c++) fn(r, c, r - ref.r0, c - ref.c0);
  }
  function assertShape(ref, value, what) {
    if (!Array.isArray(value)) return; // a single value applies to every cell
    const rows = ref.r1 - ref.r0 + 1;
    const cols = ref.c1 - ref.c0 + 1;
    if (value.length !== rows || value.some((row) => !Array.isArray(row) || row.length !== cols))
      fail('InvalidArgument', 'The number of rows or columns in the input array does not match the size or dimensions of the range (' + what + ').');
  }
  const at = (value, i, j) => (Array.isArray(value) ? value[i][j] : value);
  function guardBig(ref) {
    if (ref.whole || ref.entireColumn || ref.entireRow) fail('InvalidOperation', 'This operation is not permitted for an unbounded range.');
  }

  class RangeProxy extends Proxy {
    constructor(ctx, resolve, opts) {
      super(ctx, resolve, opts);
      const self = this;
      const fmt = (apply) => (v) =>
        self._set('format', v, (ref) => {
          guardBig(ref);
          rectCells(ref, (r, c) => apply(ref.sheet.cell(r, c, true), v, ref, c));
        });
      this.format = {
        fill: {
          set color(v) {
            fmt((cell, x) => (cell.fill = x))(v);
          },
          clear() {
            self._ctx.enqueue(() => rectCells(self._bound(), (r, c) => { const cell = self._bound().sheet.cell(r, c, false); if (cell) cell.fill = null; }));
          },
        },
        font: {
          set bold(v) { fmt((cell, x) => (cell.bold = x))(v); },
          set color(v) { fmt((cell, x) => (cell.fontColor = x))(v); },
          set size(v) { fmt((cell, x) => (cell.fontSize = x))(v); },
        },
        set wrapText(v) { fmt((cell, x) => (cell.wrap = x))(v); },
        set verticalAlignment(v) { fmt((cell, x) => (cell.valign = x))(v); },
        set horizontalAlignment(v) { fmt((cell, x) => (cell.halign = x))(v); },
        set columnWidth(v) {
          self._set('columnWidth', v, (ref) => {
            for (let c = ref.c0; c <= ref.c1; c++) ref.sheet.columnWidths[c] = v;
          });
        },
        autofitColumns() { self._ctx.enqueue(() => undefined); },
        autofitRows() { self._ctx.enqueue(() => undefined); },
      };
      this.dataValidation = {
        set rule(v) { self._set('dataValidation.rule', v, (ref) => { strictValidationTexts('rule', v); self._validation(ref).rule = v; }); },
        set prompt(v) { self._set('dataValidation.prompt', v, (ref) => { strictValidationTexts('prompt', v); self._validation(ref).prompt = v; }); },
        set errorAlert(v) { self._set('dataValidation.errorAlert', v, (ref) => { strictValidationTexts('errorAlert', v); self._validation(ref).errorAlert = v; }); },
        clear() {
          self._ctx.enqueue(() => {
            const ref = self._bound();
            ref.sheet.validations = ref.sheet.validations.filter((x) => !intersects(x.rect, ref));
          });
        },
      };
      this.conditionalFormats = new ConditionalFormatCollectionProxy(ctx, this);
    }
    _validation(ref) {
      const rect = { r0: ref.r0, c0: ref.c0, r1: ref.r1, c1: ref.c1 };
      let v = ref.sheet.validations.find((x) => x.rect.r0 === rect.r0 && x.rect.c0 === rect.c0 && x.rect.r1 === rect.r1 && x.rect.c1 === rect.c1);
      if (!v) {
        v = { address: rectAddress(rect), rect };
        ref.sheet.validations.push(v);
      }
      return v;
    }
    _scalars() {
      const read = (fn) => (ref) => {
        guardBig(ref);
        const out = [];
        for (let r = ref.r0; r <= ref.r1; r++) {
          const row = [];
          for (let c = ref.c0; c <= ref.c1; c++) row.push(fn(ref.sheet.cell(r, c, false) || emptyCell()));
          out.push(row);
        }
        return out;
      };
      return {
        address: (ref) => quoteSheet(ref.sheet.name) + '!' + rectAddress(ref),
        rowCount: (ref) => ref.r1 - ref.r0 + 1,
        columnCount: (ref) => ref.c1 - ref.c0 + 1,
        cellCount: (ref) => (ref.r1 - ref.r0 + 1) * (ref.c1 - ref.c0 + 1),
        rowIndex: (ref) => ref.r0,
        columnIndex: (ref) => ref.c0,
        values: read((cell) => cell.value),
        numberFormat: read((cell) => cell.numberFormat),
        formulas: read((cell) => (cell.formula !== null ? cell.formula : cell.value)),
        text: read((cell) => String(cell.value)),
        rowHidden: (ref) => {
          let n = 0;
          for (let r = ref.r0; r <= ref.r1; r++) if (ref.sheet.hiddenRows.has(r)) n++;
          return n === 0 ? false : n === ref.r1 - ref.r0 + 1 ? true : null;
        },
      };
    }
    get address() { return this._read('address'); }
    get rowCount() { return this._read('rowCount'); }
    get columnCount() { return this._read('columnCount'); }
    get cellCount() { return this._read('cellCount'); }
    get rowIndex() { return this._read('rowIndex'); }
    get columnIndex() { return this._read('columnIndex'); }
    get text() { return this._read('text'); }
    get values() { return this._read('values'); }
    set values(v) {
      this._set('values', v, (ref) => {
        guardBig(ref);
        assertShape(ref, v, 'values');
        rectCells(ref, (r, c, i, j) => {
          if (!strictMergedWrite(ref.sheet, r, c)) enter(ref.sheet.cell(r, c, true), at(v, i, j), 'values', ref.sheet);
        });
      });
    }
    get numberFormat() { return this._read('numberFormat'); }
    set numberFormat(v) {
      this._set('numberFormat', v, (ref) => {
        guardBig(ref);
        assertShape(ref, v, 'numberFormat');
        rectCells(ref, (r, c, i, j) => {
          const f = at(v, i, j);
          if (f !== null && f !== undefined) ref.sheet.cell(r, c, true).numberFormat = f;
        });
      });
    }
    get formulas() { return this._read('formulas'); }
    set formulas(v) {
      this._set('formulas', v, (ref) => {
        guardBig(ref);
        assertShape(ref, v, 'formulas');
        rectCells(ref, (r, c, i, j) => {
          if (!strictMergedWrite(ref.sheet, r, c)) enter(ref.sheet.cell(r, c, true), at(v, i, j), 'formulas', ref.sheet);
        });
      });
    }
    get worksheet() {
      return new WorksheetProxy(this._ctx, () => this._bound().sheet);
    }
    select() {
      this._ctx.enqueue(() => {
        const ref = this._bound();
        this._ctx.wb.activeId = ref.sheet.id;
        this._ctx.wb.selection = { sheetId: ref.sheet.id, address: rectAddress(ref) };
      });
    }
    clear() {
      this._ctx.enqueue(() => {
        const ref = this._bound();
        rectCells(ref, (r, c) => {
          if (ref.sheet.rows[r]) ref.sheet.rows[r][c] = undefined;
        });
      });
    }
    getCell(row, col) {
      return new RangeProxy(this._ctx, () => {
        const ref = this._bound();
        return { sheet: ref.sheet, r0: ref.r0 + row, c0: ref.c0 + col, r1: ref.r0 + row, c1: ref.c0 + col };
      });
    }
    merge(across) {
      this._ctx.enqueue(() => strictMerge(this._ctx.wb, this._bound().sheet, this._bound(), Boolean(across)), { across: Boolean(across) });
    }
    unmerge() {
      this._ctx.enqueue(() => strictUnmerge(this._bound().sheet, this._bound()));
    }
    getMergedAreasOrNullObject() {
      return new RangeAreasProxy(this._ctx, () => strictMergedAreas(this._bound()), { orNull: true });
    }
    getSpecialCellsOrNullObject(cellType, cellValueType) {
      return new RangeAreasProxy(this._ctx, () => strictSpecialCells(this._bound(), cellType, cellValueType), { orNull: true });
    }
    getRowProperties(opts) {
      const r = new ClientResult();
      this._ctx.enqueue(() => {
        r._value = strictRowProperties(this._bound(), opts);
        return r._value;
      }, opts);
      this._ctx.pendingProxies.push(r);
      return r;
    }
    get rowHidden() { return this._read('rowHidden'); }
    set rowHidden(v) {
      this._set('rowHidden', v, (ref) => {
        strictApiSet('1.2', 'Range.rowHidden');
        if (ref.whole || ref.entireColumn) fail('InvalidOperation', 'This operation is not permitted for an unbounded range.');
        for (let r = ref.r0; r <= ref.r1; r++) {
          if (v) ref.sheet.hiddenRows.add(r);
          else ref.sheet.hiddenRows.delete(r);
        }
      });
    }
    getResizedRange(dr, dc) {
      return new RangeProxy(this._ctx, () => {
        const ref = this._bound();
        return { sheet: ref.sheet, r0: ref.r0, c0: ref.c0, r1: ref.r1 + dr, c1: ref.c1 + dc };
      });
    }
  }

  class RangeAreasProxy extends Proxy {
    constructor(ctx, resolve, opts) {
      super(ctx, resolve, opts);
      this.conditionalFormats = new ConditionalFormatCollectionProxy(ctx, this);
      /** RangeAreas.areas (ExcelApi 1.9): the rectangular ranges, as a RangeCollection. */
      this.areas = new RangeCollectionProxy(ctx, () => {
        const o = this._bound();
        return o === null ? [] : o.areas.map((a) => ({ sheet: o.sheet, r0: a.r0, c0: a.c0, r1: a.r1, c1: a.c1 }));
      });
    }
    _scalars() {
      return {
        address: (ref) => ref.areas.map((a) => quoteSheet(ref.sheet.name) + '!' + rectAddress(a)).join(','),
        areaCount: (ref) => ref.areas.length,
        cellCount: (ref) => ref.areas.reduce((n, a) => n + (a.r1 - a.r0 + 1) * (a.c1 - a.c0 + 1), 0),
      };
    }
    get address() { return this._read('address'); }
    get areaCount() { return this._read('areaCount'); }
    get cellCount() { return this._read('cellCount'); }
  }

  class RangeCollectionProxy extends CollectionProxy {
    constructor(ctx, list) {
      super(ctx, list, () => new RangeProxy(ctx, null));
    }
    getItemAt(index) {
      return new RangeProxy(this._ctx, () => this._bound()[index] || fail('ItemNotFound', 'No range at ' + index));
    }
  }

  // ----------------------------------------------------------------------------------------------
  // Conditional formats

  class ConditionalFormatCollectionProxy extends CollectionProxy {
    constructor(ctx, owner) {
      super(
        ctx,
        () => {
          const ref = owner._bound();
          const rects = ref.areas || [ref];
          return ref.sheet.cfs.filter((cf) => cf.areas.some((a) => rects.some((r) => intersects(a, r))));
        },
        (o) => new ConditionalFormatProxy(ctx, null, o, owner),
      );
      this._owner = owner;
    }
    add(type) {
      const ctx = this._ctx;
      let created = null;
      ctx.enqueue(() => {
        strictConditionalFormatType(type);
        const ref = this._owner._bound();
        const areas = (ref.areas || [ref]).map((a) => ({ r0: a.r0, c0: a.c0, r1: a.r1, c1: a.c1 }));
        created = { id: newId('cf'), type, areas, sheet: ref.sheet, rule: { formula: null }, format: { fill: null, fontColor: null } };
        ref.sheet.cfs.push(created);
      }, type);
      return new ConditionalFormatProxy(ctx, () => created, null, this._owner);
    }
    clearAll() {
      this._ctx.enqueue(() => {
        const ref = this._owner._bound();
        const rects = ref.areas || [ref];
        ref.sheet.cfs = ref.sheet.cfs.filter((cf) => !cf.areas.some((a) => rects.some((r) => intersects(a, r))));
      });
    }
  }

  class ConditionalFormatProxy extends Proxy {
    constructor(ctx, resolve, obj) {
      super(ctx, resolve);
      if (obj) this._obj = obj;
      const self = this;
      const ruleProxy = new (class extends Proxy {
        _scalars() {
          return { formula: (o) => o.rule.formula };
        }
        _resolveNow() {
          return self._bound();
        }
        get formula() {
          return this._read('formula');
        }
        set formula(v) {
          self._set('custom.rule.formula', v, (o) => {
            if (o.type !== 'Custom') fail('InvalidOperation', 'Not a custom conditional format.');
            strictCustomRuleFormula(v);
            o.rule.formula = v;
          });
        }
        load(spec) {
          const paths = normalizeLoad(spec);
          this._ctx.pendingProxies.push(this);
          this._ctx.enqueue(() => {
            const o = self._bound();
            if (o.type !== 'Custom') fail('InvalidOperation', 'The custom property is only available on custom conditional formats.');
            strictUnreadableUserRule(o);
            this._obj = o;
            return this._applyLoad(paths);
          });
          return this;
        }
      })(ctx, null);
      this.custom = {
        rule: ruleProxy,
        format: {
          fill: { set color(v) { self._set('custom.format.fill.color', v, (o) => (o.format.fill = v)); } },
          font: { set color(v) { self._set('custom.format.font.color', v, (o) => (o.format.fontColor = v)); } },
        },
      };
    }
    _scalars() {
      return { type: (o) => o.type, id: (o) => o.id, priority: (o) => o.sheet.cfs.indexOf(o), stopIfTrue: () => false };
    }
    get type() { return this._read('type'); }
    get id() { return this._read('id'); }
    delete() {
      this._ctx.enqueue(() => {
        const o = this._bound();
        o.sheet.cfs = o.sheet.cfs.filter((x) => x !== o);
      });
    }
  }

  // ----------------------------------------------------------------------------------------------
  // Tables, charts

  class TableCollectionProxy extends CollectionProxy {
    constructor(ctx, list, sheetProxy) {
      super(ctx, list, (o) => new TableProxy(ctx, null, o));
      this._sheetProxy = sheetProxy || null;
    }
    getItem(name) {
      return new TableProxy(this._ctx, () => this._ctx.wb.tables.find((t) => t.name.toLowerCase() === String(name).toLowerCase()) || null);
    }
    getItemOrNullObject(name) {
      return new TableProxy(this._ctx, () => this._ctx.wb.tables.find((t) => t.name.toLowerCase() === String(name).toLowerCase()) || null, { orNull: true });
    }
    add(address, hasHeaders) {
      const ctx = this._ctx;
      let created = null;
      ctx.enqueue(() => {
        const area = parseArea(String(address));
        const sheet = area.sheet ? ctx.wb.sheet(area.sheet) : this._sheetProxy ? this._sheetProxy._bound() : ctx.wb.active();
        const rect = { r0: area.r0, c0: area.c0, r1: area.r1, c1: area.c1 };
        if (ctx.wb.tables.some((t) => t.sheet === sheet && intersects(t.rect, rect))) fail('InvalidOperation', 'Tables cannot overlap.');
        created = { name: 'Table' + (ctx.wb.tables.length + 1), sheet, rect, hasHeaders: hasHeaders !== false, style: 'TableStyleMedium2' };
        while (ctx.wb.tables.some((t) => t !== created && t.name === created.name)) created.name += '_';
        ctx.wb.tables.push(created);
      }, address);
      return new TableProxy(ctx, () => created);
    }
  }

  class TableProxy extends Proxy {
    constructor(ctx, resolve, optsOrObj) {
      const isObj = optsOrObj && optsOrObj.rect;
      super(ctx, resolve, isObj ? undefined : optsOrObj);
      if (isObj) this._obj = optsOrObj;
    }
    _scalars() {
      return { name: (o) => o.name, style: (o) => o.style, id: (o) => o.name };
    }
    _nav(name) {
      if (name === 'worksheet') {
        const w = new WorksheetProxy(this._ctx, null);
        w._resolveNow = () => this._bound().sheet;
        this.__worksheet = this.__worksheet || w;
        return this.__worksheet;
      }
      return null;
    }
    get worksheet() {
      if (this.__worksheet && this.__worksheet._synced) return this.__worksheet;
      return new WorksheetProxy(this._ctx, () => this._bound().sheet);
    }
    get name() { return this._read('name'); }
    set name(v) {
      this._set('table.name', v, (o) => {
        if (this._ctx.wb.tables.some((t) => t !== o && t.name.toLowerCase() === String(v).toLowerCase()))
          fail('ItemAlreadyExists', 'A table with this name already exists: ' + v);
        strictTableName(v);
        o.name = v;
      });
    }
    get style() { return this._read('style'); }
    set style(v) { this._set('table.style', v, (o) => (o.style = v)); }
    getRange() {
      return new RangeProxy(this._ctx, () => ({ sheet: this._bound().sheet, ...this._bound().rect }));
    }
    getDataBodyRange() {
      return new RangeProxy(this._ctx, () => ({ sheet: this._bound().sheet, ...this._bound().rect, r0: this._bound().rect.r0 + 1 }));
    }
    getHeaderRowRange() {
      return new RangeProxy(this._ctx, () => ({ sheet: this._bound().sheet, ...this._bound().rect, r1: this._bound().rect.r0 }));
    }
  }

  class ChartCollectionProxy extends CollectionProxy {
    constructor(ctx, sheetProxy) {
      super(ctx, () => sheetProxy._bound().charts, (o) => new ChartProxy(ctx, null, o));
      this._sheetProxy = sheetProxy;
    }
    add(type, source, seriesBy) {
      const ctx = this._ctx;
      let created = null;
      ctx.enqueue(() => {
        injectedFailure('charts.add');
        const sheet = this._sheetProxy._bound();
        const ref = source._bound();
        created = {
          type,
          seriesBy: seriesBy || 'Auto',
          source: quoteSheet(ref.sheet.name) + '!' + rectAddress(ref),
          title: null,
          position: null,
          series: [{ name: null, values: quoteSheet(ref.sheet.name) + '!' + rectAddress(ref), xValues: null }],
        };
        sheet.charts.push(created);
      }, type);
      return new ChartProxy(ctx, () => created);
    }
  }

  class ChartProxy extends Proxy {
    constructor(ctx, resolve, obj) {
      super(ctx, resolve);
      if (obj) this._obj = obj;
      const self = this;
      this.title = { set text(v) { self._set('title.text', v, (o) => (o.title = v)); } };
      const seriesProxy = (pick) => {
        const s = {
          set name(v) { self._set('series.name', v, (o) => (pick(o).name = v)); },
          setValues(range) {
            self._ctx.enqueue(() => {
              const r = range._bound();
              pick(self._bound()).values = quoteSheet(r.sheet.name) + '!' + rectAddress(r);
            });
          },
          setXAxisValues(range) {
            self._ctx.enqueue(() => {
              const r = range._bound();
              pick(self._bound()).xValues = quoteSheet(r.sheet.name) + '!' + rectAddress(r);
            });
          },
        };
        return s;
      };
      this.series = {
        getItemAt: (i) => seriesProxy((o) => o.series[i] || fail('ItemNotFound', 'No series ' + i)),
        add: (name) => {
          let created = null;
          self._ctx.enqueue(() => {
            created = { name: name || null, values: null, xValues: null };
            self._bound().series.push(created);
          });
          return seriesProxy(() => created);
        },
      };
    }
    _scalars() {
      return { name: (o) => o.name || 'Chart', chartType: (o) => o.type };
    }
    setPosition(start, end) {
      this._ctx.enqueue(() => {
        this._bound().position = { start, end: end || null };
      });
    }
  }

  // ----------------------------------------------------------------------------------------------
  // Worksheet custom properties (ExcelApi 1.12) and worksheet-scoped names (ExcelApi 1.4)

  class WorksheetCustomPropertyCollectionProxy extends CollectionProxy {
    constructor(ctx, sheetProxy) {
      super(
        ctx,
        () => {
          strictApiSet('1.12', 'Worksheet.customProperties');
          return [...sheetProxy._bound().customProperties.values()];
        },
        (o) => new KeyValueProxy(ctx, null, o, 'customProperty'),
      );
      this._sheetProxy = sheetProxy;
    }
    add(key, value) {
      const ctx = this._ctx;
      ctx.enqueue(() => {
        strictApiSet('1.12', 'Worksheet.customProperties');
        strictCustomPropertyKey(key);
        this._sheetProxy._bound().customProperties.set(key.toLowerCase(), { key, value: String(value) });
      }, [key, value]);
      return this.getItem(key);
    }
    _find(key) {
      strictApiSet('1.12', 'Worksheet.customProperties');
      return this._sheetProxy._bound().customProperties.get(String(key).toLowerCase()) || null;
    }
    getItem(key) {
      return new KeyValueProxy(this._ctx, () => this._find(key), undefined, 'customProperty');
    }
    getItemOrNullObject(key) {
      return new KeyValueProxy(this._ctx, () => this._find(key), { orNull: true }, 'customProperty');
    }
  }

  class NamedItemCollectionProxy extends CollectionProxy {
    constructor(ctx, sheetProxy) {
      super(ctx, () => [...sheetProxy._bound().names.values()], (o) => new KeyValueProxy(ctx, null, o, 'name'));
      this._sheetProxy = sheetProxy;
    }
    add(name, reference) {
      const ctx = this._ctx;
      ctx.enqueue(() => {
        const names = this._sheetProxy._bound().names;
        if (names.has(String(name).toLowerCase())) fail('ItemAlreadyExists', 'A name with this name already exists: ' + name);
        const formula = typeof reference === 'string' ? reference : '=' + quoteSheet(reference._bound().sheet.name) + '!' + rectAddress(reference._bound());
        strictFormulaStrings(formula);
        names.set(String(name).toLowerCase(), { name, formula });
      }, [name, typeof reference === 'string' ? reference : 'range']);
      return this.getItem(name);
    }
    _find(name) {
      return this._sheetProxy._bound().names.get(String(name).toLowerCase()) || null;
    }
    getItem(name) {
      return new KeyValueProxy(this._ctx, () => this._find(name), undefined, 'name');
    }
    getItemOrNullObject(name) {
      return new KeyValueProxy(this._ctx, () => this._find(name), { orNull: true }, 'name');
    }
  }

  /** A custom property ({ key, value }) or a named item ({ name, formula }). */
  class KeyValueProxy extends Proxy {
    constructor(ctx, resolve, optsOrObj, kind) {
      const isObj = optsOrObj && ('key' in optsOrObj || 'formula' in optsOrObj);
      super(ctx, resolve, isObj ? undefined : optsOrObj);
      if (isObj) this._obj = optsOrObj;
      this._kind = kind;
      this._sheet = null;
    }
    _scalars() {
      return this._kind === 'name'
        ? { name: (o) => o.name, formula: (o) => o.formula, value: (o) => evaluateFormula(o.formula).value }
        : { key: (o) => o.key, value: (o) => o.value };
    }
    get key() { return this._read('key'); }
    get name() { return this._read('name'); }
    get formula() { return this._read('formula'); }
    get value() { return this._read('value'); }
    set value(v) { this._set('value', v, (o) => (o.value = String(v))); }
    delete() {
      this._ctx.enqueue(() => {
        const o = this._bound();
        if (o === null) fail('InvalidObjectPath', 'Cannot delete a null object.');
        for (const sheet of this._ctx.wb.sheets) {
          for (const map of [sheet.customProperties, sheet.names]) for (const [k, v] of map) if (v === o) map.delete(k);
        }
      });
    }
  }

  // ----------------------------------------------------------------------------------------------
  // Settings, custom XML parts

  class SettingCollectionProxy extends CollectionProxy {
    constructor(ctx) {
      super(ctx, () => [...ctx.wb.settings.entries()].map(([key, value]) => ({ key, value })), (o) => new SettingProxy(ctx, null, o));
    }
    add(key, value) {
      const ctx = this._ctx;
      ctx.enqueue(() => {
        // Settings hold JSON: what comes back is a copy, as after a save and reload.
        ctx.wb.settings.set(key, JSON.parse(JSON.stringify(value)));
      }, value);
      return new SettingProxy(ctx, () => ({ key, value: ctx.wb.settings.get(key) }));
    }
    getItem(key) {
      return new SettingProxy(this._ctx, () => (this._ctx.wb.settings.has(key) ? { key, value: this._ctx.wb.settings.get(key) } : null));
    }
    getItemOrNullObject(key) {
      return new SettingProxy(this._ctx, () => (this._ctx.wb.settings.has(key) ? { key, value: this._ctx.wb.settings.get(key) } : null), { orNull: true });
    }
  }

  class SettingProxy extends Proxy {
    constructor(ctx, resolve, optsOrObj) {
      const isObj = optsOrObj && 'key' in optsOrObj;
      super(ctx, resolve, isObj ? undefined : optsOrObj);
      if (isObj) this._obj = optsOrObj;
    }
    _scalars() {
      return { key: (o) => o.key, value: (o) => JSON.parse(JSON.stringify(o.value)) };
    }
    get key() { return this._read('key'); }
    get value() { return this._read('value'); }
    delete() {
      this._ctx.enqueue(() => {
        const o = this._bound();
        if (o) this._ctx.wb.settings.delete(o.key);
      });
    }
  }

  class CustomXmlPartCollectionProxy extends CollectionProxy {
    constructor(ctx, list) {
      super(ctx, list, (o) => new CustomXmlPartProxy(ctx, null, o));
    }
    add(xml) {
      const ctx = this._ctx;
      let created = null;
      ctx.enqueue(() => {
        const ns = /xmlns="([^"]*)"/.exec(xml);
        strictXml(xml);
        created = { id: newId('part'), xml, namespaceUri: ns ? ns[1] : '' };
        ctx.wb.parts.push(created);
      }, xml);
      return new CustomXmlPartProxy(ctx, () => created);
    }
    getByNamespace(ns) {
      return new CustomXmlPartCollectionProxy(this._ctx, () => this._ctx.wb.parts.filter((p) => p.namespaceUri === ns));
    }
    getItem(id) {
      return new CustomXmlPartProxy(this._ctx, () => this._ctx.wb.parts.find((p) => p.id === id) || null);
    }
  }

  class CustomXmlPartProxy extends Proxy {
    constructor(ctx, resolve, obj) {
      super(ctx, resolve);
      if (obj) this._obj = obj;
    }
    _scalars() {
      return { id: (o) => o.id, namespaceUri: (o) => o.namespaceUri };
    }
    get id() { return this._read('id'); }
    get namespaceUri() { return this._read('namespaceUri'); }
    getXml() {
      const r = new ClientResult();
      this._ctx.enqueue(() => {
        r._value = this._bound().xml;
        return r._value;
      });
      this._ctx.pendingProxies.push(r);
      return r;
    }
    setXml(xml) {
      this._set('xml', xml, (o) => {
        strictXml(xml);
        o.xml = xml;
      });
    }
    delete() {
      this._ctx.enqueue(() => {
        const o = this._bound();
        this._ctx.wb.parts = this._ctx.wb.parts.filter((p) => p !== o);
      });
    }
  }

  // ----------------------------------------------------------------------------------------------
  // Globals: Office, Excel, OfficeExtension, CustomFunctions, and the test handle

  let wb = new WorkbookData();
  // A workbook as it was saved: custom XML parts and settings given by the test before load.
  const seed = global.__FAKE_OFFICE_SEED;
  if (seed) {
    for (const xml of seed.customXmlParts || []) {
      const ns = /xmlns="([^"]*)"/.exec(xml);
      wb.parts.push({ id: newId('part'), xml, namespaceUri: ns ? ns[1] : '' });
    }
    for (const [k, v] of Object.entries(seed.settings || {})) wb.settings.set(k, v);
  }
  // A whole workbook saved by `handle.save()` (a file closed and opened again in a new pane).
  if (seed && seed.workbook) wb = restoreWorkbook(seed.workbook);
  const functions = {};

  /**
   * What survives saving an .xlsx and opening it again: sheets (values, formulas, formats, merges,
   * hidden rows, frozen rows, widths, custom properties, sheet-scoped names, visibility), tables,
   * settings and custom XML parts. Worksheet ids are new after a reopen, as in Excel.
   */
  function saveWorkbook(w) {
    return JSON.parse(
      JSON.stringify({
        sheets: w.sheets.map((s) => ({
          name: s.name,
          visibility: s.visibility,
          rows: s.rows.map((row) => (row ? row.map((c) => c || null) : null)),
          frozenRows: s.frozenRows,
          columnWidths: s.columnWidths,
          customProperties: [...s.customProperties.values()],
          names: [...s.names.values()],
          merges: s.merges,
          hiddenRows: [...s.hiddenRows],
          cfs: s.cfs.map((cf) => ({ ...cf, sheet: null })),
          validations: s.validations,
          page: s.page || null,
          rowHeights: s.rowHeights || null,
        })),
        tables: w.tables.map((t) => ({ ...t, sheet: w.sheets.indexOf(t.sheet) })),
        settings: [...w.settings.entries()],
        parts: w.parts.map((p) => ({ xml: p.xml, namespaceUri: p.namespaceUri })),
        active: w.sheets.indexOf(w.active()),
      }),
    );
  }
  function restoreWorkbook(saved) {
    const w = new WorkbookData();
    w.sheets = [];
    w.activeId = null;
    for (const x of saved.sheets) {
      const s = new SheetData(x.name);
      s.visibility = x.visibility;
      s.rows = x.rows.map((row) => (row ? row.map((c) => (c ? { ...emptyCell(), ...c } : undefined)) : undefined));
      s.frozenRows = x.frozenRows;
      s.columnWidths = x.columnWidths;
      for (const p of x.customProperties) s.customProperties.set(p.key.toLowerCase(), p);
      for (const n of x.names) s.names.set(n.name.toLowerCase(), n);
      s.merges = x.merges;
      for (const r of x.hiddenRows) s.hiddenRows.add(r);
      s.cfs = x.cfs.map((cf) => ({ ...cf, sheet: s }));
      s.validations = x.validations;
      if (x.page) s.page = x.page;
      if (x.rowHeights) s.rowHeights = x.rowHeights;
      w.sheets.push(s);
    }
    w.tables = saved.tables.map((t) => ({ ...t, sheet: w.sheets[t.sheet] }));
    for (const [k, v] of saved.settings) w.settings.set(k, v);
    w.parts = saved.parts.map((p) => ({ id: newId('part'), xml: p.xml, namespaceUri: p.namespaceUri }));
    w.activeId = (w.sheets[saved.active] || w.sheets[0]).id;
    return w;
  }

  const Excel = {
    run(a, b) {
      const fn = typeof a === 'function' ? a : b;
      const ctx = new RequestContext(wb);
      return Promise.resolve().then(() => fn(ctx));
    },
    RequestContext: function () {
      return new RequestContext(wb);
    },
    ErrorCodes: {
      itemNotFound: 'ItemNotFound',
      propertyNotLoaded: 'PropertyNotLoaded',
      requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
      responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded',
    },
    ConditionalFormatType: { custom: 'Custom' },
    SpecialCellType: { formulas: 'Formulas', constants: 'Constants', blanks: 'Blanks', visible: 'Visible' },
    CalculationType: { recalculate: 'Recalculate', full: 'Full', fullRebuild: 'FullRebuild' },
    ChartType: { barStacked: 'BarStacked', columnClustered: 'ColumnClustered' },
    ChartSeriesBy: { auto: 'Auto', columns: 'Columns', rows: 'Rows' },
    WorksheetPositionType: { none: 'None', before: 'Before', after: 'After', beginning: 'Beginning', end: 'End' },
  };

  const readyCallbacks = [];
  const Office = {
    HostType: { Excel: 'Excel' },
    PlatformType: { OfficeOnline: 'OfficeOnline' },
    context: {
      displayLanguage: global.__FAKE_OFFICE_LANG || 'ja-JP',
      contentLanguage: 'ja-JP',
      requirements: {
        isSetSupported: (name, version) => (name === 'ExcelApi' ? apiAtLeast(version || '1.1') : true),
      },
    },
    onReady(cb) {
      const info = { host: 'Excel', platform: 'OfficeOnline' };
      return new Promise((resolve) => {
        setTimeout(() => {
          if (cb) cb(info);
          resolve(info);
        }, 0);
      });
    },
  };
  Object.defineProperty(Office, 'initialize', { value: undefined, writable: true });

  const CustomFunctions = {
    associate(id, fn) {
      functions[id] = fn;
    },
    Error: class CustomFunctionError extends Error {
      constructor(code, message) {
        super(message || code);
        this.code = code;
      }
    },
    ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A', invalidNumber: '#NUM!' },
  };

  function sheetOrThrow(name) {
    const s = wb.sheet(name);
    if (!s) throw new Error('No sheet ' + name);
    return s;
  }

  /** What the tests use to drive and inspect the workbook. */
  const handle = {
    stats,
    functions,
    reset() {
      excelApi = [1, 17];
      typingLocale = null;
      date1904 = false;
      failures.clear();
      wb = new WorkbookData();
      stats.syncs = 0;
      stats.requests.length = 0;
    },
    resetStats() {
      stats.syncs = 0;
      stats.requests.length = 0;
    },
    /** The user types into cells (a 2-D block from `address`): Excel's reading of input. */
    type(sheetName, address, values) {
      const s = sheetOrThrow(sheetName);
      const area = parseArea(address);
      const block = Array.isArray(values) ? values : [[values]];
      block.forEach((row, i) =>
        row.forEach((v, j) => {
          if (!strictMergedWrite(s, area.r0 + i, area.c0 + j)) enter(s.cell(area.r0 + i, area.c0 + j, true), v, 'typed', s);
        }),
      );
    },
    /** The workbook's date system (File › Options › Advanced › "Use 1904 date system"), set before typing. */
    setDate1904(on) {
      date1904 = Boolean(on);
    },
    /** The user merges cells (Home › Merge): the same rules as Range.merge (strictMerge). */
    merge(sheetName, address, across) {
      const s = sheetOrThrow(sheetName);
      strictMerge(wb, s, parseArea(address), Boolean(across));
    },
    /** The user hides rows ('4:5' or 'A4:A5'). */
    hideRows(sheetName, address) {
      const s = sheetOrThrow(sheetName);
      const a = parseArea(address);
      for (let r = a.r0; r <= a.r1; r++) s.hiddenRows.add(r);
    },
    /** The merged areas of a sheet, as A1 addresses. */
    merges(sheetName) {
      return sheetOrThrow(sheetName).merges.map(rectAddress);
    },
    /** A user's own formatting (to check that clearing marks restores everything). */
    fill(sheetName, address, color) {
      const s = sheetOrThrow(sheetName);
      rectCells({ ...parseArea(address) }, (r, c) => (s.cell(r, c, true).fill = color));
    },
    addUserConditionalFormat(sheetName, address, formula, fill, opts) {
      const s = sheetOrThrow(sheetName);
      const a = parseArea(address);
      const cf = { id: newId('cf'), type: 'Custom', areas: [a], sheet: s, rule: { formula }, format: { fill, fontColor: null } };
      if (opts && opts.unreadable) cf.unreadable = true;
      s.cfs.push(cf);
    },
    addSheet(name) {
      return wb.addSheet(name).id;
    },
    activate(name) {
      wb.activeId = sheetOrThrow(name).id;
    },
    sheetNames() {
      return wb.sheets.map((s) => s.name);
    },
    activeSheet() {
      return wb.active().name;
    },
    selection() {
      const sel = wb.selection;
      return sel ? { sheet: (wb.sheet(sel.sheetId) || {}).name, address: sel.address } : null;
    },
    /** Values of a sheet's used range (values only), as Office.js would return them. */
    values(sheetName) {
      const s = sheetOrThrow(sheetName);
      const rect = s.usedRect(true);
      if (!rect) return [];
      const out = [];
      for (let r = 0; r <= rect.r1; r++) {
        const row = [];
        for (let c = 0; c <= rect.c1; c++) {
          const cell = s.cell(r, c, false);
          row.push(cell ? cell.value : '');
        }
        out.push(row);
      }
      return out;
    },
    cell(sheetName, address) {
      const s = sheetOrThrow(sheetName);
      const a = parseArea(address);
      const cell = s.cell(a.r0, a.c0, false) || emptyCell();
      return JSON.parse(JSON.stringify(cell));
    },
    /** Everything about a sheet, for before/after comparisons. */
    snapshot(sheetName) {
      const s = sheetOrThrow(sheetName);
      const cells = {};
      s.rows.forEach((row, r) => {
        if (row)
          row.forEach((cell, c) => {
            if (cell) cells[a1(r, c)] = cell;
          });
      });
      return JSON.parse(
        JSON.stringify({
          name: s.name,
          cells,
          cfs: s.cfs.map((cf) => ({ type: cf.type, areas: cf.areas.map(rectAddress), formula: cf.rule.formula, format: cf.format })),
          validations: s.validations.map((v) => ({ address: v.address, rule: v.rule, prompt: v.prompt, errorAlert: v.errorAlert })),
          frozenRows: s.frozenRows,
          columnWidths: s.columnWidths,
          merges: s.merges.map(rectAddress),
          hiddenRows: [...s.hiddenRows].sort((a, b) => a - b).map((r) => r + 1),
          charts: s.charts,
          tables: wb.tables.filter((t) => t.sheet === s).map((t) => ({ name: t.name, address: rectAddress(t.rect), style: t.style })),
        }),
      );
    },
    settings() {
      return Object.fromEntries(wb.settings);
    },
    calculations() {
      return wb.calculations.slice();
    },
    /** How typed input is read: 'ja-JP' for Japanese Excel (see strictJapaneseTyping), null for plain. */
    setTypingLocale(locale) {
      typingLocale = locale || null;
    },
    /** Makes the next action with this label fail ('charts.add'). */
    failNext(label, times) {
      failures.set(label, (failures.get(label) || 0) + (times || 1));
    },
    /** The host's ExcelApi version: lower it to play an older Excel ('1.9'). */
    setExcelApi(version) {
      excelApi = String(version).split('.').map(Number);
    },
    /**
     * Saves, closes and reopens the workbook: worksheet ids are not promised stable across
     * sessions and platforms, so every sheet gets a new one; `loseSettings` plays add-in settings
     * that did not survive (another add-in id, a copy made without them).
     */
    reopen(opts) {
      const map = new Map();
      for (const s of wb.sheets) {
        const id = newId('sheet');
        map.set(s.id, id);
        s.id = id;
      }
      wb.activeId = map.get(wb.activeId) || wb.sheets[0].id;
      if (wb.selection) wb.selection.sheetId = map.get(wb.selection.sheetId);
      if (opts && opts.loseSettings) wb.settings.clear();
    },
    sheetCustomProperties(sheetName) {
      return Object.fromEntries([...sheetOrThrow(sheetName).customProperties.values()].map((p) => [p.key, p.value]));
    },
    sheetNamesDefined(sheetName) {
      return Object.fromEntries([...sheetOrThrow(sheetName).names.values()].map((n) => [n.name, n.formula]));
    },
    customXmlParts() {
      return wb.parts.map((p) => ({ id: p.id, namespaceUri: p.namespaceUri, xml: p.xml }));
    },
    /** The workbook as saved to a file: give it as `__FAKE_OFFICE_SEED.workbook` to open it again. */
    save() {
      return saveWorkbook(wb);
    },
    /** Closes the workbook and opens the saved copy (what `save()` returned). */
    open(saved) {
      wb = restoreWorkbook(saved);
    },
    async callFunction(id, args) {
      const fn = functions[id];
      if (!fn) throw new Error('No custom function ' + id);
      try {
        return { value: await fn(...args) };
      } catch (e) {
        return { error: e && e.code, message: e && e.message };
      }
    },
  };

  // ==============================================================================================
  // BEGIN page layout (ExcelApi 1.9): worksheet.pageLayout, format.rowHeight (Range.merge is strictMerge above).
  // Kept in this one block. Limits enforced as Excel documents them: a header or footer string
  // (&L…&C…&R… with its codes) is at most 255 characters; fit-to-pages counts are whole numbers
  // 0–32767 (0 = automatic); scale 10–400; margins not negative; a print-title range is whole rows.
  // ==============================================================================================
  const PAPER_TYPES = ['A3', 'A4', 'A5', 'B4', 'B5', 'Letter', 'Legal', 'Executive', 'Tabloid', 'Ledger', 'Statement', 'Folio', 'Quarto', 'Note'];
  const HEADER_FOOTER_LIMIT = 255;
  const MAX_ROW_HEIGHT = 409;

  function pageOf(sheet) {
    if (!sheet.page)
      sheet.page = {
        orientation: 'Portrait',
        paperSize: 'Letter',
        zoom: { scale: 100 },
        margins: {},
        printArea: null,
        printTitleRows: null,
        headersFooters: { leftHeader: '', centerHeader: '', rightHeader: '', leftFooter: '', centerFooter: '', rightFooter: '' },
      };
    return sheet.page;
  }
  function headerFooterLength(hf, kind) {
    const part = (code, text) => (text ? code + text : '');
    return (part('&L', hf['left' + kind]) + part('&C', hf['center' + kind]) + part('&R', hf['right' + kind])).length;
  }

  class HeaderFooterProxy {
    constructor(pageProxy) {
      for (const name of ['leftHeader', 'centerHeader', 'rightHeader', 'leftFooter', 'centerFooter', 'rightFooter'])
        Object.defineProperty(this, name, {
          enumerable: true,
          set(v) {
            pageProxy._sheet._set('pageLayout.headersFooters.' + name, v, (o) => {
              if (typeof v !== 'string') fail('InvalidArgument', 'A header or footer must be a string.');
              const hf = { ...pageOf(o).headersFooters, [name]: v };
              const kind = name.endsWith('Header') ? 'Header' : 'Footer';
              if (headerFooterLength(hf, kind) > HEADER_FOOTER_LIMIT)
                fail('InvalidArgument', 'The ' + kind.toLowerCase() + ' is longer than ' + HEADER_FOOTER_LIMIT + ' characters.');
              pageOf(o).headersFooters = hf;
            });
          },
        });
    }
  }

  class PageLayoutProxy {
    constructor(sheetProxy) {
      this._sheet = sheetProxy;
      const all = new HeaderFooterProxy(this);
      this.headersFooters = { defaultForAllPages: all, state: 'Default' };
    }
    _put(name, v, check, apply) {
      this._sheet._set('pageLayout.' + name, v, (o) => {
        check(v);
        apply(pageOf(o), v);
      });
    }
    set orientation(v) {
      this._put('orientation', v, (x) => ['Portrait', 'Landscape'].includes(x) || fail('InvalidArgument', 'Invalid orientation: ' + x), (p, x) => (p.orientation = x));
    }
    set paperSize(v) {
      this._put('paperSize', v, (x) => PAPER_TYPES.includes(x) || fail('InvalidArgument', 'Invalid paper size: ' + x), (p, x) => (p.paperSize = x));
    }
    set zoom(v) {
      this._put(
        'zoom',
        v,
        (z) => {
          if (!z || typeof z !== 'object') fail('InvalidArgument', 'zoom must be set as a whole object.');
          const fit = ['horizontalFitToPages', 'verticalFitToPages'].filter((k) => z[k] !== undefined && z[k] !== null);
          for (const k of fit) if (!Number.isInteger(z[k]) || z[k] < 0 || z[k] > 32767) fail('InvalidArgument', k + ' must be a whole number from 0 to 32767.');
          if (z.scale !== undefined && z.scale !== null) {
            if (fit.length > 0) fail('InvalidArgument', 'zoom takes a scale or fit-to-pages, not both.');
            if (!(z.scale >= 10 && z.scale <= 400)) fail('InvalidArgument', 'The scale must be from 10 to 400.');
          }
        },
        (p, z) => (p.zoom = { ...z }),
      );
    }
    setPrintArea(address) {
      this._put('printArea', address, (a) => String(a).split(',').forEach((x) => parseArea(x)), (p, a) => (p.printArea = String(a).replace(/\$/g, '')));
    }
    setPrintTitleRows(address) {
      this._put(
        'printTitleRows',
        address,
        (a) => parseArea(a).entireRow || fail('InvalidArgument', 'Print titles must be whole rows, e.g. $4:$4: ' + a),
        (p, a) => (p.printTitleRows = String(a)),
      );
    }
  }
  for (const side of ['left', 'right', 'top', 'bottom', 'header', 'footer'])
    Object.defineProperty(PageLayoutProxy.prototype, side + 'Margin', {
      set(v) {
        this._put(side + 'Margin', v, (x) => (typeof x === 'number' && x >= 0) || fail('InvalidArgument', 'A margin must be a number of points, not negative.'), (p, x) => (p.margins[side] = x));
      },
    });

  Object.defineProperty(WorksheetProxy.prototype, 'pageLayout', {
    get() {
      if (!this._pageLayout) this._pageLayout = new PageLayoutProxy(this);
      return this._pageLayout;
    },
  });

  const BaseRangeProxy = RangeProxy;
  RangeProxy = class extends BaseRangeProxy {
    constructor(ctx, resolve, opts) {
      super(ctx, resolve, opts);
      const self = this;
      Object.defineProperty(this.format, 'rowHeight', {
        enumerable: true,
        set(v) {
          self._set('rowHeight', v, (ref) => {
            if (ref.whole || ref.entireColumn) fail('InvalidOperation', 'This operation is not permitted for an unbounded range.');
            if (typeof v !== 'number' || v < 0 || v > MAX_ROW_HEIGHT) fail('InvalidArgument', 'A row height is from 0 to 409 points.');
            ref.sheet.rowHeights = ref.sheet.rowHeights || {};
            for (let r = ref.r0; r <= ref.r1; r++) ref.sheet.rowHeights[r] = v;
          });
        },
      });
    }
  };

  /** A sheet's page layout, row heights and merged areas, for the tests. */
  handle.pageLayout = function (sheetName) {
    const s = sheetOrThrow(sheetName);
    return JSON.parse(JSON.stringify({ ...pageOf(s), rowHeights: s.rowHeights || {}, merges: (s.merges || []).map(rectAddress) }));
  };
  // END page layout
  // ==============================================================================================

  // ==============================================================================================
  // BEGIN insert worksheets (ExcelApi 1.13): Workbook.insertWorksheetsFromBase64.
  // Kept in this one block. The base64 .xlsx is really read (zip central directory, deflate via
  // DecompressionStream, workbook/styles/shared strings/sheet XML): values, number formats, merged
  // areas, hidden sheets and rows come across. As documented: the API set is ExcelApi 1.13
  // (ApiNotFound below it); positionType None/Before/After/Beginning/End, default End; Before and
  // After need relativeTo (a worksheet or its name); sheetNamesToInsert picks sheets by name
  // (default all); an inserted sheet whose name is taken is renamed "Name (2)"; the result is the
  // ids of the new sheets. Excel on the web (this fake's platform) refuses source sheets with a
  // chart, comment, PivotTable or slicer with UnsupportedFeature; a string that is not an .xlsx
  // fails with InvalidArgument.
  // ==============================================================================================
  const POSITION_TYPES = ['None', 'Before', 'After', 'Beginning', 'End'];
  const BUILTIN_FORMATS = { 0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 14: 'm/d/yyyy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 22: 'm/d/yyyy h:mm', 49: '@' };

  function base64Bytes(b64) {
    if (typeof b64 !== 'string' || b64.length === 0 || !/^[A-Za-z0-9+/=\s]+$/.test(b64)) return null;
    try {
      const bin = atob(b64.replace(/\s/g, ''));
      const out = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
      return out;
    } catch (_e) {
      return null;
    }
  }
  async function inflateRaw(bytes) {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }
  /** The entries of a zip: name → bytes (stored or deflated). */
  async function unzip(bytes) {
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let eocd = -1;
    for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i--) if (dv.getUint32(i, true) === 0x06054b50) { eocd = i; break; }
    if (eocd < 0) throw new Error('not a zip');
    const count = dv.getUint16(eocd + 10, true);
    let p = dv.getUint32(eocd + 16, true);
    const files = new Map();
    const dec = new TextDecoder();
    for (let n = 0; n < count; n++) {
      if (dv.getUint32(p, true) !== 0x02014b50) throw new Error('bad central directory');
      const method = dv.getUint16(p + 10, true);
      const size = dv.getUint32(p + 20, true);
      const nameLen = dv.getUint16(p + 28, true);
      const extraLen = dv.getUint16(p + 30, true);
      const commentLen = dv.getUint16(p + 32, true);
      const local = dv.getUint32(p + 42, true);
      const name = dec.decode(bytes.subarray(p + 46, p + 46 + nameLen));
      const start = local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true);
      const data = bytes.subarray(start, start + size);
      files.set(name, method === 0 ? data : method === 8 ? await inflateRaw(data) : null);
      p += 46 + nameLen + extraLen + commentLen;
    }
    return files;
  }
  const xmlText = (s) =>
    s.replace(/&(amp|lt|gt|quot|apos|#(\d+)|#x([0-9a-fA-F]+));/g, (_m, name, d, h) =>
      d ? String.fromCodePoint(Number(d)) : h ? String.fromCodePoint(parseInt(h, 16)) : { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name],
    );
  const attr = (tag, name) => {
    const m = new RegExp('\\s' + name + '="([^"]*)"').exec(tag);
    return m ? xmlText(m[1]) : null;
  };
  const runsText = (xml) => {
    let out = '';
    const re = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t\s*\/>/g;
    let m;
    while ((m = re.exec(xml)) !== null) out += m[1] ? xmlText(m[1]) : '';
    return out;
  };
  /** The sheets of an .xlsx as the fake models them (values, formats, merges, hidden rows). */
  async function readXlsx(bytes) {
    const files = await unzip(bytes);
    const text = (name) => {
      const b = files.get(name);
      return b ? new TextDecoder().decode(b) : null;
    };
    const wbXml = text('xl/workbook.xml');
    if (!wbXml) throw new Error('no xl/workbook.xml');
    const rels = {};
    for (const m of (text('xl/_rels/workbook.xml.rels') || '').matchAll(/<Relationship\b[^>]*>/g)) rels[attr(m[0], 'Id')] = attr(m[0], 'Target');
    const shared = [];
    for (const m of (text('xl/sharedStrings.xml') || '').matchAll(/<si>([\s\S]*?)<\/si>/g)) shared.push(runsText(m[1]));
    const styles = text('xl/styles.xml') || '';
    const custom = {};
    for (const m of styles.matchAll(/<numFmt\b[^>]*>/g)) custom[attr(m[0], 'numFmtId')] = attr(m[0], 'formatCode');
    const xfs = [];
    const cellXfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles);
    if (cellXfs) for (const m of cellXfs[1].matchAll(/<xf\b[^>]*>/g)) {
      const id = attr(m[0], 'numFmtId') || '0';
      xfs.push(custom[id] || BUILTIN_FORMATS[id] || 'General');
    }
    const sheets = [];
    for (const m of wbXml.matchAll(/<sheet\b[^>]*>/g)) {
      const name = attr(m[0], 'name');
      const target = rels[attr(m[0], 'r:id')] || '';
      const path = target.startsWith('/') ? target.slice(1) : 'xl/' + target.replace(/^\.\//, '');
      const xml = text(path) || '';
      const sheetRels = text(path.replace(/([^/]+)$/, '_rels/$1.rels')) || '';
      const sheet = { name, hidden: /state="(hidden|veryHidden)"/.test(m[0]), cells: [], merges: [], hiddenRows: [], unsupported: [] };
      const dir = path.replace(/[^/]+$/, '');
      for (const rel of sheetRels.matchAll(/<Relationship\b[^>]*>/g)) {
        const type = attr(rel[0], 'Type') || '';
        if (/\/(comments|threadedComment)$/.test(type)) sheet.unsupported.push('comment');
        else if (/\/pivotTable$/.test(type)) sheet.unsupported.push('PivotTable');
        else if (/\/drawing$/.test(type)) {
          const drawing = new URL(attr(rel[0], 'Target') || '', 'file:///' + dir).pathname.slice(1);
          const drawingRels = text(drawing.replace(/([^/]+)$/, '_rels/$1.rels')) || '';
          if (/relationships\/chart"/.test(drawingRels)) sheet.unsupported.push('chart');
          if (/relationships\/slicer"/.test(drawingRels)) sheet.unsupported.push('slicer');
        }
      }
      for (const row of xml.matchAll(/<row\b([^>]*)>([\s\S]*?)<\/row>|<row\b([^>]*)\/>/g)) {
        const head = row[1] || row[3] || '';
        if (/\shidden="(1|true)"/.test(head)) sheet.hiddenRows.push(Number(attr(head, 'r')) - 1);
        for (const c of (row[2] || '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
          const ref = parseArea(attr(c[1], 'r'));
          const t = attr(c[1], 't');
          const fmt = xfs[Number(attr(c[1], 's') || 0)] || 'General';
          const body = c[2] || '';
          const v = /<v>([\s\S]*?)<\/v>/.exec(body);
          const f = /<f(?:\s[^>]*)?>([\s\S]*?)<\/f>/.exec(body);
          let value = '';
          if (t === 's') value = shared[Number(v && v[1])] ?? '';
          else if (t === 'inlineStr') value = runsText(body);
          else if (t === 'b') value = v ? v[1] === '1' : '';
          else if (t === 'str' || t === 'e') value = v ? xmlText(v[1]) : '';
          else if (v) value = Number(v[1]);
          sheet.cells.push({ r: ref.r0, c: ref.c0, value, formula: f ? '=' + xmlText(f[1]) : null, numberFormat: fmt });
        }
      }
      for (const mc of xml.matchAll(/<mergeCell\b[^>]*>/g)) sheet.merges.push(parseArea(attr(mc[0], 'ref')));
      sheets.push(sheet);
    }
    if (sheets.length === 0) throw new Error('no sheets');
    return sheets;
  }

  WorkbookProxy.prototype.insertWorksheetsFromBase64 = function (base64File, options) {
    const ctx = this._ctx;
    const opts = options || {};
    const result = new ClientResult();
    const parsed = { sheets: null, error: null };
    const bytes = base64Bytes(base64File);
    if (bytes) ctx.preparing.push(readXlsx(bytes).then((s) => (parsed.sheets = s), (e) => (parsed.error = e)));
    const relativeTo = opts.relativeTo;
    ctx.enqueue(() => {
      strictApiSet('1.13', 'Workbook.insertWorksheetsFromBase64');
      if (!bytes || parsed.error || !parsed.sheets) fail('InvalidArgument', 'The argument is invalid or missing or has an incorrect format: the file is not a workbook (' + ((parsed.error && parsed.error.message) || 'not base64') + ').');
      const position = opts.positionType === undefined ? 'End' : opts.positionType;
      if (!POSITION_TYPES.includes(position)) fail('InvalidArgument', 'Invalid positionType: ' + position);
      let anchor = null;
      if (relativeTo !== undefined && relativeTo !== null) {
        anchor = typeof relativeTo === 'string' ? ctx.wb.sheet(relativeTo) : relativeTo._bound();
        if (!anchor) fail('ItemNotFound', 'The requested resource does not exist: ' + relativeTo);
      }
      if ((position === 'Before' || position === 'After') && !anchor) fail('InvalidArgument', 'positionType ' + position + ' needs relativeTo.');
      const wanted = opts.sheetNamesToInsert && opts.sheetNamesToInsert.length > 0 ? opts.sheetNamesToInsert : null;
      if (wanted) for (const n of wanted) if (!parsed.sheets.some((s) => s.name === n)) fail('ItemNotFound', 'The source workbook has no worksheet named ' + n + '.');
      const chosen = parsed.sheets.filter((s) => !wanted || wanted.includes(s.name));
      for (const s of chosen) if (s.unsupported.length > 0) fail('UnsupportedFeature', 'Excel on the web cannot insert a worksheet with a ' + s.unsupported[0] + ' (' + s.name + ').');
      const made = [];
      for (const src of chosen) {
        let name = src.name;
        for (let n = 2; ctx.wb.sheet(name); n++) name = src.name.slice(0, 31 - (' (' + n + ')').length) + ' (' + n + ')';
        const sheet = ctx.wb.addSheet(name);
        if (src.hidden) sheet.visibility = 'Hidden';
        for (const c of src.cells) Object.assign(sheet.cell(c.r, c.c, true), { value: c.value, formula: c.formula, numberFormat: c.numberFormat });
        sheet.merges = src.merges.slice();
        for (const r of src.hiddenRows) sheet.hiddenRows.add(r);
        made.push(sheet);
      }
      // addSheet put them at the end; move them where the options say.
      const rest = ctx.wb.sheets.filter((s) => !made.includes(s));
      let at = rest.length;
      if (position === 'Beginning') at = 0;
      else if (position === 'Before') at = rest.indexOf(anchor);
      else if (position === 'After') at = rest.indexOf(anchor) + 1;
      ctx.wb.sheets = [...rest.slice(0, at), ...made, ...rest.slice(at)];
      result._value = made.map((s) => s.id);
      return result._value;
    }, { base64: String(base64File || '').length, options: { ...opts, relativeTo: typeof relativeTo === 'string' ? relativeTo : relativeTo ? 'worksheet' : undefined } });
    // The request carries the whole file: count its bytes against Excel's payload limit.
    ctx.requestBytes += String(base64File || '').length;
    ctx.pendingProxies.push(result);
    return result;
  };
  // END insert worksheets
  // ==============================================================================================

  global.Office = Office;
  global.Excel = Excel;
  global.OfficeExtension = { Error: OfficeError, ClientResult };
  global.CustomFunctions = CustomFunctions;
  global.__fakeExcel = handle;
})(typeof globalThis !== 'undefined' ? globalThis : window);
