//! The spreadsheet behaviour shared by the grids (基本支出, 单位, 收入):
//! keyboard movement between cells and pasting a tab-separated block.
//! One implementation; each grid only says how many columns it has, which
//! cells hold text, and how a pasted value is set.

use egui::{self, Id, Key};
use yusuan_model::Package;
use yusuan_model::edit::{List, Part};

use super::app::App;

/// A grid's cell cursor: the cell (row, column), the other corner of the
/// selected block, and a pending focus/scroll request.
#[derive(Default, Clone, Debug)]
pub struct Cursor {
    pub cursor: Option<(usize, usize)>,
    pub anchor: Option<(usize, usize)>,
    pub focus: Option<(usize, usize)>,
    pub scroll_to: Option<usize>,
}

impl Cursor {
    /// Selects a cell and asks for its focus (and to scroll to its row).
    pub fn select(&mut self, row: usize, col: usize) {
        self.cursor = Some((row, col));
        self.anchor = Some((row, col));
        self.scroll_to = Some(row);
        self.focus = Some((row, col));
    }
    /// The selected block: rows and columns, inclusive.
    pub fn block(&self) -> Option<((usize, usize), (usize, usize))> {
        let c = self.cursor?;
        let a = self.anchor.unwrap_or(c);
        Some(((a.0.min(c.0), a.0.max(c.0)), (a.1.min(c.1), a.1.max(c.1))))
    }
}

/// Where the text cursor of a cell was: a cell that is not a text field
/// (or has no cursor yet) counts as both edges.
#[derive(Clone, Copy)]
pub struct Edge {
    pub at_start: bool,
    pub at_end: bool,
}

pub fn text_edge(ctx: &egui::Context, id: Id, text: Option<&str>) -> Edge {
    let both = Edge {
        at_start: true,
        at_end: true,
    };
    let Some(text) = text else { return both };
    let range = egui::text_edit::TextEditState::load(ctx, id).and_then(|s| s.cursor.char_range());
    let len = text.chars().count();
    match range {
        // The whole content selected (a cell just reached, as in Excel): the
        // arrows move to the next cell.
        Some(r)
            if r.primary.index.0.min(r.secondary.index.0) == 0 && r.primary.index.0.max(r.secondary.index.0) >= len =>
        {
            both
        }
        Some(r) if r.primary.index == r.secondary.index => Edge {
            at_start: r.primary.index.0 == 0,
            at_end: r.primary.index.0 >= len,
        },
        Some(_) => Edge {
            at_start: false,
            at_end: false,
        },
        None => both,
    }
}

/// What a cell noted before it was drawn (keys act on the cell focused when
/// the frame began: egui may hand the focus on during this frame).
pub struct CellKeys {
    id: Id,
    had_focus: bool,
    want_focus: bool,
    edge: Edge,
}

/// The widget a cell drew last frame (a drop-down's button has its own id).
fn widget_of(ui: &egui::Ui, id: Id) -> Id {
    ui.data(|d| d.get_temp::<Id>(id.with("grid_widget"))).unwrap_or(id)
}

/// Call before drawing cell (`row`, `col`) with widget `id`; `text` is what
/// its text field holds (`None` for drop-downs and read-only cells).
pub fn before_cell(ui: &egui::Ui, grid: &mut Cursor, id: Id, row: usize, col: usize, text: Option<&str>) -> CellKeys {
    let widget = widget_of(ui, id);
    let want_focus = grid.focus == Some((row, col));
    if want_focus {
        ui.memory_mut(|m| m.request_focus(widget));
        grid.focus = None;
    }
    CellKeys {
        id,
        edge: text_edge(ui.ctx(), id, text),
        had_focus: ui.memory(|m| m.focused()) == Some(widget),
        want_focus,
    }
}

fn sideways_id() -> Id {
    Id::unique("grid_cell_to_scroll_sideways_to")
}

/// Call inside a grid's horizontal `ScrollArea`, after its table: a cell
/// the keyboard went to this frame is scrolled into view sideways. (The
/// table's own vertical scroll area takes every scroll request of the cells
/// inside it, the horizontal one included, so `scroll_to_me` in the cell
/// never reaches the horizontal area.)
pub fn scroll_sideways(ui: &egui::Ui) {
    let rect = ui.data_mut(|d| {
        let rect = d.get_temp::<egui::Rect>(sideways_id());
        d.remove::<egui::Rect>(sideways_id());
        rect
    });
    if let Some(rect) = rect {
        ui.scroll_to_rect(rect, None);
    }
}

