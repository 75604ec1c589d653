//! 文件 › 比较版本…: the open 预算 package (the newer version) against an
//! older one picked from a file — the changed inputs (each with a jump to its
//! row), the changed published cells (each with a jump to its table in 预览),
//! the 情况说明 paragraphs and the findings that appeared or went away, and
//! both fingerprints. The window only draws what `yusuan_engine::diff`
//! computed; it is computed again when the open package changes.

use std::path::PathBuf;

use egui::{self, Id, RichText};
use yusuan_engine::diff::{ChangeKind, PackageDiff, describe_cell, describe_input, diff_computed, headline};
use yusuan_engine::{Computed, Location};
use yusuan_model::{Document, Package};

use super::Screen;
use super::app::{App, ERROR_RED};
use super::files;

/// The older version and the diff against the open package.
pub struct CompareState {
    pub old: Package,
    old_computed: Computed,
    pub old_path: PathBuf,
    old_fingerprint: String,
    pub diff: PackageDiff,
    /// The package generation the diff was computed for.
    generation: u64,
    pub open: bool,
    /// Folded to the 「展开比较版本」 button at the right end of the toolbar
    /// (after a 转到, or by 折叠): egui's own folded title bar, 680 px wide
    /// below the toolbar, covered the grid's help line at 1366×768.
    pub folded: bool,
}

/// 文件 › 比较版本…: pick the older version (the answer arrives in
/// [`take_old`] through the file loader).
pub fn start(app: &mut App) {
    files::start(app, files::Action::Compare);
}

/// The older version read from `path`: compared with the open package.
pub fn take_old(app: &mut App, path: PathBuf, doc: Document) {
    let old = match doc {
        Document::Budget(p) => p,
        Document::Final(_) => {
            app.message = Some((
                format!("“{}”是决算包：比较版本只能比较两个预算包", path.display()),
                true,
            ));
            return;
        }
    };
    if app.is_final() {
        app.message = Some(("打开的是决算包：比较版本只能比较两个预算包".into(), true));
        return;
    }
    let old_computed = yusuan_engine::compute(&old);
    let old_fingerprint = yusuan_model::file::fingerprint(&old);
    let mut state = CompareState {
        old,
        old_computed,
        old_path: path,
        old_fingerprint,
        diff: PackageDiff::default(),
        generation: u64::MAX,
        open: true,
        folded: false,
    };
    refresh(&mut state, app);
    app.message = Some((
        format!("已与 {} 比较：{}", state.old_path.display(), headline(&state.diff)),
        false,
    ));
    app.compare = Some(Box::new(state));
}

fn refresh(state: &mut CompareState, app: &App) {
    if state.generation == app.generation {
        return;
    }
    state.diff = diff_computed(
        &state.old,
        &state.old_computed,
        &app.package,
        &app.computed,
        &state.old_fingerprint,
        &yusuan_model::file::fingerprint(&app.package),
    );
    state.generation = app.generation;
}

/// The table number of a label: `预算05表` → 5.
fn table_number(label: &str) -> Option<u8> {
    label
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .ok()
}

/// The folded window: one button at the right end of the toolbar row, where
/// nothing else is drawn (the toolbar's buttons end at 查找, about 830 px in).
fn unfold_button(state: &mut CompareState, ctx: &egui::Context) {
    egui::Area::new(Id::unique("compare_folded"))
        .anchor(egui::Align2::RIGHT_TOP, egui::vec2(-12.0, 5.0))
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            if ui
                .button("展开比较版本")
                .on_hover_text(format!(
                    "与“{}”的比较：{}",
                    state.old_path.display(),
                    headline(&state.diff)
                ))
                .clicked()
            {
                state.folded = false;
            }
        });
}

/// What a click in the window asks for.
enum Jump {
    Location(Location),
    Table(u8),
}

