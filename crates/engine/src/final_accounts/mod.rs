//! The 决算 engine: one pure function from a [`FinalPackage`] to the nine
//! published tables 公开01–09 (`shared/spec/final/tables.md`), recomputed
//! from scratch on every call, touching no file, clock or window — the
//! sibling of the 预算 engine ([`crate::compute`]).
//!
//! Steps: [`totals`] sums what several tables share (exact 元); then one
//! module per table (`t01` … `t09`), the table's rule as its doc comment,
//! into the shared table model of `yusuan-report`. Every amount cell holds the
//! exact 元 sum of what it covers and is rounded once when shown, so the
//! published 尾差 come out as published (类 208 prints 275.32 while its 款 add
//! up to 275.31). [`forms`] holds the fixed row lists of the forms.
//!
//! Then the text: [`narrative`] writes 情况说明 and 名词解释 from the tables,
//! totals and entered texts, [`narrative_checks`] adds its findings (N0–N16)
//! to the audit, and [`publication()`] puts cover, parts and tables together
//! as the document the PDF writer prints.
//!
//! How amounts are shown (zero as `0.00` or blank, thousands separators) is
//! the package's [`FinalLayout`](yusuan_model::final_package::FinalLayout),
//! carried by every table as its `style` ([`Table::display`] applies it).

pub mod checks;
pub mod eval_checks;
pub mod explain;
pub mod forms;
pub mod from_budget;
pub mod narrative;
pub mod narrative_checks;
pub mod publication;
pub mod scores;
pub mod totals;

mod a1;
mod a2;
mod attach;
mod t01;
mod t02;
mod t03;
mod t04;
mod t05;
mod t06;
mod t07;
mod t08;
mod t09;

use std::collections::BTreeMap;
use std::rc::Rc;

use yusuan_model::Yuan;
use yusuan_model::catalog::{Catalog, CodeKind};
use yusuan_model::final_package::FinalPackage;
use yusuan_report::table::{AmountStyle, Cell, Column, ColumnKind, HeaderCell, HeaderNode, Row, RowRole, Table};

pub use from_budget::from_budget;
pub use publication::publication;
pub use scores::grades;
pub use totals::FinalTotals;

/// The tables' names (the title; the year is printed on the heading line).
pub const TABLE_NAMES: [&str; 9] = [
    "收入支出决算总表",
    "收入决算表",
    "支出决算表",
    "财政拨款收入支出决算总表",
    "一般公共预算财政拨款支出决算表",
    "一般公共预算财政拨款基本支出决算明细表",
    "政府性基金预算财政拨款收入支出决算表",
    "国有资本经营预算财政拨款支出决算表",
    "财政拨款“三公”经费支出决算表",
];

/// The sentence every table but 06 ends its 注 with.
pub const ROUNDING_NOTE: &str = "本表金额转换为万元时，因四舍五入可能存在尾差。";

/// Everything derived from a 决算 package.
#[derive(Clone, Debug, PartialEq)]
pub struct FinalComputed {
    /// 公开01表 … 公开09表, in order.
    pub tables: Vec<Table>,
    /// The 绩效自评 attachments (第五部分 附件): A1 部门整体支出绩效自评表 when
    /// the package has 整体自评 content, then one A2 项目支出绩效自评表 per
    /// project marked 附件 (tables.md §11; [`scores::is_attached`]).
    pub attachments: Vec<Table>,
    pub totals: FinalTotals,
    /// The audit: entered data ([`checks`]), the 自评 ([`eval_checks`]), the
    /// officer's texts (the lint, L1) and the 情况说明 ([`narrative_checks`]).
    pub findings: Vec<checks::FinalFinding>,
}

impl FinalComputed {
    /// 公开`number`表 (1..=9).
    pub fn table(&self, number: u8) -> &Table {
        &self.tables[usize::from(number) - 1]
    }

    /// A1 部门整体支出绩效自评表, when printed ([`scores::has_dept_eval`]).
    pub fn dept_attachment(&self) -> Option<&Table> {
        self.attachments.iter().find(|t| t.label == a1::LABEL)
    }

    /// The A2 项目支出绩效自评表 printed, in order.
    pub fn project_attachments(&self) -> impl Iterator<Item = &Table> {
        self.attachments.iter().filter(|t| t.label != a1::LABEL)
    }

    /// Every published table: 公开01–09, then the 附件 (A1, each A2).
    pub fn published(&self) -> Vec<Table> {
        self.tables.iter().chain(&self.attachments).cloned().collect()
    }
}

/// What the table builders read.
pub(crate) struct Ctx<'a> {
    pub package: &'a FinalPackage,
    pub catalog: &'a Catalog,
    pub totals: &'a FinalTotals,
    /// The 表样 year (labels, 公开08's variant).
    pub form_year: i32,
    /// How amounts show (every table carries it).
    pub style: AmountStyle,
}

