//! 概况: the department and the 主要职责 / 机构设置 texts.

use egui::{self, RichText};
use yusuan_engine::{Field, Location};
use yusuan_model::TextKey;
use yusuan_model::edit::Part;

use super::app::App;
use super::widgets;

fn finding(app: &App, field: Field) -> Option<String> {
    app.computed
        .findings
        .iter()
        .find(|f| f.location == Location::Department(field))
        .map(|f| f.to_string())
}

pub fn show(app: &mut App, ui: &mut egui::Ui) {
    ui.heading("概况");
    ui.add_space(4.0);
    let writable = !app.read_only;
    egui::ScrollArea::vertical()
        .id_salt("overview_screen_scroll")
        .show(ui, |ui| {
            // Reviewer mode keeps this enabled: the fields draw as selectable text.
            ui.scope(|ui| {
                egui::Grid::new("overview_grid")
                    .num_columns(2)
                    .spacing([16.0, 10.0])
                    .show(ui, |ui| {
                        ui.label("部门名称");
                        let err = finding(app, Field::Name);
                        let (_, changed) = widgets::text_field(
                            ui,
                            egui::Id::unique("dept_name"),
                            &app.package.department.name,
                            420.0,
                            err.as_deref(),
                            widgets::Limit::new("部门名称", yusuan_model::limits::MAX_NAME),
                        );
                        if let Some(t) = changed {
                            app.edit("dept:name", Part::Department, |p| p.department.name = t);
                        }
                        ui.end_row();

                        ui.label("部门编码");
                        let err = finding(app, Field::Code);
                        let (_, changed) = widgets::text_field(
                            ui,
                            egui::Id::unique("dept_code"),
                            &app.package.department.code,
                            160.0,
                            err.as_deref(),
                            widgets::Limit::new("部门编码", yusuan_model::limits::MAX_CODE),
                        );
                        if let Some(t) = changed {
                            app.edit("dept:code", Part::Department, |p| {
                                p.department.code = t.trim().to_string()
                            });
                        }
                        ui.end_row();

                        ui.label("预算年度");
                        let mut year = app.package.department.year;
                        let r = if writable {
                            ui.add(
                                egui::DragValue::new(&mut year)
                                    .range(2000..=2100)
                                    .speed(0.1)
                                    .suffix(" 年"),
                            )
                        } else {
                            widgets::read_only_text(ui, &format!("{year} 年"), 0.0, false, false, None)
                        };
                        let r = widgets::mark_error(ui, r, finding(app, Field::Year).as_deref());
                        if r.changed() {
                            app.edit("dept:year", Part::Department, |p| p.department.year = year);
                        }
                        ui.end_row();

                        ui.label("公开表格小数位数");
                        ui.horizontal(|ui| {
                            if !writable {
                                ui.disable();
                            }
                            for d in 0..=2u32 {
                                if ui
                                    .selectable_label(app.package.department.decimals == d, format!("{d}位"))
                                    .clicked()
                                    && app.package.department.decimals != d
                                {
                                    app.edit("", Part::Department, |p| p.department.decimals = d);
                                }
                            }
                            ui.label(RichText::new("（金额单位：万元）").color(ui.visuals().weak_text_color()));
                        });
                        ui.end_row();
                    });
                ui.add_space(12.0);
                for key in [TextKey::Duties, TextKey::Organization] {
                    ui.label(RichText::new(key.label()).strong());
                    super::last_year::text_field(app, ui, key, 6, None);
                    ui.add_space(8.0);
                }
            });
        });
}
