//! The 决算 import workbook (`shared/spec/final/model.md` §5): an `.xlsx`
//! workbook or a folder of `<sheet>.csv` files into a [`FinalPackage`], with
//! the 预算 import's reader, tables, messages and all-or-nothing rule
//! (`import`), and its template, empty or filled.
//!
//! [`import_document`] reads either kind: a workbook whose `封面` has
//! `决算年度` is a 决算, any other a 预算.
//!
//! Decisions where the spec is silent:
//! - `封面` and `单位` are required; every other sheet may be left out (empty).
//! - 功能科目编码 must be 7 digits (类款项) and 经济科目编码 / 政府经济科目编码
//!   5 digits: there are no 决算 audit rules yet to catch them later.
//! - A key given twice is an error: 收入 (单位, 收入类型, 功能科目),
//!   结转结余 (单位, 资金性质, 功能科目), 非财政拨款结余 (单位), 年初预算
//!   (口径, 功能科目), and every item of the key/value sheets.
//! - `项目`'s 年初预算数 and 全年预算数 go to a [`ProjectEval`] of the project
//!   (`initial` / `adjusted`.government), made only when one of them is given.
//! - `三公统计` holds counts in its `数量` column, and the 外宾接待支出 amount
//!   (元) in the same column.
//! - `整体自评`: 年初预算数 / 全年预算数 are the 政府预算资金 part of
//!   `plan.dept_initial` / `dept_adjusted`, the keys with （财政专户管理资金） and
//!   （单位资金） the other two parts; 项目自评数, when given, must equal
//!   优 + 良 + 中 + 差 (it is derived, so it is only checked).
//! - `整体自评任务` holds A1's 年度主要任务 (任务名称, 主要内容) and their
//!   任务完成情况, in order.
//! - `整体自评指标`, `项目自评`, `项目资金管理`, `项目自评指标` hold the A1/A2 rows
//!   (targets and 实际完成值, 分值, 得分, 偏差原因分析, 改进措施; the four
//!   资金管理情况 rows of A2, each at most once per project); a project
//!   evaluation is made for a project named there or given 年初/全年预算数.
//!   `项目自评` also holds the 财政专户/单位资金 parts of the project's
//!   年初/全年预算数 (the 政府预算资金 part is in `项目`).
//! - In `上年决算数`, `资产`, `整体自评`, `说明` and 政府采购预算 an empty value
//!   means "not given"; elsewhere an empty amount is zero, an empty count 0.

use std::collections::HashMap;
use std::path::Path;
use std::str::FromStr;

use rust_decimal::Decimal;

use yusuan_model::amount::{clip, half_width};
use yusuan_model::{
    Document, FinalColumn, FinalIncome, FinalPackage, FinalTextKey, FundSource, GradeCounts, LastYearFinalItem, Nature,
    NonFiscalSurplus, OpeningBalance, OtherKind, OtherSpending, PlanLine, ProjectEval, ScoredRow, ScoredText, Task,
    TextKey, VehicleKind, Yuan, final_source_from_label, final_source_label,
};

use crate::import::{
    Cell, Cover, ImportError, ImportErrors, LineRules, Projects, RawSheet, Row, Seen, Source, Table, Units, Value,
    basic_row, cell_amount, cell_count, cell_text, cover_key, dept_indicator_of, dept_indicator_row, finish,
    format_float, formats, import_budget, indicator_of, indicator_row, load_sheets, one_of, open_source,
    project_indicator_rows, project_line_rows, project_row, put, read_basic_lines, repeated, table, unit_row,
    write_sheets,
};
use crate::sheets::{
    C_AMOUNT, C_CONTENT, C_COUNT, C_ECON, C_FUNC, C_ITEM, C_KEY, C_PROJECT, C_SOURCE_KIND, C_UNIT, SHEET_COVER,
    SHEET_TEXTS,
};
use crate::sheets_final::*;

use crate::import::Errors;

// ---------------------------------------------------------------------------
// Import

/// Imports a 预算 or a 决算 workbook (`.xlsx` or a CSV folder): a 决算 when
/// its `封面` has `决算年度`.
pub fn import_document(path: &Path) -> Result<Document, ImportErrors> {
    let mut source = open_source(path).map_err(|e| ImportErrors(vec![e]))?;
    if is_final(&mut source) {
        import_final_from(&mut source).map(Document::Final)
    } else {
        import_budget(&mut source).map(Document::Budget)
    }
}

/// Imports a 决算 workbook.
pub fn import_final(path: &Path) -> Result<FinalPackage, ImportErrors> {
    let mut source = open_source(path).map_err(|e| ImportErrors(vec![e]))?;
    import_final_from(&mut source)
}

/// Whether the workbook's `封面` names a 决算年度 (an unreadable `封面` is
/// left to the 预算 import to report).
fn is_final(source: &mut Source) -> bool {
    let Ok(Some(raw)) = source.load(SHEET_COVER) else {
        return false;
    };
    raw.rows
        .iter()
        .any(|r| cell_text(r.cell(0)).is_ok_and(|t| cover_key(&t) == FINAL_YEAR_KEY))
}

fn import_final_from(source: &mut Source) -> Result<FinalPackage, ImportErrors> {
    let mut errs = Errors::default();
    let sheets = load_sheets(source, &FINAL_SHEETS, is_required_final, &mut errs);
    let package = build(&sheets, &mut errs);
    finish(package, yusuan_model::limits::check_final, errs, &FINAL_SHEETS)
}

/// Codes of the 决算's lines: 功能 7 digits, 经济 5 digits.
fn check_code(r: &Row, col: &str, code: &str, errs: &mut Errors) {
    let (len, what) = if col == C_FUNC {
        (7, "7位数字（类款项）")
    } else {
        (5, "5位数字")
    };
    if code.len() != len || !code.bytes().all(|b| b.is_ascii_digit()) {
        r.err(errs, col, format!("{col}应为{what}，实际为“{}”", clip(code)));
    }
}

