//! The one in-memory model of a published table. The engine builds it; the
//! egui preview, the xlsx writer and the PDF writer only draw it, so a table
//! is defined once.

use rust_decimal::{Decimal, RoundingStrategy};
pub use smol_str::SmolStr;

/// A node of the grouped header: a leaf is a column, a group spans its children.
#[derive(Clone, Debug, PartialEq)]
pub struct HeaderNode {
    pub text: String,
    pub children: Vec<HeaderNode>,
}

pub fn leaf(text: &str) -> HeaderNode {
    HeaderNode {
        text: text.to_string(),
        children: Vec::new(),
    }
}

pub fn group(text: &str, children: Vec<HeaderNode>) -> HeaderNode {
    HeaderNode {
        text: text.to_string(),
        children,
    }
}

impl HeaderNode {
    fn leaves(&self) -> usize {
        if self.children.is_empty() {
            1
        } else {
            self.children.iter().map(|c| c.leaves()).sum()
        }
    }
    fn depth(&self) -> usize {
        1 + self.children.iter().map(|c| c.depth()).max().unwrap_or(0)
    }
}

/// One cell of the laid-out header grid: it starts at (row, col) and spans.
#[derive(Clone, Debug, PartialEq)]
pub struct HeaderCell {
    pub text: String,
    pub row: usize,
    pub col: usize,
    pub rows: usize,
    pub cols: usize,
}

/// Lays a header forest out as a grid: groups span their leaves, leaves span
/// down to the last header row.
pub fn layout_header(roots: &[HeaderNode]) -> (Vec<HeaderCell>, usize, usize) {
    let depth = roots.iter().map(|r| r.depth()).max().unwrap_or(0);
    let mut cells = Vec::new();
    let mut col = 0;
    fn walk(n: &HeaderNode, row: usize, col: usize, depth: usize, out: &mut Vec<HeaderCell>) {
        let cols = n.leaves();
        let rows = if n.children.is_empty() { depth - row } else { 1 };
        out.push(HeaderCell {
            text: n.text.clone(),
            row,
            col,
            rows,
            cols,
        });
        let mut c = col;
        for ch in &n.children {
            walk(ch, row + 1, c, depth, out);
            c += ch.leaves();
        }
    }
    for r in roots {
        walk(r, 0, col, depth, &mut cells);
        col += r.leaves();
    }
    (cells, depth, col)
}

/// What a column holds, for alignment and width.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnKind {
    /// Short codes (类, 款, 项, 单位代码, 项目编码): text, kept as written.
    Code,
    /// Names and labels.
    Text,
    /// Long text that wraps (task contents, indicator explanations).
    LongText,
    /// 万元 amounts, right-aligned.
    Amount,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub kind: ColumnKind,
    /// Relative width in characters of the body font.
    pub width: f32,
}

/// A body cell. Its text is a [`SmolStr`]: up to 23 bytes (a code, a name
/// of 7 Chinese characters, an indicator) held inline, a `&'static str`
/// label as it is, longer text shared — a table of thousands of text cells
/// is built without an allocation per cell (issue 9).
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(SmolStr),
    /// A code: always text, leading zeros kept.
    Code(SmolStr),
    /// An exact amount in 元; shown in 万元 rounded half-up to the table's decimals.
    Amount(Decimal),
    /// An amount of a 涉密 project: shown as `XXXX` when non-zero.
    Masked(Decimal),
}

impl Cell {
    pub fn text(s: impl Into<SmolStr>) -> Cell {
        let s = s.into();
        if s.is_empty() { Cell::Empty } else { Cell::Text(s) }
    }
    pub fn code(s: impl Into<SmolStr>) -> Cell {
        let s = s.into();
        if s.is_empty() { Cell::Empty } else { Cell::Code(s) }
    }
    /// A fixed label: kept as the `&'static str`, whatever its length.
    pub fn label(s: &'static str) -> Cell {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(SmolStr::new_static(s))
        }
    }
    /// The text of a text or code cell.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Cell::Text(s) | Cell::Code(s) => Some(s),
            _ => None,
        }
    }
}

