//! 基本支出: the virtualized, spreadsheet-like grid of basic lines.

use std::collections::HashMap;
use yusuan_model::edit::{Edit, List, Part};

use egui::{self, Align, Color32, Id, RichText};
use egui_extras::{Column, TableBuilder};
use yusuan_engine::{Field, LineRef, Location, ResolvedLine};
use yusuan_model::catalog::CodeKind;
use yusuan_model::{BasicLine, CostKind, EntryField, FundSource, Package};

use super::app::{App, ERROR_RED};
use super::grid;
use super::widgets::{self, EntryUnit};

/// The grid's columns, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Col {
    Unit,
    Func,
    Econ,
    Gov,
    Kind,
    Source,
    Amount,
    Note,
}

impl Col {
    pub const ALL: [Col; 8] = [
        Col::Unit,
        Col::Func,
        Col::Econ,
        Col::Gov,
        Col::Kind,
        Col::Source,
        Col::Amount,
        Col::Note,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Col::Unit => "单位",
            Col::Func => "功能科目",
            Col::Econ => "经济科目",
            Col::Gov => "政府经济",
            Col::Kind => "经费类型",
            Col::Source => "资金来源",
            Col::Amount => "金额",
            Col::Note => "备注",
        }
    }
    /// The field whose invalid text a row keeps (`BasicLine::rejected`).
    pub fn entry_field(self) -> Option<EntryField> {
        match self {
            Col::Kind => Some(EntryField::Kind),
            Col::Source => Some(EntryField::Source),
            Col::Amount => Some(EntryField::Amount),
            _ => None,
        }
    }
    fn field(self) -> Option<Field> {
        Some(match self {
            Col::Unit => Field::Unit,
            Col::Func => Field::Func,
            Col::Econ => Field::Econ,
            Col::Gov => Field::Gov,
            Col::Kind => Field::Kind,
            Col::Source => Field::Source,
            Col::Amount => Field::Amount,
            Col::Note => Field::Note,
        })
    }
    fn of_field(f: Field) -> usize {
        Col::ALL.iter().position(|c| c.field() == Some(f)).unwrap_or(0)
    }
    fn width(self) -> f32 {
        match self {
            Col::Unit => 150.0,
            Col::Func => 184.0,
            Col::Econ => 164.0,
            Col::Gov => 84.0,
            Col::Kind => 106.0,
            Col::Source => 186.0,
            // The largest amount accepted, 9,999,999,999,999.99, fits whole.
            Col::Amount => 164.0,
            Col::Note => 70.0,
        }
    }
}

#[derive(Default)]
pub struct BasicState {
    pub unit: EntryUnit,
    /// The cell cursor and the selected block (shared grid behaviour).
    pub grid: grid::Cursor,
    /// Text typed or pasted that is not (yet) a valid value, by (row, column).
    pub buffers: HashMap<(usize, usize), String>,
    /// 筛选: only the lines of this unit …
    pub filter_unit: Option<String>,
    /// … and of 功能科目 codes starting with (or named with) this text.
    pub filter_func: String,
    /// The column the lines were last sorted by, descending or not, and the
    /// package generation the order is of (the mark goes with the next change).
    pub sorted: Option<(Col, bool, u64)>,
}

impl BasicState {
    pub fn clear_buffers(&mut self) {
        self.buffers.clear();
    }
    pub fn select_field(&mut self, row: usize, field: Field) {
        // A row the filter hides is shown: the filter goes.
        self.filter_unit = None;
        self.filter_func.clear();
        self.grid.select(row, Col::of_field(field));
    }
    fn filtering(&self) -> bool {
        self.filter_unit.is_some() || !self.filter_func.trim().is_empty()
    }
    /// The selected block: rows and columns, inclusive.
    pub fn block(&self) -> Option<((usize, usize), (usize, usize))> {
        self.grid.block()
    }
}

pub fn cell_id(row: usize, col: usize) -> Id {
    Id::unique(("basic_cell", row, col))
}