const RULES: LineRules = LineRules {
    source_labels: final_source_labels,
    source: final_source_from_label,
    code: check_code,
};

/// A 功能科目编码 cell: required unless `optional`, checked when given.
fn func(r: &Row, optional: bool, errs: &mut Errors) -> String {
    let f = r.code(C_FUNC, !optional, errs);
    if !f.is_empty() {
        check_code(r, C_FUNC, &f, errs);
    }
    f
}

/// Each row of a key/value sheet whose `项目` is one of `items`, with the
/// item's index; unknown and repeated items are errors.
fn each_item(t: &Table, items: &[&'static str], errs: &mut Errors, mut f: impl FnMut(&Row, usize, &mut Errors)) {
    let mut seen: Seen<usize> = Seen::default();
    for r in t.each() {
        let Some(i) = r.choice(C_ITEM, true, items, |s| items.iter().position(|a| *a == s), errs) else {
            continue;
        };
        if let Err(first) = seen.insert(i, r.number(), ()) {
            r.err(errs, C_ITEM, repeated(&format!("“{}”", items[i]), first));
            continue;
        }
        f(&r, i, errs);
    }
}

/// An amount; `None` when the cell is empty.
fn opt_amount(r: &Row, col: &str, errs: &mut Errors) -> Option<Yuan> {
    (!r.cell(col).is_blank()).then(|| r.amount(col, errs))
}

/// A count; `None` when empty or wrong (the error recorded).
fn count(r: &Row, col: &str, errs: &mut Errors) -> Option<u32> {
    cell_count(r.cell(col)).unwrap_or_else(|m| {
        r.err(errs, col, m);
        None
    })
}

/// A score or weight (a non-negative number); `None` when empty.
fn cell_score(cell: &Cell) -> Result<Option<Decimal>, String> {
    let expected = |shown: &str| format!("应为非负数（分值或得分），实际为“{}”", clip(shown));
    let text = match cell {
        Cell::Empty => return Ok(None),
        Cell::Int(i) => i.to_string(),
        Cell::Float(f) if f.is_finite() => format_float(*f),
        Cell::Text(s) => s.chars().filter(|c| !c.is_whitespace()).map(half_width).collect(),
        other => return Err(expected(&other.shown())),
    };
    if text.is_empty() {
        return Ok(None);
    }
    let ok = text.bytes().all(|b| b.is_ascii_digit() || b == b'.') && text.len() <= 12;
    match Decimal::from_str(&text) {
        Ok(d) if ok => Ok(Some(d.normalize())),
        _ => Err(expected(&text)),
    }
}

fn build(raw: &HashMap<&'static str, RawSheet>, errs: &mut Errors) -> FinalPackage {
    let mut p = FinalPackage::default();
    if let Some(c) = raw.get(SHEET_COVER) {
        cover(c, &mut p, errs);
    }
    let units = Units::read(raw, errs);
    p.units = units.list.clone();

    // 收入
    if let Some(t) = table(&FINAL_INCOME, raw, errs) {
        let mut seen: Seen<(String, FundSource, String)> = Seen::default();
        let income = |s: &str| final_source_from_label(s).filter(|f| FinalColumn::of(*f).is_some());
        for r in t.each() {
            let unit = r.code(C_UNIT, true, errs);
            units.check(&r, &unit, errs);
            let source = r.choice(C_SOURCE_KIND, true, &income_labels(), income, errs);
            let func = func(&r, false, errs);
            let amount = r.amount(C_AMOUNT, errs);
            let Some(source) = source else { continue };
            if let Err(first) = seen.insert((unit.clone(), source, func.clone()), r.number(), ()) {
                let what = format!(
                    "单位“{}”的“{}”在功能科目“{}”",
                    clip(&unit),
                    final_source_label(source),
                    clip(&func)
                );
                r.err(errs, C_FUNC, repeated(&what, first));
                continue;
            }
            p.income.push(FinalIncome {
                unit,
                source,
                func,
                amount,
                rejected: Default::default(),
            });
        }
    }

    // 结转结余
    if let Some(t) = table(&OPENING, raw, errs) {
        let mut seen: Seen<(String, Nature, String)> = Seen::default();
        for r in t.each() {
            let unit = r.code(C_UNIT, true, errs);
            units.check(&r, &unit, errs);
            let nature = r.choice(C_NATURE, true, &nature_labels(), Nature::from_label, errs);
            let func = func(&r, false, errs);
            let amount = r.amount(C_OPENING, errs);
            let Some(nature) = nature else { continue };
            if let Err(first) = seen.insert((unit.clone(), nature, func.clone()), r.number(), ()) {
                let what = format!("单位“{}”的“{}”在功能科目“{}”", clip(&unit), nature.label(), clip(&func));
                r.err(errs, C_FUNC, repeated(&what, first));
                continue;
            }
            p.opening.push(OpeningBalance {
                unit,
                nature,
                func,
                amount,
                rejected: Default::default(),
            });
        }
    }

    // 非财政拨款结余
    if let Some(t) = table(&SURPLUS, raw, errs) {
        let mut seen: Seen<String> = Seen::default();
        for r in t.each() {
            let unit = r.code(C_UNIT, true, errs);
            units.check(&r, &unit, errs);
            let used = r.amount(C_SURPLUS_USED, errs);
            let distributed = r.amount(C_SURPLUS_DISTRIBUTED, errs);
            if let Err(first) = seen.insert(unit.clone(), r.number(), ()) {
                r.err(errs, C_UNIT, repeated(&format!("单位代码“{}”", clip(&unit)), first));
                continue;
            }
            p.surplus.push(NonFiscalSurplus {
                unit,
                used,
                distributed,
                rejected: Default::default(),
            });
        }
    }

    if let Some(t) = table(&FINAL_BASIC, raw, errs) {
        p.basic_lines = read_basic_lines(&t, &units, &RULES, errs);
    }

    // 项目 (+ 年初预算数, 全年预算数), 项目明细
    let mut plans: Vec<(usize, Yuan, Yuan)> = Vec::new();
    let mut projects = Projects::read(table(&FINAL_PROJECTS, raw, errs), raw, &units, errs, |r, i, errs| {
        let initial = opt_amount(r, C_INITIAL, errs);
        let adjusted = opt_amount(r, C_ADJUSTED, errs);
        if initial.is_some() || adjusted.is_some() {
            let zero = Decimal::new(0, 2);
            plans.push((i, initial.unwrap_or(zero), adjusted.unwrap_or(zero)));
        }
    });
    if let Some(t) = table(&FINAL_PROJECT_LINES, raw, errs) {
        projects.read_lines(&t, &RULES, errs);
    }
    if let Some(t) = table(&crate::sheets::PROJECT_INDICATORS, raw, errs) {
        projects.read_indicators(&t, errs);
    }
    for (i, initial, adjusted) in plans {
        let e = eval_for(&mut p.project_evals, &projects.list[i].code);
        e.initial.government = initial;
        e.adjusted.government = adjusted;
    }

    // 其他支出
    if let Some(t) = table(&OTHER, raw, errs) {
        for r in t.each() {
            let unit = r.code(C_UNIT, true, errs);
            units.check(&r, &unit, errs);
            let kind = r.choice(C_OTHER_KIND, true, &other_kind_labels(), OtherKind::from_label, errs);
            let func = func(&r, false, errs);
            let econ = r.code(C_ECON, true, errs);
            if !econ.is_empty() {
                check_code(&r, C_ECON, &econ, errs);
            }
            let source = RULES.source(&r, errs);
            let amount = r.amount(C_AMOUNT, errs);
            p.other_lines.push(OtherSpending {
                unit,
                kind: kind.unwrap_or_default(),
                func,
                econ,
                source,
                amount,
                rejected: Default::default(),
            });
        }
    }

    // 年初预算
    if let Some(t) = table(&PLAN, raw, errs) {
        let mut seen: Seen<(Nature, String)> = Seen::default();
        let basis = |s: &str| Nature::from_label(s).filter(|n| n.budget().is_some());
        for r in t.each() {
            let nature = r.choice(C_BASIS, true, &basis_labels(), basis, errs);
            let func = func(&r, true, errs);
            let amount = r.amount(C_AMOUNT, errs);
            let Some(nature) = nature else { continue };
            if let Err(first) = seen.insert((nature, func.clone()), r.number(), ()) {
                let what = if func.is_empty() {
                    format!("“{}”的合计数（功能科目编码留空）", nature.label())
                } else {
                    format!("“{}”功能科目“{}”", nature.label(), clip(&func))
                };
                r.err(errs, C_FUNC, repeated(&what, first));
                continue;
            }
            p.plan.initial.push(PlanLine {
                nature,
                func,
                amount,
                rejected: Default::default(),
            });
        }
    }

    // 三公预算
    if let Some(t) = table(&THREE_PUBLIC_PLAN, raw, errs) {
        each_item(&t, &THREE_PUBLIC_ITEMS, errs, |r, i, errs| {
            let initial = r.amount(C_INITIAL, errs);
            let adjusted = r.amount(C_ADJUSTED, errs);
            let plan = &mut p.plan;
            for (amounts, v) in [
                (&mut plan.three_public_initial, initial),
                (&mut plan.three_public_adjusted, adjusted),
            ] {
                *match i {
                    0 => &mut amounts.overseas,
                    1 => &mut amounts.vehicle_purchase,
                    2 => &mut amounts.vehicle_operation,
                    _ => &mut amounts.reception,
                } = v;
            }
        });
    }

    // 三公统计
    if let Some(t) = table(&THREE_PUBLIC_FACTS, raw, errs) {
        each_item(&t, &FACT_ITEMS, errs, |r, i, errs| {
            let f = &mut p.three_public;
            if FACT_ITEMS[i] == FACT_FOREIGN_RECEPTION {
                f.foreign_reception = match cell_amount(r.cell(C_COUNT)) {
                    Ok(a) => a,
                    Err(m) => {
                        r.err(errs, C_COUNT, format!("外宾接待支出{m}"));
                        return;
                    }
                };
                return;
            }
            let n = count(r, C_COUNT, errs).unwrap_or(0);
            *match i {
                0 => &mut f.overseas_groups,
                1 => &mut f.overseas_persons,
                2 => &mut f.vehicles_bought,
                3 => &mut f.vehicles_held,
                5 => &mut f.foreign_groups,
                6 => &mut f.foreign_persons,
                7 => &mut f.domestic_groups,
                _ => &mut f.domestic_persons,
            } = n;
        });
    }

    // 上年决算数
    if let Some(t) = table(&LAST_YEAR_FINAL, raw, errs) {
        let labels = last_year_final_labels();
        each_item(&t, &labels, errs, |r, i, errs| {
            if let Some(a) = opt_amount(r, C_AMOUNT, errs) {
                p.last_year.0.insert(LastYearFinalItem::ALL[i], a);
            }
        });
    }

    // 政府采购
    if let Some(t) = table(&PROCUREMENT, raw, errs) {
        each_item(&t, &PROCUREMENT_ITEMS, errs, |r, i, errs| match i {
            0 => p.procurement.sme_contracts = r.amount(C_AMOUNT, errs),
            1 => p.procurement.small_micro_contracts = r.amount(C_AMOUNT, errs),
            _ => p.plan.procurement_budget = opt_amount(r, C_AMOUNT, errs),
        });
    }

    // 资产
    if let Some(t) = table(&FINAL_ASSETS, raw, errs) {
        let items = asset_items();
        each_item(&t, &items, errs, |r, i, errs| {
            let n = count(r, C_COUNT, errs);
            let a = &mut p.assets;
            match i {
                0 => a.vehicles_total = n,
                i if i <= VehicleKind::ALL.len() => {
                    if let Some(n) = n {
                        a.vehicles.insert(VehicleKind::ALL[i - 1], n);
                    }
                }
                _ => a.equipment_over_1m = n,
            }
        });
    }

    // 整体自评
    if let Some(t) = table(&DEPT_EVAL, raw, errs) {
        dept_eval(&t, &mut p, errs);
    }

    // 整体自评任务
    if let Some(t) = table(&DEPT_EVAL_TASKS, raw, errs) {
        for r in t.each() {
            let name = r.text(crate::sheets::C_TASK, true, errs);
            let content = r.text(crate::sheets::C_TASK_CONTENT, false, errs);
            let result = r.text(C_TASK_RESULT, false, errs);
            p.dept_eval.targets.tasks.push(Task { name, content });
            p.dept_eval.task_results.push(result);
        }
    }

    // 整体自评指标
    if let Some(t) = table(&DEPT_EVAL_INDICATORS, raw, errs) {
        for r in t.each() {
            p.dept_eval.targets.indicators.push(dept_indicator_of(&r, errs));
            p.dept_eval.results.push(scored_of(&r, errs));
        }
    }

    // 项目自评
    if let Some(t) = table(&PROJECT_EVALS, raw, errs) {
        let mut seen: Seen<usize> = Seen::default();
        for r in t.each() {
            let code = r.code(C_PROJECT, true, errs);
            let project = projects.find(&r, &code, errs);
            let weight = score(&r, C_EXEC_WEIGHT, errs);
            let exec_score = score(&r, C_EXEC_SCORE, errs);
            let goal_planned = r.text(C_GOAL_PLANNED, false, errs);
            let goal_actual = r.text(C_GOAL_ACTUAL, false, errs);
            let yes = |s: &str| YES_NO.iter().position(|y| *y == s).map(|i| i == 0);
            let attach = r.choice(C_ATTACH, false, &YES_NO, yes, errs);
            let split = [
                EVAL_INITIAL_SPECIAL,
                EVAL_INITIAL_UNIT,
                EVAL_ADJUSTED_SPECIAL,
                EVAL_ADJUSTED_UNIT,
            ]
            .map(|c| opt_amount(&r, c, errs));
            let Some(i) = project else { continue };
            if let Err(first) = seen.insert(i, r.number(), ()) {
                r.err(errs, C_PROJECT, repeated(&format!("项目编码“{}”", clip(&code)), first));
                continue;
            }
            let e = eval_for(&mut p.project_evals, &projects.list[i].code);
            e.exec_weight = weight.unwrap_or_default();
            e.exec_score = exec_score;
            e.goal_planned = goal_planned;
            e.goal_actual = goal_actual;
            e.attach = attach.unwrap_or(false);
            let [initial_special, initial_unit, adjusted_special, adjusted_unit] = split;
            e.initial.fiscal_special = initial_special.unwrap_or_default();
            e.initial.unit_funds = initial_unit.unwrap_or_default();
            e.adjusted.fiscal_special = adjusted_special.unwrap_or_default();
            e.adjusted.unit_funds = adjusted_unit.unwrap_or_default();
        }
    }

    // 项目资金管理
    if let Some(t) = table(&PROJECT_FUND_MGMT, raw, errs) {
        let mut seen: Seen<(usize, usize)> = Seen::default();
        for r in t.each() {
            let code = r.code(C_PROJECT, true, errs);
            let project = projects.find(&r, &code, errs);
            let item = r.choice(
                C_ITEM,
                true,
                &FUND_MGMT_ITEMS,
                |s| FUND_MGMT_ITEMS.iter().position(|x| *x == s),
                errs,
            );
            let note = r.text(C_FUND_NOTE, false, errs);
            let weight = score(&r, C_WEIGHT, errs);
            let scored = score(&r, C_SCORE, errs);
            let issue = r.text(C_FUND_ISSUE, false, errs);
            let (Some(i), Some(k)) = (project, item) else { continue };
            if let Err(first) = seen.insert((i, k), r.number(), ()) {
                let what = format!("项目“{}”的“{}”", clip(&code), FUND_MGMT_ITEMS[k]);
                r.err(errs, C_ITEM, repeated(&what, first));
                continue;
            }
            eval_for(&mut p.project_evals, &projects.list[i].code).fund_mgmt[k] = ScoredText {
                note,
                weight: weight.unwrap_or_default(),
                score: scored.unwrap_or_default(),
                issue,
            };
        }
    }

    // 项目自评指标
    if let Some(t) = table(&PROJECT_EVAL_INDICATORS, raw, errs) {
        for r in t.each() {
            let code = r.code(C_PROJECT, true, errs);
            let project = projects.find(&r, &code, errs);
            let indicator = indicator_of(&r, errs);
            let scored = scored_of(&r, errs);
            if let (Some(i), Some(indicator)) = (project, indicator) {
                eval_for(&mut p.project_evals, &projects.list[i].code)
                    .indicators
                    .push((indicator, scored));
            }
        }
    }
    p.projects = projects.list;

    // 说明
    if let Some(t) = table(&FINAL_TEXTS, raw, errs) {
        texts(&t, &mut p, errs);
    }
    p
}

/// The evaluation of `project`, added when there is none yet.
fn eval_for<'a>(evals: &'a mut Vec<ProjectEval>, project: &str) -> &'a mut ProjectEval {
    let i = match evals.iter().position(|e| e.project == project) {
        Some(i) => i,
        None => {
            evals.push(ProjectEval {
                project: project.to_string(),
                ..ProjectEval::default()
            });
            evals.len() - 1
        }
    };
    &mut evals[i]
}

