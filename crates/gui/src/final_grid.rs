//! The grids of the 决算 screens: one implementation for every list of a
//! 决算 package (收入, 基本支出, 项目明细, 其他支出, 结转结余, 年初预算数 …),
//! with the same cells ([`widgets`]: Excel habits, code pickers, amounts),
//! keys and block paste ([`grid`]) as the 预算 grids. A list only says its
//! columns, where its rows are, which part of the package a change touches,
//! and how the audit names its rows.

use std::collections::BTreeMap;
use std::ops::Range;

use egui::{self, Id, RichText};
use egui_extras::{Column, TableBuilder};
use rust_decimal::Decimal;
use yusuan_engine::final_accounts::eval_checks::project_place;
use yusuan_model::catalog::CodeKind;
use yusuan_model::final_edit::{FinalField, FinalList, FinalPart};
use yusuan_model::{
    BasicLine, DeptIndicator, EntryField, FinalIncome, FinalPackage, FundSource, Indicator, IndicatorKind, Nature,
    NonFiscalSurplus, OpeningBalance, OtherKind, OtherSpending, PlanLine, ProjectLine, Rejected, ScoredRow, Unit,
    UnitKind, Yuan, final_source_from_label, final_source_label,
};

use super::app::{App, ERROR_RED};
use super::grid;
use super::widgets::{self, EntryUnit, Limit};

/// The height of a grid row.
const ROW_HEIGHT: f32 = 30.0;

/// A grid's cursor and the text typed into its amount cells.
#[derive(Default)]
pub struct GridState {
    pub cursor: grid::Cursor,
    pub buffers: BTreeMap<(usize, usize), String>,
}

/// What a column holds, which decides its cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Unit,
    Source,
    Nature,
    Other,
    Func,
    Econ,
    Amount,
    Text,
    /// A code typed as text (a unit's code): trimmed.
    Code,
    /// 单位性质
    UnitNature,
    /// 一级指标 of a project's target (成本指标 …)
    Level1,
    /// A 分值 or 得分: a number ≥ 0.
    Score,
}

impl Kind {
    /// The word of the audit's messages about this column (to outline the cell).
    fn finding_word(self) -> &'static str {
        match self {
            Kind::Unit => "单位代码",
            Kind::Func => "功能科目",
            Kind::Econ => "经济科目",
            Kind::Amount => "金额",
            Kind::Source | Kind::Other => "财政拨款",
            Kind::Score => "得分",
            Kind::Nature | Kind::Text | Kind::Code | Kind::UnitNature | Kind::Level1 => "\u{0}",
        }
    }
}

pub struct Col {
    pub title: &'static str,
    pub kind: Kind,
    pub width: f32,
}

const fn col(title: &'static str, kind: Kind, width: f32) -> Col {
    Col { title, kind, width }
}

/// A cell's value.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    Text(String),
    Source(FundSource),
    Nature(Nature),
    Other(OtherKind),
    Amount(Yuan),
    UnitKind(UnitKind),
    IndicatorKind(IndicatorKind),
    Number(Decimal),
}

impl Val {
    fn text(&self) -> String {
        match self {
            Val::Text(t) => t.clone(),
            Val::Source(s) => final_source_label(*s).to_string(),
            Val::Nature(n) => n.label().to_string(),
            Val::Other(k) => k.label().to_string(),
            Val::Amount(a) => widgets::plain_amount(*a, EntryUnit::Yuan),
            Val::UnitKind(k) => k.label().to_string(),
            Val::IndicatorKind(k) => k.label().to_string(),
            Val::Number(d) => d.normalize().to_string(),
        }
    }
    fn amount(&self) -> Yuan {
        match self {
            Val::Amount(a) | Val::Number(a) => *a,
            _ => Yuan::ZERO,
        }
    }
}

/// The fields of a row, by column.
pub trait RowFields: Clone + Default {
    fn get(&self, col: usize) -> Val;
    fn set(&mut self, col: usize, v: Val);
    /// The text kept in this row's fields that is not a valid value
    /// ([`Rejected`], as the 预算's rows keep it); `None`: the row keeps none.
    fn rejected(&self) -> Option<&Rejected> {
        None
    }
    fn rejected_mut(&mut self) -> Option<&mut Rejected> {
        None
    }
}

fn text_of(v: Val) -> String {
    match v {
        Val::Text(t) => t,
        other => other.text(),
    }
}

macro_rules! row_fields {
    ($ty:ty $([$rejected:ident])? { $($col:literal => $field:ident : $variant:ident),* $(,)? }) => {
        impl RowFields for $ty {
            $(
                fn rejected(&self) -> Option<&Rejected> {
                    Some(&self.$rejected)
                }
                fn rejected_mut(&mut self) -> Option<&mut Rejected> {
                    Some(&mut self.$rejected)
                }
            )?
            fn get(&self, col: usize) -> Val {
                match col {
                    $($col => row_fields!(@get self.$field, $variant),)*
                    _ => Val::Text(String::new()),
                }
            }
            fn set(&mut self, col: usize, v: Val) {
                match (col, v) {
                    $(($col, v) => row_fields!(@set self.$field, $variant, v),)*
                    _ => {}
                }
            }
        }
    };
    (@get $e:expr, Text) => { Val::Text($e.clone()) };
    (@get $e:expr, $variant:ident) => { Val::$variant($e) };
    (@set $e:expr, Text, $v:ident) => { $e = text_of($v) };
    (@set $e:expr, $variant:ident, $v:ident) => { if let Val::$variant(x) = $v { $e = x } };
}

row_fields!(FinalIncome [rejected] { 0 => unit: Text, 1 => source: Source, 2 => func: Text, 3 => amount: Amount });
row_fields!(BasicLine [rejected] { 0 => unit: Text, 1 => func: Text, 2 => econ: Text, 3 => source: Source, 4 => amount: Amount, 5 => note: Text });
row_fields!(ProjectLine [rejected] { 0 => func: Text, 1 => econ: Text, 2 => source: Source, 3 => amount: Amount });
row_fields!(OtherSpending [rejected] { 0 => unit: Text, 1 => kind: Other, 2 => func: Text, 3 => econ: Text, 4 => source: Source, 5 => amount: Amount });
row_fields!(OpeningBalance [rejected] { 0 => unit: Text, 1 => nature: Nature, 2 => func: Text, 3 => amount: Amount });
row_fields!(NonFiscalSurplus [rejected] { 0 => unit: Text, 1 => used: Amount, 2 => distributed: Amount });
row_fields!(PlanLine [rejected] { 0 => nature: Nature, 1 => func: Text, 2 => amount: Amount });
row_fields!(Unit { 0 => code: Text, 1 => name: Text, 2 => kind: UnitKind });