/// The text of a cell, for copying out.
pub fn cell_text(line: &BasicLine, col: Col, unit: EntryUnit) -> String {
    match col {
        Col::Unit => line.unit.clone(),
        Col::Func => line.func.clone(),
        Col::Econ => line.econ.clone(),
        Col::Gov => line.gov.clone().unwrap_or_default(),
        Col::Kind => line.kind.map(|k| k.label().to_string()).unwrap_or_default(),
        Col::Source => line.source.label().to_string(),
        Col::Amount => widgets::plain_amount(line.amount, unit),
        Col::Note => line.note.clone(),
    }
}

/// Sets a cell from text (typed or pasted); the error says why it was not taken.
pub fn set_cell(p: &mut Package, row: usize, col: Col, text: &str, unit: EntryUnit) -> Result<(), String> {
    use yusuan_model::limits::{MAX_CODE, MAX_NOTE, fits};
    // Over a field's limit: refused, the cell unchanged (not kept as an entry).
    match col {
        Col::Unit => fits("单位代码", text.trim(), MAX_CODE)?,
        Col::Func | Col::Econ | Col::Gov => fits("科目编码", text.trim(), MAX_CODE)?,
        Col::Note => fits("备注", text, MAX_NOTE)?,
        Col::Kind | Col::Source | Col::Amount => fits("这一格", text, MAX_NOTE)?,
    }
    let t = text.trim();
    let line = &mut p.basic_lines[row];
    let mut set = || -> Result<(), String> {
        match col {
            Col::Unit => line.unit = t.to_string(),
            Col::Func => line.func = t.to_string(),
            Col::Econ => line.econ = t.to_string(),
            Col::Gov => line.gov = if t.is_empty() { None } else { Some(t.to_string()) },
            Col::Kind => {
                line.kind = if t.is_empty() || t == "默认" {
                    None
                } else {
                    Some(CostKind::from_label(t).ok_or_else(|| format!("经费类型“{t}”应为“人员经费”或“公用经费”"))?)
                }
            }
            Col::Source => {
                line.source = FundSource::from_label(t).ok_or_else(|| format!("资金来源“{t}”不是可选的收入类型"))?
            }
            Col::Amount => line.amount = widgets::parse_amount(t, unit)?,
            Col::Note => line.note = text.to_string(),
        }
        Ok(())
    };
    let result = set();
    // Text that is not a value stays in the row until corrected.
    if let Some(field) = col.entry_field() {
        match &result {
            Ok(()) => line.rejected.remove(&field),
            Err(_) => line.rejected.insert(field, text.to_string()),
        };
    }
    result
}

/// Pastes a tab-separated block at the cursor, growing the grid; each value
/// is validated, and a rejected one stays in its cell (red) with the reason.
pub fn paste(app: &mut App, text: &str) {
    let origin = app.basic.grid.cursor;
    let unit = app.basic.unit;
    let template = origin
        .and_then(|(r, _)| app.package.basic_lines.get(r))
        .cloned()
        .unwrap_or_default();
    let rejected = grid::paste(
        app,
        |a| &mut a.basic.grid,
        origin,
        text,
        List::Basic,
        Col::ALL.len(),
        |p, rows| {
            while p.basic_lines.len() < rows {
                p.basic_lines.push(BasicLine {
                    unit: template.unit.clone(),
                    source: template.source,
                    ..Default::default()
                });
            }
        },
        |p, row, c, v| set_cell(p, row, Col::ALL[c], v, unit),
    );
    // Rejected values are kept in their rows (set_cell), shown red.
    let _ = rejected;
}

