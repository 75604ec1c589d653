//! Limits shared by every way a package comes in: the import workbook, the
//! `.yusuan` file and the editor check the same bounds (`docs/limits.md`
//! lists them all).
//!
//! [`check`] is run by `file::open`, by `file::save` and by the importer, so
//! that whatever is imported or saved can be opened again. The editor checks
//! each typed or pasted text with [`fits`] before it reaches the package.

use std::fmt;

use rust_decimal::Decimal;

use crate::{FinalPackage, Package, TextKey, Yuan};

/// The largest amount accepted, exclusive: 1e13 元 (10 万亿元).
pub fn max_amount() -> Yuan {
    Decimal::from(10_000_000_000_000i64)
}

/// A `.yusuan` file larger than this is refused before it is read, and a
/// save or import that would write a larger one is refused.
pub const MAX_FILE_SIZE: u64 = 100 * 1024 * 1024;

/// 部门名称, 单位名称 (characters).
pub const MAX_NAME: usize = 100;
/// 项目名称.
pub const MAX_PROJECT_NAME: usize = 200;
/// Every code: 部门代码, 单位代码, 项目编码, 科目编码 and catalog codes.
pub const MAX_CODE: usize = 40;
/// Short labels: 指标 names (一级/二级/三级), 任务名称, catalog names, the
/// keys of narrative paragraphs.
pub const MAX_LABEL: usize = 200;
/// 指标值.
pub const MAX_VALUE: usize = 500;
/// Notes: 指标值说明, 备注 of a line, 其他用车说明, text typed into a field
/// that was not a valid value.
pub const MAX_NOTE: usize = 2_000;
/// Long texts: the 说明 texts, 年度履职目标, 任务主要内容, rewritten
/// narrative paragraphs.
pub const MAX_LONG_TEXT: usize = 20_000;

/// Rows of one list: 单位, 收入, 基本支出, 项目, all 项目明细 lines together,
/// all 项目绩效 indicators together, 任务, 整体绩效 indicators, the rows of
/// each catalog table, rewritten paragraphs.
pub const MAX_ROWS: usize = 100_000;

/// Rows of one sheet of the import workbook (as numbered by Excel). A sheet
/// with a non-empty cell below this row is refused.
pub const MAX_SHEET_ROW: u32 = 200_000;
/// Columns of one sheet of the import workbook (column `BL`). A non-empty
/// cell right of it is refused.
pub const MAX_SHEET_COLUMN: u32 = 64;
/// A CSV file of the import folder larger than this is refused unread.
pub const MAX_CSV_FILE: u64 = 64 * 1024 * 1024;
/// An `.xlsx` import workbook larger than this is refused unread.
pub const MAX_XLSX_FILE: u64 = 64 * 1024 * 1024;
/// The uncompressed size of one part of an `.xlsx` workbook.
pub const MAX_XLSX_PART: u64 = 128 * 1024 * 1024;
/// The uncompressed size of all parts of an `.xlsx` workbook together.
pub const MAX_XLSX_TOTAL: u64 = 256 * 1024 * 1024;
/// Parts (files) in an `.xlsx` workbook.
pub const MAX_XLSX_ENTRIES: usize = 10_000;
/// Shared strings of an `.xlsx` workbook.
pub const MAX_SHARED_STRINGS: u64 = 1_000_000;

/// One value over a limit: where it is, and what the limit is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LimitError {
    /// Where, in the officer's words (`项目“…”的项目名称`).
    pub place: String,
    /// The limit.
    pub max: usize,
    /// The actual count.
    pub actual: usize,
    /// Characters (`true`) or rows.
    pub chars: bool,
}

impl fmt::Display for LimitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.chars {
            write!(f, "{}过长：有{}个字符，最多{}个字符", self.place, self.actual, self.max)
        } else {
            write!(f, "{}过多：有{}行，最多{}行", self.place, self.actual, self.max)
        }
    }
}

impl std::error::Error for LimitError {}

