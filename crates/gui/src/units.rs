//! 单位: the units and their 性质. A spreadsheet-like grid (keys and block
//! paste through `grid`, the same as 基本支出).

use egui::{self, Id, RichText};
use yusuan_engine::{Field, Location};
use yusuan_model::edit::{Edit, List, Part, Rows, Splice};
use yusuan_model::{Package, Unit, UnitKind};

use super::app::App;
use super::grid;
use super::widgets;

/// Columns: 单位代码, 单位名称, 单位性质.
pub const COLS: [&str; 3] = ["单位代码", "单位名称", "单位性质"];

#[derive(Default)]
pub struct UnitsState {
    pub selected: Option<usize>,
    pub grid: grid::Cursor,
}

pub fn cell_id(row: usize, col: usize) -> Id {
    Id::unique(("unit_cell", row, col))
}

/// Sets a cell from text (pasted); the error says why it was not taken.
pub fn set_cell(p: &mut Package, row: usize, col: usize, text: &str) -> Result<(), String> {
    use yusuan_model::limits::{MAX_CODE, MAX_NAME, MAX_NOTE, fits};
    match col {
        0 => fits("单位代码", text.trim(), MAX_CODE)?,
        1 => fits("单位名称", text.trim(), MAX_NAME)?,
        _ => fits("单位性质", text, MAX_NOTE)?,
    }
    let u = &mut p.units[row];
    match col {
        0 => u.code = text.trim().to_string(),
        1 => u.name = text.trim().to_string(),
        _ => {
            u.kind = UnitKind::from_label(text).ok_or_else(|| {
                format!(
                    "单位性质“{}”应为“行政单位”“参照公务员法管理事业单位”或“事业单位”",
                    text.trim()
                )
            })?
        }
    }
    Ok(())
}

/// Whether unit `i`'s code going from `old` to `new` (both trimmed) takes the
/// rows that name `old` along: both codes given and different, and no other
/// unit (of `codes`, all the units' codes in order) has either of them. The
/// 预算's and the 决算's unit tables ask the same question.
pub fn code_change_carries_rows<'a>(codes: impl Iterator<Item = &'a str>, i: usize, old: &str, new: &str) -> bool {
    if old.is_empty() || new.is_empty() || old == new {
        return false;
    }
    !codes
        .enumerate()
        .any(|(j, c)| j != i && (c.trim() == old || c.trim() == new))
}

/// The typing in a unit's code is committed (Enter, Tab, the focus went, the
/// screen changed): the rows that named the code the field had when the
/// typing began follow to the new code, in the same undo step as the typing
/// (Ctrl+Z puts both back). Nothing else moves when the new code is empty
/// or another unit's, or when another unit still has the old code: the
/// audit's errors on the code say so.
pub fn commit_code(app: &mut App) {
    // The typing run of unit i's code cell (column 0) has the key `unit:i:0`.
    let Some(i) = app
        .history
        .run_key()
        .and_then(|k| k.strip_prefix("unit:")?.strip_suffix(":0")?.parse::<usize>().ok())
    else {
        return;
    };
    let old = match app.history.open_run() {
        Some(Edit::Splice(Splice {
            rows: Rows::Units(before),
            ..
        })) => before.first().map(|u| u.code.trim().to_string()),
        _ => None,
    };
    app.end_edit_run();
    let (Some(old), Some(new)) = (old, app.package.units.get(i).map(|u| u.code.trim().to_string())) else {
        return;
    };
    if !code_change_carries_rows(app.package.units.iter().map(|u| u.code.as_str()), i, &old, &new) {
        return;
    }
    let p = &app.package;
    let names = |u: &str| u.trim() == old;
    let moved = p.income.iter().filter(|x| names(&x.unit)).count()
        + p.basic_lines.iter().filter(|x| names(&x.unit)).count()
        + p.projects.iter().filter(|x| names(&x.unit)).count();
    let Some(rows_back) = yusuan_model::edit::rename_unit_refs(&mut app.package, &old, &new) else {
        return;
    };
    let mut step = vec![rows_back];
    step.extend(app.history.take_last());
    app.history.record("", Edit::Group(step));
    app.after_change_with(false);
    app.message = Some((
        format!("单位代码{old}改为{new}：引用它的{moved}行随之改为{new}（可撤销）"),
        false,
    ));
}

fn add_row(app: &mut App) -> bool {
    let added = app.edit("", Part::append(List::Units, &app.package), |p| {
        p.units.push(Unit::default())
    });
    if added {
        let row = app.package.units.len() - 1;
        app.units.selected = Some(row);
        app.units.grid.select(row, 0);
    }
    added
}

/// Pastes a tab-separated block at the selected cell, adding units as needed.
pub fn paste(app: &mut App, text: &str) {
    let origin = app.units.grid.cursor;
    grid::paste(
        app,
        |a| &mut a.units.grid,
        origin,
        text,
        List::Units,
        COLS.len(),
        |p, rows| {
            while p.units.len() < rows {
                p.units.push(Unit::default());
            }
        },
        set_cell,
    );
}

pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let writable = !app.read_only;
    ui.horizontal(|ui| {
        ui.heading("单位");
        ui.label(format!("共{}个", app.package.units.len()));
        if ui.add_enabled(writable, egui::Button::new("增加单位")).clicked() {
            add_row(app);
        }
        let label = app.units.selected.and_then(|i| app.package.units.get(i)).map(|u| {
            let lines = app.package.basic_lines.iter().filter(|l| l.unit == u.code).count();
            let name = if u.name.trim().is_empty() {
                u.code.trim()
            } else {
                u.name.trim()
            };
            if lines > 0 {
                format!("删除单位“{name}”（其{lines}行基本支出将报错）")
            } else {
                format!("删除单位“{name}”")
            }
        });
        if ui
            .add_enabled(
                writable && label.is_some(),
                egui::Button::new(label.as_deref().unwrap_or("删除所选单位")),
            )
            .on_hover_text("可撤销")
            .clicked()
            && let Some(i) = app.units.selected.take()
            && i < app.package.units.len()
        {
            app.edit("", Part::row(List::Units, i), |p| {
                p.units.remove(i);
            });
            app.units.grid = grid::Cursor::default();
        }
    });
    if writable {
        ui.label(
            RichText::new("直接输入即替换内容，F2或双击在末尾修改，Esc恢复原值；Tab/Shift+Tab、←→在单元格间移动，回车/↑↓在行间移动；从Excel/WPS复制一块后选中起始单元格按Ctrl+V粘贴。")
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
    let finding = |app: &App, i: usize, f: Field| {
        app.computed
            .findings
            .iter()
            .find(|x| x.location == Location::Unit(i, f))
            .map(|x| x.to_string())
    };
    let mut sort = None;
    let mut target = None;
    egui::ScrollArea::vertical()
        .id_salt("units_screen_scroll")
        .show(ui, |ui| {
            egui::Grid::new("units_grid")
                .striped(true)
                .num_columns(4)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    sort = grid::sort_header(ui, &COLS, writable);
                    for i in 0..app.package.units.len() {
                        let u = app.package.units[i].clone();
                        let selected = app.units.selected == Some(i);
                        if ui.selectable_label(selected, format!("{}", i + 1)).clicked() {
                            app.units.selected = Some(i);
                        }
                        for c in 0..COLS.len() {
                            let id = cell_id(i, c);
                            let text = match c {
                                0 => Some(u.code.as_str()),
                                1 => Some(u.name.as_str()),
                                _ => None,
                            };
                            let keys = grid::before_cell(ui, &mut app.units.grid, id, i, c, text.filter(|_| writable));
                            let r = match c {
                                0 | 1 => {
                                    let (field, width, limit) = if c == 0 {
                                        (
                                            Field::Code,
                                            110.0,
                                            widgets::Limit::new("单位代码", yusuan_model::limits::MAX_CODE),
                                        )
                                    } else {
                                        (
                                            Field::Name,
                                            360.0,
                                            widgets::Limit::new("单位名称", yusuan_model::limits::MAX_NAME),
                                        )
                                    };
                                    let (r, changed) = widgets::text_cell(
                                        ui,
                                        id,
                                        text.unwrap_or(""),
                                        width,
                                        finding(app, i, field).as_deref(),
                                        limit,
                                    );
                                    if let Some(t) = changed {
                                        app.edit(&format!("unit:{i}:{c}"), Part::row(List::Units, i), |p| {
                                            if c == 0 {
                                                p.units[i].code = t.trim().to_string();
                                            } else {
                                                p.units[i].name = t;
                                            }
                                        });
                                    }
                                    r
                                }
                                _ if !writable => {
                                    widgets::read_only_text(ui, u.kind.label(), 220.0, false, false, None)
                                }
                                _ => {
                                    let mut chosen = None;
                                    let r = egui::ComboBox::from_id_salt(id)
                                        .width(220.0)
                                        .selected_text(u.kind.label())
                                        .show_ui(ui, |ui| {
                                            for k in UnitKind::ALL {
                                                if ui.selectable_label(u.kind == k, k.label()).clicked() {
                                                    chosen = Some(k);
                                                }
                                            }
                                        })
                                        .response;
                                    if let Some(k) = chosen {
                                        app.edit("", Part::row(List::Units, i), |p| p.units[i].kind = k);
                                    }
                                    r
                                }
                            };
                            if c == 0 && r.lost_focus() {
                                commit_code(app);
                            }
                            let mut g = std::mem::take(&mut app.units.grid);
                            if let Some(t) = grid::after_cell(ui, &mut g, keys, &r, (i, c), COLS.len(), app) {
                                target = Some(t);
                            }
                            if r.gained_focus() || r.clicked() {
                                app.units.selected = Some(i);
                            }
                            app.units.grid = g;
                        }
                        ui.end_row();
                    }
                });
        });
    if let Some(t) = target {
        let rows = app.package.units.len();
        let mut g = std::mem::take(&mut app.units.grid);
        grid::apply_move(&mut g, t, rows);
        app.units.selected = g.cursor.map(|(r, _)| r);
        app.units.grid = g;
    }
    if let Some(k) = sort {
        let label = COLS[k];
        let order = grid::sorted_order(&app.package.units, |a, b| match k {
            0 => a.code.cmp(&b.code),
            1 => a.name.cmp(&b.name),
            _ => a.kind.cmp(&b.kind).then_with(|| a.code.cmp(&b.code)),
        });
        if app.apply_edit(Edit::Reorder(List::Units, order)) {
            app.units.selected = None;
            app.message = Some((format!("已按“{label}”排序（可撤销）"), false));
        }
    }
}