/// Draws the comparison window when one is open.
pub fn window(app: &mut App, ctx: &egui::Context) {
    let Some(mut state) = app.compare.take() else {
        return;
    };
    if !state.open {
        app.compare = Some(state);
        return;
    }
    if app.is_final() {
        // Another document (a 决算) was opened: the comparison is over.
        return;
    }
    refresh(&mut state, app);
    if state.folded {
        unfold_button(&mut state, ctx);
        app.compare = Some(state);
        return;
    }
    let mut open = true;
    let mut jump = None;
    let mut again = false;
    let old_name = state
        .old_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    egui::Window::new("比较版本")
        .id(Id::unique("compare_window"))
        .open(&mut open)
        .default_pos(ctx.content_rect().right_top() + egui::vec2(-720.0, 70.0))
        .default_width(680.0)
        .default_height(560.0)
        // Below the toolbar and above the status bar: grown to its content it
        // was pushed up over 导出PDF…/查找 (1366×768).
        .max_height(ctx.content_rect().height() - 150.0)
        .resizable(true)
        .collapsible(false)
        .show(ctx, |ui| {
            let d = &state.diff;
            ui.label(format!("原版本：{old_name}（{}）", d.old_name));
            ui.label(format!("新版本：当前打开的预算包（{}）", d.new_name));
            if d.old_year != d.new_year {
                ui.label(
                    RichText::new(format!(
                        "注意：两个版本的预算年度不同（原{}年，新{}年）",
                        d.old_year, d.new_year
                    ))
                    .color(ERROR_RED),
                );
            }
            let small = |s: String| RichText::new(s).monospace().small();
            ui.label(small(format!("原版本指纹：{}", d.old_fingerprint)));
            ui.label(small(format!("新版本指纹：{}", d.new_fingerprint)));
            ui.separator();
            if d.is_empty() {
                ui.label(RichText::new("两个版本相同").strong());
            } else {
                ui.label(RichText::new(headline(d)).strong());
            }
            egui::ScrollArea::vertical().auto_shrink([false, true]).show(ui, |ui| {
                egui::CollapsingHeader::new(format!("输入的变化（{}处）", d.inputs.len()))
                    .default_open(true)
                    .show(ui, |ui| {
                        for (i, c) in d.inputs.iter().enumerate() {
                            ui.horizontal_wrapped(|ui| {
                                if let Some(l) = &c.location
                                    && c.kind != ChangeKind::Removed
                                    && ui
                                        .small_button("转到")
                                        .on_hover_text(l.describe(&app.package))
                                        .clicked()
                                {
                                    jump = Some(Jump::Location(l.clone()));
                                }
                                ui.push_id(("input", i), |ui| ui.label(describe_input(c)));
                            });
                        }
                        for k in &d.shared_keys {
                            ui.label(RichText::new(format!("说明：{k}")).weak());
                        }
                    });
                egui::CollapsingHeader::new(format!(
                    "公开表的变化（{}个单元格，{}行）",
                    d.changed_cells().count(),
                    d.rows.len()
                ))
                .default_open(true)
                .show(ui, |ui| {
                    let mut tables: Vec<&str> = Vec::new();
                    for t in d
                        .rows
                        .iter()
                        .map(|r| r.table.as_str())
                        .chain(d.cells.iter().map(|c| c.table.as_str()))
                    {
                        if !tables.contains(&t) {
                            tables.push(t);
                        }
                    }
                    for t in tables {
                        ui.horizontal(|ui| {
                            ui.label(RichText::new(t).strong());
                            if let Some(n) = table_number(t)
                                && ui.small_button("预览").clicked()
                            {
                                jump = Some(Jump::Table(n));
                            }
                        });
                        for r in d.rows.iter().filter(|r| r.table == t) {
                            let verb = match r.kind {
                                ChangeKind::Added => "新增行",
                                ChangeKind::Removed => "减少行",
                                ChangeKind::Changed => "行名改变",
                            };
                            ui.label(format!("    {verb}：{}", r.row));
                        }
                        for c in d.cells.iter().filter(|c| c.table == t) {
                            ui.label(format!("    {}", describe_cell(c)));
                        }
                    }
                });
                if !d.paragraphs.is_empty() {
                    egui::CollapsingHeader::new(format!("情况说明的变化（{}段）", d.paragraphs.len()))
                        .default_open(false)
                        .show(ui, |ui| {
                            for p in &d.paragraphs {
                                ui.horizontal_wrapped(|ui| {
                                    if p.kind != ChangeKind::Removed && ui.small_button("转到").clicked() {
                                        jump = Some(Jump::Location(Location::Narrative(p.id.clone())));
                                    }
                                    ui.label(format!("{} {} {}", p.kind.label(), p.id, p.heading));
                                });
                                if !p.old.is_empty() {
                                    ui.label(RichText::new(format!("原：{}", p.old)).weak());
                                }
                                if !p.new.is_empty() {
                                    ui.label(format!("新：{}", p.new));
                                }
                            }
                        });
                }
                egui::CollapsingHeader::new(format!("审核结果的变化（{}条）", d.findings.len()))
                    .default_open(true)
                    .show(ui, |ui| {
                        for f in &d.findings {
                            ui.horizontal_wrapped(|ui| {
                                if let Some(l) = &f.location
                                    && ui.small_button("转到").clicked()
                                {
                                    jump = Some(Jump::Location(l.clone()));
                                }
                                let verb = if f.kind == ChangeKind::Added {
                                    "新出现"
                                } else {
                                    "已消失"
                                };
                                let text = format!("{verb}  {}  {}：{}", f.rule, f.place, f.message);
                                if f.kind == ChangeKind::Added && f.level == yusuan_engine::Level::Error {
                                    ui.label(RichText::new(text).color(ERROR_RED));
                                } else {
                                    ui.label(text);
                                }
                            });
                        }
                    });
            });
            ui.separator();
            ui.horizontal(|ui| {
                if ui.button("选择另一个较早的版本…").clicked() {
                    again = true;
                }
                if ui
                    .button("折叠")
                    .on_hover_text("收起到工具栏右端的「展开比较版本」按钮，不遮挡表格")
                    .clicked()
                {
                    state.folded = true;
                }
            });
        });
    state.open = open;
    if jump.is_some() {
        // The window (680 px at the right) covered the cell it jumped to (an
        // amount is the grid's right-most column): it folds to the toolbar's
        // 「展开比较版本」, which opens it again for the next change.
        state.folded = true;
    }
    app.compare = Some(state);
    match jump {
        Some(Jump::Location(l)) => app.go_to(&l),
        Some(Jump::Table(n)) => {
            app.screen = Screen::Preview;
            app.preview.number = n;
        }
        None => {}
    }
    if again {
        start(app);
    }
}