/// A 绩效指标 row with its 自评 (the targets and their scores).
macro_rules! target_fields {
    ($ty:ty, $level1:ident, $level1_variant:ident) => {
        impl RowFields for $ty {
            fn get(&self, col: usize) -> Val {
                let (t, r) = self;
                match col {
                    0 => row_fields!(@get t.$level1, $level1_variant),
                    1 => Val::Text(t.level2.clone()),
                    2 => Val::Text(t.level3.clone()),
                    3 => Val::Text(t.value.clone()),
                    4 => Val::Text(r.actual.clone()),
                    5 => Val::Number(r.weight),
                    6 => Val::Number(r.score),
                    7 => Val::Text(r.deviation.clone()),
                    8 => Val::Text(r.remedy.clone()),
                    _ => Val::Text(String::new()),
                }
            }
            fn set(&mut self, col: usize, v: Val) {
                let (t, r) = self;
                match (col, v) {
                    (0, v) => row_fields!(@set t.$level1, $level1_variant, v),
                    (1, v) => t.level2 = text_of(v),
                    (2, v) => t.level3 = text_of(v),
                    (3, v) => t.value = text_of(v),
                    (4, v) => r.actual = text_of(v),
                    (5, Val::Number(d)) => r.weight = d,
                    (6, Val::Number(d)) => r.score = d,
                    (7, v) => r.deviation = text_of(v),
                    (8, v) => r.remedy = text_of(v),
                    _ => {}
                }
            }
        }
    };
}
target_fields!((DeptIndicator, ScoredRow), level1, Text);
target_fields!((Indicator, ScoredRow), kind, IndicatorKind);

/// A list of a 决算 package shown as a grid.
///
/// Most lists are one `Vec` of the package ([`Rows::vec`]); a list kept in
/// two parallel vectors (整体自评's targets and their scores) says how its
/// rows are read, put and removed instead.
pub trait Rows {
    type Row: RowFields;
    /// The grid's id (its cursor and cells), unique among the grids.
    fn id(&self) -> String;
    fn cols(&self) -> &'static [Col];
    /// What a change of `rows` touches.
    fn part(&self, rows: Range<usize>) -> FinalPart;
    /// How the audit names row `row` (0-based).
    fn places(&self, p: &FinalPackage, row: usize) -> Vec<String>;
    /// The rows, when they are one vector of the package.
    fn vec<'a>(&self, _p: &'a FinalPackage) -> Option<&'a Vec<Self::Row>> {
        None
    }
    fn vec_mut<'a>(&self, _p: &'a mut FinalPackage) -> Option<&'a mut Vec<Self::Row>> {
        None
    }
    fn len(&self, p: &FinalPackage) -> usize {
        self.vec(p).map_or(0, Vec::len)
    }
    fn row(&self, p: &FinalPackage, i: usize) -> Option<Self::Row> {
        self.vec(p)?.get(i).cloned()
    }
    /// Puts `row` at `i` (`i` = the length: appended).
    fn put(&self, p: &mut FinalPackage, i: usize, row: Self::Row) {
        if let Some(v) = self.vec_mut(p) {
            match v.get_mut(i) {
                Some(x) => *x = row,
                None => v.push(row),
            }
        }
    }
    fn remove(&self, p: &mut FinalPackage, rows: Range<usize>) {
        if let Some(v) = self.vec_mut(p) {
            v.drain(rows);
        }
    }
    /// The question asked before rows are removed (`None`: removed at once).
    fn removal_question(&self, _p: &FinalPackage, _rows: Range<usize>) -> Option<String> {
        None
    }
    /// Changes row `i` in place.
    fn update(&self, p: &mut FinalPackage, i: usize, f: impl FnOnce(&mut Self::Row)) {
        if let Some(mut row) = self.row(p, i) {
            f(&mut row);
            self.put(p, i, row);
        }
    }
}

macro_rules! simple_rows {
    ($name:ident, $row:ty, $field:ident, $list:expr, $id:literal, $place:literal, $cols:expr) => {
        pub struct $name;
        impl Rows for $name {
            type Row = $row;
            fn id(&self) -> String {
                $id.to_string()
            }
            fn cols(&self) -> &'static [Col] {
                &$cols
            }
            fn vec<'a>(&self, p: &'a FinalPackage) -> Option<&'a Vec<$row>> {
                Some(&p.$field)
            }
            fn vec_mut<'a>(&self, p: &'a mut FinalPackage) -> Option<&'a mut Vec<$row>> {
                Some(&mut p.$field)
            }
            fn part(&self, rows: Range<usize>) -> FinalPart {
                FinalPart::Rows($list, rows)
            }
            fn places(&self, _: &FinalPackage, row: usize) -> Vec<String> {
                vec![format!(concat!($place, "第{}行"), row + 1)]
            }
        }
    };
}

/// The 功能科目 and 经济科目 columns: the code and its name beside it, as
/// wide as the 预算's 基本支出 columns.
const FUNC_W: f32 = 184.0;
const ECON_W: f32 = 164.0;

const INCOME_COLS: [Col; 4] = [
    col("单位", Kind::Unit, 250.0),
    col("收入来源", Kind::Source, 210.0),
    col("功能科目", Kind::Func, FUNC_W),
    col("金额（元）", Kind::Amount, 150.0),
];
// 单位 gives up width to the codes' names: the row fits 1366 px.
const BASIC_COLS: [Col; 6] = [
    col("单位", Kind::Unit, 196.0),
    col("功能科目", Kind::Func, FUNC_W),
    col("经济科目", Kind::Econ, ECON_W),
    col("资金来源", Kind::Source, 190.0),
    col("决算数（元）", Kind::Amount, 140.0),
    col("备注", Kind::Text, 140.0),
];
const PROJECT_LINE_COLS: [Col; 4] = [
    col("功能科目", Kind::Func, FUNC_W),
    col("经济科目", Kind::Econ, ECON_W),
    col("资金来源", Kind::Source, 210.0),
    col("决算数（元）", Kind::Amount, 150.0),
];
const OTHER_COLS: [Col; 6] = [
    col("单位", Kind::Unit, 230.0),
    col("支出类型", Kind::Other, 150.0),
    col("功能科目", Kind::Func, FUNC_W),
    col("经济科目", Kind::Econ, ECON_W),
    col("资金来源", Kind::Source, 190.0),
    col("金额（元）", Kind::Amount, 140.0),
];
const OPENING_COLS: [Col; 4] = [
    col("单位", Kind::Unit, 250.0),
    col("资金性质", Kind::Nature, 200.0),
    col("功能科目", Kind::Func, FUNC_W),
    col("年初结转和结余（元）", Kind::Amount, 170.0),
];
const SURPLUS_COLS: [Col; 3] = [
    col("单位", Kind::Unit, 250.0),
    col("使用非财政拨款结余和专用结余（元）", Kind::Amount, 250.0),
    col("结余分配（元）", Kind::Amount, 160.0),
];
const PLAN_COLS: [Col; 3] = [
    col("资金性质", Kind::Nature, 200.0),
    col("功能科目（空=该类合计）", Kind::Func, 180.0),
    col("年初预算数（元）", Kind::Amount, 160.0),
];

