//! 收入: the income entries (unit × source × amount), with each unit's
//! balance. A spreadsheet-like grid (keys and block paste through `grid`,
//! the same as 基本支出).

use std::collections::BTreeMap;
use yusuan_model::edit::{Edit, List, Part};

use egui::{self, Id, RichText};
use yusuan_engine::{Field, Location};
use yusuan_model::{EntryField, FundSource, IncomeEntry, Package};

use super::app::{App, ERROR_RED};
use super::grid;
use super::widgets::{self, EntryUnit};

/// Columns: 单位, 收入类型, 金额（元）.
pub const COLS: [&str; 3] = ["单位", "收入类型", "金额（元）"];
const AMOUNT: usize = 2;

#[derive(Default)]
pub struct IncomeState {
    pub selected: Option<usize>,
    pub grid: grid::Cursor,
    /// Amount text typed or pasted that is not (yet) valid, by row.
    pub buffers: BTreeMap<usize, String>,
}

pub fn cell_id(row: usize, col: usize) -> Id {
    Id::unique(("income_cell", row, col))
}

/// Sets a cell from text (pasted); the error says why it was not taken.
/// A unit may be given by its code, its name, or "code name".
pub fn set_cell(p: &mut Package, row: usize, col: usize, text: &str) -> Result<(), String> {
    // Over the limit of a kept entry: refused, the cell unchanged.
    yusuan_model::limits::fits("这一格", text, yusuan_model::limits::MAX_NOTE)?;
    let t = text.trim();
    let unit = match col {
        0 => Some(
            p.units
                .iter()
                .find(|u| u.code == t || u.name == t || format!("{} {}", u.code, u.name) == t)
                .or_else(|| {
                    let first = t.split_whitespace().next().unwrap_or("");
                    p.units.iter().find(|u| u.code == first)
                })
                .map(|u| u.code.clone())
                .ok_or_else(|| format!("单位“{t}”不在单位表中")),
        ),
        _ => None,
    };
    let e = &mut p.income[row];
    let result = match unit {
        Some(code) => code.map(|c| e.unit = c),
        None if col == 1 => FundSource::from_label(t)
            .map(|s| e.source = s)
            .ok_or_else(|| format!("收入类型“{t}”不是可选的收入类型")),
        None => widgets::parse_amount(t, EntryUnit::Yuan).map(|a| e.amount = a),
    };
    // Text that is not a value stays in the row until corrected.
    let field = entry_field(col);
    match &result {
        Ok(()) => e.rejected.remove(&field),
        Err(_) => e.rejected.insert(field, text.to_string()),
    };
    result
}

/// The field of a column, for its rejected entries.
fn entry_field(col: usize) -> EntryField {
    match col {
        0 => EntryField::Unit,
        1 => EntryField::Source,
        _ => EntryField::Amount,
    }
}

fn new_entry(app: &App) -> IncomeEntry {
    let template = app.income.grid.cursor.and_then(|(r, _)| app.package.income.get(r));
    IncomeEntry {
        unit: template
            .map(|e| e.unit.clone())
            .or_else(|| app.package.units.first().map(|u| u.code.clone()))
            .unwrap_or_default(),
        source: template.map(|e| e.source).unwrap_or_default(),
        ..Default::default()
    }
}

fn add_row(app: &mut App) -> bool {
    let entry = new_entry(app);
    let added = app.edit("", Part::append(List::Income, &app.package), |p| p.income.push(entry));
    if added {
        let row = app.package.income.len() - 1;
        app.income.selected = Some(row);
        app.income.grid.select(row, 0);
    }
    added
}

/// Pastes a tab-separated block at the selected cell, adding entries as
/// needed; an invalid amount stays in its cell (red) with the reason.
pub fn paste(app: &mut App, text: &str) {
    let origin = app.income.grid.cursor;
    let template = new_entry(app);
    let rejected = grid::paste(
        app,
        |a| &mut a.income.grid,
        origin,
        text,
        List::Income,
        COLS.len(),
        |p, rows| {
            while p.income.len() < rows {
                p.income.push(template.clone());
            }
        },
        set_cell,
    );
    // Rejected values are kept in their rows (set_cell), shown red.
    let _ = rejected;
}

