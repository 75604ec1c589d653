//! The pixels a frame makes the rasteriser shade: without a GPU (llvmpipe)
//! every triangle's covered pixels cost, whether later covered or not.

use std::collections::BTreeMap;

use egui::epaint::{Primitive, WHITE_UV};
use egui::{Key, Modifiers};
use yusuan_engine::Field;

use crate::App;
use crate::tests::{focus_cell, harness_sized};

/// Pixels covered by the triangles of the frame just built, by kind: solid
/// fills by colour, and text (textured) — each triangle clipped to its clip
/// rectangle (its vertices clamped: exact for the axis-aligned rectangles
/// and glyph quads that make a grid).
pub(crate) fn shaded(h: &egui_kittest::Harness<'static, App>) -> (f64, f64, BTreeMap<[u8; 4], f64>) {
    let out = h.output();
    let prims = h.ctx.tessellate(out.shapes.clone(), out.pixels_per_point);
    let (mut solid, mut text) = (0.0, 0.0);
    let mut by_colour: BTreeMap<[u8; 4], f64> = BTreeMap::new();
    for p in prims {
        let Primitive::Mesh(m) = p.primitive else { continue };
        let clip = p.clip_rect;
        for t in m.indices.chunks(3) {
            let v: Vec<_> = t.iter().map(|&i| m.vertices[i as usize]).collect();
            let q: Vec<egui::Pos2> = v.iter().map(|v| clip.clamp(v.pos)).collect();
            let area =
                ((q[1].x - q[0].x) * (q[2].y - q[0].y) - (q[2].x - q[0].x) * (q[1].y - q[0].y)).abs() as f64 / 2.0;
            if v.iter().all(|v| v.uv == WHITE_UV) {
                solid += area;
                *by_colour.entry(v[0].color.to_array()).or_default() += area;
            } else {
                text += area;
            }
        }
    }
    (solid, text, by_colour)
}

/// As the desktop window paints (crates/yusuan/src/desktop.rs, `Painting`):
/// transparent panels over the cleared window, no feathering.
pub(crate) fn desktop_painting(ctx: &egui::Context) {
    ctx.all_styles_mut(|s| s.visuals.panel_fill = egui::Color32::TRANSPARENT);
    ctx.tessellation_options_mut(|t| t.feathering = false);
}

/// `cargo test -p yusuan-gui shaded_pixels -- --ignored --nocapture`: the
/// 20,000-line package, 基本支出, a cell being typed into, 1340×690 (the
/// window's size on a 1366×768 screen).
#[test]
#[ignore = "measurement; run with --ignored --nocapture"]
fn shaded_pixels_of_the_basic_screen() {
    let pkg = yusuan_model::generate::department(600, 2000, 20_000);
    let mut h = harness_sized(App::new(pkg, None, false), egui::vec2(1340.0, 690.0));
    desktop_painting(&h.ctx);
    h.run();
    focus_cell(&mut h, 2, Field::Amount);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.event(egui::Event::Text("12".into()));
    h.run();
    let (solid, text, by_colour) = shaded(&h);
    let window = 1340.0 * 690.0;
    println!(
        "solid {solid:.0} px ({:.2} windows), text {text:.0} px ({:.2})",
        solid / window,
        text / window
    );
    let mut v: Vec<_> = by_colour.into_iter().collect();
    v.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (c, a) in v.iter().take(12) {
        println!("  {c:?}: {a:.0} px");
    }
}

/// Every shape of the output, nested ones too, in painting order.
fn flat(shapes: &[egui::epaint::ClippedShape]) -> Vec<(egui::Rect, egui::Shape)> {
    fn walk(clip: egui::Rect, s: &egui::Shape, out: &mut Vec<(egui::Rect, egui::Shape)>) {
        match s {
            egui::Shape::Vec(v) => v.iter().for_each(|s| walk(clip, s, out)),
            s => out.push((clip, s.clone())),
        }
    }
    let mut out = Vec::new();
    shapes.iter().for_each(|c| walk(c.clip_rect, &c.shape, &mut out));
    out
}

/// The 基本支出 grid of the sample at 1366×768, row 2's amount focused (its
/// row selected), as the desktop paints it.
fn basic_screen() -> egui_kittest::Harness<'static, App> {
    let mut h = harness_sized(crate::tests::sample(false), egui::vec2(1366.0, 768.0));
    desktop_painting(&h.ctx);
    h.run();
    focus_cell(&mut h, 2, Field::Amount);
    h
}

/// The pixels of row stripes and selections painted under opaque fields
/// (each background shape against the opaque rectangles painted after it),
/// and how many backgrounds there are.
pub(crate) fn backgrounds_under_fields(h: &egui_kittest::Harness<'static, App>) -> (f32, usize) {
    let v = h.ctx.global_style().visuals.clone();
    let shapes = flat(&h.output().shapes);
    let mut under = 0.0;
    let mut backgrounds = 0;
    for (k, (clip, s)) in shapes.iter().enumerate() {
        let egui::Shape::Rect(bg) = s else { continue };
        if bg.fill != v.faint_bg_color && bg.fill != v.selection.bg_fill {
            continue;
        }
        backgrounds += 1;
        let bg_rect = bg.rect.intersect(*clip);
        for (clip2, later) in &shapes[k + 1..] {
            // An opaque field or drop-down painted over it: its inside (a
            // pixel in from its rounded corners) hides what is under it.
            if let egui::Shape::Rect(top) = later
                && top.fill.a() == 255
                && top.rect.width() > 20.0
            {
                let c = top.corner_radius;
                let inset = f32::from(c.nw.max(c.ne).max(c.sw).max(c.se)) + 1.0;
                let hidden = top.rect.shrink(inset).intersect(*clip2).intersect(bg_rect);
                if hidden.is_positive() {
                    under += hidden.area();
                }
            }
        }
    }
    (under, backgrounds)
}

#[test]
fn no_row_stripe_or_selection_is_painted_under_a_field() {
    let h = basic_screen();
    let (under, backgrounds) = backgrounds_under_fields(&h);
    assert!(
        backgrounds > 10,
        "the stripes and the selection are painted ({backgrounds})"
    );
    // Before: each cell's stripe was painted whole, ~110,000 px under the fields.
    assert!(
        under < 100.0,
        "{under:.0} px of stripe or selection painted under fields"
    );
}

#[test]
fn nothing_invisible_is_sent_to_the_rasteriser() {
    let h = basic_screen();
    let invisible: Vec<_> = flat(&h.output().shapes)
        .into_iter()
        .filter(|(_, s)| match s {
            egui::Shape::Rect(r) => r.fill == egui::Color32::TRANSPARENT && r.stroke.is_empty(),
            egui::Shape::Mesh(m) => m.vertices.iter().all(|v| v.color == egui::Color32::TRANSPARENT),
            _ => false,
        })
        .collect();
    assert!(invisible.is_empty(), "{} shapes that paint nothing", invisible.len());
}
