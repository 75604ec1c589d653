//! Fewer pixels for the rasteriser to shade, the same picture.
//!
//! Without a GPU (llvmpipe, 云桌面) every pixel of every triangle is shaded,
//! whether something opaque is drawn over it later or not: in the 基本支出
//! grid the row stripes (each cell's stripe drawn whole, under the cell's
//! white text field or grey drop-down) were 40 % of the filled pixels of a
//! frame (`overdraw_tests`). Two cuts, neither visible:
//!
//! - [`cut_overdraw`]: a row's stripe and selection background is drawn only
//!   where the row's own opaque widgets don't cover it;
//! - [`DropInvisible`]: shapes that paint nothing (a fully transparent fill
//!   without a stroke, a mesh of transparent vertices, as egui draws the
//!   background of a scroll bar that is not hovered) are not sent to the
//!   rasteriser at all.

use egui::epaint::{ClippedShape, RectShape, Shape};
use egui::layers::ShapeIdx;
use egui::{Color32, Context, LayerId, Rect};

#[derive(Clone, Copy)]
struct KeepOverdraw;

/// Paints as egui does, every stripe whole and invisible shapes too: to
/// measure the difference (`YUSUAN_RENDER_OLD=overdraw`).
pub fn keep_overdraw(ctx: &Context) {
    ctx.data_mut(|d| d.insert_temp(egui::Id::NULL, KeepOverdraw));
}

fn kept(ctx: &Context) -> bool {
    ctx.data(|d| d.get_temp::<KeepOverdraw>(egui::Id::NULL)).is_some()
}

/// The parts of the opaque rectangle `shape` (clipped to `clip`) that
/// certainly hide what is under them: its rounded corners, its stroke and
/// half a pixel of rounding left out (a cross of two rectangles), so what is
/// drawn under those still shows.
fn covered(shape: &RectShape, clip: Rect) -> Vec<Rect> {
    let opaque = shape.fill.a() == 255 && shape.brush.is_none() && shape.blur_width == 0.0;
    if !opaque {
        return Vec::new();
    }
    let c = shape.corner_radius;
    let corner = f32::from(c.nw.max(c.ne).max(c.sw).max(c.se));
    let margin = shape.stroke.width + 0.5;
    [egui::vec2(corner + margin, margin), egui::vec2(margin, corner + margin)]
        .into_iter()
        .map(|by| shape.rect.shrink2(by).intersect(clip))
        .filter(|r| r.is_positive())
        .collect()
}

/// `r` without `hole`: up to four rectangles.
fn subtract(r: Rect, hole: Rect, out: &mut Vec<Rect>) {
    let h = r.intersect(hole);
    if !h.is_positive() {
        out.push(r);
        return;
    }
    let pieces = [
        Rect::from_min_max(r.min, egui::pos2(r.max.x, h.min.y)),
        Rect::from_min_max(egui::pos2(r.min.x, h.max.y), r.max),
        Rect::from_min_max(egui::pos2(r.min.x, h.min.y), egui::pos2(h.min.x, h.max.y)),
        Rect::from_min_max(egui::pos2(h.max.x, h.min.y), egui::pos2(r.max.x, h.max.y)),
    ];
    out.extend(pieces.into_iter().filter(|p| p.is_positive()));
}

/// A plain background: a rectangle of one of `backgrounds`, square, no stroke.
fn is_background(shape: &Shape, backgrounds: &[Color32]) -> bool {
    matches!(shape, Shape::Rect(r)
        if backgrounds.contains(&r.fill)
            && r.stroke.is_empty()
            && r.corner_radius == egui::CornerRadius::ZERO
            && r.brush.is_none()
            && r.blur_width == 0.0)
}

/// Cuts the backgrounds (rectangles filled with one of `backgrounds`, as
/// egui_extras paints a table row's stripe and selection, one per cell)
/// painted on `layer` since `from` to what the opaque rectangles painted
/// after each of them leave visible. Call once a row's cells are drawn.
pub fn cut_overdraw(ctx: &Context, layer: LayerId, from: ShapeIdx, backgrounds: &[Color32]) {
    if kept(ctx) {
        return;
    }
    ctx.graphics_mut(|g| {
        let list = g.entry(layer);
        let shapes: Vec<ClippedShape> = list.all_entries().skip(from.0).cloned().collect();
        for (k, bg) in shapes.iter().enumerate() {
            let Shape::Rect(rect) = &bg.shape else { continue };
            if !is_background(&bg.shape, backgrounds) {
                continue;
            }
            let mut pieces = vec![rect.rect.intersect(bg.clip_rect)];
            for later in &shapes[k + 1..] {
                let Shape::Rect(top) = &later.shape else { continue };
                for hole in covered(top, later.clip_rect) {
                    let mut next = Vec::with_capacity(pieces.len() + 3);
                    for p in pieces {
                        subtract(p, hole, &mut next);
                    }
                    pieces = next;
                }
            }
            let cut = Shape::Vec(
                pieces
                    .into_iter()
                    .map(|p| Shape::Rect(RectShape::filled(p, 0.0, rect.fill)))
                    .collect(),
            );
            list.set(ShapeIdx(from.0 + k), bg.clip_rect, cut);
        }
    });
}

/// The next shape's index on `layer` (for [`cut_overdraw`]).
pub fn next_idx(ctx: &Context, layer: LayerId) -> ShapeIdx {
    ctx.graphics_mut(|g| g.entry(layer).next_idx())
}

/// Whether `shape` paints nothing.
fn invisible(shape: &Shape) -> bool {
    match shape {
        Shape::Noop => true,
        Shape::Rect(r) => {
            r.fill == Color32::TRANSPARENT
                && r.brush.is_none()
                && (r.stroke.width <= 0.0 || r.stroke.color == Color32::TRANSPARENT)
        }
        Shape::Mesh(m) => m.vertices.iter().all(|v| v.color == Color32::TRANSPARENT),
        Shape::Vec(v) => v.iter().all(invisible),
        _ => false,
    }
}

/// Drops the shapes that paint nothing from each frame's output.
pub struct DropInvisible;

impl egui::Plugin for DropInvisible {
    fn debug_name(&self) -> &'static str {
        "DropInvisible"
    }

    fn output_hook(&mut self, ctx: &Context, output: &mut egui::FullOutput) {
        if !kept(ctx) {
            output.shapes.retain(|s| !invisible(&s.shape));
        }
    }
}