/// A score or weight of a row; `None` when empty or wrong (the error recorded).
fn score(r: &Row, col: &str, errs: &mut Errors) -> Option<Decimal> {
    cell_score(r.cell(col)).unwrap_or_else(|m| {
        r.err(errs, col, m);
        None
    })
}

/// The scored half of a 自评 indicator row (empty numbers are 0).
fn scored_of(r: &Row, errs: &mut Errors) -> ScoredRow {
    ScoredRow {
        weight: score(r, C_WEIGHT, errs).unwrap_or_default(),
        actual: r.text(C_ACTUAL, false, errs),
        score: score(r, C_SCORE, errs).unwrap_or_default(),
        deviation: r.text(C_DEVIATION, false, errs),
        remedy: r.text(C_REMEDY, false, errs),
    }
}

/// The template cells of a scored row.
fn scored_cells(s: &ScoredRow) -> [Value<'_>; 5] {
    [
        Value::Score(Some(s.weight)),
        Value::Text(&s.actual),
        Value::Score(Some(s.score)),
        Value::Text(&s.deviation),
        Value::Text(&s.remedy),
    ]
}

/// `整体自评`: key in `项目`, value in `内容`.
fn dept_eval(t: &Table, p: &mut FinalPackage, errs: &mut Errors) {
    let mut grades: [Option<u32>; 4] = [None; 4];
    let mut stated: Option<(usize, u32)> = None;
    each_item(t, &EVAL_ITEMS, errs, |r, i, errs| {
        let item = EVAL_ITEMS[i];
        let score = |errs: &mut Errors| score(r, C_CONTENT, errs);
        let text = |errs: &mut Errors| r.text(C_CONTENT, false, errs);
        let e = &mut p.dept_eval;
        match item {
            EVAL_INITIAL => {
                if let Some(a) = opt_amount(r, C_CONTENT, errs) {
                    p.plan.dept_initial.government = a;
                }
            }
            EVAL_ADJUSTED => {
                if let Some(a) = opt_amount(r, C_CONTENT, errs) {
                    p.plan.dept_adjusted.government = a;
                }
            }
            EVAL_INITIAL_SPECIAL | EVAL_INITIAL_UNIT | EVAL_ADJUSTED_SPECIAL | EVAL_ADJUSTED_UNIT => {
                if let Some(a) = opt_amount(r, C_CONTENT, errs) {
                    let split = if item.starts_with(EVAL_INITIAL) {
                        &mut p.plan.dept_initial
                    } else {
                        &mut p.plan.dept_adjusted
                    };
                    if item.ends_with("（单位资金）") {
                        split.unit_funds = a;
                    } else {
                        split.fiscal_special = a;
                    }
                }
            }
            EVAL_EXEC_WEIGHT => {
                if let Some(d) = score(errs) {
                    e.exec_weight = d;
                }
            }
            EVAL_EXEC_SCORE => e.exec_score = score(errs),
            EVAL_PROJECTS => {
                if let Some(n) = count(r, C_CONTENT, errs) {
                    stated = Some((r.number(), n));
                }
            }
            EVAL_GOAL => e.targets.goal = text(errs),
            EVAL_GOAL_ACTUAL => e.goal_actual = text(errs),
            EVAL_FILLED_BY => e.filled_by = text(errs),
            EVAL_DATE => e.date = text(errs),
            grade => {
                if let Some(g) = EVAL_GRADES.iter().position(|x| *x == grade) {
                    grades[g] = count(r, C_CONTENT, errs);
                }
            }
        }
    });
    let given = grades.iter().any(Option::is_some);
    if given {
        let g = |i: usize| grades[i].unwrap_or(0);
        p.dept_eval.project_grades = Some(GradeCounts {
            excellent: g(0),
            good: g(1),
            fair: g(2),
            poor: g(3),
        });
    }
    if let Some((row, n)) = stated {
        let err = |errs: &mut Errors, message: String| {
            errs.push(ImportError {
                sheet: SHEET_DEPT_EVAL.to_string(),
                row: Some(row),
                column: Some(C_CONTENT.to_string()),
                message,
            })
        };
        match p.dept_eval.project_grades {
            None => err(
                errs,
                format!("填写了项目自评数{n}，但没有填写优、良、中、差各有几个项目"),
            ),
            Some(g) if g.total() != n => err(
                errs,
                format!(
                    "项目自评数为{n}，但优、良、中、差合计为{}（{}+{}+{}+{}）",
                    g.total(),
                    g.excellent,
                    g.good,
                    g.fair,
                    g.poor
                ),
            ),
            Some(_) => {}
        }
    }
}

