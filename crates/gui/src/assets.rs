//! 资产: 国有资产占用情况 (figures at the end of last year).

use std::collections::HashMap;
use yusuan_model::edit::Part;

use egui::{self, Id, RichText};
use yusuan_engine::Location;
use yusuan_model::Assets;

use super::app::{App, ERROR_RED, WARN_ORANGE};
use super::widgets::{self, Entry};

#[derive(Default)]
pub struct AssetsState {
    /// Text typed that is not a count, by field.
    buffers: HashMap<&'static str, String>,
}

impl AssetsState {
    pub fn clear_buffers(&mut self) {
        self.buffers.clear();
    }
}

fn parse_count(t: &str) -> Result<Option<u32>, String> {
    let t = t.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<u32>()
        .map(Some)
        .map_err(|_| format!("“{t}”不是数量，请输入不带小数的整数（留空表示不填）"))
}

/// Why the text being typed into a count is not one.
fn buffer_error(app: &App, tag: &str) -> Option<String> {
    app.assets.buffers.get(tag).and_then(|t| parse_count(t).err())
}

pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let writable = !app.read_only;
    ui.heading("资产");
    ui.label(
        RichText::new("国有资产占用情况（截至上年末），用于情况说明。留空表示不填。")
            .color(ui.visuals().weak_text_color()),
    );
    ui.add_space(6.0);
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .id_salt("assets_screen_scroll")
        .show(ui, |ui| {
            // Reviewer mode keeps this enabled: the fields draw as selectable text.
            ui.scope(|ui| {
                egui::Grid::new("assets_grid")
                    .num_columns(3)
                    .spacing([16.0, 8.0])
                    .show(ui, |ui| {
                        for (tag, label) in Assets::COUNTS {
                            ui.label(label);
                            let value = app.package.assets.clone().count_mut(tag).and_then(|v| *v);
                            let rejected = app.package.rejected.assets.get(tag).cloned();
                            let mut buffer = app.assets.buffers.get(tag).cloned();
                            let format = widgets::EntryFormat {
                                shown: value
                                    .map(|v| v.to_string())
                                    .unwrap_or_else(|| if writable { String::new() } else { "未填".into() }),
                                plain: value.map(|v| v.to_string()).unwrap_or_default(),
                                parse: &parse_count,
                                hint: Some("未填"),
                            };
                            let loc = Location::Asset(tag.to_string());
                            let finding = app.finding(&loc);
                            let (r, new) = widgets::entry_cell(
                                ui,
                                Id::unique(("asset", tag)),
                                &value,
                                rejected.as_deref(),
                                format,
                                &mut buffer,
                                100.0,
                                finding.as_deref(),
                            );
                            match buffer {
                                Some(b) => app.assets.buffers.insert(tag, b),
                                None => app.assets.buffers.remove(tag),
                            };
                            if let Some(entry) = new {
                                app.edit(&format!("asset:{tag}"), Part::Assets, |p| match entry {
                                    Entry::Value(v) => {
                                        p.rejected.assets.remove(tag);
                                        if let Some(count) = p.assets.count_mut(tag) {
                                            *count = v;
                                        }
                                    }
                                    Entry::Rejected(t) => {
                                        p.rejected.assets.insert(tag.to_string(), t);
                                    }
                                });
                            }
                            if r.lost_focus() {
                                app.end_edit_run();
                            }
                            // A text that is not a count, or the audit's finding: a
                            // warning (警告8) in the warnings' colour.
                            let shown = match buffer_error(app, tag) {
                                Some(e) => Some((e, ERROR_RED)),
                                None => app
                                    .findings_at(&loc)
                                    .into_iter()
                                    .next()
                                    .map(|(error, text)| (text, if error { ERROR_RED } else { WARN_ORANGE })),
                            };
                            match shown {
                                Some((e, color)) => ui.label(RichText::new(e).color(color)),
                                None => ui.label(""),
                            };
                            ui.end_row();
                        }
                        ui.label("其他用车说明");
                        let (_, c) = widgets::text_cell(
                            ui,
                            Id::unique("asset_other_note"),
                            &app.package.assets.other_vehicles_note,
                            420.0,
                            None,
                            widgets::Limit::new("其他用车说明", yusuan_model::limits::MAX_NOTE),
                        );
                        if let Some(t) = c {
                            app.edit("asset:other_note", Part::Assets, |p| p.assets.other_vehicles_note = t);
                        }
                        ui.end_row();
                    });
            });
        });
}