/// Whether `text` fits a field of at most `max` characters. When it does
/// not, the message says which field, its limit and how long the text was;
/// the editor then keeps the field as it was (nothing is cut silently).
pub fn fits(what: &str, text: &str, max: usize) -> Result<(), String> {
    if text.len() <= max {
        return Ok(());
    }
    let n = text.chars().count();
    if n <= max {
        Ok(())
    } else {
        Err(format!(
            "{what}最多{max}个字符，这次的内容有{n}个字符，没有录入（原内容保留）"
        ))
    }
}

/// At most this many limit errors are collected.
const MAX_REPORTED: usize = 50;

struct Checker {
    errors: Vec<LimitError>,
}

impl Checker {
    fn text(&mut self, place: impl FnOnce() -> String, s: &str, max: usize) {
        // `len()` bytes >= chars: only count when it may be over.
        if s.len() > max {
            let n = s.chars().count();
            if n > max && self.errors.len() < MAX_REPORTED {
                self.errors.push(LimitError {
                    place: place(),
                    max,
                    actual: n,
                    chars: true,
                });
            }
        }
    }
    fn rows(&mut self, place: &str, n: usize) {
        if n > MAX_ROWS && self.errors.len() < MAX_REPORTED {
            self.errors.push(LimitError {
                place: place.to_string(),
                max: MAX_ROWS,
                actual: n,
                chars: false,
            });
        }
    }
}

/// A name for a row in a message: its code or name cut to 30 characters.
fn short(s: &str) -> String {
    let mut out: String = s.chars().take(30).collect();
    if s.chars().count() > 30 {
        out.push('…');
    }
    out
}

/// Checks every text field and list of `p` against the limits above; the
/// errors name the field (at most 50 are returned). Linear in the size of
/// the package.
pub fn check(p: &Package) -> Result<(), Vec<LimitError>> {
    let mut c = Checker { errors: Vec::new() };
    let d = &p.department;
    c.text(|| "部门名称".into(), &d.name, MAX_NAME);
    c.text(|| "部门代码".into(), &d.code, MAX_CODE);

    units(&mut c, &p.units);
    c.rows("收入", p.income.len());
    for (i, e) in p.income.iter().enumerate() {
        c.text(|| format!("收入第{}行的单位代码", i + 1), &e.unit, MAX_CODE);
        for v in e.rejected.values() {
            c.text(|| format!("收入第{}行的待改正内容", i + 1), v, MAX_NOTE);
        }
    }
    basic_lines(&mut c, &p.basic_lines);
    projects(&mut c, &p.projects);
    let perf = &p.performance;
    c.text(|| "年度履职目标".into(), &perf.goal, MAX_LONG_TEXT);
    c.rows("整体绩效任务", perf.tasks.len());
    for (i, t) in perf.tasks.iter().enumerate() {
        let n = i + 1;
        c.text(|| format!("整体绩效第{n}个任务的任务名称"), &t.name, MAX_LABEL);
        c.text(|| format!("整体绩效第{n}个任务的主要内容"), &t.content, MAX_LONG_TEXT);
    }
    c.rows("整体绩效指标", perf.indicators.len());
    for (i, ind) in perf.indicators.iter().enumerate() {
        let n = i + 1;
        c.text(|| format!("整体绩效指标第{n}行的一级指标"), &ind.level1, MAX_LABEL);
        c.text(|| format!("整体绩效指标第{n}行的二级指标"), &ind.level2, MAX_LABEL);
        c.text(|| format!("整体绩效指标第{n}行的三级指标"), &ind.level3, MAX_LABEL);
        c.text(|| format!("整体绩效指标第{n}行的指标值"), &ind.value, MAX_VALUE);
        c.text(|| format!("整体绩效指标第{n}行的指标值说明"), &ind.note, MAX_NOTE);
    }
    for (k, v) in &p.texts {
        c.text(|| format!("说明“{}”", TextKey::label(*k)), v, MAX_LONG_TEXT);
    }
    c.text(|| "其他用车说明".into(), &p.assets.other_vehicles_note, MAX_NOTE);
    c.rows("改写的情况说明段落", p.narrative_overrides.len());
    for (k, v) in &p.narrative_overrides {
        c.text(|| format!("改写的段落“{}”的编号", short(k)), k, MAX_LABEL);
        c.text(|| format!("改写的段落“{}”", short(k)), v, MAX_LONG_TEXT);
    }
    wording(&mut c, &p.wording);
    catalog(&mut c, &p.catalog);
    for v in p.rejected.last_year.values() {
        c.text(|| "上年数的待改正内容".into(), v, MAX_NOTE);
    }
    for (k, v) in &p.rejected.assets {
        c.text(|| "资产数量的待改正内容的字段名".into(), k, MAX_LABEL);
        c.text(|| "资产数量的待改正内容".into(), v, MAX_NOTE);
    }
    last_year_source(&mut c, p.last_year_source.as_ref());
    if c.errors.is_empty() { Ok(()) } else { Err(c.errors) }
}