/// `说明`: texts by key; `差异原因:<功能科目编码>` for the reason of a 功能 项.
fn texts(t: &Table, p: &mut FinalPackage, errs: &mut Errors) {
    let mut seen: Seen<String> = Seen::default();
    let keys = text_keys();
    for r in t.each() {
        let key = r.text(C_KEY, true, errs);
        let content = r.text(C_CONTENT, false, errs);
        if key.is_empty() {
            continue;
        }
        let reason = key
            .strip_prefix("差异原因")
            .and_then(|rest| rest.strip_prefix([':', '：']));
        enum Slot {
            Dept(TextKey),
            Final(FinalTextKey),
            Reason(String),
        }
        let slot = if let Some(code) = reason {
            let code: String = code.chars().filter(|c| !c.is_whitespace()).map(half_width).collect();
            if code.len() != 7 || !code.bytes().all(|b| b.is_ascii_digit()) {
                r.err(
                    errs,
                    C_KEY,
                    format!("“差异原因:”后应为7位功能科目编码（类款项），实际为“{}”", clip(&code)),
                );
                continue;
            }
            Slot::Reason(code)
        } else if key == TEXT_DUTIES {
            Slot::Dept(TextKey::Duties)
        } else if key == TEXT_ORGANIZATION {
            Slot::Dept(TextKey::Organization)
        } else if let Some(k) = FinalTextKey::from_label(&key) {
            Slot::Final(k)
        } else {
            r.err(
                errs,
                C_KEY,
                format!(
                    "未知的键“{}”，应为以下之一：{}，或“{REASON_PREFIX}功能科目编码”",
                    clip(&key),
                    one_of(&keys)
                ),
            );
            continue;
        };
        let normal = match &slot {
            Slot::Reason(code) => format!("{REASON_PREFIX}{code}"),
            _ => key.clone(),
        };
        if let Err(first) = seen.insert(normal.clone(), r.number(), ()) {
            r.err(errs, C_KEY, repeated(&format!("“{}”", clip(&normal)), first));
            continue;
        }
        if content.is_empty() {
            continue;
        }
        match slot {
            Slot::Dept(k) => {
                p.dept_texts.insert(k, content);
            }
            Slot::Final(k) => {
                p.texts.insert(k, content);
            }
            Slot::Reason(code) => {
                p.reasons_by_func.insert(code, content);
            }
        }
    }
}