impl Ctx<'_> {
    pub fn func_name(&self, code: &str) -> &str {
        self.catalog.name(CodeKind::Func, code).unwrap_or("")
    }
}

/// Computes the nine tables and the totals.
pub fn compute(package: &FinalPackage) -> FinalComputed {
    let merged: Rc<Catalog>;
    let catalog = if package.catalog.is_empty() {
        Catalog::builtin()
    } else {
        merged = crate::merged_catalog(&package.catalog);
        &*merged
    };
    let totals = totals::totals(package);
    let style = AmountStyle {
        zero_blank: package.layout.zero_blank,
        thousands: package.layout.thousands,
    };
    let ctx = Ctx {
        package,
        catalog,
        totals: &totals,
        form_year: package.layout.form_year(package.department.year),
        style,
    };
    let mut tables = build_tables(&ctx);
    crate::apply_table_notes(
        &mut tables,
        &package.wording,
        &package.department.name,
        package.department.year,
    );
    let mut attachments: Vec<Table> = scores::has_dept_eval(package)
        .then(|| a1::build(&ctx))
        .into_iter()
        .collect();
    let attached = package.project_evals.iter().filter(|e| scores::is_attached(package, e));
    attachments.extend(attached.enumerate().map(|(i, e)| a2::build(&ctx, e, i + 1)));
    let mut findings = checks::findings(package, &totals, catalog);
    findings.extend(eval_checks::findings(package, &totals));
    findings.extend(crate::rules::lint::final_findings(package));
    let mut computed = FinalComputed {
        tables,
        attachments,
        totals,
        findings,
    };
    // The narrative's checks read the tables and the generated text.
    let narrative = narrative_checks::findings(package, &computed);
    computed.findings.extend(narrative);
    // Errors first (they block the export), each kind in the checks' order.
    computed.findings.sort_by_key(|f| f.level != checks::Level::Error);
    computed
}

/// 公开01表 … 公开09表.
pub(crate) fn build_tables(ctx: &Ctx) -> Vec<Table> {
    (1..=9).map(|n| build_table(ctx, n)).collect()
}

/// 公开`number`表 (1..=9) alone (the drill-down probes one table).
pub(crate) fn build_table(ctx: &Ctx, number: u8) -> Table {
    let mut t = match number {
        1 => t01::build(ctx),
        2 => t02::build(ctx),
        3 => t03::build(ctx),
        4 => t04::build(ctx),
        5 => t05::build(ctx),
        6 => t06::build(ctx),
        7 => t07::build(ctx),
        8 => t08::build(ctx),
        _ => t09::build(ctx),
    };
    // A table whose zeros print the other way (003's mixed style).
    t.style.zero_blank = ctx.package.layout.zero_blank_in(t.number);
    t
}

/// A new table 公开`number`表 with its heading block and header; `columns`
/// the 栏次 row under the header (`None`: no such row, as in 06).
pub(crate) fn new_table(
    ctx: &Ctx,
    number: u8,
    title: &str,
    header: &[HeaderNode],
    kinds: &[(ColumnKind, f32)],
    columns: Option<Vec<String>>,
) -> Table {
    let (mut cells, mut header_rows, ncols) = yusuan_report::table::layout_header(header);
    debug_assert_eq!(ncols, kinds.len(), "公开{number:02}表: header and columns differ");
    if let Some(numbers) = columns {
        debug_assert_eq!(numbers.len(), ncols, "公开{number:02}表: 栏次 row");
        for (col, text) in numbers.into_iter().enumerate() {
            cells.push(HeaderCell {
                text,
                row: header_rows,
                col,
                rows: 1,
                cols: 1,
            });
        }
        header_rows += 1;
    }
    let d = &ctx.package.department;
    Table {
        number,
        label: format!("公开{number:02}表"),
        title: title.to_string(),
        department: format!("部门：{}", d.name),
        unit_line: format!("{}年度　　{}", d.year, ctx.package.layout.unit_words()),
        header: cells,
        header_rows,
        ..blank_table(ctx, kinds)
    }
}

/// A table with `kinds` columns, no rows and the department's decimals and
/// amount style; the caller names it and gives its header.
pub(crate) fn blank_table(ctx: &Ctx, kinds: &[(ColumnKind, f32)]) -> Table {
    Table {
        number: 0,
        label: String::new(),
        title: String::new(),
        department: String::new(),
        unit_line: String::new(),
        header: Vec::new(),
        header_rows: 0,
        columns: kinds.iter().map(|&(kind, width)| Column { kind, width }).collect(),
        rows: Vec::new(),
        merges: Vec::new(),
        note: None,
        decimals: ctx.package.department.decimals,
        style: ctx.style,
    }
}

pub(crate) fn push(t: &mut Table, role: RowRole, cells: Vec<Cell>) {
    debug_assert_eq!(cells.len(), t.columns.len(), "{}: row width", t.label);
    t.rows.push(Row { role, cells });
}

