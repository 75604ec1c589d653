//! 文件 › 比较版本…: the open 预算 or 决算 package (the newer version)
//! against an older one of the same kind picked from a file — the changed
//! inputs (each with a jump to its row), the changed published cells (each
//! with a jump to its table in 预览), the 情况说明 paragraphs and the findings
//! that appeared or went away, and both fingerprints. The window only draws
//! what `yusuan_engine::diff` (`diff_final` for a 决算) computed; it is
//! computed again when the open package changes. A 决算's jumps go to the
//! places the 决算 editor's 审核 list uses (`go_to_place`).

use std::path::PathBuf;

use egui::{self, Id, RichText};
use yusuan_engine::diff::{
    ChangeKind, PackageDiff, describe_cell, describe_input, diff_computed, diff_final, headline,
};
use yusuan_engine::{Computed, Location};
use yusuan_model::{Document, FinalPackage, Package};

use super::Screen;
use super::app::{App, ERROR_RED};
use super::files;

/// The older version: a 预算 (with its computed tables) or a 决算.
pub enum OldVersion {
    Budget(Box<(Package, Computed)>),
    Final(Box<FinalPackage>),
}

/// The older version and the diff against the open package.
pub struct CompareState {
    pub old: OldVersion,
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
    let (old, old_fingerprint) = match doc {
        Document::Budget(p) if !app.is_final() => {
            let f = yusuan_model::file::fingerprint(&p);
            let c = yusuan_engine::compute(&p);
            (OldVersion::Budget(Box::new((p, c))), f)
        }
        Document::Final(p) if app.is_final() => {
            let f = yusuan_model::file::fingerprint(&p);
            (OldVersion::Final(Box::new(p)), f)
        }
        Document::Budget(_) => {
            app.message = Some((
                format!(
                    "“{}”是预算包，打开的是决算包：比较版本只能比较两个决算包或两个预算包",
                    path.display()
                ),
                true,
            ));
            return;
        }
        Document::Final(_) => {
            app.message = Some((
                format!(
                    "“{}”是决算包，打开的是预算包：比较版本只能比较两个预算包或两个决算包",
                    path.display()
                ),
                true,
            ));
            return;
        }
    };
    let mut state = CompareState {
        old,
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
    state.diff = match (&state.old, app.fin.as_deref()) {
        (OldVersion::Budget(old), None) => diff_computed(
            &old.0,
            &old.1,
            &app.package,
            &app.computed,
            &state.old_fingerprint,
            &yusuan_model::file::fingerprint(&app.package),
        ),
        (OldVersion::Final(old), Some(doc)) => diff_final(
            old,
            &doc.package,
            &state.old_fingerprint,
            &yusuan_model::file::fingerprint(&doc.package),
        ),
        // The other kind is open: `window` ends the comparison.
        _ => PackageDiff::default(),
    };
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
    /// A 决算 place (`收入第3行`) and the finding's message, for `go_to_place`.
    FinalPlace(String, String),
    /// A 决算 table by its label (`公开03表`).
    FinalTable(String),
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
    if app.is_final() != matches!(state.old, OldVersion::Final(_)) {
        // A document of the other kind was opened: the comparison is over.
        return;
    }
    let is_final = app.is_final();
    let kind = app.kind_label();
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
            ui.label(format!("新版本：当前打开的{kind}包（{}）", d.new_name));
            if d.old_year != d.new_year {
                ui.label(
                    RichText::new(format!(
                        "注意：两个版本的{kind}年度不同（原{}年，新{}年）",
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
                                if let Some(place) = &c.place
                                    && ui
                                        .small_button("转到")
                                        .on_hover_text(place.trim_end_matches('第'))
                                        .clicked()
                                {
                                    jump = Some(Jump::FinalPlace(place.clone(), String::new()));
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
                            if is_final {
                                if ui.small_button("预览").clicked() {
                                    jump = Some(Jump::FinalTable(t.to_string()));
                                }
                            } else if let Some(n) = table_number(t)
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
                                        jump = Some(if is_final {
                                            Jump::FinalPlace(format!("情况说明（段落{}）", p.id), String::new())
                                        } else {
                                            Jump::Location(Location::Narrative(p.id.clone()))
                                        });
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
                                if is_final && f.kind == ChangeKind::Added && ui.small_button("转到").clicked() {
                                    jump = Some(Jump::FinalPlace(f.place.clone(), f.message.clone()));
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
        Some(Jump::FinalPlace(place, message)) => super::final_screens::go_to_place(app, &place, &message),
        Some(Jump::FinalTable(label)) => {
            if let Some(doc) = app.fin.as_deref_mut() {
                if let Some(i) = doc
                    .computed
                    .tables
                    .iter()
                    .chain(&doc.computed.attachments)
                    .position(|t| t.label == label)
                {
                    doc.preview = i;
                }
                doc.screen = super::final_doc::FinalScreen::Preview;
            }
        }
        None => {}
    }
    if again {
        start(app);
    }
}