/// `封面` of a 决算.
fn cover(raw: &RawSheet, p: &mut FinalPackage, errs: &mut Errors) {
    let c = Cover::read(raw, &FINAL_COVER_KEYS, errs);
    c.department(FINAL_YEAR_KEY, &mut p.department, errs);
    if let Some((_, date)) = c.text(errs, "发布日期", false) {
        p.publish_date = date;
    }
    let choice = |errs: &mut Errors, key: &'static str, allowed: &[&'static str]| -> Option<usize> {
        let (row, t) = c.text(errs, key, false)?;
        let i = allowed.iter().position(|a| *a == t);
        if i.is_none() {
            Cover::err(
                errs,
                row,
                "B",
                format!("“{key}”应为以下之一：{}，实际为“{}”", one_of(allowed), clip(&t)),
            );
        }
        i
    };
    // A typed 0.00 is a number 0 in Excel.
    let zero = match c.entry("零值显示") {
        Some((_, Cell::Int(0))) => Some(0),
        Some((_, Cell::Float(f))) if *f == 0.0 => Some(0),
        _ => choice(errs, "零值显示", &ZERO_LABELS),
    };
    if let Some(i) = zero {
        p.layout.zero_blank = i == 1;
    }
    if let Some(i) = choice(errs, "千分位", &YES_NO) {
        p.layout.thousands = i == 0;
    }
    p.layout.form_year = c.year(errs, "表样年度", false);
    if let Some(i) = choice(errs, "公开08表样", &TABLE08_LABELS) {
        p.layout.table08_with_balances = Some(i == 1);
    }
    if let Some(i) = choice(errs, "单位行", &UNIT_LINE_LABELS) {
        p.layout.unit_line_long = i == 1;
    }
    if let Some(i) = choice(errs, "公开01金额列", &TABLE01_AMOUNT_LABELS) {
        p.layout.table01_amount_header = i == 1;
    }
    if let Some(i) = choice(errs, "公开06标题", &TABLE06_TITLE_LABELS) {
        p.layout.table06_short_title = i == 1;
    }
    if let Some((row, t)) = c.text(errs, "零值另样的表", false) {
        for n in t.split(|c: char| c.is_whitespace() || matches!(c, '、' | '，' | ',' | '；' | ';')) {
            let n = n.trim().trim_start_matches("公开").trim_end_matches('表');
            match n.parse::<u8>() {
                Ok(k) if (1..=9).contains(&k) => {
                    p.layout.zero_other_tables.insert(k);
                }
                _ if n.is_empty() => {}
                _ => Cover::err(
                    errs,
                    row,
                    "B",
                    format!(
                        "“零值另样的表”应为01至09的表号，以顿号分隔，实际有“{}”",
                        n.chars().take(20).collect::<String>()
                    ),
                ),
            }
        }
    }
    crate::wording::read(&c, errs, &mut p.wording, false);
}