/// What a row is, for emphasis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowRole {
    /// 合计 / 总计 rows.
    Total,
    /// The department row and the unit rows.
    Subtotal,
    Item,
    /// A heading row inside the body (table 11's blocks).
    Heading,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub role: RowRole,
    pub cells: Vec<Cell>,
}

/// A merged range of body cells (table 11's text blocks and indicator groups).
#[derive(Clone, Debug, PartialEq)]
pub struct Merge {
    pub row: usize,
    pub col: usize,
    pub rows: usize,
    pub cols: usize,
}

/// The most body rows all the tables of a publication may have together,
/// in the xlsx and the PDF alike (2,000 pages of at most 60 rows). A
/// department's tables have hundreds; more is a list repeated by mistake,
/// refused with a message rather than written in gigabytes of memory.
pub const MAX_PUBLISHED_ROWS: usize = 120_000;

/// The body rows of `tables` together.
pub fn published_rows(tables: &[Table]) -> usize {
    tables.iter().map(|t| t.rows.len()).sum()
}

#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// 1..=14 (预算), 1..=9 (决算); 0 for a 附件 (the 绩效自评 tables)
    pub number: u8,
    /// `预算01表`
    pub label: String,
    /// `2024年部门收支总体情况表`
    pub title: String,
    /// `部门名称：…`
    pub department: String,
    /// `单位：万元`
    pub unit_line: String,
    pub header: Vec<HeaderCell>,
    pub header_rows: usize,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    pub merges: Vec<Merge>,
    /// A paragraph printed under the table (the 注 of table 08, the empty-table 说明).
    pub note: Option<String>,
    /// Decimals of the 万元 figures.
    pub decimals: u32,
    /// How amounts show: zero blank or 0.00, thousands separators.
    pub style: AmountStyle,
}

impl Table {
    /// The sheet name: `预算01表`.
    pub fn sheet_name(&self) -> &str {
        &self.label
    }

    /// The text a cell shows: 万元 with thousands separators, blank for zero
    /// (in the table's [`AmountStyle`]: [`AmountStyle::BUDGET`] for the 预算).
    pub fn display(&self, cell: &Cell) -> String {
        self.display_with(cell, self.style)
    }

    /// The text a cell shows with amounts in `style`.
    pub fn display_with(&self, cell: &Cell, style: AmountStyle) -> String {
        match cell {
            Cell::Empty => String::new(),
            Cell::Text(s) | Cell::Code(s) => s.to_string(),
            Cell::Amount(y) => format_wan_with(*y, self.decimals, style),
            Cell::Masked(y) => {
                if !to_wan(*y, self.decimals).is_zero() {
                    "XXXX".to_string()
                } else if style.zero_blank {
                    String::new()
                } else {
                    format_number_with(Decimal::ZERO, self.decimals, style.thousands)
                }
            }
        }
    }
}

/// How amounts are shown: the 预算 prints a zero blank and always separates
/// thousands; a 决算 chooses both ([`AmountStyle`] from its layout).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AmountStyle {
    /// A figure that rounds to zero is shown blank (else `0.00`).
    pub zero_blank: bool,
    /// Thousands separators (`2,175.87`; else `2175.87`).
    pub thousands: bool,
}

impl AmountStyle {
    /// The 预算 tables: zero blank, thousands separated.
    pub const BUDGET: AmountStyle = AmountStyle {
        zero_blank: true,
        thousands: true,
    };
}

impl Default for AmountStyle {
    fn default() -> Self {
        AmountStyle::BUDGET
    }
}

/// 元 → 万元, rounded half-up (四舍五入) to `decimals` places.
pub fn to_wan(yuan: Decimal, decimals: u32) -> Decimal {
    (yuan / Decimal::from(10_000)).round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
}

/// A published 万元 figure: `1,959.63`; blank for zero.
pub fn format_wan(yuan: Decimal, decimals: u32) -> String {
    format_wan_with(yuan, decimals, AmountStyle::BUDGET)
}