simple_rows!(
    IncomeRows,
    FinalIncome,
    income,
    FinalList::Income,
    "fin_income",
    "收入",
    INCOME_COLS
);
simple_rows!(
    BasicRows,
    BasicLine,
    basic_lines,
    FinalList::Basic,
    "fin_basic",
    "基本支出",
    BASIC_COLS
);
simple_rows!(
    OtherRows,
    OtherSpending,
    other_lines,
    FinalList::Other,
    "fin_other",
    "其他支出",
    OTHER_COLS
);
simple_rows!(
    OpeningRows,
    OpeningBalance,
    opening,
    FinalList::Opening,
    "fin_opening",
    "结转结余",
    OPENING_COLS
);
simple_rows!(
    SurplusRows,
    NonFiscalSurplus,
    surplus,
    FinalList::Surplus,
    "fin_surplus",
    "非财政拨款结余",
    SURPLUS_COLS
);

/// 年初预算数 by nature and 功能 项 (part of the plan).
pub struct PlanRows;
impl Rows for PlanRows {
    type Row = PlanLine;
    fn id(&self) -> String {
        "fin_plan".into()
    }
    fn cols(&self) -> &'static [Col] {
        &PLAN_COLS
    }
    fn vec<'a>(&self, p: &'a FinalPackage) -> Option<&'a Vec<PlanLine>> {
        Some(&p.plan.initial)
    }
    fn vec_mut<'a>(&self, p: &'a mut FinalPackage) -> Option<&'a mut Vec<PlanLine>> {
        Some(&mut p.plan.initial)
    }
    fn part(&self, _: Range<usize>) -> FinalPart {
        FinalPart::Field(FinalField::Plan)
    }
    fn places(&self, _: &FinalPackage, row: usize) -> Vec<String> {
        vec![format!("年初预算第{}行", row + 1)]
    }
}

/// The lines (决算数) of project `.0`.
pub struct ProjectLines(pub usize);
impl Rows for ProjectLines {
    type Row = ProjectLine;
    fn id(&self) -> String {
        format!("fin_project_lines_{}", self.0)
    }
    fn cols(&self) -> &'static [Col] {
        &PROJECT_LINE_COLS
    }
    fn vec<'a>(&self, p: &'a FinalPackage) -> Option<&'a Vec<ProjectLine>> {
        p.projects.get(self.0).map(|x| &x.lines)
    }
    fn vec_mut<'a>(&self, p: &'a mut FinalPackage) -> Option<&'a mut Vec<ProjectLine>> {
        p.projects.get_mut(self.0).map(|x| &mut x.lines)
    }
    fn part(&self, _: Range<usize>) -> FinalPart {
        FinalPart::row(FinalList::Projects, self.0)
    }
    fn places(&self, p: &FinalPackage, row: usize) -> Vec<String> {
        let Some(pr) = p.projects.get(self.0) else {
            return Vec::new();
        };
        let mut names = vec![pr.code.trim().to_string()];
        if !pr.name.trim().is_empty() {
            names.push(pr.name.trim().to_string());
        }
        names
            .into_iter()
            .map(|n| format!("项目“{n}”明细第{}行", row + 1))
            .collect()
    }
}

const UNIT_COLS: [Col; 3] = [
    col("单位代码", Kind::Code, 110.0),
    col("单位名称", Kind::Text, 360.0),
    col("单位性质", Kind::UnitNature, 230.0),
];
// 一级指标 holds 「投入管理指标」 (6 characters; 90 cut it to 「投入管理指」);
// the reasons and measures are the texts typed here, as wide as 1366 px allows.
const DEPT_TARGET_COLS: [Col; 9] = [
    col("一级指标", Kind::Text, 110.0),
    col("二级指标", Kind::Text, 120.0),
    col("三级指标", Kind::Text, 150.0),
    col("年度指标值", Kind::Text, 100.0),
    col("实际完成值", Kind::Text, 120.0),
    col("分值", Kind::Score, 48.0),
    col("得分", Kind::Score, 48.0),
    col("偏差原因分析", Kind::Text, 190.0),
    col("改进措施", Kind::Text, 140.0),
];
const PROJECT_TARGET_COLS: [Col; 9] = [
    col("一级指标", Kind::Level1, 104.0),
    col("二级指标", Kind::Text, 120.0),
    col("三级指标", Kind::Text, 150.0),
    col("年度指标值", Kind::Text, 100.0),
    col("实际完成值", Kind::Text, 120.0),
    col("分值", Kind::Score, 48.0),
    col("得分", Kind::Score, 48.0),
    col("偏差原因分析", Kind::Text, 190.0),
    col("改进措施", Kind::Text, 140.0),
];

/// The column of the target grids (整体 and 项目, the same titles) whose
/// title a place names in brackets (`第8个指标（偏差原因分析）`).
pub fn target_column(place: &str) -> Option<usize> {
    let title = place.split_once('（')?.1.strip_suffix('）')?;
    DEPT_TARGET_COLS.iter().position(|c| c.title == title)
}

/// The column of the target grids a finding's message is about, when its
/// place names only the row (`整体自评 第8个指标（<the indicator>）`):
/// 「得分11大于其分值10」 is about the 得分, 「实际完成值…」 about that.
pub fn target_column_of_message(message: &str) -> Option<usize> {
    const WORDS: [(&str, &str); 7] = [
        ("偏差原因", "偏差原因分析"),
        ("改进措施", "改进措施"),
        ("得分", "得分"),
        ("实际完成", "实际完成值"),
        ("完成值", "实际完成值"),
        ("分值", "分值"),
        ("指标值", "年度指标值"),
    ];
    let (_, title) = WORDS.iter().find(|(w, _)| message.contains(w))?;
    DEPT_TARGET_COLS.iter().position(|c| c.title == *title)
}

