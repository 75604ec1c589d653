//! 情况说明: the generated narrative, paragraph by paragraph. "改写" opens an
//! editor on `package.narrative_overrides[id]`; empty (or 恢复) = generated.
//! Rule 7 findings (figures of a rewritten paragraph that match nothing)
//! are shown beside the paragraph.

use std::collections::BTreeSet;
use yusuan_model::edit::Part;

use egui::{self, Color32, Id, RichText};
use yusuan_engine::Location;

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
    let target = app.narrative.target.take();
    if let Some(t) = &target {
        app.narrative.editing.insert(t.clone());
    }
    ui.horizontal(|ui| {
        ui.heading("情况说明");
        ui.label(format!("已改写{}段", app.package.narrative_overrides.len()));
        if ui.button("复制全文").clicked() {
            ui.ctx().copy_text(n.plain_text());
            app.message = Some(("情况说明全文已复制".into(), false));
        }
    });
    ui.label(
        RichText::new(
            "文字由预算数据自动生成，随数据变化。点“改写”可修改某一段；改写段落中的“万元”和“%”数字必须与预算表一致（审核规则7）。清空改写内容即恢复自动生成。",
        )
        .color(ui.visuals().weak_text_color()),
    );
    ui.add_space(4.0);
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        let width = ui.available_width().min(980.0);
        for part in &n.parts {
            ui.add_space(8.0);
            ui.label(RichText::new(&part.title).size(19.0).strong());
            for para in &part.paragraphs {
                ui.add_space(6.0);
                let findings = app.findings_at(&Location::Narrative(para.id.clone()));
                let frame = egui::Frame::new()
                    .inner_margin(6.0)
                    .corner_radius(4.0)
                    .stroke(if !findings.is_empty() {
                        egui::Stroke::new(1.5, super::app::ERROR_RED)
                    } else if para.overridden {
                        egui::Stroke::new(1.0, WARN_ORANGE)
                    } else {
                        egui::Stroke::NONE
                    });
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
                        let mut open = app.narrative.editing.contains(&para.id);
                        let toggle = ui
                            .add_enabled(writable, egui::Button::new("改写").selected(open))
                            .on_hover_text("修改这一段的文字");
                        if toggle.clicked() {
                            open = !open;
                            if open {
                                app.narrative.editing.insert(para.id.clone());
                            } else {
                                app.narrative.editing.remove(&para.id);
                            }
                        }
                        if para.overridden && ui.add_enabled(writable, egui::Button::new("恢复自动生成")).clicked()
                        {
                            let id = para.id.clone();
                            app.edit("", Part::NarrativeOverrides, |p| {
                                p.narrative_overrides.remove(&id);
                            });
                        }
                    });
                    widgets::finding_labels(ui, &findings);
                    if app.narrative.editing.contains(&para.id) {
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
                            let id = para.id.clone();
                            let generated = plain
                                .paragraphs()
                                .find(|x| x.id == id)
                                .map(|x| x.text.clone())
                                .unwrap_or_default();
                            app.edit(&format!("narrative:{id}"), Part::NarrativeOverrides, |p| {
                                if text.trim().is_empty() || text == generated {
                                    p.narrative_overrides.remove(&id);
                                } else {
                                    p.narrative_overrides.insert(id, text);
                                }
                            });
                        }
                        if r.lost_focus() {
                            app.end_edit_run();
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
}