/// [`check`] for a 决算 package: the same limits for the same kinds of field.
pub fn check_final(p: &FinalPackage) -> Result<(), Vec<LimitError>> {
    let mut c = Checker { errors: Vec::new() };
    let d = &p.department;
    c.text(|| "部门名称".into(), &d.name, MAX_NAME);
    c.text(|| "部门代码".into(), &d.code, MAX_CODE);
    c.text(|| "发布日期".into(), &p.publish_date, MAX_LABEL);
    units(&mut c, &p.units);
    c.rows("收入", p.income.len());
    for (i, e) in p.income.iter().enumerate() {
        c.text(|| format!("收入第{}行的单位代码", i + 1), &e.unit, MAX_CODE);
        c.text(|| format!("收入第{}行的功能科目编码", i + 1), &e.func, MAX_CODE);
        kept(&mut c, "收入", i, &e.rejected);
    }
    c.rows("结转结余", p.opening.len());
    for (i, e) in p.opening.iter().enumerate() {
        c.text(|| format!("结转结余第{}行的单位代码", i + 1), &e.unit, MAX_CODE);
        c.text(|| format!("结转结余第{}行的功能科目编码", i + 1), &e.func, MAX_CODE);
        kept(&mut c, "结转结余", i, &e.rejected);
    }
    c.rows("非财政拨款结余", p.surplus.len());
    for (i, e) in p.surplus.iter().enumerate() {
        c.text(|| format!("非财政拨款结余第{}行的单位代码", i + 1), &e.unit, MAX_CODE);
        kept(&mut c, "非财政拨款结余", i, &e.rejected);
    }
    basic_lines(&mut c, &p.basic_lines);
    c.rows("其他支出", p.other_lines.len());
    for (i, l) in p.other_lines.iter().enumerate() {
        let n = i + 1;
        c.text(|| format!("其他支出第{n}行的单位代码"), &l.unit, MAX_CODE);
        c.text(|| format!("其他支出第{n}行的功能科目编码"), &l.func, MAX_CODE);
        c.text(|| format!("其他支出第{n}行的经济科目编码"), &l.econ, MAX_CODE);
        kept(&mut c, "其他支出", i, &l.rejected);
    }
    projects(&mut c, &p.projects);
    c.rows("年初预算", p.plan.initial.len());
    for (i, l) in p.plan.initial.iter().enumerate() {
        c.text(|| format!("年初预算第{}行的功能科目编码", i + 1), &l.func, MAX_CODE);
        kept(&mut c, "年初预算", i, &l.rejected);
    }
    let e = &p.dept_eval;
    c.text(|| "年度履职目标".into(), &e.targets.goal, MAX_LONG_TEXT);
    c.text(|| "年度履职目标实际完成情况".into(), &e.goal_actual, MAX_LONG_TEXT);
    c.rows("整体自评任务", e.targets.tasks.len());
    for (i, t) in e.targets.tasks.iter().enumerate() {
        c.text(|| format!("整体自评第{}个任务的任务名称", i + 1), &t.name, MAX_LABEL);
        c.text(
            || format!("整体自评第{}个任务的主要内容", i + 1),
            &t.content,
            MAX_LONG_TEXT,
        );
    }
    c.rows("整体自评任务完成情况", e.task_results.len());
    for (i, t) in e.task_results.iter().enumerate() {
        c.text(|| format!("整体自评第{}个任务的完成情况", i + 1), t, MAX_LONG_TEXT);
    }
    c.rows("整体自评指标", e.targets.indicators.len().max(e.results.len()));
    for (i, ind) in e.targets.indicators.iter().enumerate() {
        let n = i + 1;
        c.text(|| format!("整体自评指标第{n}行的一级指标"), &ind.level1, MAX_LABEL);
        c.text(|| format!("整体自评指标第{n}行的二级指标"), &ind.level2, MAX_LABEL);
        c.text(|| format!("整体自评指标第{n}行的三级指标"), &ind.level3, MAX_LABEL);
        c.text(|| format!("整体自评指标第{n}行的指标值"), &ind.value, MAX_VALUE);
        c.text(|| format!("整体自评指标第{n}行的指标值说明"), &ind.note, MAX_NOTE);
    }
    for (i, r) in e.results.iter().enumerate() {
        let n = i + 1;
        c.text(|| format!("整体自评指标第{n}行的实际完成值"), &r.actual, MAX_VALUE);
        c.text(|| format!("整体自评指标第{n}行的偏差原因"), &r.deviation, MAX_NOTE);
        c.text(|| format!("整体自评指标第{n}行的改进措施"), &r.remedy, MAX_NOTE);
    }
    c.text(|| "填报人及联系方式".into(), &e.filled_by, MAX_LABEL);
    c.text(|| "填报日期".into(), &e.date, MAX_LABEL);
    c.rows("项目自评", p.project_evals.len());
    c.rows("项目自评指标", p.project_evals.iter().map(|x| x.indicators.len()).sum());
    for (i, pe) in p.project_evals.iter().enumerate() {
        let who = || format!("第{}个项目自评", i + 1);
        c.text(|| format!("{}的项目编码", who()), &pe.project, MAX_CODE);
        c.text(|| format!("{}的年度目标", who()), &pe.goal_planned, MAX_LONG_TEXT);
        c.text(|| format!("{}的实际完成情况", who()), &pe.goal_actual, MAX_LONG_TEXT);
        for t in &pe.fund_mgmt {
            c.text(|| format!("{}的资金管理说明", who()), &t.note, MAX_NOTE);
            c.text(|| format!("{}的资金管理问题", who()), &t.issue, MAX_NOTE);
        }
        for (j, (ind, r)) in pe.indicators.iter().enumerate() {
            let n = j + 1;
            c.text(|| format!("{}第{n}个指标的二级指标", who()), &ind.level2, MAX_LABEL);
            c.text(|| format!("{}第{n}个指标的三级指标", who()), &ind.level3, MAX_LABEL);
            c.text(|| format!("{}第{n}个指标的指标值", who()), &ind.value, MAX_VALUE);
            c.text(|| format!("{}第{n}个指标的实际完成值", who()), &r.actual, MAX_VALUE);
            c.text(|| format!("{}第{n}个指标的偏差原因", who()), &r.deviation, MAX_NOTE);
            c.text(|| format!("{}第{n}个指标的改进措施", who()), &r.remedy, MAX_NOTE);
        }
    }
    for (k, v) in &p.dept_texts {
        c.text(|| format!("说明“{}”", TextKey::label(*k)), v, MAX_LONG_TEXT);
    }
    for (k, v) in &p.texts {
        c.text(|| format!("说明“{}”", k.label()), v, MAX_LONG_TEXT);
    }
    c.rows("差异原因", p.reasons_by_func.len());
    for (k, v) in &p.reasons_by_func {
        c.text(|| format!("差异原因的功能科目编码“{}”", short(k)), k, MAX_CODE);
        c.text(|| format!("功能科目“{}”的差异原因", short(k)), v, MAX_LONG_TEXT);
    }
    wording(&mut c, &p.wording);
    c.rows("改写的情况说明段落", p.narrative_overrides.len());
    for (k, v) in &p.narrative_overrides {
        c.text(|| format!("改写的段落“{}”的编号", short(k)), k, MAX_LABEL);
        c.text(|| format!("改写的段落“{}”", short(k)), v, MAX_LONG_TEXT);
    }
    catalog(&mut c, &p.catalog);
    last_year_source(&mut c, p.last_year_source.as_ref());
    c.rows("待改正内容", p.rejected.len());
    for (k, v) in &p.rejected {
        c.text(|| format!("待改正内容“{}”的编号", short(k)), k, MAX_LABEL);
        c.text(|| format!("待改正内容“{}”的位置", short(k)), &v.place, MAX_LABEL);
        c.text(|| format!("待改正内容“{}”的名称", short(k)), &v.label, MAX_LABEL);
        c.text(|| format!("待改正内容“{}”", short(k)), &v.text, MAX_NOTE);
    }
    if let Some(r) = &p.budget_ref {
        c.text(|| "预算包文件名".into(), &r.file_name, MAX_NOTE);
        c.text(|| "预算包指纹".into(), &r.fingerprint, MAX_LABEL);
        c.text(|| "取数时间".into(), &r.taken_at, MAX_LABEL);
    }
    if c.errors.is_empty() { Ok(()) } else { Err(c.errors) }
}