/// How many lines of the package name a unit's code.
pub fn unit_refs(p: &FinalPackage, code: &str) -> usize {
    let code = code.trim();
    let is = |u: &str| !code.is_empty() && u.trim() == code;
    p.income.iter().filter(|x| is(&x.unit)).count()
        + p.opening.iter().filter(|x| is(&x.unit)).count()
        + p.surplus.iter().filter(|x| is(&x.unit)).count()
        + p.basic_lines.iter().filter(|x| is(&x.unit)).count()
        + p.projects.iter().filter(|x| is(&x.unit)).count()
        + p.other_lines.iter().filter(|x| is(&x.unit)).count()
}

/// The typing in a 决算 unit's code is committed (Enter, Tab, the focus
/// went): the rows that named the code the field had when the typing began
/// follow to the new code, in the same undo step as the typing (as the
/// 预算's `units::commit_code`). Nothing else moves when the new code is
/// empty or another unit's, or another unit still has the old code.
pub fn commit_unit_code(app: &mut App) {
    use yusuan_model::final_edit::{FinalEdit, FinalRows};
    let Some(doc) = app.fin.as_mut() else { return };
    let Some(i) = doc
        .history
        .run_key()
        .and_then(|k| k.strip_prefix("fin_units:")?.strip_suffix(":0")?.parse::<usize>().ok())
    else {
        return;
    };
    let old = match doc.history.open_run() {
        Some(FinalEdit::Splice {
            rows: FinalRows::Units(before),
            ..
        }) => before.first().map(|u| u.code.trim().to_string()),
        _ => None,
    };
    app.end_edit_run();
    let Some(doc) = app.fin.as_mut() else { return };
    let (Some(old), Some(new)) = (old, doc.package.units.get(i).map(|u| u.code.trim().to_string())) else {
        return;
    };
    if !crate::units::code_change_carries_rows(doc.package.units.iter().map(|u| u.code.as_str()), i, &old, &new) {
        return;
    }
    let moved = unit_refs(&doc.package, &old);
    let Some(rows_back) = yusuan_model::final_edit::rename_unit_refs(&mut doc.package, &old, &new) else {
        return;
    };
    let mut step = vec![rows_back];
    step.extend(doc.history.take_last());
    doc.history.record("", FinalEdit::Group(step));
    doc.recompute();
    app.changed(false);
    app.message = Some((
        format!("单位代码{old}改为{new}：引用它的{moved}行随之改为{new}（可撤销）"),
        false,
    ));
}

/// 单位: code, name, 性质. Removing a unit that lines name asks first.
pub struct UnitRows;
impl Rows for UnitRows {
    type Row = Unit;
    fn id(&self) -> String {
        "fin_units".into()
    }
    fn cols(&self) -> &'static [Col] {
        &UNIT_COLS
    }
    fn vec<'a>(&self, p: &'a FinalPackage) -> Option<&'a Vec<Unit>> {
        Some(&p.units)
    }
    fn vec_mut<'a>(&self, p: &'a mut FinalPackage) -> Option<&'a mut Vec<Unit>> {
        Some(&mut p.units)
    }
    fn part(&self, rows: Range<usize>) -> FinalPart {
        FinalPart::Rows(FinalList::Units, rows)
    }
    fn places(&self, p: &FinalPackage, row: usize) -> Vec<String> {
        let mut places = vec![format!("单位表第{}行", row + 1)];
        if let Some(u) = p.units.get(row) {
            places.push(format!("单位{}", u.code.trim()));
        }
        places
    }
    fn removal_question(&self, p: &FinalPackage, rows: Range<usize>) -> Option<String> {
        let named: Vec<String> = p.units[rows.start.min(p.units.len())..rows.end.min(p.units.len())]
            .iter()
            .filter_map(|u| {
                let n = unit_refs(p, &u.code);
                let name = if u.name.trim().is_empty() {
                    u.code.trim()
                } else {
                    u.name.trim()
                };
                (n > 0).then(|| format!("“{name}”有{n}行数据"))
            })
            .collect();
        (!named.is_empty()).then(|| {
            format!(
                "{}。删除后这些行的单位代码不在单位表中，审核将报错。确定删除吗？（可撤销）",
                named.join("，")
            )
        })
    }
}

/// 部门整体支出绩效自评 (A1): the targets of 预算11 and their scores, two
/// parallel lists of the package kept as one grid.
pub struct DeptTargets;
impl Rows for DeptTargets {
    type Row = (DeptIndicator, ScoredRow);
    fn id(&self) -> String {
        "fin_dept_targets".into()
    }
    fn cols(&self) -> &'static [Col] {
        &DEPT_TARGET_COLS
    }
    fn part(&self, _: Range<usize>) -> FinalPart {
        FinalPart::Field(FinalField::DeptEval)
    }
    fn places(&self, _: &FinalPackage, row: usize) -> Vec<String> {
        vec![format!("整体自评 第{}个指标", row + 1)]
    }
    fn len(&self, p: &FinalPackage) -> usize {
        p.dept_eval.targets.indicators.len()
    }
    fn row(&self, p: &FinalPackage, i: usize) -> Option<Self::Row> {
        let e = &p.dept_eval;
        let t = e.targets.indicators.get(i)?.clone();
        Some((t, e.results.get(i).cloned().unwrap_or_default()))
    }
    fn put(&self, p: &mut FinalPackage, i: usize, (t, r): Self::Row) {
        let e = &mut p.dept_eval;
        match e.targets.indicators.get_mut(i) {
            Some(x) => *x = t,
            None => e.targets.indicators.push(t),
        }
        // Scores are kept only once a target has one (an unscored 自评 has none).
        if e.results.len() > i || r != ScoredRow::default() {
            if e.results.len() <= i {
                e.results.resize(i + 1, ScoredRow::default());
            }
            e.results[i] = r;
        }
    }
    fn remove(&self, p: &mut FinalPackage, rows: Range<usize>) {
        let e = &mut p.dept_eval;
        e.targets.indicators.drain(rows.clone());
        let n = e.results.len();
        e.results.drain(rows.start.min(n)..rows.end.min(n));
    }
    fn removal_question(&self, p: &FinalPackage, rows: Range<usize>) -> Option<String> {
        Some(target_question(rows.clone().filter_map(|i| {
            p.dept_eval.targets.indicators.get(i).map(|t| t.level3.clone())
        })))
    }
}

/// The question before targets are removed.
fn target_question(names: impl Iterator<Item = String>) -> String {
    let names: Vec<String> = names
        .map(|n| {
            if n.trim().is_empty() {
                "（未命名）".into()
            } else {
                format!("“{}”", n.trim())
            }
        })
        .collect();
    format!(
        "删除{}个指标{}，连同其实际完成值、分值和得分？（可撤销）",
        names.len(),
        names.join("、")
    )
}

