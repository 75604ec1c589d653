//! 审核: the findings; clicking one goes to the screen and row it concerns.

use egui::{self, RichText};

use super::app::{App, ERROR_RED, WARN_ORANGE};
use super::widgets;

pub fn show(app: &mut App, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        ui.heading("审核");
        ui.label(format!(
            "错误 {} 个，警告 {} 个",
            app.computed.error_count(),
            app.computed.warning_count()
        ));
    });
    if app.computed.error_count() > 0 {
        ui.label(RichText::new("有审核错误时，导出的表格不宜公开。点击一条可跳到相应位置。").color(ERROR_RED));
    } else if app.computed.findings.is_empty() {
        ui.label(RichText::new("没有发现问题。").color(egui::Color32::DARK_GREEN));
    }
    ui.add_space(4.0);
    let mut go = None;
    egui::ScrollArea::vertical()
        .id_salt("audit_screen_scroll")
        .show(ui, |ui| {
            for (i, f) in app.computed.findings.iter().enumerate() {
                let color = if f.is_error() { ERROR_RED } else { WARN_ORANGE };
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(format!("【{}】", f.level.label())).strong().color(color));
                    let place = f.location.describe(&app.package);
                    let r = ui
                        .add(egui::Button::new(RichText::new(&place).underline()).frame(false))
                        .on_hover_text("转到此处");
                    ui.label(&f.message);
                    ui.label(
                        RichText::new(f.rule.code())
                            .small()
                            .color(ui.visuals().weak_text_color()),
                    );
                    if r.clicked() {
                        go = Some(i);
                    }
                });
                ui.separator();
            }
        });
    if let Some(i) = go {
        let f = &app.computed.findings[i];
        let loc = f.location.clone();
        app.landing_excerpt = widgets::quoted_excerpt(&f.message);
        app.go_to(&loc);
    }
}