/// The file name and fingerprint of the package the 上年数 came from.
fn last_year_source(c: &mut Checker, s: Option<&crate::LastYearSource>) {
    if let Some(s) = s {
        c.text(|| "上年数来源的文件名".into(), &s.file_name, MAX_NOTE);
        c.text(|| "上年数来源的指纹".into(), &s.fingerprint, MAX_LABEL);
    }
}

/// The kept entries of row `i` of a list (the words as for 收入 of a 预算).
fn kept(c: &mut Checker, list: &str, i: usize, rejected: &crate::Rejected) {
    for v in rejected.values() {
        c.text(|| format!("{list}第{}行的待改正内容", i + 1), v, MAX_NOTE);
    }
}

fn catalog(c: &mut Checker, cat: &crate::CatalogOverrides) {
    for (what, map) in [
        ("支出功能分类", &cat.func),
        ("部门预算支出经济分类", &cat.dept_econ),
        ("政府预算支出经济分类", &cat.gov_econ),
    ] {
        c.rows(&format!("科目表“{what}”"), map.len());
        for (code, name) in map {
            c.text(|| format!("科目表“{what}”中的编码“{}”", short(code)), code, MAX_CODE);
            c.text(|| format!("科目表“{what}”中“{}”的名称", short(code)), name, MAX_LABEL);
        }
    }
    c.rows("科目表“支出功能分类”的说明", cat.func_desc.len());
    for (code, desc) in &cat.func_desc {
        c.text(
            || format!("科目表“支出功能分类”中的编码“{}”", short(code)),
            code,
            MAX_CODE,
        );
        c.text(
            || format!("科目表“支出功能分类”中“{}”的说明", short(code)),
            desc,
            MAX_NOTE,
        );
    }
    c.rows("经济分类对照", cat.mapping.len());
    for (code, (a, b)) in &cat.mapping {
        c.text(|| format!("经济分类对照中的编码“{}”", short(code)), code, MAX_CODE);
        c.text(|| format!("经济分类对照“{}”的行政单位科目", short(code)), a, MAX_CODE);
        c.text(|| format!("经济分类对照“{}”的事业单位科目", short(code)), b, MAX_CODE);
    }
}

