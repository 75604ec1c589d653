//! 情况说明: the generated narrative, paragraph by paragraph. "改写" opens an
//! editor on `package.narrative_overrides[id]`; empty (or 恢复) = generated.
//! Rule 7 findings (figures of a rewritten paragraph that match nothing)
//! are shown beside the paragraph.

use std::collections::{BTreeMap, BTreeSet};
use yusuan_model::edit::Part;

use egui::{self, Color32, Id, RichText};
use yusuan_engine::Location;
use yusuan_report::text::Narrative;

use super::app::{App, WARN_ORANGE};
use super::widgets;

#[derive(Default)]
pub struct NarrativeState {
    /// Paragraphs whose editor is open.
    pub editing: BTreeSet<String>,
    /// A paragraph to scroll to (from the audit panel).
    pub target: Option<String>,
}

pub fn editor_id(id: &str) -> Id {
    Id::unique(("narrative_edit", id))
}

pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let writable = !app.read_only;
    // What the engine generated: with the rewrites, and without (to show what a rewrite replaced).
    let (n, plain) = (
        app.computed.narrative(&app.package).clone(),
        app.computed.generated(&app.package).clone(),
    );
    let count = app.package.narrative_overrides.len();
    if header(ui, &n, count) {
        app.message = Some(("情况说明全文已复制".into(), false));
    }
    hint(
        ui,
        "文字由预算数据自动生成，随数据变化。点“改写”可修改某一段；改写段落中的“万元”和“%”数字必须与预算表一致（审核规则7）。清空改写内容即恢复自动生成。",
    );
    // 文字设置 before the paragraphs: a change shows below in the same frame.
    let out = super::wording::panel(
        ui,
        &app.package.wording,
        &plain,
        true,
        &yusuan_engine::narrative::GLOSSARY,
    );
    if let Some(c) = out.change {
        app.edit(&c.key, Part::Wording, |p| p.wording = c.wording);
    }
    if out.end_run {
        app.end_edit_run();
    }
    let (n, plain) = (
        app.computed.narrative(&app.package).clone(),
        app.computed.generated(&app.package).clone(),
    );
    let computed = &app.computed;
    let findings = |id: &str| -> Vec<(bool, String)> {
        computed
            .findings_at(&Location::Narrative(id.to_string()))
            .map(|f| (f.is_error(), f.to_string()))
            .collect()
    };
    let look = Look {
        writable,
        restore: "恢复自动生成",
        findings: &findings,
    };
    let actions = paragraphs(ui, &mut app.narrative, &n, &plain, &look);
    for action in actions {
        match action {
            Action::Set { key, id, text } => {
                app.edit(&key, Part::NarrativeOverrides, |p| {
                    set_override(&mut p.narrative_overrides, id, text)
                });
            }
            Action::Cancel => app.cancel_edit_run(),
            Action::EndRun => app.end_edit_run(),
        }
    }
}

/// Puts a rewrite in the overrides, or takes it out (`None`).
pub fn set_override(overrides: &mut BTreeMap<String, String>, id: String, text: Option<String>) {
    match text {
        Some(t) => overrides.insert(id, t),
        None => overrides.remove(&id),
    };
}

/// The heading row (title, how many paragraphs are rewritten, 复制全文);
/// true when the text was copied.
pub fn header(ui: &mut egui::Ui, n: &Narrative, rewritten: usize) -> bool {
    let mut copied = false;
    ui.horizontal(|ui| {
        ui.heading("情况说明");
        ui.label(format!("已改写{rewritten}段"));
        if ui.button("复制全文").clicked() {
            ui.ctx().copy_text(n.plain_text());
            copied = true;
        }
    });
    copied
}

pub fn hint(ui: &mut egui::Ui, text: &str) {
    ui.label(RichText::new(text).color(ui.visuals().weak_text_color()));
    ui.add_space(4.0);
}

/// How the paragraphs are drawn (the same on the 预算 and the 决算 side).
pub struct Look<'a> {
    pub writable: bool,
    /// The label of the button that removes a rewrite.
    pub restore: &'a str,
    /// The audit findings of a paragraph, by its id: (is it an error, text).
    pub findings: &'a dyn Fn(&str) -> Vec<(bool, String)>,
}

/// What the officer did to the paragraphs this frame; the screen applies it
/// as an edit of its own package.
#[derive(Debug)]
pub enum Action {
    /// The rewrite of paragraph `id` becomes `text` (`None`: the generated text again).
    Set {
        key: String,
        id: String,
        text: Option<String>,
    },
    /// Esc put a paragraph back: the undo step its typing opened goes.
    Cancel,
    /// An editor lost the focus: the typing run ends.
    EndRun,
}

