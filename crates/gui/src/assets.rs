//! 资产: 国有资产占用情况 (figures at the end of last year).

use std::collections::HashMap;

use egui::{self, Id, RichText};
use yusuan_model::Assets;

use super::app::{App, ERROR_RED};
use super::widgets;

#[derive(Default)]
pub struct AssetsState {
    /// Text typed that is not a count, by field.
    buffers: HashMap<&'static str, String>,
}

type Getter = fn(&mut Assets) -> &mut Option<u32>;

const FIELDS: [(&str, &str, Getter); 7] = [
    ("vehicles_total", "车辆总数（辆）", |a| &mut a.vehicles_total),
    ("official", "其中：一般公务用车（辆）", |a| {
        &mut a.official_vehicles
    }),
    ("enforcement", "执法执勤用车（辆）", |a| {
        &mut a.enforcement_vehicles
    }),
    ("special", "特种专业技术用车（辆）", |a| {
        &mut a.special_vehicles
    }),
    ("other", "其他用车（辆）", |a| &mut a.other_vehicles),
    (
        "general50",
        "单位价值50万元以上通用设备（台/套）",
        |a| &mut a.general_equipment_over_50,
    ),
    (
        "special100",
        "单位价值100万元以上专用设备（台/套）",
        |a| &mut a.special_equipment_over_100,
    ),
];

fn parse_count(t: &str) -> Result<Option<u32>, String> {
    let t = t.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<u32>()
        .map(Some)
        .map_err(|_| format!("“{t}”不是数量，请输入不带小数的整数（留空表示不填）"))
}

pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let writable = !app.read_only;
    ui.heading("资产");
    ui.label(
        RichText::new("国有资产占用情况（截至上年末），用于情况说明。留空表示不填。")
            .color(ui.visuals().weak_text_color()),
    );
    ui.add_space(6.0);
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        // Reviewer mode keeps this enabled: the fields draw as selectable text.
        ui.scope(|ui| {
            egui::Grid::new("assets_grid")
                .num_columns(3)
                .spacing([16.0, 8.0])
                .show(ui, |ui| {
                    for (tag, label, get) in FIELDS {
                        ui.label(label);
                        let value = *get(&mut app.package.assets.clone());
                        let mut text = app
                            .assets
                            .buffers
                            .get(tag)
                            .cloned()
                            .unwrap_or_else(|| value.map(|v| v.to_string()).unwrap_or_default());
                        let err = parse_count(&text).err();
                        if !writable {
                            let shown = value.map(|v| v.to_string()).unwrap_or_else(|| "未填".into());
                            widgets::read_only_text(ui, &shown, 100.0, false, true, None);
                            ui.label("");
                            ui.end_row();
                            continue;
                        }
                        let mut te = egui::TextEdit::singleline(&mut text)
                            .id(Id::unique(("asset", tag)))
                            .desired_width(100.0)
                            .min_size(egui::vec2(100.0, 0.0))
                            .hint_text("未填")
                            .align(egui::Align2::RIGHT_CENTER);
                        if err.is_some() {
                            te = te.text_color(ERROR_RED);
                        }
                        let r = te.show(ui).response.response;
                        let r = widgets::mark_error(ui, r, err.as_deref());
                        if r.changed() {
                            match parse_count(&text) {
                                Ok(v) => {
                                    app.assets.buffers.remove(tag);
                                    if v != value {
                                        app.edit(&format!("asset:{tag}"), |p| *get(&mut p.assets) = v);
                                    }
                                }
                                Err(_) => {
                                    app.assets.buffers.insert(tag, text);
                                }
                            }
                        }
                        match err {
                            Some(e) => ui.label(RichText::new(e).color(ERROR_RED)),
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
                    );
                    if let Some(t) = c {
                        app.edit("asset:other_note", |p| p.assets.other_vehicles_note = t);
                    }
                    ui.end_row();
                });
        });
    });
}