/// 项目支出绩效自评 (A2) of evaluation `.0`: its targets and their scores.
pub struct ProjectTargets(pub usize);
impl Rows for ProjectTargets {
    type Row = (Indicator, ScoredRow);
    fn id(&self) -> String {
        format!("fin_project_targets_{}", self.0)
    }
    fn cols(&self) -> &'static [Col] {
        &PROJECT_TARGET_COLS
    }
    fn vec<'a>(&self, p: &'a FinalPackage) -> Option<&'a Vec<Self::Row>> {
        p.project_evals.get(self.0).map(|e| &e.indicators)
    }
    fn vec_mut<'a>(&self, p: &'a mut FinalPackage) -> Option<&'a mut Vec<Self::Row>> {
        p.project_evals.get_mut(self.0).map(|e| &mut e.indicators)
    }
    fn part(&self, _: Range<usize>) -> FinalPart {
        FinalPart::row(FinalList::ProjectEvals, self.0)
    }
    fn places(&self, p: &FinalPackage, row: usize) -> Vec<String> {
        p.project_evals
            .get(self.0)
            .map(|e| vec![format!("{} 第{}个指标", project_place(p, &e.project), row + 1)])
            .unwrap_or_default()
    }
    fn removal_question(&self, p: &FinalPackage, rows: Range<usize>) -> Option<String> {
        let e = p.project_evals.get(self.0)?;
        Some(target_question(
            rows.filter_map(|i| e.indicators.get(i).map(|(t, _)| t.level3.clone())),
        ))
    }
}

/// The unit of a typed text: its code, its name, or "code name".
pub fn parse_unit(p: &FinalPackage, t: &str) -> Result<String, String> {
    let t = t.trim();
    p.units
        .iter()
        .find(|u| u.code == t || u.name == t || format!("{} {}", u.code, u.name) == t)
        .or_else(|| {
            let first = t.split_whitespace().next().unwrap_or("");
            p.units.iter().find(|u| u.code == first)
        })
        .map(|u| u.code.clone())
        .ok_or_else(|| format!("单位“{t}”不在单位表中"))
}

/// Parses typed or pasted text for a column of `kind`; the error says why not.
pub fn parse(p: &FinalPackage, kind: Kind, text: &str) -> Result<Val, String> {
    let t = text.trim();
    match kind {
        Kind::Unit => parse_unit(p, t).map(Val::Text),
        Kind::Source => final_source_from_label(t)
            .map(Val::Source)
            .ok_or_else(|| format!("资金来源“{t}”不是可选的来源")),
        Kind::Nature => Nature::from_label(t).map(Val::Nature).ok_or_else(|| {
            format!(
                "资金性质“{t}”应为一般公共预算财政拨款、政府性基金预算财政拨款、国有资本经营预算财政拨款或非财政拨款"
            )
        }),
        Kind::Other => OtherKind::from_label(t)
            .map(Val::Other)
            .ok_or_else(|| format!("支出类型“{t}”应为上缴上级支出、经营支出或对附属单位补助支出")),
        Kind::Func | Kind::Econ => {
            yusuan_model::limits::fits("编码", t, yusuan_model::limits::MAX_CODE)?;
            Ok(Val::Text(t.split_whitespace().next().unwrap_or("").to_string()))
        }
        Kind::Amount => widgets::parse_amount(t, EntryUnit::Yuan).map(Val::Amount),
        Kind::Score => parse_score(t).map(Val::Number),
        Kind::Code => {
            yusuan_model::limits::fits("编码", t, yusuan_model::limits::MAX_CODE)?;
            Ok(Val::Text(t.to_string()))
        }
        Kind::UnitNature => UnitKind::from_label(t)
            .map(Val::UnitKind)
            .ok_or_else(|| format!("单位性质“{t}”应为“行政单位”“参照公务员法管理事业单位”或“事业单位”")),
        Kind::Level1 => IndicatorKind::from_label(t)
            .map(Val::IndicatorKind)
            .ok_or_else(|| format!("一级指标“{t}”应为成本指标、产出指标、效益指标或满意度指标")),
        Kind::Text => {
            yusuan_model::limits::fits("备注", text, yusuan_model::limits::MAX_NOTE)?;
            Ok(Val::Text(text.to_string()))
        }
    }
}

/// A 分值 or 得分: empty is 0.
pub fn parse_score(t: &str) -> Result<Decimal, String> {
    let t = t.trim();
    if t.is_empty() {
        return Ok(Decimal::ZERO);
    }
    match t.parse::<Decimal>() {
        Ok(d) if !d.is_sign_negative() => Ok(d),
        _ => Err(format!("“{t}”不是分数：请填写0或正数，如 8 或 7.5")),
    }
}

/// The field a column's kept entry goes under: its unit, source or amount
/// (a second amount column: [`EntryField::Distributed`]); `None` for the
/// columns whose text is taken as it is or chosen from a list only.
pub fn entry_field(cols: &[Col], c: usize) -> Option<EntryField> {
    match cols.get(c)?.kind {
        Kind::Unit => Some(EntryField::Unit),
        Kind::Source => Some(EntryField::Source),
        Kind::Amount => Some(if cols[..c].iter().any(|x| x.kind == Kind::Amount) {
            EntryField::Distributed
        } else {
            EntryField::Amount
        }),
        _ => None,
    }
}

/// The text kept in cell `c` of `row` (not a valid value), if any.
fn kept<'a, R: RowFields>(row: &'a R, cols: &[Col], c: usize) -> Option<&'a str> {
    let f = entry_field(cols, c)?;
    row.rejected()?.get(&f).map(String::as_str)
}

/// Puts a typed entry into cell `c` of `row`: a valid value replaces the
/// cell's value and drops its kept text; text that is not valid is kept
/// beside the value (rows that keep entries), or not taken.
fn apply_entry<R: RowFields>(row: &mut R, cols: &[Col], c: usize, entry: widgets::Entry<Val>) -> bool {
    let field = entry_field(cols, c);
    match entry {
        widgets::Entry::Value(v) => {
            row.set(c, v);
            if let (Some(f), Some(r)) = (field, row.rejected_mut()) {
                r.remove(&f);
            }
            true
        }
        widgets::Entry::Rejected(t) => match (field, row.rejected_mut()) {
            (Some(f), Some(r)) => {
                r.insert(f, t);
                true
            }
            _ => false,
        },
    }
}