// ---------------------------------------------------------------------------
// Template

/// Writes the 决算 import workbook: every sheet with its headers, drop-down
/// lists and text format for codes; filled from `package` when given (so
/// that it imports back to the same package).
pub fn write_template_final(path: &Path, package: Option<&FinalPackage>) -> Result<(), crate::xlsx::ExportError> {
    write_inner(path, package).map_err(|error| crate::xlsx::ExportError::Template {
        path: path.display().to_string(),
        error,
    })
}

fn write_inner(path: &Path, package: Option<&FinalPackage>) -> Result<(), rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{DataValidation, DataValidationRule, Workbook};
    let f = formats();
    let empty = FinalPackage::default();
    let p = package.unwrap_or(&empty);
    let mut wb = Workbook::new();

    // 封面
    {
        let ws = wb.add_worksheet();
        ws.set_name(SHEET_COVER)?;
        ws.set_column_width(0, 16)?;
        ws.set_column_width(1, 60)?;
        for (i, key) in FINAL_COVER_KEYS.iter().enumerate() {
            ws.write_string_with_format(i as u32, 0, *key, &f.header)?;
        }
        let d = &p.department;
        let l = &p.layout;
        put(ws, &f, 0, 1, Value::Text(&d.name))?;
        ws.write_string_with_format(1, 1, d.code.as_str(), &f.code)?;
        if package.is_some() {
            ws.write_number(2, 1, d.year)?;
        }
        ws.write_string(3, 1, d.amount_unit.label())?;
        ws.write_number(4, 1, d.decimals)?;
        put(ws, &f, 5, 1, Value::Text(&p.publish_date))?;
        ws.write_string_with_format(6, 1, ZERO_LABELS[usize::from(l.zero_blank)], &f.code)?;
        ws.write_string(7, 1, YES_NO[usize::from(!l.thousands)])?;
        if let Some(y) = l.form_year {
            ws.write_number(8, 1, y)?;
        }
        if let Some(b) = l.table08_with_balances {
            ws.write_string(9, 1, TABLE08_LABELS[usize::from(b)])?;
        }
        // The three choices of 003: written only when chosen.
        for (row, on, labels) in [
            (10, l.unit_line_long, &UNIT_LINE_LABELS),
            (11, l.table01_amount_header, &TABLE01_AMOUNT_LABELS),
            (12, l.table06_short_title, &TABLE06_TITLE_LABELS),
        ] {
            if on {
                ws.write_string(row, 1, labels[1])?;
            }
        }
        if !l.zero_other_tables.is_empty() {
            let tables: Vec<String> = l.zero_other_tables.iter().map(|n| format!("{n:02}")).collect();
            ws.write_string(13, 1, tables.join("、"))?;
        }
        for (row, labels) in [
            (3, &["万元", "元"][..]),
            (6, &ZERO_LABELS[..]),
            (7, &YES_NO[..]),
            (9, &TABLE08_LABELS[..]),
            (10, &UNIT_LINE_LABELS[..]),
            (11, &TABLE01_AMOUNT_LABELS[..]),
            (12, &TABLE06_TITLE_LABELS[..]),
        ] {
            ws.add_data_validation(row, 1, row, 1, &DataValidation::new().allow_list_strings(labels)?)?;
        }
        let decimals = DataValidation::new()
            .allow_whole_number(DataValidationRule::Between(0, 2))
            .set_error_message("小数位数应为0、1或2")?;
        ws.add_data_validation(4, 1, 4, 1, &decimals)?;
        crate::wording::write_rows(ws, &f, &FINAL_COVER_KEYS, &p.wording, false)?;
    }

    write_sheets(&mut wb, &f, &FINAL_TABULAR, |sheet| template_rows(sheet, p))?;
    wb.save(path)
}

