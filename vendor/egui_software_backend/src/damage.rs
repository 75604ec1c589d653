//! Added in the Yusuan workspace (not upstream): which tiles of the window
//! changed since the last frame, and compositing only those over an opaque
//! background, so that a window system can be sent only the damaged part.
//!
//! Upstream marks a tile dirty when a primitive on it is new or gone. A tile
//! also changes when the primitives on it stay the same but are drawn in
//! another order (a window raised over another). Here each tile has a
//! signature: the hashes of the primitives on it, in drawing order. A tile
//! whose signature differs from the last frame's is dirty.

use alloc::vec::Vec;

use crate::{
    BufferMutRef, EguiSoftwareRender, TILE_SIZE, color::SelectedImpl, dispatch_simd_impl,
    hash::Hash32,
};

/// The per-tile signatures of the last frame.
#[derive(Default)]
pub(crate) struct TileSignatures {
    signatures: Vec<u32>,
    /// The signatures of this frame, kept to avoid an allocation per frame.
    scratch: Vec<u32>,
}

impl EguiSoftwareRender {
    /// The side of a square tile, in pixels.
    pub const TILE_SIZE: usize = TILE_SIZE;

    /// The number of tiles across and down the last rendered frame.
    pub fn tiles_dim(&self) -> [usize; 2] {
        self.tiles_dim
    }

    /// Whether each tile (row by row, [`Self::tiles_dim`]) changed in the last
    /// [`Self::render_to_canvas`]. Every tile after a resize.
    pub fn dirty_tile_mask(&self) -> Vec<bool> {
        self.dirty_tiles
            .iter()
            .map(|mask| mask & Self::DIRTY_TILE_MASK != 0)
            .collect()
    }

    /// Marks dirty each tile whose list of primitives (in drawing order)
    /// differs from the last frame's. Called after the cache is updated and
    /// before unused primitives are dropped.
    pub(crate) fn mark_reordered_tiles(&mut self) {
        let tiles = self.tiles_dim[0] * self.tiles_dim[1];
        let mut seen: Vec<(usize, u32)> = self
            .cached_primitives
            .iter()
            .filter(|(_, prim)| prim.seen_this_frame)
            .map(|(hash, prim)| (prim.z_order, *hash))
            .collect();
        seen.sort_unstable();
        let sigs = &mut self.tile_signatures;
        sigs.scratch.clear();
        sigs.scratch.resize(tiles, Hash32::new_fnv().finalize());
        for (_, hash) in &seen {
            for tile in &self.cached_primitives[hash].occupied_tiles {
                let i = tile[0] as usize + tile[1] as usize * self.tiles_dim[0];
                let mut h = Hash32::new_fnv();
                h.hash_wrap(sigs.scratch[i]);
                h.hash_wrap(*hash);
                sigs.scratch[i] = h.finalize();
            }
        }
        let all = self.redraw_everything_this_frame || sigs.signatures.len() != tiles;
        for (i, mask) in self.dirty_tiles.iter_mut().enumerate() {
            if all || sigs.signatures[i] != sigs.scratch[i] {
                *mask |= Self::DIRTY_TILE_MASK;
            }
        }
        core::mem::swap(&mut sigs.signatures, &mut sigs.scratch);
    }

    /// Whether `delta` replaces the whole of a texture that is already there
    /// (a patch of the font atlas only adds glyphs where none were drawn).
    pub(crate) fn replaces_a_texture(&self, delta: &egui::TexturesDelta) -> bool {
        delta.set.iter().any(|(id, deltas)| {
            self.textures.contains_key(id) && deltas.iter().any(|d| d.pos.is_none())
        })
    }

    /// Whether any tile changed in this frame.
    pub(crate) fn any_dirty_tile(&self) -> bool {
        self.dirty_tiles
            .iter()
            .any(|mask| mask & Self::DIRTY_TILE_MASK != 0)
    }

