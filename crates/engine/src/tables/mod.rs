//! The published tables 预算01–14, built from the resolved lines and the
//! totals into the shared table model (`yusuan-report`). One module per table,
//! its rule as the module's doc comment (the whole spec: `docs/spec/tables.md`);
//! this module holds only what several tables share.
//!
//! Layout rule: on a row whose label is a total (合计, 部门) the label stands in
//! the column right before the first amount, so every row reads
//! "label, figures" from left to right in every renderer.

mod function;
mod t01;
mod t02;
mod t03;
mod t04;
pub(crate) use t04::class_name;
mod t05;
mod t06;
mod t07;
mod t08;
mod t09;
mod t10;
mod t11;
mod t12;
mod t13;
mod t14;

use yusuan_model::Yuan;
use yusuan_report::table::{Cell, Column, ColumnKind, HeaderNode, Row, RowRole, Table, layout_header};

use crate::resolve::{Context, Line};
use crate::sum::Sum;
use crate::totals::Totals;

pub const MASKED_NAME: &str = "涉密项目按规定不予公开";

/// Names of the tables, by number.
pub const TABLE_NAMES: [&str; 14] = [
    "部门收支总体情况表",
    "部门收入总体情况表",
    "部门支出总体情况表",
    "财政拨款收支总体情况表",
    "一般公共预算支出情况表",
    "一般公共预算基本支出情况表",
    "支出经济分类汇总表",
    "一般公共预算“三公”经费支出情况表",
    "政府性基金预算支出情况表",
    "项目支出预算表",
    "部门（单位）整体绩效目标表",
    "部门预算项目绩效目标汇总表",
    "国有资本经营支出预算表",
    "行政（事业）单位机构运行经费表",
];

/// Chinese ordinal numerals 1..=99: 一, 十, 十五, 二十一.
pub fn chinese_ordinal(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => "零".to_string(),
        1..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", D[(n % 10) as usize]),
        _ => format!("{}十{}", D[(n / 10 % 10) as usize], D[(n % 10) as usize]),
    }
}

pub(crate) fn class_of(func: &str) -> u16 {
    func.get(..3).and_then(|c| c.parse().ok()).unwrap_or(0)
}

/// The sum of the kept lines of each 功能 类 ([`class_of`] its code), in line
/// order; `None` for a class without such lines. Indexed by class (0..1000).
pub(crate) fn by_class(ctx: &Context, keep: impl Fn(&Line) -> bool) -> Vec<Option<Sum>> {
    let class: Vec<usize> = ctx.funcs.codes.iter().map(|f| usize::from(class_of(f))).collect();
    let mut v = vec![None; 1000];
    for l in ctx.merged().iter().filter(|l| keep(l)) {
        *v[class[l.func_id as usize]].get_or_insert_default() += l.amount;
    }
    v
}

/// 预算01表 … 预算14表, in order.
pub fn build_all(ctx: &Context, totals: &Totals) -> Vec<Table> {
    (1..=14).map(|n| build(ctx, totals, n)).collect()
}

/// 预算`number`表 (1..=14) alone (the drill-down probes one table).
pub(crate) fn build(ctx: &Context, totals: &Totals, number: u8) -> Table {
    match number {
        1 => t01::build(ctx, totals),
        2 => t02::build(ctx, totals),
        3 => t03::build(ctx),
        4 => t04::build(ctx, totals),
        5 => t05::build(ctx),
        6 => t06::build(ctx, totals),
        7 => t07::build(ctx),
        8 => t08::build(ctx, totals),
        9 => t09::build(ctx),
        10 => t10::build(ctx),
        11 => t11::build(ctx, totals),
        12 => t12::build(ctx),
        13 => t13::build(ctx),
        _ => t14::build(ctx, totals),
    }
}

pub(crate) fn new_table(ctx: &Context, number: u8, header: &[HeaderNode], kinds: &[(ColumnKind, f32)]) -> Table {
    let (cells, header_rows, ncols) = layout_header(header);
    debug_assert!(
        header.is_empty() || ncols == kinds.len(),
        "table {number}: header and columns differ"
    );
    let d = &ctx.package.department;
    Table {
        number,
        label: format!("预算{number:02}表"),
        title: format!("{}年{}", d.year, TABLE_NAMES[usize::from(number) - 1]),
        department: format!("部门名称：{}", d.name),
        unit_line: "单位：万元".to_string(),
        header: cells,
        header_rows,
        columns: kinds.iter().map(|&(kind, width)| Column { kind, width }).collect(),
        rows: Vec::new(),
        merges: Vec::new(),
        note: None,
        decimals: ctx.decimals,
        style: yusuan_report::table::AmountStyle::BUDGET,
    }
}

pub(crate) fn push(t: &mut Table, role: RowRole, cells: Vec<Cell>) {
    debug_assert_eq!(cells.len(), t.columns.len(), "{}: row width", t.label);
    t.rows.push(Row { role, cells });
}

pub(crate) fn amounts(v: impl IntoIterator<Item = Yuan>) -> impl Iterator<Item = Cell> {
    v.into_iter().map(Cell::Amount)
}

/// Cells of exact sums.
pub(crate) fn sums(v: impl IntoIterator<Item = Sum>) -> impl Iterator<Item = Cell> {
    v.into_iter().map(|s| Cell::Amount(s.yuan()))
}

/// Figures by (部门 code, 政府 code) pair of lines, each added up in line
/// order: per 部门 code id, its 政府 codes (mostly one) with their figures.
pub(crate) struct Pairs<const N: usize> {
    by_econ: Vec<Vec<(u32, [Sum; N])>>,
}

impl<const N: usize> Pairs<N> {
    pub(crate) fn new(ctx: &Context) -> Self {
        Pairs {
            by_econ: (0..ctx.econs.len()).map(|_| Vec::new()).collect(),
        }
    }
    /// The figures of the line's pair.
    pub(crate) fn of(&mut self, l: &Line) -> &mut [Sum; N] {
        let govs = &mut self.by_econ[l.econ_id as usize];
        let i = match govs.iter().position(|(g, _)| *g == l.gov_id) {
            Some(i) => i,
            None => {
                govs.push((l.gov_id, [Sum::ZERO; N]));
                govs.len() - 1
            }
        };
        &mut govs[i].1
    }
    /// (部门 code, 政府 code, figures), sorted by 部门 code then 政府 code.
    pub(crate) fn sorted<'a>(self, ctx: &Context<'a>) -> Vec<(&'a str, &'a str, [Sum; N])> {
        let mut v: Vec<(&str, &str, [Sum; N])> = Vec::new();
        for (e, govs) in self.by_econ.into_iter().enumerate() {
            v.extend(
                govs.into_iter()
                    .map(|(g, f)| (ctx.econs.codes[e], ctx.govs.codes[g as usize], f)),
            );
        }
        v.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        v
    }
}

/// `n` empty cells then `label`: the label stands right before the figures.
pub(crate) fn label_at(n: usize, label: &str) -> Vec<Cell> {
    let mut v = vec![Cell::Empty; n];
    v.push(Cell::text(label));
    v
}

pub(crate) const AMT: (ColumnKind, f32) = (ColumnKind::Amount, 9.0);

#[cfg(test)]
mod tests {
    use super::chinese_ordinal;

    #[test]
    fn ordinals() {
        assert_eq!(chinese_ordinal(1), "一");
        assert_eq!(chinese_ordinal(10), "十");
        assert_eq!(chinese_ordinal(15), "十五");
        assert_eq!(chinese_ordinal(20), "二十");
        assert_eq!(chinese_ordinal(34), "三十四");
    }
}