/// The choices of a drop-down column: (value, label).
fn choices(p: &FinalPackage, kind: Kind) -> Vec<(Val, String)> {
    match kind {
        Kind::Unit => p
            .units
            .iter()
            .map(|u| (Val::Text(u.code.clone()), format!("{} {}", u.code, u.name)))
            .collect(),
        Kind::Source => FundSource::ALL
            .into_iter()
            .map(|s| (Val::Source(s), final_source_label(s).to_string()))
            .collect(),
        Kind::Nature => Nature::ALL
            .into_iter()
            .map(|n| (Val::Nature(n), n.label().to_string()))
            .collect(),
        Kind::Other => OtherKind::ALL
            .into_iter()
            .map(|k| (Val::Other(k), k.label().to_string()))
            .collect(),
        Kind::UnitNature => UnitKind::ALL
            .into_iter()
            .map(|k| (Val::UnitKind(k), k.label().to_string()))
            .collect(),
        Kind::Level1 => IndicatorKind::ALL
            .into_iter()
            .map(|k| (Val::IndicatorKind(k), k.label().to_string()))
            .collect(),
        _ => Vec::new(),
    }
}

/// A new row like `like` (its unit, source, codes), amounts, scores, texts
/// and kept entries empty.
fn new_row<R: RowFields>(like: Option<&R>, cols: &[Col]) -> R {
    let mut row = like.cloned().unwrap_or_default();
    for (c, col) in cols.iter().enumerate() {
        match col.kind {
            Kind::Amount => row.set(c, Val::Amount(Yuan::ZERO)),
            Kind::Score => row.set(c, Val::Number(Decimal::ZERO)),
            Kind::Text | Kind::Code => row.set(c, Val::Text(String::new())),
            _ => {}
        }
    }
    if let Some(r) = row.rejected_mut() {
        r.clear();
    }
    row
}

/// The cell widget's id.
pub fn cell_id(grid: &str, row: usize, col: usize) -> Id {
    Id::unique(("fin_cell", grid, row, col))
}

/// Selects cell (`row`, `col`) of grid `id` and gives it the keyboard.
pub fn select(app: &mut App, id: &str, row: usize, col: usize) {
    if let Some(doc) = app.fin.as_mut() {
        doc.grids.entry(id.to_string()).or_default().cursor.select(row, col);
    }
}

/// Pastes tab-separated text at the cursor as one undo step, adding rows as
/// needed; values that are not valid are not taken, and the message says
/// which and why.
pub fn paste<R: Rows>(app: &mut App, rows: &R, origin: Option<(usize, usize)>, text: &str) {
    if app.read_only {
        app.message = Some(("审核模式为只读，不能粘贴".into(), true));
        return;
    }
    let Some((r0, c0)) = origin else {
        app.message = Some(("请先选择要粘贴到的单元格".into(), true));
        return;
    };
    let block = grid::parse_block(text);
    if r0 + block.len() > yusuan_model::limits::MAX_ROWS {
        app.message = Some((
            format!(
                "粘贴的内容有{}行，从第{}行起粘贴将超过每张表最多{}行，没有粘贴",
                block.len(),
                r0 + 1,
                yusuan_model::limits::MAX_ROWS
            ),
            true,
        ));
        return;
    }
    let cols = rows.cols();
    let mut rejected: Vec<String> = Vec::new();
    let mut cells = 0;
    app.edit_final("", rows.part(r0..r0 + block.len()), |p| {
        let n = rows.len(p);
        let like = rows.row(p, r0).or_else(|| rows.row(p, n.saturating_sub(1)));
        for i in n..r0 + block.len() {
            rows.put(p, i, new_row(like.as_ref(), cols));
        }
        for (dr, values) in block.iter().enumerate() {
            let Some(mut row) = rows.row(p, r0 + dr) else { continue };
            for (dc, v) in values.iter().enumerate() {
                let c = c0 + dc;
                let Some(col) = cols.get(c) else { continue };
                cells += 1;
                let entry = match parse(p, col.kind, v) {
                    Ok(val) => widgets::Entry::Value(val),
                    Err(e) => {
                        // Kept in its cell (red) where the row keeps entries.
                        let at = format!("第{}行“{}”：{e}", r0 + dr + 1, col.title);
                        rejected.push(at);
                        widgets::Entry::Rejected(v.clone())
                    }
                };
                apply_entry(&mut row, cols, c, entry);
            }
            rows.put(p, r0 + dr, row);
        }
    });
    if let Some(doc) = app.fin.as_mut() {
        let g = doc.grids.entry(rows.id()).or_default();
        g.cursor.anchor = Some((r0, c0));
        g.cursor.cursor = Some((r0 + block.len().saturating_sub(1), c0));
        g.buffers.clear();
    }
    app.message = Some(if rejected.is_empty() {
        (format!("已粘贴{}行{}个单元格", block.len(), cells), false)
    } else {
        (
            format!(
                "已粘贴{}个单元格，其中{}个无效（红色标出或未采用）：{}",
                cells,
                rejected.len(),
                rejected[0]
            ),
            true,
        )
    });
}

/// The buttons above a grid: 增加一行, 删除所选行; and the count. Removing
/// rows the list asks about ([`Rows::removal_question`]) asks first.
pub fn toolbar<R: Rows>(app: &mut App, ui: &mut egui::Ui, rows: &R) {
    let writable = !app.read_only;
    let Some(doc) = app.fin.as_ref() else { return };
    let n = rows.len(&doc.package);
    let label = doc.grids.get(&rows.id()).and_then(|g| grid::delete_label(&g.cursor, n));
    ui.label(format!("共{n}行"));
    if ui.add_enabled(writable, egui::Button::new("增加一行")).clicked() {
        let cursor_row = doc.grids.get(&rows.id()).and_then(|g| g.cursor.cursor).map(|c| c.0);
        let added = app.edit_final("", rows.part(n..n), |p| {
            let like = cursor_row
                .and_then(|r| rows.row(p, r))
                .or_else(|| rows.row(p, n.saturating_sub(1)));
            rows.put(p, n, new_row(like.as_ref(), rows.cols()));
        });
        if added {
            select(app, &rows.id(), n, 0);
        }
    }
    if ui
        .add_enabled(
            writable && label.is_some(),
            egui::Button::new(label.as_deref().unwrap_or("删除所选行")),
        )
        .on_hover_text("点击左侧行号选中一行，Shift+点击选中多行；可撤销")
        .clicked()
        && let Some(((r0, r1), _)) = app
            .fin
            .as_ref()
            .and_then(|d| d.grids.get(&rows.id()))
            .and_then(|g| g.cursor.block())
    {
        let range = r0..r1.min(n.saturating_sub(1)) + 1;
        let question = app
            .fin
            .as_ref()
            .and_then(|d| rows.removal_question(&d.package, range.clone()));
        match question {
            Some(q) => {
                if let Some(doc) = app.fin.as_mut() {
                    doc.removal = Some((rows.id(), range, q));
                }
            }
            None => remove_rows(app, rows, range),
        }
    }
    removal_dialog(app, ui.ctx(), rows);
}