fn units(c: &mut Checker, units: &[crate::Unit]) {
    c.rows("单位", units.len());
    for (i, u) in units.iter().enumerate() {
        c.text(|| format!("第{}个单位的单位代码", i + 1), &u.code, MAX_CODE);
        c.text(|| format!("单位“{}”的单位名称", short(&u.code)), &u.name, MAX_NAME);
    }
}

fn basic_lines(c: &mut Checker, lines: &[crate::BasicLine]) {
    c.rows("基本支出", lines.len());
    for (i, l) in lines.iter().enumerate() {
        let n = i + 1;
        c.text(|| format!("基本支出第{n}行的单位代码"), &l.unit, MAX_CODE);
        c.text(|| format!("基本支出第{n}行的功能科目编码"), &l.func, MAX_CODE);
        c.text(|| format!("基本支出第{n}行的经济科目编码"), &l.econ, MAX_CODE);
        if let Some(g) = &l.gov {
            c.text(|| format!("基本支出第{n}行的政府经济科目编码"), g, MAX_CODE);
        }
        c.text(|| format!("基本支出第{n}行的备注"), &l.note, MAX_NOTE);
        for v in l.rejected.values() {
            c.text(|| format!("基本支出第{n}行的待改正内容"), v, MAX_NOTE);
        }
    }
}