fn template_rows<'a>(sheet: &str, p: &'a FinalPackage) -> Vec<Vec<Value<'a>>> {
    use Value::{Amount, Code, Count, Score, Text};
    let opt = |a: Option<Yuan>| a.map_or(Text(""), Amount);
    match sheet {
        crate::sheets::SHEET_UNITS => p.units.iter().map(unit_row).collect(),
        crate::sheets::SHEET_INCOME => p
            .income
            .iter()
            .map(|e| {
                vec![
                    Code(&e.unit),
                    Text(final_source_label(e.source)),
                    Code(&e.func),
                    Amount(e.amount),
                ]
            })
            .collect(),
        SHEET_OPENING => p
            .opening
            .iter()
            .map(|e| vec![Code(&e.unit), Text(e.nature.label()), Code(&e.func), Amount(e.amount)])
            .collect(),
        SHEET_SURPLUS => p
            .surplus
            .iter()
            .map(|e| vec![Code(&e.unit), Amount(e.used), Amount(e.distributed)])
            .collect(),
        crate::sheets::SHEET_BASIC => p.basic_lines.iter().map(|l| basic_row(l, final_source_label)).collect(),
        crate::sheets::SHEET_PROJECTS => p
            .projects
            .iter()
            .map(|x| {
                let mut row = project_row(x);
                if let Some(e) = p.project_evals.iter().find(|e| e.project == x.code) {
                    row.push(Amount(e.initial.government));
                    row.push(Amount(e.adjusted.government));
                }
                row
            })
            .collect(),
        crate::sheets::SHEET_PROJECT_LINES => project_line_rows(&p.projects, final_source_label),
        crate::sheets::SHEET_PROJECT_INDICATORS => project_indicator_rows(&p.projects),
        SHEET_OTHER => p
            .other_lines
            .iter()
            .map(|l| {
                vec![
                    Code(&l.unit),
                    Text(l.kind.label()),
                    Code(&l.func),
                    Code(&l.econ),
                    Text(final_source_label(l.source)),
                    Amount(l.amount),
                ]
            })
            .collect(),
        SHEET_PLAN => p
            .plan
            .initial
            .iter()
            .map(|l| vec![Text(l.nature.label()), Code(&l.func), Amount(l.amount)])
            .collect(),
        SHEET_THREE_PUBLIC_PLAN => {
            let (a, b) = (&p.plan.three_public_initial, &p.plan.three_public_adjusted);
            let pairs = [
                (a.overseas, b.overseas),
                (a.vehicle_purchase, b.vehicle_purchase),
                (a.vehicle_operation, b.vehicle_operation),
                (a.reception, b.reception),
            ];
            THREE_PUBLIC_ITEMS
                .iter()
                .zip(pairs)
                .map(|(item, (x, y))| vec![Text(item), Amount(x), Amount(y)])
                .collect()
        }
        SHEET_THREE_PUBLIC_FACTS => {
            let f = &p.three_public;
            let counts = [
                f.overseas_groups,
                f.overseas_persons,
                f.vehicles_bought,
                f.vehicles_held,
                0,
                f.foreign_groups,
                f.foreign_persons,
                f.domestic_groups,
                f.domestic_persons,
            ];
            FACT_ITEMS
                .iter()
                .zip(counts)
                .map(|(item, n)| {
                    if *item == FACT_FOREIGN_RECEPTION {
                        vec![Text(item), Amount(f.foreign_reception)]
                    } else {
                        vec![Text(item), Count(Some(n))]
                    }
                })
                .collect()
        }
        SHEET_LAST_YEAR_FINAL => LastYearFinalItem::ALL
            .iter()
            .map(|i| vec![Text(i.label()), opt(p.last_year.get(*i))])
            .collect(),
        SHEET_PROCUREMENT => vec![
            vec![Text(PROCUREMENT_ITEMS[0]), Amount(p.procurement.sme_contracts)],
            vec![Text(PROCUREMENT_ITEMS[1]), Amount(p.procurement.small_micro_contracts)],
            vec![Text(PROCUREMENT_ITEMS[2]), opt(p.plan.procurement_budget)],
        ],
        SHEET_FINAL_ASSETS => {
            let a = &p.assets;
            let mut rows = vec![vec![Text(VEHICLES_TOTAL), Count(a.vehicles_total)]];
            rows.extend(
                VehicleKind::ALL
                    .iter()
                    .map(|k| vec![Text(k.label()), Count(a.vehicles.get(k).copied())]),
            );
            rows.push(vec![Text(EQUIPMENT_OVER_1M), Count(a.equipment_over_1m)]);
            rows
        }
        SHEET_DEPT_EVAL => {
            let e = &p.dept_eval;
            let g = e.project_grades;
            let grade = |f: fn(&GradeCounts) -> u32| Count(g.as_ref().map(f));
            vec![
                vec![Text(EVAL_INITIAL), Amount(p.plan.dept_initial.government)],
                vec![Text(EVAL_ADJUSTED), Amount(p.plan.dept_adjusted.government)],
                vec![Text(EVAL_INITIAL_SPECIAL), Amount(p.plan.dept_initial.fiscal_special)],
                vec![Text(EVAL_INITIAL_UNIT), Amount(p.plan.dept_initial.unit_funds)],
                vec![Text(EVAL_ADJUSTED_SPECIAL), Amount(p.plan.dept_adjusted.fiscal_special)],
                vec![Text(EVAL_ADJUSTED_UNIT), Amount(p.plan.dept_adjusted.unit_funds)],
                vec![Text(EVAL_EXEC_WEIGHT), Score(Some(e.exec_weight))],
                vec![Text(EVAL_EXEC_SCORE), Score(e.exec_score)],
                vec![Text(EVAL_PROJECTS), grade(GradeCounts::total)],
                vec![Text(EVAL_GRADES[0]), grade(|g| g.excellent)],
                vec![Text(EVAL_GRADES[1]), grade(|g| g.good)],
                vec![Text(EVAL_GRADES[2]), grade(|g| g.fair)],
                vec![Text(EVAL_GRADES[3]), grade(|g| g.poor)],
                vec![Text(EVAL_GOAL), Text(&e.targets.goal)],
                vec![Text(EVAL_GOAL_ACTUAL), Text(&e.goal_actual)],
                vec![Text(EVAL_FILLED_BY), Text(&e.filled_by)],
                vec![Text(EVAL_DATE), Text(&e.date)],
            ]
        }
        SHEET_DEPT_EVAL_INDICATORS => {
            let e = &p.dept_eval;
            static NONE: ScoredRow = ScoredRow {
                weight: Decimal::ZERO,
                actual: String::new(),
                score: Decimal::ZERO,
                deviation: String::new(),
                remedy: String::new(),
            };
            e.targets
                .indicators
                .iter()
                .enumerate()
                .map(|(i, ind)| {
                    let mut row = dept_indicator_row(ind);
                    row.extend(scored_cells(e.results.get(i).unwrap_or(&NONE)));
                    row
                })
                .collect()
        }
        SHEET_DEPT_EVAL_TASKS => {
            let e = &p.dept_eval;
            e.targets
                .tasks
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let result = e.task_results.get(i).map_or("", String::as_str);
                    vec![Text(&t.name), Text(&t.content), Text(result)]
                })
                .collect()
        }
        SHEET_PROJECT_FUND_MGMT => p
            .project_evals
            .iter()
            .flat_map(|e| {
                FUND_MGMT_ITEMS
                    .iter()
                    .zip(&e.fund_mgmt)
                    .filter(|(_, m)| *m != &ScoredText::default())
                    .map(|(item, m)| {
                        vec![
                            Code(&e.project),
                            Text(item),
                            Text(&m.note),
                            Score(Some(m.weight)),
                            Score(Some(m.score)),
                            Text(&m.issue),
                        ]
                    })
            })
            .collect(),
        SHEET_PROJECT_EVALS => p
            .project_evals
            .iter()
            .map(|e| {
                vec![
                    Code(&e.project),
                    Score(Some(e.exec_weight)),
                    Score(e.exec_score),
                    Text(&e.goal_planned),
                    Text(&e.goal_actual),
                    Text(if e.attach { YES_NO[0] } else { "" }),
                    Amount(e.initial.fiscal_special),
                    Amount(e.initial.unit_funds),
                    Amount(e.adjusted.fiscal_special),
                    Amount(e.adjusted.unit_funds),
                ]
            })
            .collect(),
        SHEET_PROJECT_EVAL_INDICATORS => p
            .project_evals
            .iter()
            .flat_map(|e| {
                e.indicators.iter().map(|(ind, s)| {
                    let mut row = indicator_row(&e.project, ind);
                    row.extend(scored_cells(s));
                    row
                })
            })
            .collect(),
        SHEET_TEXTS => {
            let dept = |k: TextKey| p.dept_texts.get(&k).map_or("", String::as_str);
            let mut rows = vec![
                vec![Text(TEXT_DUTIES), Text(dept(TextKey::Duties))],
                vec![Text(TEXT_ORGANIZATION), Text(dept(TextKey::Organization))],
            ];
            rows.extend(
                FinalTextKey::ALL
                    .iter()
                    .map(|k| vec![Text(k.label()), Text(p.text(*k))]),
            );
            rows.extend(
                p.reasons_by_func
                    .iter()
                    .map(|(code, reason)| vec![Value::Owned(format!("{REASON_PREFIX}{code}")), Text(reason)]),
            );
            rows
        }
        _ => Vec::new(),
    }
}
