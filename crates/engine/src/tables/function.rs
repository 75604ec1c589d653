//! The 功能 tables 预算03, 05, 09 and 13: one layout, four selections of lines.
//!
//! Columns: 科目编码 {类, 款, 项}, 单位代码, 单位（科目名称）, 合计, 基本支出 {小计,
//! 人员经费 {工资福利支出, 对个人和家庭的补助}, 公用经费 {商品和服务支出, 资本性支出}},
//! 项目支出 {小计, 其他运转类, 特定目标类}. Rows: 合计; the department row (same
//! figures, 部门代码 and name); then one row per 7-digit 功能 code used, sorted by
//! code, its 类/款/项 in three code columns.
//!
//! The basic split follows the line's 经费类型 first, then its code: a 人员经费
//! line goes to 对个人和家庭的补助 when its code is 303xx, else to 工资福利支出; a
//! 公用经费 line goes to 资本性支出 when its code is 309xx or 310xx, else to
//! 商品和服务支出. Project money splits by the project's 类型.
//!
//! A table given an empty-table note (09, 13) prints only its header and the
//! note when no line is selected.

use yusuan_model::{CostKind, ProjectKind};
use yusuan_report::table::{Cell, ColumnKind, RowRole, Table, group, leaf};

use super::*;
use crate::resolve::{Context, Line};
use crate::sum::Sum;

/// The column of a basic line's money among 工资福利, 对个人, 商品服务, 资本性:
/// the line's kind first, then its code (tables.md).
fn basic_column(kind: CostKind, econ: &str) -> usize {
    let class = econ.get(..3).unwrap_or("");
    match kind {
        CostKind::Personnel if class == "303" => 3,
        CostKind::Personnel => 2,
        CostKind::Public if class == "309" || class == "310" => 5,
        CostKind::Public => 4,
    }
}

/// The nine figures of a 功能 row: 合计, 基本 {小计, 工资福利, 对个人, 商品服务, 资本性},
/// 项目 {小计, 其他运转类, 特定目标类}. `columns` holds [`basic_column`] by 部门
/// code id, for 人员经费 and 公用经费.
fn add_line(columns: &[[usize; 2]], r: &mut [Sum; 9], l: &Line) {
    r[0] += l.amount;
    match l.project_kind {
        None => {
            r[1] += l.amount;
            r[columns[l.econ_id as usize][l.kind as usize]] += l.amount;
        }
        Some(kind) => {
            r[6] += l.amount;
            r[if kind == ProjectKind::Operating { 7 } else { 8 }] += l.amount;
        }
    }
}

pub(super) fn table(ctx: &Context, number: u8, keep: impl Fn(&Line) -> bool, empty_note: Option<&str>) -> Table {
    let header = [
        group("科目编码", vec![leaf("类"), leaf("款"), leaf("项")]),
        leaf("单位代码"),
        leaf("单位（科目名称）"),
        leaf("合计"),
        group(
            "基本支出",
            vec![
                leaf("小计"),
                group("人员经费", vec![leaf("工资福利支出"), leaf("对个人和家庭的补助")]),
                group("公用经费", vec![leaf("商品和服务支出"), leaf("资本性支出")]),
            ],
        ),
        group("项目支出", vec![leaf("小计"), leaf("其他运转类"), leaf("特定目标类")]),
    ];
    let mut kinds = vec![
        (ColumnKind::Code, 4.0),
        (ColumnKind::Code, 3.0),
        (ColumnKind::Code, 3.0),
        (ColumnKind::Code, 8.0),
        (ColumnKind::Text, 24.0),
    ];
    kinds.extend([AMT; 9]);
    let mut t = new_table(ctx, number, &header, &kinds);
    // Figures per 功能 code (by interned id) and in all.
    let columns: Vec<[usize; 2]> = (ctx.econs.codes.iter())
        .map(|e| [CostKind::Personnel, CostKind::Public].map(|k| basic_column(k, e)))
        .collect();
    let mut per: Vec<Option<[Sum; 9]>> = vec![None; ctx.funcs.len()];
    let mut all = [Sum::ZERO; 9];
    let mut any = false;
    for l in ctx.merged().iter().filter(|l| keep(l)) {
        any = true;
        add_line(&columns, per[l.func_id as usize].get_or_insert_default(), l);
        add_line(&columns, &mut all, l);
    }
    if !any && empty_note.is_some() {
        t.note = empty_note.map(str::to_string);
        return t;
    }
    let all = all.map(Sum::yuan);
    let mut cells = label_at(4, "合计");
    cells.extend(amounts(all));
    push(&mut t, RowRole::Total, cells);
    let d = &ctx.package.department;
    let mut cells = vec![
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::code(&d.code),
        Cell::text(&d.name),
    ];
    cells.extend(amounts(all));
    push(&mut t, RowRole::Subtotal, cells);
    for id in ctx.funcs.sorted_ids() {
        let Some(figures) = per[id as usize] else { continue };
        let func = ctx.funcs.codes[id as usize];
        let part = |r: std::ops::Range<usize>| Cell::code(func.get(r).unwrap_or(""));
        let mut cells = Vec::with_capacity(14);
        cells.extend([
            part(0..3),
            part(3..5),
            part(5..7),
            Cell::Empty,
            Cell::text(ctx.func_name(func)),
        ]);
        cells.extend(sums(figures));
        push(&mut t, RowRole::Item, cells);
    }
    t
}