    /// Writes the dirty tiles of the canvas into `buffer` over an opaque
    /// `background` (in the output's channel order); the other tiles of
    /// `buffer` are left as they are (the last frame's pixels). Only after
    /// [`Self::render_to_canvas`]. Returns the number of tiles written.
    pub fn blit_dirty_tiles_over(
        &self,
        buffer: &mut BufferMutRef<'_>,
        background: [u8; 4],
    ) -> usize {
        let width = self.canvas.width;
        let height = self.canvas.height;
        if self.canvas.data.is_empty() || buffer.width != width || buffer.height != height {
            return 0;
        }
        let tiles_x = self.tiles_dim[0];
        let mut written = 0;
        for (tile_idx, &mask) in self.dirty_tiles.iter().enumerate() {
            if mask & Self::DIRTY_TILE_MASK == 0 {
                continue;
            }
            let x_start = (tile_idx % tiles_x) * TILE_SIZE;
            let y_start = (tile_idx / tiles_x) * TILE_SIZE;
            let x_end = (x_start + TILE_SIZE).min(width);
            let y_end = (y_start + TILE_SIZE).min(height);
            for y in y_start..y_end {
                buffer.get_mut_span(x_start, x_end, y).fill(background);
            }
            if mask & Self::OCCUPIED_TILE_MASK != 0 {
                dispatch_simd_impl!(self.simd_impl, |simd_impl| self
                    .blit_tile(simd_impl, buffer, x_start, y_start, x_end, y_end, 0));
            }
            written += 1;
        }
        written
    }
}

#[cfg(test)]
mod tests {
    use alloc::{vec, vec::Vec};

    use egui::{
        Color32, ColorImage, Rect, TextureId, TextureOptions, TexturesDelta,
        epaint::ClippedPrimitive, epaint::ImageDelta, epaint::Mesh, epaint::Primitive, pos2,
    };

    use crate::{BufferMutRef, ColorFieldOrder, EguiSoftwareRender};

    fn rect(min: (f32, f32), max: (f32, f32), color: Color32) -> ClippedPrimitive {
        let mut mesh = Mesh::default();
        let r = Rect::from_min_max(pos2(min.0, min.1), pos2(max.0, max.1));
        mesh.add_colored_rect(r, color);
        ClippedPrimitive {
            clip_rect: Rect::EVERYTHING,
            primitive: Primitive::Mesh(mesh),
        }
    }

    fn white_texture() -> TexturesDelta {
        let mut delta = TexturesDelta::default();
        let image = ColorImage::filled([4, 4], Color32::WHITE);
        delta.push(
            TextureId::default(),
            ImageDelta::full(image, TextureOptions::NEAREST),
        );
        delta
    }

    fn paint(
        r: &mut EguiSoftwareRender,
        frame: &mut [[u8; 4]],
        prims: &[ClippedPrimitive],
        delta: &mut TexturesDelta,
    ) -> Vec<bool> {
        r.render_to_canvas(200, 100, prims, delta, 1.0);
        delta.clear();
        r.blit_dirty_tiles_over(&mut BufferMutRef::new(frame, 200, 100), [9, 9, 9, 255]);
        r.dirty_tile_mask()
    }

    /// Two overlapping rectangles drawn in the other order: no primitive is
    /// new or gone, but the tiles where they overlap changed.
    #[test]
    fn the_same_primitives_in_another_order_are_repainted() {
        let red = rect((10.0, 10.0), (100.0, 50.0), Color32::RED);
        let blue = rect((50.0, 20.0), (150.0, 60.0), Color32::BLUE);
        let mut r = EguiSoftwareRender::new(ColorFieldOrder::Rgba);
        let mut frame = vec![[0u8; 4]; 200 * 100];
        let first = paint(
            &mut r,
            &mut frame,
            &[red.clone(), blue.clone()],
            &mut white_texture(),
        );
        assert!(first.iter().all(|&d| d), "the first frame is painted whole");
        assert_eq!(frame[30 * 200 + 70], [0, 0, 255, 255], "blue over red");
        let same = paint(
            &mut r,
            &mut frame,
            &[red.clone(), blue.clone()],
            &mut TexturesDelta::default(),
        );
        assert!(
            !same.iter().any(|&d| d),
            "nothing changed, nothing to paint"
        );
        let swapped = paint(
            &mut r,
            &mut frame,
            &[blue, red],
            &mut TexturesDelta::default(),
        );
        assert!(swapped.iter().any(|&d| d), "the overlap is repainted");
        assert_eq!(frame[30 * 200 + 70], [255, 0, 0, 255], "red over blue");
        assert_eq!(
            frame[5 * 200 + 190],
            [9, 9, 9, 255],
            "the background where nothing is"
        );
    }
}