/// A published 万元 figure in `style`: `1,959.63` or `1959.63`; a zero blank
/// or `0.00`.
pub fn format_wan_with(yuan: Decimal, decimals: u32, style: AmountStyle) -> String {
    let w = to_wan(yuan, decimals);
    if w.is_zero() && style.zero_blank {
        String::new()
    } else {
        format_number_with(w, decimals, style.thousands)
    }
}

/// A number with thousands separators and exactly `decimals` places.
pub fn format_number(v: Decimal, decimals: u32) -> String {
    format_number_with(v, decimals, true)
}

/// A number with exactly `decimals` places, thousands separated or not.
pub fn format_number_with(v: Decimal, decimals: u32, thousands: bool) -> String {
    let mut v = v.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    v.rescale(decimals);
    let s = v.abs().to_string();
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s.clone(), None),
    };
    let mut out = String::new();
    if v.is_sign_negative() && !v.is_zero() {
        out.push('-');
    }
    let bytes = int.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if thousands && i > 0 && (bytes.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(*b as char);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(&f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn rounding_is_half_up_once() {
        assert_eq!(to_wan(d("19596298"), 2), d("1959.63"));
        assert_eq!(to_wan(d("50"), 2), d("0.01"));
        assert_eq!(to_wan(d("49.99"), 2), d("0.00"));
        assert_eq!(to_wan(d("36619800"), 1), d("3662.0"));
        assert_eq!(to_wan(d("500"), 1), d("0.1"));
        assert_eq!(to_wan(d("499"), 1), d("0.0"));
    }

    #[test]
    fn formats_with_separators() {
        assert_eq!(format_wan(d("19596298"), 2), "1,959.63");
        assert_eq!(format_wan(d("962625000"), 1), "96,262.5");
        assert_eq!(format_wan(d("1000000000"), 2), "100,000.00");
        assert_eq!(format_wan(d("40000"), 2), "4.00");
        assert_eq!(format_wan(d("0"), 2), "");
        assert_eq!(format_wan(d("10"), 2), "");
        assert_eq!(format_number(d("-1234.5"), 2), "-1,234.50");
        assert_eq!(format_number(d("999"), 0), "999");
    }

    #[test]
    fn styles_show_zero_and_separators_as_asked() {
        let plain = AmountStyle {
            zero_blank: false,
            thousands: false,
        };
        assert_eq!(format_wan_with(d("21758700"), 2, plain), "2175.87");
        assert_eq!(format_wan_with(d("0"), 2, plain), "0.00");
        assert_eq!(format_wan_with(d("49"), 2, plain), "0.00");
        assert_eq!(format_wan_with(d("-49"), 2, plain), "0.00");
        let zeros = AmountStyle {
            zero_blank: false,
            thousands: true,
        };
        assert_eq!(format_wan_with(d("21758700"), 2, zeros), "2,175.87");
        assert_eq!(format_wan_with(d("0"), 2, zeros), "0.00");
        assert_eq!(format_wan_with(d("21758700"), 2, AmountStyle::BUDGET), "2,175.87");
        assert_eq!(format_wan_with(d("0"), 2, AmountStyle::BUDGET), "");
    }

    #[test]
    fn header_grid_spans_groups() {
        let h = [
            leaf("合计"),
            group(
                "基本支出",
                vec![leaf("小计"), group("人员经费", vec![leaf("a"), leaf("b")])],
            ),
        ];
        let (cells, rows, cols) = layout_header(&h);
        assert_eq!((rows, cols), (3, 4));
        let total = cells.iter().find(|c| c.text == "合计").unwrap();
        assert_eq!((total.row, total.col, total.rows, total.cols), (0, 0, 3, 1));
        let basic = cells.iter().find(|c| c.text == "基本支出").unwrap();
        assert_eq!((basic.row, basic.col, basic.rows, basic.cols), (0, 1, 1, 3));
        let sub = cells.iter().find(|c| c.text == "小计").unwrap();
        assert_eq!((sub.row, sub.col, sub.rows, sub.cols), (1, 1, 2, 1));
        let b = cells.iter().find(|c| c.text == "b").unwrap();
        assert_eq!((b.row, b.col, b.rows, b.cols), (2, 3, 1, 1));
    }
}