/// The selected block as tab-separated text.
pub fn copy_block(app: &App) -> Option<String> {
    let ((r0, r1), (c0, c1)) = app.basic.block()?;
    let mut out = String::new();
    for r in r0..=r1.min(app.package.basic_lines.len().saturating_sub(1)) {
        let line = &app.package.basic_lines[r];
        let cells: Vec<String> = (c0..=c1)
            .map(|c| {
                Col::ALL[c]
                    .entry_field()
                    .and_then(|f| line.rejected.get(&f).cloned())
                    .unwrap_or_else(|| cell_text(line, Col::ALL[c], app.basic.unit))
            })
            .collect();
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    Some(out)
}

fn handle_clipboard(app: &mut App, ui: &mut egui::Ui) {
    let multi = app
        .basic
        .block()
        .is_some_and(|((r0, r1), (c0, c1))| r0 != r1 || c0 != c1);
    let take_copy = multi || (app.read_only && app.basic.grid.cursor.is_some());
    let (paste_text, copy) = grid::take_clipboard(ui, take_copy);
    if let Some(t) = paste_text {
        paste(app, &t);
        if !app.read_only {
            grid::surrender_focus(ui);
        }
    }
    if copy && let Some(t) = copy_block(app) {
        let n = t.lines().count();
        ui.ctx().copy_text(t);
        app.message = Some((format!("已复制{n}行（制表符分隔，可粘贴到Excel/WPS）"), false));
    }
}

fn delete_rows(app: &mut App) {
    let Some(((r0, r1), _)) = app.basic.block() else { return };
    let n = app.package.basic_lines.len();
    if r0 >= n {
        return;
    }
    let r1 = r1.min(n - 1);
    if app.edit("", Part::Rows(List::Basic, r0..r1 + 1), |p| {
        p.basic_lines.drain(r0..=r1);
    }) {
        app.basic.buffers.clear();
        let left = app.package.basic_lines.len();
        app.basic.grid.cursor = if left == 0 { None } else { Some((r0.min(left - 1), 0)) };
        app.basic.grid.anchor = app.basic.grid.cursor;
        app.message = Some((format!("已删除{}行", r1 - r0 + 1), false));
    }
}

/// 筛选: by unit and by 功能科目 (code prefix or a part of its name).
fn filter_bar(app: &mut App, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        ui.label("筛选：单位");
        let current = match &app.basic.filter_unit {
            Some(code) => app
                .package
                .unit(code)
                .map(|u| format!("{} {}", u.code, u.name))
                .unwrap_or_else(|| code.clone()),
            None => "全部".to_string(),
        };
        let mut chosen = None;
        egui::ComboBox::from_id_salt("basic_filter_unit")
            .width(220.0)
            .selected_text(current)
            .truncate()
            .show_ui(ui, |ui| {
                if ui.selectable_label(app.basic.filter_unit.is_none(), "全部").clicked() {
                    chosen = Some(None);
                }
                for u in &app.package.units {
                    let on = app.basic.filter_unit.as_deref() == Some(u.code.as_str());
                    if ui.selectable_label(on, format!("{} {}", u.code, u.name)).clicked() {
                        chosen = Some(Some(u.code.clone()));
                    }
                }
            });
        if let Some(c) = chosen {
            app.basic.filter_unit = c;
        }
        ui.label("功能科目");
        ui.add(
            egui::TextEdit::singleline(&mut app.basic.filter_func)
                .id(Id::unique("basic_filter_func"))
                .desired_width(140.0)
                .hint_text("编码开头或名称"),
        );
        if app.basic.filtering() && ui.button("清除筛选").clicked() {
            app.basic.filter_unit = None;
            app.basic.filter_func.clear();
        }
    });
}

/// Clears the cells of the selected block (资金来源 keeps its value: a line
/// always has one).
fn clear_block(app: &mut App) {
    let Some(((r0, r1), (c0, c1))) = app.basic.block() else {
        return;
    };
    let n = app.package.basic_lines.len();
    if r0 >= n {
        return;
    }
    let r1 = r1.min(n - 1);
    let unit = app.basic.unit;
    let mut cleared = 0;
    app.edit("", Part::Rows(List::Basic, r0..r1 + 1), |p| {
        for r in r0..=r1 {
            for col in &Col::ALL[c0..=c1.min(Col::ALL.len() - 1)] {
                if *col != Col::Source && set_cell(p, r, *col, "", unit).is_ok() {
                    cleared += 1;
                }
            }
        }
    });
    app.basic.buffers.clear();
    app.message = Some((format!("已清除{cleared}个单元格（可撤销）"), false));
}