fn remove_rows<R: Rows>(app: &mut App, rows: &R, range: Range<usize>) {
    let n = range.len();
    if app.edit_final("", rows.part(range.clone()), |p| rows.remove(p, range)) {
        app.message = Some((format!("已删除{n}行（可撤销）"), false));
    }
    if let Some(doc) = app.fin.as_mut() {
        doc.grids.insert(rows.id(), GridState::default());
    }
}

/// The question before removing rows of this grid, while one is asked.
fn removal_dialog<R: Rows>(app: &mut App, ctx: &egui::Context, rows: &R) {
    let Some((gid, range, question)) = app.fin.as_ref().and_then(|d| d.removal.clone()) else {
        return;
    };
    if gid != rows.id() {
        return;
    }
    let mut answer = None;
    egui::Modal::new(Id::unique(("fin_removal", &gid))).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading("删除行");
        ui.label(&question);
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button("删除").clicked() {
                answer = Some(true);
            }
            if ui.button("取消").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                answer = Some(false);
            }
        });
    });
    if let Some(yes) = answer {
        if let Some(doc) = app.fin.as_mut() {
            doc.removal = None;
        }
        if yes {
            remove_rows(app, rows, range);
        }
    }
}

/// The findings of the audit by place, without a detail in brackets.
fn findings_by_place(app: &App) -> BTreeMap<String, Vec<String>> {
    let mut m: BTreeMap<String, Vec<String>> = BTreeMap::new();
    if let Some(doc) = &app.fin {
        for f in &doc.computed.findings {
            let place = f.place.split('（').next().unwrap_or(&f.place).to_string();
            m.entry(place).or_default().push(f.to_string());
        }
    }
    m
}

/// Draws the grid of `rows`, `max_height` high (a screen with two grids
/// gives each a part), with the keys, cells and paste of every grid.
pub fn show<R: Rows>(app: &mut App, ui: &mut egui::Ui, rows: &R, max_height: f32) {
    let Some(doc) = app.fin.as_mut() else { return };
    let gid = rows.id();
    let mut g = doc.grids.remove(&gid).unwrap_or_default();
    let writable = !app.read_only;
    let cols = rows.cols();
    let ncols = cols.len();

    // A block paste goes to the grid whose cell has the keyboard.
    let focused_here = g.cursor.cursor.is_some_and(|(r, c)| {
        let cell = cell_id(&gid, r, c);
        // A drop-down's button has an id of its own (kept by `grid::after_cell`).
        let widget = ui.data(|d| d.get_temp::<Id>(cell.with("grid_widget"))).unwrap_or(cell);
        ui.memory(|m| m.focused()) == Some(widget)
    });
    let paste_text = if focused_here {
        grid::take_clipboard(ui, false).0
    } else {
        None
    };
    if let Some(t) = paste_text {
        let origin = g.cursor.cursor;
        if let Some(doc) = app.fin.as_mut() {
            doc.grids.insert(gid.clone(), std::mem::take(&mut g));
        }
        paste(app, rows, origin, &t);
        grid::surrender_focus(ui);
        g = app.fin.as_mut().and_then(|d| d.grids.remove(&gid)).unwrap_or_default();
    }

    let findings = findings_by_place(app);
    let mut target = None;
    let n = app.fin.as_ref().map_or(0, |d| rows.len(&d.package));
    let scroll_to = g.cursor.scroll_to.take();
    // Rows are drawn only where they show (a list of thousands of lines
    // costs what a screenful does), under a header that stays.
    egui::ScrollArea::horizontal()
        .id_salt(("fin_grid_h", &gid))
        .show(ui, |ui| {
            // A row's stripe and selection are cut to what its fields leave
            // visible (paint::cut_overdraw).
            let (ctx, layer) = (ui.ctx().clone(), ui.layer_id());
            let backgrounds = [ui.visuals().faint_bg_color, ui.visuals().selection.bg_fill];
            let mut tb = TableBuilder::new(ui)
                .id_salt(("fin_grid", &gid))
                .striped(true)
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .max_scroll_height(max_height)
                .auto_shrink([false, true])
                .column(Column::exact(64.0));
            for c in cols {
                tb = tb.column(Column::exact(c.width + 8.0));
            }
            if let Some(r) = scroll_to {
                tb = tb.scroll_to_row(r, Some(egui::Align::Center));
            }
            tb.header(26.0, |mut header| {
                header.col(|ui| {
                    ui.strong("行");
                });
                for c in cols {
                    header.col(|ui| {
                        ui.add(egui::Label::new(RichText::new(c.title).strong()).truncate());
                    });
                }
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, n, |mut table_row| {
                    let from = crate::paint::next_idx(&ctx, layer);
                    let i = table_row.index();
                    let Some(doc) = app.fin.as_ref() else { return };
                    let Some(row) = rows.row(&doc.package, i) else {
                        return;
                    };
                    let row_findings: Vec<String> = rows
                        .places(&doc.package, i)
                        .iter()
                        .filter_map(|pl| findings.get(pl))
                        .flatten()
                        .cloned()
                        .collect();
                    table_row.set_selected(g.cursor.cursor.is_some_and(|(r, _)| r == i));
                    table_row.col(|ui| {
                        grid::row_header(ui, &mut g.cursor, i, ncols);
                        if !row_findings.is_empty() {
                            ui.label(RichText::new("●").color(ERROR_RED))
                                .on_hover_text(row_findings.join("\n"));
                        }
                    });
                    for (c, column) in cols.iter().enumerate() {
                        table_row.col(|ui| {
                            let id = cell_id(&gid, i, c);
                            let value = row.get(c);
                            let kept = kept(&row, cols, c).map(str::to_string);
                            let finding = row_findings
                                .iter()
                                .find(|f| f.contains(column.kind.finding_word()))
                                .cloned();
                            let shown = match column.kind {
                                Kind::Amount | Kind::Score => {
                                    Some(g.buffers.get(&(i, c)).cloned().unwrap_or_else(|| {
                                        kept.clone().unwrap_or_else(|| {
                                            if column.kind == Kind::Score {
                                                value.text()
                                            } else {
                                                widgets::format_amount(value.amount(), EntryUnit::Yuan)
                                            }
                                        })
                                    }))
                                }
                                Kind::Func | Kind::Econ | Kind::Text | Kind::Code => Some(value.text()),
                                _ => None,
                            }
                            .filter(|_| writable);
                            let keys = grid::before_cell(ui, &mut g.cursor, id, i, c, shown.as_deref());
                            let here = Here {
                                at: (i, c),
                                id,
                                column,
                                kept: kept.as_deref(),
                                finding: finding.as_deref(),
                            };
                            let (r, new) = cell(app, ui, &mut g, here, &value);
                            if let Some(entry) = new {
                                // Typing in one cell is one undo step; a choice is one of its own.
                                let typed = matches!(
                                    column.kind,
                                    Kind::Amount | Kind::Score | Kind::Text | Kind::Code | Kind::Func | Kind::Econ
                                );
                                let key = if typed { format!("{gid}:{i}:{c}") } else { String::new() };
                                let keeps = row.rejected().is_some() && entry_field(cols, c).is_some();
                                if let (widgets::Entry::Rejected(t), false) = (&entry, keeps) {
                                    app.message = Some((
                                        format!("第{}行“{}”：“{}”不是有效的值", i + 1, column.title, t.trim()),
                                        true,
                                    ));
                                } else {
                                    app.edit_final(&key, rows.part(i..i + 1), |p| {
                                        rows.update(p, i, |row| {
                                            apply_entry(row, cols, c, entry);
                                        })
                                    });
                                }
                            }
                            if c == 0 && gid == "fin_units" && r.lost_focus() {
                                commit_unit_code(app);
                            }
                            if let Some(t) = grid::after_cell(ui, &mut g.cursor, keys, &r, (i, c), ncols, app) {
                                target = Some(t);
                            }
                        });
                    }
                    crate::paint::cut_overdraw(&ctx, layer, from, &backgrounds);
                });
            });
            grid::scroll_sideways(ui);
        });
    if n == 0 {
        ui.label(
            RichText::new("（没有行。点击“增加一行”，或从Excel复制后选中单元格粘贴。）")
                .color(ui.visuals().weak_text_color()),
        );
    }
    if let Some(t) = target {
        let n = app.fin.as_ref().map_or(0, |d| rows.len(&d.package));
        grid::apply_move(&mut g.cursor, t, n);
    }
    if let Some(doc) = app.fin.as_mut() {
        doc.grids.insert(gid, g);
    }
}

