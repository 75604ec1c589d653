//! 上年数与说明: last year's figures (for the narrative's comparisons) and
//! every 说明 text the narrative quotes.

use std::collections::HashMap;
use yusuan_model::edit::Part;

use egui::{self, Id, RichText};
use yusuan_engine::Location;
use yusuan_model::{LastYearItem, TextKey};
use yusuan_report::table::{format_number, to_wan};

use super::app::App;
use super::widgets::{self, Entry, EntryUnit};

/// What an audit click asked to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Item(LastYearItem),
}

pub struct LastYearState {
    pub unit: EntryUnit,
    pub buffers: HashMap<LastYearItem, String>,
    pub target: Option<Target>,
}

impl Default for LastYearState {
    fn default() -> Self {
        LastYearState {
            unit: EntryUnit::Wan,
            buffers: HashMap::new(),
            target: None,
        }
    }
}

pub fn item_id(item: LastYearItem) -> Id {
    Id::unique(("last_year", item))
}

/// The hint of an empty 说明 text here and on the "三公"经费 screen.
pub const NOT_WRITTEN: &str = "（未填写：情况说明中不写这一句）";

/// The field of a 说明 text (a jump's target), on whichever screen shows it.
pub fn text_id(key: TextKey) -> Id {
    Id::unique(("text", key.label()))
}

/// One 上年数 entry (empty = not given); used here and on the "三公"经费 screen.
pub fn item_cell(app: &mut App, ui: &mut egui::Ui, item: LastYearItem, unit: EntryUnit, width: f32) -> egui::Response {
    let loc = Location::LastYear(item);
    let finding = app.finding(&loc);
    let mut buffer = app.last_year.buffers.get(&item).cloned();
    let value = app.package.last_year.get(item);
    let rejected = app.package.rejected.last_year.get(&item).map(String::as_str);
    let (r, new) = widgets::optional_amount_cell(
        ui,
        item_id(item),
        value,
        rejected,
        unit,
        &mut buffer,
        width,
        finding.as_deref(),
    );
    match buffer {
        Some(b) => app.last_year.buffers.insert(item, b),
        None => app.last_year.buffers.remove(&item),
    };
    if let Some(entry) = new {
        app.edit(&format!("last_year:{item:?}"), Part::LastYear, |p| match entry {
            Entry::Value(v) => {
                p.rejected.last_year.remove(&item);
                match v {
                    Some(v) => p.last_year.0.insert(item, v),
                    None => p.last_year.0.remove(&item),
                };
            }
            Entry::Rejected(t) => {
                p.rejected.last_year.insert(item, t);
            }
        });
    }
    if r.lost_focus() {
        app.end_edit_run();
    }
    r
}

/// A 说明 text as a multiline field, with its findings above it: here, on
/// the "三公"经费 screen and (主要职责, 机构设置) on 概况. A jump to the text
/// (审核, 查找) lands in it, on the words a proof-reading finding quotes.
/// `hint` is shown while it is empty.
pub fn text_field(app: &mut App, ui: &mut egui::Ui, key: TextKey, rows: usize, hint: Option<&str>) -> egui::Response {
    let findings = app.findings_at(&Location::Text(key));
    widgets::finding_labels(ui, &findings);
    let mut text = app.package.text(key).to_string();
    if widgets::is_read_only(ui) {
        let r = widgets::read_only_text(ui, &text, ui.available_width(), true, false, None);
        widgets::land(ui, &r);
        return r;
    }
    let mut field = egui::TextEdit::multiline(&mut text)
        .id(text_id(key))
        .desired_width(f32::INFINITY)
        .desired_rows(rows);
    if let Some(h) = hint {
        field = field.hint_text(h);
    }
    let out = field.show(ui);
    widgets::land_text(ui, &out, &text);
    let r = out.response.response;
    if r.changed()
        && widgets::fits(
            ui,
            widgets::Limit::new("说明", yusuan_model::limits::MAX_LONG_TEXT),
            &text,
        )
    {
        app.edit(&format!("text:{}", key.label()), Part::Texts, |p| {
            if text.trim().is_empty() {
                p.texts.remove(&key);
            } else {
                p.texts.insert(key, text);
            }
        });
    }
    if r.lost_focus() {
        app.end_edit_run();
    }
    r
}

pub fn show(app: &mut App, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        ui.heading("上年数与说明");
        ui.separator();
        let mut unit = app.last_year.unit;
        if widgets::unit_switch(ui, &mut unit) {
            app.last_year.unit = unit;
            app.last_year.buffers.clear();
        }
    });
    ui.label(
        RichText::new(
            "上年数用于情况说明中的增减比较；留空表示不提供，情况说明中不作比较。本年数由预算表计算，不能修改。",
        )
        .color(ui.visuals().weak_text_color()),
    );
    super::last_year_fill::screen_bar(app, ui);
    ui.add_space(4.0);
    let target = app.last_year.target.take();
    let unit = app.last_year.unit;
    let decimals = app.package.department.decimals;
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .id_salt("last_year_screen_scroll")
        .show(ui, |ui| {
            // Reviewer mode keeps this enabled: the fields draw as selectable text.
            ui.scope(|ui| {
                egui::Grid::new("last_year_grid")
                    .striped(true)
                    .num_columns(4)
                    .spacing([16.0, 6.0])
                    .show(ui, |ui| {
                        ui.label(RichText::new("项目").strong());
                        ui.label(RichText::new("本年数（万元）").strong());
                        ui.label(RichText::new(format!("上年数（{}）", unit.label())).strong());
                        ui.label(RichText::new("审核").strong());
                        ui.end_row();
                        for item in LastYearItem::ALL {
                            ui.label(item.label());
                            let current = to_wan(app.computed.totals.current(item), decimals);
                            super::three_public::right(ui, RichText::new(format_number(current, decimals)));
                            let r = item_cell(app, ui, item, unit, 160.0);
                            if target == Some(Target::Item(item)) {
                                r.request_focus();
                                r.scroll_to_me(Some(egui::Align::Center));
                            }
                            ui.vertical(|ui| {
                                ui.set_max_width(520.0);
                                let f = app.findings_at(&Location::LastYear(item));
                                widgets::finding_labels(ui, &f);
                            });
                            ui.end_row();
                        }
                    });
                ui.add_space(14.0);
                ui.heading("说明");
                ui.label(
                    RichText::new("情况说明引用这些文字（例如增减原因）。主要职责和机构设置也可在“概况”中填写。")
                        .color(ui.visuals().weak_text_color()),
                );
                for key in TextKey::ALL {
                    ui.add_space(6.0);
                    ui.label(RichText::new(key.label()).strong());
                    text_field(app, ui, key, 3, Some(NOT_WRITTEN));
                }
            });
        });
}
