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
use yusuan_model::catalog::CodeKind;
use yusuan_model::final_edit::{FinalField, FinalList, FinalPart};
use yusuan_model::{
    BasicLine, FinalIncome, FinalPackage, FundSource, Nature, NonFiscalSurplus, OpeningBalance, OtherKind,
    OtherSpending, PlanLine, ProjectLine, Yuan, final_source_from_label, final_source_label,
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
            Kind::Nature | Kind::Text => "\u{0}",
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
}

impl Val {
    fn text(&self) -> String {
        match self {
            Val::Text(t) => t.clone(),
            Val::Source(s) => final_source_label(*s).to_string(),
            Val::Nature(n) => n.label().to_string(),
            Val::Other(k) => k.label().to_string(),
            Val::Amount(a) => widgets::plain_amount(*a, EntryUnit::Yuan),
        }
    }
    fn amount(&self) -> Yuan {
        match self {
            Val::Amount(a) => *a,
            _ => Yuan::ZERO,
        }
    }
}

/// The fields of a row, by column.
pub trait RowFields: Clone + Default {
    fn get(&self, col: usize) -> Val;
    fn set(&mut self, col: usize, v: Val);
}

fn text_of(v: Val) -> String {
    match v {
        Val::Text(t) => t,
        other => other.text(),
    }
}

macro_rules! row_fields {
    ($ty:ty { $($col:literal => $field:ident : $variant:ident),* $(,)? }) => {
        impl RowFields for $ty {
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

row_fields!(FinalIncome { 0 => unit: Text, 1 => source: Source, 2 => func: Text, 3 => amount: Amount });
row_fields!(BasicLine { 0 => unit: Text, 1 => func: Text, 2 => econ: Text, 3 => source: Source, 4 => amount: Amount, 5 => note: Text });
row_fields!(ProjectLine { 0 => func: Text, 1 => econ: Text, 2 => source: Source, 3 => amount: Amount });
row_fields!(OtherSpending { 0 => unit: Text, 1 => kind: Other, 2 => func: Text, 3 => econ: Text, 4 => source: Source, 5 => amount: Amount });
row_fields!(OpeningBalance { 0 => unit: Text, 1 => nature: Nature, 2 => func: Text, 3 => amount: Amount });
row_fields!(NonFiscalSurplus { 0 => unit: Text, 1 => used: Amount, 2 => distributed: Amount });
row_fields!(PlanLine { 0 => nature: Nature, 1 => func: Text, 2 => amount: Amount });

/// A list of a 决算 package shown as a grid.
pub trait Rows {
    type Row: RowFields;
    /// The grid's id (its cursor and cells), unique among the grids.
    fn id(&self) -> String;
    fn cols(&self) -> &'static [Col];
    fn rows<'a>(&self, p: &'a FinalPackage) -> &'a [Self::Row];
    fn rows_mut<'a>(&self, p: &'a mut FinalPackage) -> &'a mut Vec<Self::Row>;
    /// What a change of `rows` touches.
    fn part(&self, rows: Range<usize>) -> FinalPart;
    /// How the audit names row `row` (0-based).
    fn places(&self, p: &FinalPackage, row: usize) -> Vec<String>;
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
            fn rows<'a>(&self, p: &'a FinalPackage) -> &'a [$row] {
                &p.$field
            }
            fn rows_mut<'a>(&self, p: &'a mut FinalPackage) -> &'a mut Vec<$row> {
                &mut p.$field
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