/// Rows PageUp/PageDown move.
pub const PAGE_ROWS: usize = 20;

/// Call after drawing the cell: updates the cursor (Shift+click extends the
/// block) and returns where the keys move to: Tab/Shift+Tab, ←/→ at the text
/// edges, ↑/↓ and Enter, PageUp/PageDown, Ctrl+↑/↓/Home/End. A target past
/// the last row stands for the last row ([`apply_move`] clamps it; moving
/// never adds a row).
pub fn after_cell(
    ui: &egui::Ui,
    grid: &mut Cursor,
    keys: CellKeys,
    r: &egui::Response,
    (i, c): (usize, usize),
    ncols: usize,
    app: &mut App,
) -> Option<(usize, usize)> {
    if r.id != keys.id {
        ui.data_mut(|d| d.insert_temp(keys.id.with("grid_widget"), r.id));
    }
    if keys.want_focus {
        if !r.has_focus() {
            r.request_focus();
        }
        // Tab, the arrows or a jump to a cell past the window's edge: the
        // grid scrolls sideways ([`scroll_sideways`]; rows are scrolled to
        // by `scroll_to`).
        ui.data_mut(|d| d.insert_temp(sideways_id(), r.rect));
    }
    if r.gained_focus() || r.clicked() {
        let shift = ui.input(|inp| inp.modifiers.shift);
        if !(shift && r.clicked()) {
            grid.anchor = Some((i, c));
        }
        grid.cursor = Some((i, c));
    }
    let mut target = None;
    let last = ncols - 1;
    if keys.had_focus {
        // The modifiers held with each key come from its own event, not the
        // frame's end state: under X11 a quick Ctrl+Home (xdotool, or a fast
        // hand on a slow software-rendered frame) has Ctrl released again by
        // the time the frame reads the input, and Home alone went to the
        // start of the cell's text.
        let down = |k: Key| ui.input(|inp| key_down(inp, k));
        let pressed = |k: Key| down(k).is_some();
        let shift = |k: Key| down(k).is_some_and(|m| m.shift);
        let command = |k: Key| down(k).is_some_and(|m| m.command);
        let edge = keys.edge;
        if pressed(Key::Tab) && !shift(Key::Tab) {
            target = Some(if c < last { (i, c + 1) } else { (i + 1, 0) });
        } else if shift(Key::Tab) {
            if c > 0 {
                target = Some((i, c - 1));
            } else if i > 0 {
                target = Some((i - 1, last));
            }
        } else if command(Key::Home) {
            target = Some((0, 0));
        } else if command(Key::End) {
            target = Some((usize::MAX, last));
        } else if command(Key::ArrowDown) {
            target = Some((usize::MAX, c));
        } else if command(Key::ArrowUp) {
            target = Some((0, c));
        } else if pressed(Key::PageDown) {
            target = Some((i.saturating_add(PAGE_ROWS), c));
        } else if pressed(Key::PageUp) {
            target = Some((i.saturating_sub(PAGE_ROWS), c));
        } else if pressed(Key::ArrowLeft) && !shift(Key::ArrowLeft) && c > 0 && edge.at_start {
            target = Some((i, c - 1));
        } else if pressed(Key::ArrowRight) && !shift(Key::ArrowRight) && c < last && edge.at_end {
            target = Some((i, c + 1));
        } else if pressed(Key::ArrowDown) {
            target = Some((i + 1, c));
        } else if pressed(Key::ArrowUp) && i > 0 {
            target = Some((i - 1, c));
        }
    }
    if r.lost_focus() {
        app.end_edit_run();
        if ui.input(|inp| inp.key_pressed(Key::Enter)) {
            target = Some((i + 1, c));
        }
    }
    target
}

/// The modifiers `key` was pressed with in this frame's events, if it was.
fn key_down(inp: &egui::InputState, key: Key) -> Option<egui::Modifiers> {
    inp.events.iter().find_map(|e| match e {
        egui::Event::Key {
            key: k,
            pressed: true,
            modifiers,
            ..
        } if *k == key => Some(*modifiers),
        _ => None,
    })
}