/// Every part and paragraph of `n` (with the rewrites; `plain` without),
/// each with 改写 / restore and the findings that name it.
pub fn paragraphs(
    ui: &mut egui::Ui,
    state: &mut NarrativeState,
    n: &Narrative,
    plain: &Narrative,
    look: &Look<'_>,
) -> Vec<Action> {
    let writable = look.writable;
    let mut actions = Vec::new();
    let target = state.target.take();
    if let Some(t) = &target {
        state.editing.insert(t.clone());
    }
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .id_salt("narrative_screen_scroll")
        .show(ui, |ui| {
            let width = ui.available_width().min(980.0);
            for part in &n.parts {
                ui.add_space(8.0);
                ui.label(RichText::new(&part.title).size(19.0).strong());
                for para in &part.paragraphs {
                    ui.add_space(6.0);
                    let findings = (look.findings)(&para.id);
                    let frame = egui::Frame::new().inner_margin(6.0).corner_radius(4.0).stroke(
                        if findings.iter().any(|f| f.0) {
                            egui::Stroke::new(1.5, super::app::ERROR_RED)
                        } else if !findings.is_empty() || para.overridden {
                            egui::Stroke::new(1.0, WARN_ORANGE)
                        } else {
                            egui::Stroke::NONE
                        },
                    );
                    let r = frame.show(ui, |ui| {
                        ui.set_max_width(width);
                        ui.horizontal(|ui| {
                            ui.label(
                                RichText::new(&para.id)
                                    .monospace()
                                    .color(ui.visuals().weak_text_color()),
                            );
                            if !para.heading.is_empty() {
                                ui.label(RichText::new(&para.heading).strong());
                            }
                            if para.overridden {
                                ui.label(RichText::new("已改写").strong().color(WARN_ORANGE));
                            }
                            let mut open = state.editing.contains(&para.id);
                            let toggle = ui
                                .add_enabled(writable, egui::Button::new("改写").selected(open))
                                .on_hover_text("修改这一段的文字");
                            if toggle.clicked() {
                                open = !open;
                                if open {
                                    state.editing.insert(para.id.clone());
                                } else {
                                    state.editing.remove(&para.id);
                                }
                            }
                            if para.overridden && ui.add_enabled(writable, egui::Button::new(look.restore)).clicked() {
                                actions.push(Action::Set {
                                    key: String::new(),
                                    id: para.id.clone(),
                                    text: None,
                                });
                            }
                        });
                        widgets::finding_labels(ui, &findings);
                        if state.editing.contains(&para.id) {
                            let mut text = para.text.clone();
                            let r = if writable {
                                ui.add(
                                    egui::TextEdit::multiline(&mut text)
                                        .id(editor_id(&para.id))
                                        .desired_width(width - 12.0)
                                        .desired_rows(3),
                                )
                            } else {
                                widgets::read_only_text(ui, &text, width - 12.0, true, false, None)
                            };
                            if target.as_deref() == Some(para.id.as_str()) {
                                r.request_focus();
                            }
                            if r.changed()
                                && widgets::fits(
                                    ui,
                                    widgets::Limit::new("这一段", yusuan_model::limits::MAX_LONG_TEXT),
                                    &text,
                                )
                            {
                                let generated = plain
                                    .paragraphs()
                                    .find(|x| x.id == para.id)
                                    .map(|x| x.text.as_str())
                                    .unwrap_or_default();
                                let same = text.trim().is_empty() || text == generated;
                                actions.push(Action::Set {
                                    key: format!("narrative:{}", para.id),
                                    id: para.id.clone(),
                                    text: (!same).then_some(text),
                                });
                            }
                            // Esc puts back the paragraph as it was when the editor got the
                            // keyboard, and the typing leaves no undo step (as in a cell).
                            let original = Id::unique(("narrative_original", &para.id));
                            if r.has_focus() && ui.data(|d| d.get_temp::<Option<String>>(original)).is_none() {
                                let before = para.overridden.then(|| para.text.clone());
                                ui.data_mut(|d| d.insert_temp(original, before));
                            }
                            if r.lost_focus() {
                                let before = ui.data_mut(|d| d.remove_temp::<Option<String>>(original));
                                if ui.input(|i| i.key_pressed(egui::Key::Escape))
                                    && let Some(before) = before
                                    && before != para.overridden.then(|| para.text.clone())
                                {
                                    actions.push(Action::Set {
                                        key: format!("narrative:{}", para.id),
                                        id: para.id.clone(),
                                        text: before,
                                    });
                                    actions.push(Action::Cancel);
                                }
                                actions.push(Action::EndRun);
                            }
                            if para.overridden
                                && let Some(g) = plain.paragraphs().find(|x| x.id == para.id)
                            {
                                ui.collapsing("自动生成的文字", |ui| {
                                    ui.label(RichText::new(&g.text).color(Color32::from_gray(70)));
                                });
                            }
                        } else if !para.text.is_empty() {
                            ui.add(egui::Label::new(&para.text).wrap());
                        }
                    });
                    if target.as_deref() == Some(para.id.as_str()) {
                        r.response.scroll_to_me(Some(egui::Align::Center));
                    }
                }
            }
        });
    actions
}