const INCOME_COLS: [Col; 4] = [
    col("单位", Kind::Unit, 250.0),
    col("收入来源", Kind::Source, 210.0),
    col("功能科目", Kind::Func, 90.0),
    col("金额（元）", Kind::Amount, 150.0),
];
const BASIC_COLS: [Col; 6] = [
    col("单位", Kind::Unit, 230.0),
    col("功能科目", Kind::Func, 90.0),
    col("经济科目", Kind::Econ, 70.0),
    col("资金来源", Kind::Source, 190.0),
    col("决算数（元）", Kind::Amount, 140.0),
    col("备注", Kind::Text, 140.0),
];
const PROJECT_LINE_COLS: [Col; 4] = [
    col("功能科目", Kind::Func, 90.0),
    col("经济科目", Kind::Econ, 70.0),
    col("资金来源", Kind::Source, 210.0),
    col("决算数（元）", Kind::Amount, 150.0),
];
const OTHER_COLS: [Col; 6] = [
    col("单位", Kind::Unit, 230.0),
    col("支出类型", Kind::Other, 150.0),
    col("功能科目", Kind::Func, 90.0),
    col("经济科目", Kind::Econ, 70.0),
    col("资金来源", Kind::Source, 190.0),
    col("金额（元）", Kind::Amount, 140.0),
];
const OPENING_COLS: [Col; 4] = [
    col("单位", Kind::Unit, 250.0),
    col("资金性质", Kind::Nature, 200.0),
    col("功能科目", Kind::Func, 90.0),
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
    fn rows<'a>(&self, p: &'a FinalPackage) -> &'a [PlanLine] {
        &p.plan.initial
    }
    fn rows_mut<'a>(&self, p: &'a mut FinalPackage) -> &'a mut Vec<PlanLine> {
        &mut p.plan.initial
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
    fn rows<'a>(&self, p: &'a FinalPackage) -> &'a [ProjectLine] {
        p.projects.get(self.0).map(|x| x.lines.as_slice()).unwrap_or(&[])
    }
    fn rows_mut<'a>(&self, p: &'a mut FinalPackage) -> &'a mut Vec<ProjectLine> {
        &mut p.projects[self.0].lines
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
        Kind::Text => {
            yusuan_model::limits::fits("备注", text, yusuan_model::limits::MAX_NOTE)?;
            Ok(Val::Text(text.to_string()))
        }
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
        _ => Vec::new(),
    }
}

/// A new row like `like` (its unit, source, codes), amounts and notes empty.
fn new_row<R: RowFields>(like: Option<&R>, cols: &[Col]) -> R {
    let mut row = like.cloned().unwrap_or_default();
    for (c, col) in cols.iter().enumerate() {
        match col.kind {
            Kind::Amount => row.set(c, Val::Amount(Yuan::ZERO)),
            Kind::Text => row.set(c, Val::Text(String::new())),
            _ => {}
        }
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
        let like = rows.rows(p).get(r0).or(rows.rows(p).last()).cloned();
        while rows.rows(p).len() < r0 + block.len() {
            let row = new_row(like.as_ref(), cols);
            rows.rows_mut(p).push(row);
        }
        for (dr, values) in block.iter().enumerate() {
            for (dc, v) in values.iter().enumerate() {
                let c = c0 + dc;
                let Some(col) = cols.get(c) else { continue };
                cells += 1;
                match parse(p, col.kind, v) {
                    Ok(val) => rows.rows_mut(p)[r0 + dr].set(c, val),
                    Err(e) => rejected.push(format!("第{}行“{}”：{e}", r0 + dr + 1, col.title)),
                }
            }
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
                "已粘贴{}个单元格，其中{}个无效、未采用：{}",
                cells,
                rejected.len(),
                rejected[0]
            ),
            true,
        )
    });
}

/// The buttons above a grid: 增加一行, 删除所选行; and the count.
pub fn toolbar<R: Rows>(app: &mut App, ui: &mut egui::Ui, rows: &R) {
    let writable = !app.read_only;
    let Some(doc) = app.fin.as_ref() else { return };
    let n = rows.rows(&doc.package).len();
    let label = doc.grids.get(&rows.id()).and_then(|g| grid::delete_label(&g.cursor, n));
    ui.label(format!("共{n}行"));
    if ui.add_enabled(writable, egui::Button::new("增加一行")).clicked() {
        let cursor_row = doc.grids.get(&rows.id()).and_then(|g| g.cursor.cursor).map(|c| c.0);
        let added = app.edit_final("", rows.part(n..n), |p| {
            let like = cursor_row
                .and_then(|r| rows.rows(p).get(r))
                .or(rows.rows(p).last())
                .cloned();
            let row = new_row(like.as_ref(), rows.cols());
            rows.rows_mut(p).push(row);
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
        let r1 = r1.min(n.saturating_sub(1));
        app.edit_final("", rows.part(r0..r1 + 1), |p| {
            rows.rows_mut(p).drain(r0..=r1);
        });
        if let Some(doc) = app.fin.as_mut() {
            doc.grids.insert(rows.id(), GridState::default());
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
    let n = app.fin.as_ref().map_or(0, |d| rows.rows(&d.package).len());
    let scroll_to = g.cursor.scroll_to.take();
    // Rows are drawn only where they show (a list of thousands of lines
    // costs what a screenful does), under a header that stays.
    egui::ScrollArea::horizontal()
        .id_salt(("fin_grid_h", &gid))
        .show(ui, |ui| {
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
                    let i = table_row.index();
                    let Some(doc) = app.fin.as_ref() else { return };
                    let Some(row) = rows.rows(&doc.package).get(i).cloned() else {
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
                            let finding = row_findings
                                .iter()
                                .find(|f| f.contains(column.kind.finding_word()))
                                .cloned();
                            let shown = match column.kind {
                                Kind::Amount => Some(
                                    g.buffers
                                        .get(&(i, c))
                                        .cloned()
                                        .unwrap_or_else(|| widgets::format_amount(value.amount(), EntryUnit::Yuan)),
                                ),
                                Kind::Func | Kind::Econ | Kind::Text => Some(value.text()),
                                _ => None,
                            }
                            .filter(|_| writable);
                            let keys = grid::before_cell(ui, &mut g.cursor, id, i, c, shown.as_deref());
                            let (r, new) = cell(app, ui, &mut g, (i, c), id, column, &value, finding.as_deref());
                            if let Some(v) = new {
                                // Typing in one cell is one undo step; a choice is one of its own.
                                let key = if matches!(column.kind, Kind::Amount | Kind::Text | Kind::Func | Kind::Econ)
                                {
                                    format!("{gid}:{i}:{c}")
                                } else {
                                    String::new()
                                };
                                app.edit_final(&key, rows.part(i..i + 1), |p| rows.rows_mut(p)[i].set(c, v));
                            }
                            if let Some(t) = grid::after_cell(ui, &mut g.cursor, keys, &r, (i, c), ncols, app) {
                                target = Some(t);
                            }
                        });
                    }
                });
            });
        });
    if n == 0 {
        ui.label(
            RichText::new("（没有行。点击“增加一行”，或从Excel复制后选中单元格粘贴。）")
                .color(ui.visuals().weak_text_color()),
        );
    }
    if let Some(t) = target {
        let n = app.fin.as_ref().map_or(0, |d| rows.rows(&d.package).len());
        grid::apply_move(&mut g.cursor, t, n);
    }
    if let Some(doc) = app.fin.as_mut() {
        doc.grids.insert(gid, g);
    }
}