/// Moves the cursor (and focus) to `target`, the row clamped to the grid:
/// Enter or ↓ on the last row stays there (rows are added with “增加一行” or
/// by pasting, never by moving: an empty row would only raise errors).
pub fn apply_move(grid: &mut Cursor, target: (usize, usize), rows: usize) {
    if rows == 0 {
        return;
    }
    let (r, c) = target;
    grid.select(r.min(rows - 1), c);
}

/// A move from row `from` to row `to` counted in the rows shown (`visible`,
/// ascending, not empty): one down is the next row shown, a page is
/// [`PAGE_ROWS`] rows shown, the ends are the first and last shown.
pub fn move_within(visible: &[usize], from: usize, to: usize) -> usize {
    let at = visible.partition_point(|&r| r < from);
    let last = visible.len() - 1;
    let pos = if to >= from {
        at.saturating_add(to - from).min(last)
    } else {
        // `at` is the first row shown at or after `from`: one up from a hidden
        // row is the row shown just before it.
        let back = if visible.get(at) == Some(&from) {
            from - to
        } else {
            (from - to).max(1)
        };
        at.saturating_sub(back)
    };
    visible[pos.min(last)]
}

/// The row-number cell at the left of a grid: a click selects the whole row,
/// Shift+click or Ctrl+click extends the selection to it.
pub fn row_header(ui: &mut egui::Ui, grid: &mut Cursor, row: usize, ncols: usize) {
    let selected = grid
        .block()
        .is_some_and(|((r0, r1), (c0, c1))| (r0..=r1).contains(&row) && c0 == 0 && c1 == ncols - 1);
    let r = ui
        .add(egui::Button::selectable(
            selected,
            egui::RichText::new(format!("{}", row + 1)).color(ui.visuals().weak_text_color()),
        ))
        .on_hover_text("点击选中整行，Shift或Ctrl+点击选中多行");
    if r.clicked() {
        let extend = ui.input(|i| i.modifiers.shift || i.modifiers.command);
        match (extend, grid.anchor) {
            (true, Some((a, _))) => grid.anchor = Some((a, 0)),
            _ => grid.anchor = Some((row, 0)),
        }
        grid.cursor = Some((row, ncols - 1));
        // The keyboard leaves the cell being edited: the selection is the rows.
        ui.memory_mut(|m| {
            if let Some(id) = m.focused() {
                m.surrender_focus(id)
            }
        });
    }
}

/// The selected rows as the delete button names them: `删除第3行`,
/// `删除3行（第3–5行）`.
pub fn delete_label(grid: &Cursor, rows: usize) -> Option<String> {
    let ((r0, r1), _) = grid.block()?;
    if r0 >= rows {
        return None;
    }
    let r1 = r1.min(rows - 1);
    Some(if r0 == r1 {
        format!("删除第{}行", r0 + 1)
    } else {
        format!("删除{}行（第{}–{}行）", r1 - r0 + 1, r0 + 1, r1 + 1)
    })
}

/// Takes a block paste (tabs or several lines) out of this frame's events,
/// so it goes to the grid and not into the focused cell's text. Also
/// reports a Ctrl+C when `copy_block` says it is the grid's to take.
pub fn take_clipboard(ui: &mut egui::Ui, copy_block: bool) -> (Option<String>, bool) {
    let mut paste = None;
    let mut copy = false;
    ui.input_mut(|i| {
        i.events.retain(|e| match e {
            egui::Event::Paste(t) if t.trim_end_matches(['\n', '\r']).contains(['\t', '\n']) => {
                paste = Some(t.clone());
                false
            }
            egui::Event::Copy if copy_block => {
                copy = true;
                false
            }
            _ => true,
        })
    });
    (paste, copy)
}

/// Gives up the keyboard focus (after a paste, so the focused cell shows the new value).
pub fn surrender_focus(ui: &egui::Ui) {
    ui.memory_mut(|m| {
        if let Some(id) = m.focused() {
            m.surrender_focus(id)
        }
    });
}