/// Where a cell is and what it shows besides its value.
struct Here<'a> {
    at: (usize, usize),
    id: Id,
    column: &'a Col,
    /// The text kept in the cell that is not a valid value (shown red).
    kept: Option<&'a str>,
    finding: Option<&'a str>,
}

/// One cell: a drop-down, a code picker, an amount, a score or a text.
fn cell(
    app: &mut App,
    ui: &mut egui::Ui,
    g: &mut GridState,
    here: Here<'_>,
    value: &Val,
) -> (egui::Response, Option<widgets::Entry<Val>>) {
    let Here {
        at: (i, c),
        id: cell_id,
        column,
        kept,
        finding,
    } = here;
    let Some(doc) = app.fin.as_ref() else {
        return (ui.label(""), None);
    };
    let value_entry = |v: Option<Val>| v.map(widgets::Entry::Value);
    match column.kind {
        Kind::Unit | Kind::Source | Kind::Nature | Kind::Other | Kind::UnitNature | Kind::Level1 => {
            let current = match (column.kind, value) {
                (Kind::Unit, Val::Text(code)) => doc
                    .package
                    .unit(code)
                    .map(|u| format!("{} {}", u.code, u.name))
                    .unwrap_or_else(|| code.clone()),
                _ => value.text(),
            };
            // A kept entry shows instead of the value, red, until a choice replaces it.
            let (current, finding) = match kept {
                Some(t) => (
                    RichText::new(t).color(ERROR_RED),
                    finding.or(Some("不是可选的值，请从列表中选择")),
                ),
                None => (RichText::new(current), finding),
            };
            if widgets::is_read_only(ui) {
                return (
                    widgets::read_only_text(ui, current.text(), column.width, false, false, finding),
                    None,
                );
            }
            let options = choices(&doc.package, column.kind);
            let mut chosen = None;
            let r = egui::ComboBox::from_id_salt(cell_id)
                .width(column.width)
                .selected_text(current)
                .show_ui(ui, |ui| {
                    for (v, label) in options {
                        if ui.selectable_label(&v == value, label).clicked() && (&v != value || kept.is_some()) {
                            chosen = Some(v);
                        }
                    }
                })
                .response;
            (widgets::mark_error(ui, r, finding), value_entry(chosen))
        }
        Kind::Func | Kind::Econ => {
            let kind = if column.kind == Kind::Func {
                CodeKind::Func
            } else {
                CodeKind::DeptEcon
            };
            let text = value.text();
            // The code as wide as the 预算's (7 or 5 digits), its name in the rest.
            let code_w = if column.kind == Kind::Func { 76.0 } else { 60.0 };
            let (r, new) = widgets::code_with_name(ui, cell_id, &text, kind, &doc.catalog, code_w, finding);
            (r, value_entry(new.map(Val::Text)))
        }
        Kind::Text | Kind::Code => {
            let text = value.text();
            let limit = if column.kind == Kind::Code {
                yusuan_model::limits::MAX_CODE
            } else {
                yusuan_model::limits::MAX_NOTE
            };
            let (r, new) = widgets::text_cell(
                ui,
                cell_id,
                &text,
                column.width,
                finding,
                Limit::new(column.title, limit),
            );
            let new = new.map(|t| {
                if column.kind == Kind::Code {
                    t.trim().to_string()
                } else {
                    t
                }
            });
            (r, value_entry(new.map(Val::Text)))
        }
        Kind::Amount | Kind::Score => {
            let mut buffer = g.buffers.get(&(i, c)).cloned();
            let (r, new) = if column.kind == Kind::Amount {
                let (r, new) = widgets::amount_cell(
                    ui,
                    cell_id,
                    value.amount(),
                    kept,
                    EntryUnit::Yuan,
                    &mut buffer,
                    column.width,
                    finding,
                );
                (r, new.map(|e| e.map(Val::Amount)))
            } else {
                let shown = value.text();
                let format = widgets::EntryFormat {
                    plain: if value.amount().is_zero() {
                        String::new()
                    } else {
                        shown.clone()
                    },
                    shown,
                    parse: &parse_score,
                    hint: None,
                };
                let (r, new) = widgets::entry_cell(
                    ui,
                    cell_id,
                    &value.amount(),
                    kept,
                    format,
                    &mut buffer,
                    column.width,
                    finding,
                );
                (r, new.map(|e| e.map(Val::Number)))
            };
            match buffer {
                Some(b) => g.buffers.insert((i, c), b),
                None => g.buffers.remove(&(i, c)),
            };
            (r, new)
        }
    }
}