/// A drop-down's text: the rejected entry (red) while there is one.
fn shown_choice(current: String, e: &IncomeEntry, field: EntryField) -> egui::WidgetText {
    match e.rejected.get(&field) {
        Some(t) => RichText::new(t).color(ERROR_RED).into(),
        None => current.into(),
    }
}

/// The finding of a cell, as shown on hover.
fn cell_finding(app: &App, i: usize, field: Field) -> Option<String> {
    app.finding(&Location::Income(i, field))
}

pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let writable = !app.read_only;
    ui.horizontal(|ui| {
        ui.heading("收入");
        ui.label(format!("共{}条（以收定支，金额单位：元）", app.package.income.len()));
        if ui.add_enabled(writable, egui::Button::new("增加一条")).clicked() {
            add_row(app);
        }
        let label = app
            .income
            .selected
            .filter(|&i| i < app.package.income.len())
            .map(|i| format!("删除第{}行", i + 1));
        if ui
            .add_enabled(
                writable && label.is_some(),
                egui::Button::new(label.as_deref().unwrap_or("删除所选行")),
            )
            .on_hover_text("点击左侧行号或单元格选中一行；可撤销")
            .clicked()
            && let Some(i) = app.income.selected.take()
            && i < app.package.income.len()
        {
            app.edit("", Part::row(List::Income, i), |p| {
                p.income.remove(i);
            });
            app.income.buffers.clear();
            app.income.grid = grid::Cursor::default();
        }
    });
    // Per-unit balance as the engine audits it (以收定支); the GUI sums nothing itself.
    let unbalanced: Vec<String> = app
        .computed
        .findings
        .iter()
        .filter(|f| matches!(f.location, Location::UnitIncome(..)))
        .map(|f| f.to_string())
        .collect();
    if unbalanced.is_empty() {
        ui.label(RichText::new("各单位收支平衡").color(egui::Color32::DARK_GREEN));
    } else {
        for m in unbalanced {
            ui.label(RichText::new(m).color(ERROR_RED));
        }
    }
    if writable {
        ui.label(
            RichText::new("直接输入即替换内容，F2或双击在末尾修改，Esc恢复原值；Tab/Shift+Tab、←→在单元格间移动，回车/↑↓在行间移动；从Excel/WPS复制一块后选中起始单元格按Ctrl+V粘贴（单位可填代码或名称）。")
                .size(13.0)
                .color(egui::Color32::from_gray(70)),
        );
    }
    let (paste_text, _) = grid::take_clipboard(ui, false);
    if let Some(t) = paste_text {
        paste(app, &t);
        grid::surrender_focus(ui);
    }
    ui.add_space(4.0);
    let mut sort = None;
    let mut target = None;
    egui::ScrollArea::vertical()
        .id_salt("income_screen_scroll")
        .show(ui, |ui| {
            egui::Grid::new("income_grid")
                .striped(true)
                .num_columns(4)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    sort = grid::sort_header(ui, &COLS, writable);
                    for i in 0..app.package.income.len() {
                        let e = app.package.income[i].clone();
                        if ui
                            .selectable_label(app.income.selected == Some(i), format!("{}", i + 1))
                            .clicked()
                        {
                            app.income.selected = Some(i);
                        }
                        for c in 0..COLS.len() {
                            let id = cell_id(i, c);
                            let amount_text = (c == AMOUNT && writable).then(|| {
                                app.income
                                    .buffers
                                    .get(&i)
                                    .or(e.rejected.get(&EntryField::Amount))
                                    .cloned()
                                    .unwrap_or_else(|| widgets::format_amount(e.amount, EntryUnit::Yuan))
                            });
                            let keys = grid::before_cell(ui, &mut app.income.grid, id, i, c, amount_text.as_deref());
                            let r = match c {
                                0 => {
                                    let current = app
                                        .package
                                        .unit(&e.unit)
                                        .map(|u| format!("{} {}", u.code, u.name))
                                        .unwrap_or_else(|| e.unit.clone());
                                    let current = shown_choice(current, &e, EntryField::Unit);
                                    if writable {
                                        let mut unit_choice = None;
                                        let r = egui::ComboBox::from_id_salt(id)
                                            .width(240.0)
                                            .selected_text(current)
                                            .show_ui(ui, |ui| {
                                                for u in &app.package.units {
                                                    if ui
                                                        .selectable_label(
                                                            u.code == e.unit,
                                                            format!("{} {}", u.code, u.name),
                                                        )
                                                        .clicked()
                                                    {
                                                        unit_choice = Some(u.code.clone());
                                                    }
                                                }
                                            })
                                            .response;
                                        if let Some(u) = unit_choice {
                                            app.edit("", Part::row(List::Income, i), |p| {
                                                p.income[i].unit = u;
                                                p.income[i].rejected.remove(&EntryField::Unit);
                                            });
                                        }
                                        widgets::mark_error(ui, r, cell_finding(app, i, Field::Unit).as_deref())
                                    } else {
                                        widgets::read_only_text(ui, current.text(), 240.0, false, false, None)
                                    }
                                }
                                1 => {
                                    if writable {
                                        let mut src = None;
                                        let r = egui::ComboBox::from_id_salt(id)
                                            .width(240.0)
                                            .selected_text(shown_choice(
                                                e.source.label().into(),
                                                &e,
                                                EntryField::Source,
                                            ))
                                            .show_ui(ui, |ui| {
                                                for s in FundSource::ALL {
                                                    if ui.selectable_label(e.source == s, s.label()).clicked() {
                                                        src = Some(s);
                                                    }
                                                }
                                            })
                                            .response;
                                        if let Some(s) = src {
                                            app.edit("", Part::row(List::Income, i), |p| {
                                                p.income[i].source = s;
                                                p.income[i].rejected.remove(&EntryField::Source);
                                            });
                                        }
                                        widgets::mark_error(ui, r, cell_finding(app, i, Field::Source).as_deref())
                                    } else {
                                        widgets::read_only_text(ui, e.source.label(), 240.0, false, false, None)
                                    }
                                }
                                _ => {
                                    let finding = cell_finding(app, i, Field::Amount);
                                    let mut buffer = app.income.buffers.get(&i).cloned();
                                    let (r, new) = widgets::amount_cell(
                                        ui,
                                        id,
                                        e.amount,
                                        e.rejected.get(&EntryField::Amount).map(String::as_str),
                                        EntryUnit::Yuan,
                                        &mut buffer,
                                        160.0,
                                        finding.as_deref(),
                                    );
                                    match buffer {
                                        Some(b) => app.income.buffers.insert(i, b),
                                        None => app.income.buffers.remove(&i),
                                    };
                                    if let Some(entry) = new {
                                        app.edit(&format!("income:{i}"), Part::row(List::Income, i), |p| {
                                            let e = &mut p.income[i];
                                            entry.apply(&mut e.amount, &mut e.rejected, EntryField::Amount)
                                        });
                                    }
                                    r
                                }
                            };
                            let mut g = std::mem::take(&mut app.income.grid);
                            if let Some(t) = grid::after_cell(ui, &mut g, keys, &r, (i, c), COLS.len(), app) {
                                target = Some(t);
                            }
                            if r.gained_focus() || r.clicked() {
                                app.income.selected = Some(i);
                            }
                            app.income.grid = g;
                        }
                        ui.end_row();
                    }
                });
        });
    if let Some(t) = target {
        let rows = app.package.income.len();
        let mut g = std::mem::take(&mut app.income.grid);
        grid::apply_move(&mut g, t, rows);
        app.income.selected = g.cursor.map(|(r, _)| r);
        app.income.grid = g;
    }
    if let Some(k) = sort {
        let label = ["单位", "收入类型", "金额"][k];
        let order = grid::sorted_order(&app.package.income, |a, b| match k {
            0 => a.unit.cmp(&b.unit).then_with(|| a.source.cmp(&b.source)),
            1 => a.source.cmp(&b.source).then_with(|| a.unit.cmp(&b.unit)),
            _ => b.amount.cmp(&a.amount),
        });
        if app.apply_edit(Edit::Reorder(List::Income, order)) {
            app.income.selected = None;
            app.income.buffers.clear();
            app.message = Some((format!("已按“{label}”排序（可撤销）"), false));
        }
    }
}
