//! The bundled Noto CJK fonts: Sans for the UI, Serif for the table previews.

use std::sync::Arc;

use egui::{self, FontData, FontDefinitions, FontFamily};

const SANS: &[u8] = include_bytes!("../../../fonts/NotoSansCJKsc-Regular.subset.ttf");
const SERIF: &[u8] = include_bytes!("../../../fonts/NotoSerifCJKsc-Regular.subset.ttf");

/// The family of the table previews.
pub fn serif() -> FontFamily {
    FontFamily::Name("serif".into())
}

/// Installs the fonts and the base style into a context (the app and the tests).
pub fn install(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts
        .font_data
        .insert("noto_sans_sc".into(), Arc::new(FontData::from_static(SANS)));
    fonts
        .font_data
        .insert("noto_serif_sc".into(), Arc::new(FontData::from_static(SERIF)));
    fonts
        .families
        .entry(FontFamily::Proportional)
        .or_default()
        .insert(0, "noto_sans_sc".into());
    fonts
        .families
        .entry(FontFamily::Monospace)
        .or_default()
        .push("noto_sans_sc".into());
    let mut serif_list = vec!["noto_serif_sc".to_string(), "noto_sans_sc".to_string()];
    if let Some(p) = fonts.families.get(&FontFamily::Proportional) {
        serif_list.extend(p.iter().filter(|n| !n.starts_with("noto_")).cloned());
    }
    fonts.families.insert(serif(), serif_list);
    ctx.set_fonts(fonts);
    let mut visuals = egui::Visuals::light();
    // Derived values (defaults, names of codes) and hints are grey, but
    // readable: 5.9:1 against white (WCAG asks 4.5:1; egui's default is ~2.8:1).
    visuals.weak_text_color = Some(egui::Color32::from_gray(100));
    // A steady caret: a blinking one repaints the window twice a second,
    // which under software rendering (no GPU, 云桌面) keeps a core busy.
    visuals.text_cursor.blink = false;
    ctx.set_visuals(visuals);
    ctx.global_style_mut(|s| {
        s.text_styles
            .insert(egui::TextStyle::Body, egui::FontId::proportional(15.0));
        s.text_styles
            .insert(egui::TextStyle::Button, egui::FontId::proportional(15.0));
        s.text_styles
            .insert(egui::TextStyle::Heading, egui::FontId::proportional(20.0));
        s.text_styles
            .insert(egui::TextStyle::Monospace, egui::FontId::monospace(14.0));
        // Readable on a 1366×768 office screen (egui's default is 9 pt).
        s.text_styles
            .insert(egui::TextStyle::Small, egui::FontId::proportional(12.5));
        s.spacing.item_spacing = egui::vec2(8.0, 5.0);
        // Moving to a cell off screen (Tab, arrows, 转到行) jumps there: the
        // scrolling animation painted ~15 whole frames per move, each of them
        // costly without a GPU.
        s.scroll_animation = egui::style::ScrollAnimation::none();
    });
    crate::settle::install(ctx);
    ctx.add_plugin(crate::paint::DropInvisible);
}