/// Splits tab-separated text (as Excel and WPS copy it) into rows of cells.
pub fn parse_block(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_suffix('\n').unwrap_or(text);
    let text = text.strip_suffix('\r').unwrap_or(text);
    text.split('\n')
        .map(|l| {
            l.strip_suffix('\r')
                .unwrap_or(l)
                .split('\t')
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// A value the paste did not take: (row, column), the text, the reason.
pub type Rejected = ((usize, usize), String, String);

/// Pastes `text` at `origin` as one undo step: rows past the end are added
/// by `grow` (given the row count wanted), each value goes through `set`
/// (its error says why it was not taken). Sets the cursor over the pasted
/// block and the status message; returns the rejected values.
#[allow(clippy::too_many_arguments)]
pub fn paste(
    app: &mut App,
    grid_cursor: impl Fn(&mut App) -> &mut Cursor,
    origin: Option<(usize, usize)>,
    text: &str,
    list: List,
    ncols: usize,
    mut grow: impl FnMut(&mut Package, usize),
    mut set: impl FnMut(&mut Package, usize, usize, &str) -> Result<(), String>,
) -> Vec<Rejected> {
    if app.read_only {
        app.message = Some(("审核模式为只读，不能粘贴".into(), true));
        return Vec::new();
    }
    let Some((r0, c0)) = origin else {
        app.message = Some(("请先选择要粘贴到的单元格".into(), true));
        return Vec::new();
    };
    let rows = parse_block(text);
    if r0 + rows.len() > yusuan_model::limits::MAX_ROWS {
        app.message = Some((
            format!(
                "粘贴的内容有{}行，从第{}行起粘贴将超过每张表最多{}行，没有粘贴",
                rows.len(),
                r0 + 1,
                yusuan_model::limits::MAX_ROWS
            ),
            true,
        ));
        return Vec::new();
    }
    let mut rejected = Vec::new();
    let mut cells = 0;
    app.edit("", Part::Rows(list, r0..r0 + rows.len()), |p| {
        grow(p, r0 + rows.len());
        for (dr, values) in rows.iter().enumerate() {
            for (dc, v) in values.iter().enumerate() {
                let c = c0 + dc;
                if c >= ncols {
                    continue;
                }
                cells += 1;
                if let Err(e) = set(p, r0 + dr, c, v) {
                    rejected.push(((r0 + dr, c), v.clone(), e));
                }
            }
        }
    });
    let last_row = r0 + rows.len().saturating_sub(1);
    let widest = rows.iter().map(Vec::len).max().unwrap_or(1);
    let last_col = (c0 + widest.saturating_sub(1)).min(ncols - 1);
    let g = grid_cursor(app);
    g.anchor = Some((r0, c0));
    g.cursor = Some((last_row, last_col));
    app.message = Some(if rejected.is_empty() {
        (format!("已粘贴{}行{}个单元格", rows.len(), cells), false)
    } else {
        (
            format!(
                "已粘贴{}个单元格，其中{}个无效（红色标出或未采用）：{}",
                cells,
                rejected.len(),
                rejected[0].2
            ),
            true,
        )
    });
    rejected
}

/// The order of `rows` sorted by `cmp` (stable): new row `i` is old row
/// `order[i]`, for an [`yusuan_model::edit::Edit::Reorder`].
pub fn sorted_order<T>(rows: &[T], cmp: impl Fn(&T, &T) -> std::cmp::Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| cmp(&rows[a], &rows[b]));
    order
}

/// The header row of a small sortable grid (a blank corner cell, then one
/// clickable title per column); returns the column clicked for sorting.
pub fn sort_header(ui: &mut egui::Ui, titles: &[&str], writable: bool) -> Option<usize> {
    let mut sort = None;
    ui.label("");
    for (k, h) in titles.iter().enumerate() {
        if ui
            .add_enabled(
                writable,
                egui::Button::new(egui::RichText::new(*h).strong()).frame(false),
            )
            .on_hover_text("点击按此列排序（可撤销）")
            .clicked()
        {
            sort = Some(k);
        }
    }
    ui.end_row();
    sort
}

#[cfg(test)]
mod tests {
    use super::move_within;

    #[test]
    fn moves_count_the_rows_shown() {
        let v = [2, 5, 9, 14];
        assert_eq!(move_within(&v, 5, 6), 9);
        assert_eq!(move_within(&v, 5, 4), 2);
        assert_eq!(move_within(&v, 2, usize::MAX), 14);
        assert_eq!(move_within(&v, 14, 0), 2);
        assert_eq!(move_within(&v, 14, 15), 14);
        assert_eq!(move_within(&v, 9, 9 + 20), 14);
    }
}