fn projects(c: &mut Checker, projects: &[crate::Project]) {
    c.rows("项目", projects.len());
    c.rows("项目明细", projects.iter().map(|x| x.lines.len()).sum());
    c.rows("项目绩效指标", projects.iter().map(|x| x.indicators.len()).sum());
    for (i, pr) in projects.iter().enumerate() {
        let who = || {
            if pr.code.is_empty() {
                format!("第{}个项目", i + 1)
            } else {
                format!("项目“{}”", short(&pr.code))
            }
        };
        c.text(|| format!("第{}个项目的项目编码", i + 1), &pr.code, MAX_CODE);
        c.text(|| format!("{}的项目名称", who()), &pr.name, MAX_PROJECT_NAME);
        c.text(|| format!("{}的单位代码", who()), &pr.unit, MAX_CODE);
        for (j, l) in pr.lines.iter().enumerate() {
            let n = j + 1;
            c.text(|| format!("{}明细第{n}行的功能科目编码", who()), &l.func, MAX_CODE);
            c.text(|| format!("{}明细第{n}行的经济科目编码", who()), &l.econ, MAX_CODE);
            if let Some(g) = &l.gov {
                c.text(|| format!("{}明细第{n}行的政府经济科目编码", who()), g, MAX_CODE);
            }
            for v in l.rejected.values() {
                c.text(|| format!("{}明细第{n}行的待改正内容", who()), v, MAX_NOTE);
            }
        }
        for (j, ind) in pr.indicators.iter().enumerate() {
            let n = j + 1;
            c.text(|| format!("{}第{n}个绩效指标的二级指标", who()), &ind.level2, MAX_LABEL);
            c.text(|| format!("{}第{n}个绩效指标的三级指标", who()), &ind.level3, MAX_LABEL);
            c.text(|| format!("{}第{n}个绩效指标的指标值", who()), &ind.value, MAX_VALUE);
            c.text(|| format!("{}第{n}个绩效指标的指标值说明", who()), &ind.note, MAX_NOTE);
        }
    }
}

/// The wording settings: every text within the long-text limit, lists bounded.
fn wording(c: &mut Checker, w: &crate::Wording) {
    c.rows("名词解释", w.glossary.len());
    c.rows("文字设置", w.titles.len() + w.omitted.len() + w.no_data.len());
    for t in w.texts() {
        c.text(|| "文字设置".into(), t, MAX_LONG_TEXT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{EntryField, FinalIncome};

    /// A 决算 row's kept entry has the limit of the 预算's: one over it is
    /// named with its row.
    #[test]
    fn a_final_kept_entry_over_its_limit_is_named() {
        let mut p = FinalPackage::default();
        p.income.push(FinalIncome {
            rejected: [(EntryField::Amount, "9".repeat(MAX_NOTE))].into(),
            ..Default::default()
        });
        assert!(check_final(&p).is_ok());
        p.income[0]
            .rejected
            .insert(EntryField::Amount, "9".repeat(MAX_NOTE + 1));
        let e = check_final(&p).unwrap_err();
        assert_eq!(e[0].place, "收入第1行的待改正内容");
        assert_eq!((e[0].max, e[0].actual), (MAX_NOTE, MAX_NOTE + 1));
    }
}