pub(crate) const AMT: (ColumnKind, f32) = (ColumnKind::Amount, 11.0);

/// `注：<what>` followed by the rounding sentence, then the 说明 (if any) on
/// a line of its own.
pub(crate) fn note(what: &str, rounding: bool, explanation: Option<&str>) -> String {
    let mut s = format!("注：{what}");
    if rounding {
        s.push_str(ROUNDING_NOTE);
    }
    if let Some(e) = explanation {
        s.push('\n');
        s.push_str("说明：");
        s.push_str(e);
    }
    s
}

/// The prefixes a 功能 code adds to: its 类 (3 digits), 款 (5) and itself,
/// each once.
fn func_levels(code: &str) -> impl Iterator<Item = &str> {
    let digits = code.bytes().all(|b| b.is_ascii_digit());
    let class = code.get(..3).filter(|_| digits && code.len() > 3);
    let kuan = code.get(..5).filter(|_| digits && code.len() > 5);
    class.into_iter().chain(kuan).chain(std::iter::once(code))
}

/// The rows of a 功能 table (02, 03, 05, 07, 08): 合计, then for each 项 with
/// a non-zero figure its 类 and 款 (once) and itself, in code order; every
/// figure the exact sum of the 项 under it. `items` holds each 项's figures.
pub(crate) fn function_rows<const N: usize>(
    ctx: &Ctx,
    t: &mut Table,
    items: impl IntoIterator<Item = (String, [Yuan; N])>,
) {
    let mut all = [Yuan::ZERO; N];
    let mut rows: BTreeMap<String, [Yuan; N]> = BTreeMap::new();
    for (code, figures) in items {
        if figures.iter().all(|a| a.is_zero()) {
            continue;
        }
        for (a, x) in all.iter_mut().zip(figures) {
            *a += x;
        }
        for level in func_levels(&code) {
            let r = rows.entry(level.to_string()).or_insert([Yuan::ZERO; N]);
            for (a, x) in r.iter_mut().zip(figures) {
                *a += x;
            }
        }
    }
    let mut cells = vec![Cell::Empty, Cell::text("合计")];
    cells.extend(all.map(Cell::Amount));
    push(t, RowRole::Total, cells);
    for (code, figures) in rows {
        let mut cells = vec![Cell::code(code.clone()), Cell::text(ctx.func_name(&code))];
        cells.extend(figures.map(Cell::Amount));
        let role = if code.len() < 7 {
            RowRole::Subtotal
        } else {
            RowRole::Item
        };
        push(t, role, cells);
    }
}

/// The header of a 功能 table: 项目 {功能分类科目编码, 科目名称} then `amounts`.
pub(crate) fn function_header(code_label: &str, amounts: Vec<HeaderNode>) -> Vec<HeaderNode> {
    use yusuan_report::table::{group, leaf};
    let mut h = vec![group("项目", vec![leaf(code_label), leaf("科目名称")])];
    h.extend(amounts);
    h
}

/// Column kinds of a 功能 table with `n` amount columns.
pub(crate) fn function_kinds(n: usize) -> Vec<(ColumnKind, f32)> {
    let mut k = vec![(ColumnKind::Code, 9.0), (ColumnKind::Text, 26.0)];
    k.extend(std::iter::repeat_n(AMT, n));
    k
}

/// The 栏次 row of a 功能 table with `n` amount columns: `栏次` under the
/// name, then 1 … n.
pub(crate) fn function_column_numbers(n: usize) -> Vec<String> {
    let mut v = vec![String::new(), "栏次".to_string()];
    v.extend((1..=n).map(|i| i.to_string()));
    v
}

/// Spending by 功能 类 (the first three characters of the 项), counting the
/// (nature index, kind) pairs `keep` accepts; classes without such spending
/// are absent.
pub(crate) fn spend_by_class(totals: &FinalTotals, keep: impl Fn(usize, usize) -> bool) -> BTreeMap<String, Yuan> {
    let mut m: BTreeMap<String, Yuan> = BTreeMap::new();
    for (func, figures) in &totals.spend_by_func {
        let class = func.get(..3).unwrap_or(func);
        for (n, kinds) in figures.iter().enumerate() {
            for (k, a) in kinds.iter().enumerate() {
                if keep(n, k) {
                    *m.entry(class.to_string()).or_default() += *a;
                }
            }
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::func_levels;

    #[test]
    fn levels_of_a_code() {
        assert_eq!(func_levels("2150501").collect::<Vec<_>>(), ["215", "21505", "2150501"]);
        assert_eq!(func_levels("21505").collect::<Vec<_>>(), ["215", "21505"]);
        assert_eq!(func_levels("215").collect::<Vec<_>>(), ["215"]);
        assert_eq!(func_levels("").collect::<Vec<_>>(), [""]);
        assert_eq!(func_levels("功能科目").collect::<Vec<_>>(), ["功能科目"]);
    }
}