/// One cell: a drop-down, a code picker, an amount or a text.
#[allow(clippy::too_many_arguments)]
fn cell(
    app: &mut App,
    ui: &mut egui::Ui,
    g: &mut GridState,
    (i, c): (usize, usize),
    cell_id: Id,
    column: &Col,
    value: &Val,
    finding: Option<&str>,
) -> (egui::Response, Option<Val>) {
    let Some(doc) = app.fin.as_ref() else {
        return (ui.label(""), None);
    };
    match column.kind {
        Kind::Unit | Kind::Source | Kind::Nature | Kind::Other => {
            let current = match (column.kind, value) {
                (Kind::Unit, Val::Text(code)) => doc
                    .package
                    .unit(code)
                    .map(|u| format!("{} {}", u.code, u.name))
                    .unwrap_or_else(|| code.clone()),
                _ => value.text(),
            };
            if widgets::is_read_only(ui) {
                return (
                    widgets::read_only_text(ui, &current, column.width, false, false, finding),
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
                        if ui.selectable_label(&v == value, label).clicked() && &v != value {
                            chosen = Some(v);
                        }
                    }
                })
                .response;
            (widgets::mark_error(ui, r, finding), chosen)
        }
        Kind::Func | Kind::Econ => {
            let kind = if column.kind == Kind::Func {
                CodeKind::Func
            } else {
                CodeKind::DeptEcon
            };
            let text = value.text();
            let (r, new) = widgets::code_cell(ui, cell_id, &text, kind, &doc.catalog, None, column.width, finding);
            (r, new.map(Val::Text))
        }
        Kind::Text => {
            let text = value.text();
            let (r, new) = widgets::text_cell(
                ui,
                cell_id,
                &text,
                column.width,
                finding,
                Limit::new(column.title, yusuan_model::limits::MAX_NOTE),
            );
            (r, new.map(Val::Text))
        }
        Kind::Amount => {
            let mut buffer = g.buffers.get(&(i, c)).cloned();
            let (r, new) = widgets::amount_cell(
                ui,
                cell_id,
                value.amount(),
                None,
                EntryUnit::Yuan,
                &mut buffer,
                column.width,
                finding,
            );
            match buffer {
                Some(b) => g.buffers.insert((i, c), b),
                None => g.buffers.remove(&(i, c)),
            };
            match new {
                Some(widgets::Entry::Value(v)) => (r, Some(Val::Amount(v))),
                Some(widgets::Entry::Rejected(t)) => {
                    app.message = Some((
                        format!("第{}行“{}”：“{}”不是有效的金额", i + 1, column.title, t.trim()),
                        true,
                    ));
                    (r, None)
                }
                None => (r, None),
            }
        }
    }
}