fn add_row(app: &mut App) -> bool {
    let template = app
        .basic
        .grid
        .cursor
        .and_then(|(r, _)| app.package.basic_lines.get(r))
        .cloned();
    let unit = template
        .as_ref()
        .map(|l| l.unit.clone())
        .or_else(|| app.package.units.first().map(|u| u.code.clone()));
    let source = template.map(|l| l.source).unwrap_or_default();
    let added = app.edit("", Part::append(List::Basic, &app.package), |p| {
        p.basic_lines.push(BasicLine {
            unit: unit.unwrap_or_default(),
            source,
            ..Default::default()
        })
    });
    if added {
        let row = app.package.basic_lines.len() - 1;
        app.basic.grid.select(row, 1);
    }
    added
}

/// Sorts the lines by a column (amounts largest first, text A→Z); the same
/// column again reverses the order. One undo step.
fn sort_by(app: &mut App, col: Col) {
    let unit = app.basic.unit;
    let lines = &app.package.basic_lines;
    let first_descending = col == Col::Amount;
    let descending = match app.basic.sorted {
        Some((c, d, generation)) if c == col && generation == app.generation => !d,
        _ => first_descending,
    };
    let order = grid::sorted_order(lines, |a, b| {
        let o = match col {
            Col::Amount => a.amount.cmp(&b.amount),
            _ => cell_text(a, col, unit).cmp(&cell_text(b, col, unit)),
        };
        if descending { o.reverse() } else { o }
    });
    app.apply_edit(Edit::Reorder(List::Basic, order));
    app.basic.buffers.clear();
    app.basic.sorted = Some((col, descending, app.generation));
    app.message = Some((
        format!(
            "已按“{}”{}排序（可撤销；再点一次反向）",
            col.label(),
            if descending { "从大到小" } else { "从小到大" }
        ),
        false,
    ));
}

pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let writable = !app.read_only;
    ui.horizontal(|ui| {
        ui.heading("基本支出");
        ui.label(format!("共{}行", app.package.basic_lines.len()));
        ui.separator();
        ui.label("金额单位：");
        for u in [EntryUnit::Yuan, EntryUnit::Wan] {
            if ui.selectable_label(app.basic.unit == u, u.label()).clicked() && app.basic.unit != u {
                app.basic.unit = u;
                app.basic.buffers.retain(|(_, c), _| *c != 6);
            }
        }
        ui.separator();
        if writable && ui.button("增加一行").clicked() {
            add_row(app);
        }
        if writable {
            let label = grid::delete_label(&app.basic.grid, app.package.basic_lines.len());
            if ui
                .add_enabled(
                    label.is_some(),
                    egui::Button::new(label.as_deref().unwrap_or("删除所选行")),
                )
                .on_hover_text("点击左侧行号选中整行，Shift+点击选中多行；可撤销")
                .clicked()
            {
                delete_rows(app);
            }
        }
        if ui
            .add_enabled(app.basic.grid.cursor.is_some(), egui::Button::new("复制所选"))
            .on_hover_text("Shift+点击扩展选区，Ctrl+C复制")
            .clicked()
            && let Some(t) = copy_block(app)
        {
            ui.ctx().copy_text(t);
            app.message = Some(("已复制（制表符分隔）".into(), false));
        }
    });
    let help = if writable {
        "直接输入即替换，F2或双击在末尾修改，Esc恢复原值；从Excel/WPS复制的一块，选中起始单元格按Ctrl+V粘贴；点击列标题排序；Tab、←→在单元格间移动，回车/↑↓换行。"
    } else {
        "审核模式（只读）：点击单元格，Shift+点击扩展选区，Ctrl+C或“复制所选”复制为制表符分隔的文本，可粘贴到Excel/WPS。"
    };
    ui.label(RichText::new(help).size(13.0).color(Color32::from_gray(70)));
    handle_clipboard(app, ui);
    // Delete on a block of several cells (or whole rows) clears them, one undo step.
    let multi = app
        .basic
        .block()
        .is_some_and(|((r0, r1), (c0, c1))| r0 != r1 || c0 != c1);
    if writable && multi && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Delete)) {
        clear_block(app);
    }

    // Findings of the basic lines, by (row, field).
    let mut findings: HashMap<(usize, Field), String> = HashMap::new();
    for f in &app.computed.findings {
        if let Location::BasicLine(i, field) = f.location {
            findings.entry((i, field)).or_insert_with(|| f.to_string());
        }
    }
    filter_bar(app, ui);
    let n = app.package.basic_lines.len();
    // The rows shown, in order (all of them unless filtered).
    let visible: Option<Vec<usize>> = app.basic.filtering().then(|| {
        let unit = app.basic.filter_unit.as_deref();
        let func = app.basic.filter_func.trim();
        app.package
            .basic_lines
            .iter()
            .enumerate()
            .filter(|(_, l)| unit.is_none_or(|u| l.unit == u))
            .filter(|(_, l)| {
                func.is_empty()
                    || l.func.starts_with(func)
                    || app
                        .catalog
                        .name(CodeKind::Func, &l.func)
                        .is_some_and(|name| name.contains(func))
            })
            .map(|(i, _)| i)
            .collect()
    });
    let shown = visible.as_ref().map_or(n, Vec::len);
    if let Some(v) = &visible {
        ui.label(RichText::new(format!("筛选后显示{}行（共{n}行）", v.len())).color(super::app::WARN_ORANGE));
    }
    let row_h = 28.0;
    let mut sort = None;
    let mut move_focus = None;
    let scroll_to = app.basic.grid.scroll_to.take();
    egui::ScrollArea::horizontal().id_salt("basic_h").show(ui, |ui| {
        // Reviewer mode draws the cells as text (readable, selectable for
        // block copy), so the grid itself stays enabled.
        ui.scope(|ui| {
            // A row's stripe and selection are cut to what its fields leave
            // visible (paint::cut_overdraw).
            let (ctx, layer) = (ui.ctx().clone(), ui.layer_id());
            let backgrounds = [ui.visuals().faint_bg_color, ui.visuals().selection.bg_fill];
            let mut tb = TableBuilder::new(ui)
                .id_salt("basic_grid")
                .striped(true)
                .cell_layout(egui::Layout::left_to_right(Align::Center))
                .column(Column::exact(58.0));
            for c in Col::ALL {
                tb = tb.column(if c == Col::Note {
                    Column::remainder().at_least(c.width())
                } else {
                    Column::exact(c.width())
                });
            }
            let scroll_to = scroll_to.map(|r| match &visible {
                Some(v) => v.partition_point(|&x| x < r),
                None => r,
            });
            if let Some(r) = scroll_to {
                tb = tb.scroll_to_row(r, Some(Align::Center));
            }
            tb.header(30.0, |mut header| {
                header.col(|ui| {
                    ui.strong("行");
                });
                for c in Col::ALL {
                    header.col(|ui| {
                        let mut label = if c == Col::Amount {
                            format!("金额（{}）", app.basic.unit.label())
                        } else {
                            c.label().to_string()
                        };
                        if let Some((sorted, descending, generation)) = app.basic.sorted
                            && sorted == c
                            && generation == app.generation
                        {
                            label.push_str(if descending { " ↓" } else { " ↑" });
                        }
                        if ui
                            .add(egui::Button::new(RichText::new(label).strong()).frame(false))
                            .on_hover_text("点击排序")
                            .clicked()
                        {
                            sort = Some(c);
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(row_h, shown, |mut row| {
                    let from = crate::paint::next_idx(&ctx, layer);
                    let i = visible.as_ref().map_or(row.index(), |v| v[row.index()]);
                    let block = app.basic.block();
                    let in_block = |c: usize| {
                        block.is_some_and(|((r0, r1), (c0, c1))| (r0..=r1).contains(&i) && (c0..=c1).contains(&c))
                    };
                    row.set_selected(app.basic.grid.cursor.is_some_and(|(r, _)| r == i));
                    row.col(|ui| grid::row_header(ui, &mut app.basic.grid, i, Col::ALL.len()));
                    for (c, col) in Col::ALL.into_iter().enumerate() {
                        row.col(|ui| {
                            if in_block(c) && block.is_some_and(|((r0, r1), (c0, c1))| r0 != r1 || c0 != c1) {
                                ui.painter().rect_filled(
                                    ui.max_rect(),
                                    0.0,
                                    Color32::from_rgba_unmultiplied(60, 120, 220, 40),
                                );
                            }
                            let id = cell_id(i, c);
                            let finding = col.field().and_then(|f| findings.get(&(i, f))).map(String::as_str);
                            let text = cell_edit_text(app, i, c, col);
                            let keys = grid::before_cell(ui, &mut app.basic.grid, id, i, c, text.as_deref());
                            if let Some(r) = cell(app, ui, i, c, col, id, finding) {
                                let mut g = std::mem::take(&mut app.basic.grid);
                                if let Some(t) = grid::after_cell(ui, &mut g, keys, &r, (i, c), Col::ALL.len(), app) {
                                    move_focus = Some(t);
                                }
                                app.basic.grid = g;
                            }
                        });
                    }
                    crate::paint::cut_overdraw(&ctx, layer, from, &backgrounds);
                });
            });
            grid::scroll_sideways(ui);
        });
    });
    if n == 0 {
        ui.label("还没有基本支出。点击“增加一行”，或从Excel复制后粘贴。");
    }
    if let Some(c) = sort {
        sort_by(app, c);
    }
    if let Some(target) = move_focus {
        let rows = app.package.basic_lines.len();
        let mut g = std::mem::take(&mut app.basic.grid);
        // Filtered, a move counts the rows shown.
        let target = match (&visible, g.cursor) {
            (Some(v), Some((from, _))) if !v.is_empty() => (grid::move_within(v, from, target.0), target.1),
            _ => target,
        };
        grid::apply_move(&mut g, target, rows);
        app.basic.grid = g;
    }
}

/// The text a cell's text field holds (`None` for drop-down cells).
fn cell_edit_text(app: &App, i: usize, c: usize, col: Col) -> Option<String> {
    if app.read_only {
        return None;
    }
    if let Some(b) = app.basic.buffers.get(&(i, c)) {
        return Some(b.clone());
    }
    let line = app.package.basic_lines.get(i)?;
    if let Some(t) = col.entry_field().and_then(|f| line.rejected.get(&f)) {
        return Some(t.clone());
    }
    match col {
        Col::Unit | Col::Kind | Col::Source => None,
        _ => Some(cell_text(line, col, app.basic.unit)),
    }
}

/// Draws one cell; edits go through `App::edit`.
fn cell(
    app: &mut App,
    ui: &mut egui::Ui,
    i: usize,
    c: usize,
    col: Col,
    id: Id,
    finding: Option<&str>,
) -> Option<egui::Response> {
    let line = app.package.basic_lines.get(i)?.clone();
    if app.read_only {
        return Some(read_only_cell(app, ui, i, &line, col, finding));
    }
    let key = format!("basic:{i}:{c}");
    let unit = app.basic.unit;
    // A rejected value keeps its text, red, with the reason, until corrected.
    if matches!(col, Col::Kind | Col::Source)
        && let Some(b) = col.entry_field().and_then(|f| line.rejected.get(&f)).cloned()
    {
        let (r, changed) = widgets::text_cell(
            ui,
            id,
            &b,
            col.width() - 8.0,
            finding.or(Some("")),
            widgets::Limit::new("这一格", yusuan_model::limits::MAX_NOTE),
        );
        if let Some(t) = changed {
            app.edit(&key, Part::row(List::Basic, i), |p| {
                let _ = set_cell(p, i, col, &t, unit);
            });
        }
        return Some(r);
    }
    match col {
        Col::Unit => {
            // The name tells units apart (their codes share a prefix); the
            // code and the whole name show on hover.
            let unit = app.package.unit(&line.unit);
            let current = unit.map(|u| u.name.clone()).unwrap_or_else(|| line.unit.clone());
            let full = unit
                .map(|u| format!("{} {}", u.code, u.name))
                .unwrap_or_else(|| format!("{}（不在单位表中）", line.unit));
            let mut chosen = None;
            let r = egui::ComboBox::from_id_salt(id)
                .width(col.width() - 12.0)
                .selected_text(RichText::new(current).color(if finding.is_some() {
                    ERROR_RED
                } else {
                    ui.visuals().text_color()
                }))
                .truncate()
                .show_ui(ui, |ui| {
                    for u in &app.package.units {
                        if ui
                            .selectable_label(u.code == line.unit, format!("{} {}", u.code, u.name))
                            .clicked()
                        {
                            chosen = Some(u.code.clone());
                        }
                    }
                })
                .response
                .on_hover_text(full);
            if let Some(code) = chosen {
                app.edit("", Part::row(List::Basic, i), |p| p.basic_lines[i].unit = code);
            }
            Some(widgets::mark_error(ui, r, finding))
        }
        Col::Func | Col::Econ | Col::Gov => {
            let (kind, value, hint) = match col {
                Col::Func => (CodeKind::Func, line.func.clone(), None),
                Col::Econ => (CodeKind::DeptEcon, line.econ.clone(), None),
                _ => {
                    let def = resolved(app, i).map(|l| app.computed.default_gov(l).to_string());
                    (CodeKind::GovEcon, line.gov.clone().unwrap_or_default(), def)
                }
            };
            let code_w = match col {
                Col::Gov => col.width() - 12.0,
                Col::Func => 76.0,
                _ => 60.0,
            };
            let (r, changed) = if col != Col::Gov {
                widgets::code_with_name(ui, id, &value, kind, &app.catalog, code_w, finding)
            } else {
                widgets::code_cell(ui, id, &value, kind, &app.catalog, hint.as_deref(), code_w, finding)
            };
            if col == Col::Gov && line.gov.is_some() {
                r.clone().on_hover_text("已改写默认的政府经济科目；清空即恢复默认");
            }
            if let Some(t) = changed {
                app.edit(&key, Part::row(List::Basic, i), |p| {
                    let _ = set_cell(p, i, col, &t, unit);
                });
            }
            Some(r)
        }
        Col::Kind => {
            let default = resolved(app, i).map_or(CostKind::Public, |l| l.default_kind);
            let text = match line.kind {
                Some(k) => RichText::new(k.label()).strong(),
                None => RichText::new(default.label()).color(ui.visuals().weak_text_color()),
            };
            let mut chosen = None;
            let r = egui::ComboBox::from_id_salt(id)
                .width(col.width() - 12.0)
                .selected_text(text)
                .show_ui(ui, |ui| {
                    if ui
                        .selectable_label(line.kind.is_none(), format!("默认（{}）", default.label()))
                        .clicked()
                    {
                        chosen = Some(None);
                    }
                    for k in [CostKind::Personnel, CostKind::Public] {
                        if ui.selectable_label(line.kind == Some(k), k.label()).clicked() {
                            chosen = Some(Some(k));
                        }
                    }
                })
                .response;
            if let Some(k) = chosen {
                app.edit("", Part::row(List::Basic, i), |p| p.basic_lines[i].kind = k);
            }
            Some(widgets::mark_error(ui, r, finding))
        }
        Col::Source => {
            let mut chosen = None;
            let r = egui::ComboBox::from_id_salt(id)
                .width(col.width() - 12.0)
                .selected_text(line.source.label())
                .truncate()
                .show_ui(ui, |ui| {
                    for s in FundSource::ALL {
                        if ui.selectable_label(line.source == s, s.label()).clicked() {
                            chosen = Some(s);
                        }
                    }
                })
                .response;
            if let Some(s) = chosen {
                app.edit("", Part::row(List::Basic, i), |p| p.basic_lines[i].source = s);
            }
            Some(widgets::mark_error(ui, r, finding))
        }
        Col::Amount => {
            let mut buffer = app.basic.buffers.get(&(i, c)).cloned();
            let rejected = line.rejected.get(&EntryField::Amount).map(String::as_str);
            let (r, new) = widgets::amount_cell(
                ui,
                id,
                line.amount,
                rejected,
                unit,
                &mut buffer,
                col.width() - 12.0,
                finding,
            );
            match buffer {
                Some(b) => app.basic.buffers.insert((i, c), b),
                None => app.basic.buffers.remove(&(i, c)),
            };
            if let Some(entry) = new {
                app.edit(&key, Part::row(List::Basic, i), |p| {
                    let l = &mut p.basic_lines[i];
                    entry.apply(&mut l.amount, &mut l.rejected, EntryField::Amount)
                });
            }
            Some(r)
        }
        Col::Note => {
            let (r, changed) = widgets::text_cell(
                ui,
                id,
                &line.note,
                ui.available_width() - 4.0,
                None,
                widgets::Limit::new("备注", yusuan_model::limits::MAX_NOTE),
            );
            if let Some(t) = changed {
                app.edit(&key, Part::row(List::Basic, i), |p| p.basic_lines[i].note = t);
            }
            Some(r)
        }
    }
}

/// A cell in reviewer mode: the value as dark text (code cells with their
/// names), clickable to select for block copy.
fn read_only_cell(
    app: &App,
    ui: &mut egui::Ui,
    i: usize,
    line: &BasicLine,
    col: Col,
    finding: Option<&str>,
) -> egui::Response {
    let unit = app.basic.unit;
    let text = match col {
        Col::Unit => app
            .package
            .unit(&line.unit)
            .map(|u| format!("{} {}", u.code, u.name))
            .unwrap_or_else(|| line.unit.clone()),
        Col::Func | Col::Econ => {
            let (kind, code) = if col == Col::Func {
                (CodeKind::Func, line.func.trim())
            } else {
                (CodeKind::DeptEcon, line.econ.trim())
            };
            format!("{} {}", code, app.catalog.name(kind, code).unwrap_or(""))
        }
        Col::Gov => resolved(app, i)
            .map(|l| app.computed.gov(l).to_string())
            .unwrap_or_default(),
        Col::Kind => resolved(app, i).map(|l| l.kind.label().to_string()).unwrap_or_default(),
        Col::Amount => widgets::format_amount(line.amount, unit),
        _ => cell_text(line, col, unit),
    };
    let mut rich = RichText::new(text).color(ui.visuals().strong_text_color());
    if finding.is_some() {
        rich = rich.color(ERROR_RED);
    }
    let label = egui::Label::new(rich).truncate().sense(egui::Sense::click());
    let r = if col == Col::Amount {
        ui.with_layout(egui::Layout::right_to_left(Align::Center), |ui| ui.add(label))
            .inner
    } else {
        ui.add(label)
    };
    widgets::mark_error(ui, r, finding)
}

/// Basic line `i` as the engine resolved it (its default 政府 code and 经费类型).
fn resolved(app: &App, i: usize) -> Option<&ResolvedLine> {
    app.computed.line(LineRef::Basic(i))
}
