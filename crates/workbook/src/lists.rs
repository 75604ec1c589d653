//! Plain lists as a workbook: one sheet per list, a bold header row, text,
//! counts and amounts with their decimals. For reports that are not
//! published tables: `yusuan diff --xlsx` (the changed cells and inputs) and
//! `yusuan summary` (one row per package, and the files that could not be read).

use std::path::Path;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

use crate::xlsx::{ExportError, text_width};

/// A cell of a list.
#[derive(Clone, Debug, PartialEq)]
pub enum ListCell {
    Empty,
    Text(String),
    /// A count, written as a whole number.
    Count(usize),
    /// An amount with the decimals it is shown with (元: 2; a published
    /// 万元 figure: the package's), thousands separated.
    Amount(Decimal, u32),
}

impl ListCell {
    pub fn text(s: impl Into<String>) -> ListCell {
        let s = s.into();
        if s.is_empty() {
            ListCell::Empty
        } else {
            ListCell::Text(s)
        }
    }
}

/// One sheet: its name (at most 31 characters), the header, the rows.
#[derive(Clone, Debug, PartialEq)]
pub struct ListSheet {
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<ListCell>>,
}

/// Widest a column grows, in Excel units.
const MAX_WIDTH: f64 = 60.0;

/// The sheets as one workbook in memory.
pub fn list_workbook_bytes(sheets: &[ListSheet], title: &str) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_title(title));
    let cell = Format::new()
        .set_border(FormatBorder::Thin)
        .set_font_size(10)
        .set_align(FormatAlign::VerticalCenter);
    let header = cell
        .clone()
        .set_bold()
        .set_background_color(0xEDEDED)
        .set_align(FormatAlign::Center);
    let text = cell.clone().set_text_wrap().set_align(FormatAlign::Left);
    let count = cell.clone().set_num_format("0").set_align(FormatAlign::Right);
    let amounts: Vec<Format> = (0..=6)
        .map(|d| {
            cell.clone()
                .set_num_format(crate::xlsx::number_format(d))
                .set_align(FormatAlign::Right)
        })
        .collect();
    for s in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&s.name)?;
        let mut widths: Vec<f64> = s.header.iter().map(|h| text_width(h) + 2.0).collect();
        for (c, h) in s.header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &header)?;
        }
        for (r, row) in s.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, v) in row.iter().enumerate() {
                if widths.len() <= c {
                    widths.resize(c + 1, 8.0);
                }
                let col = c as u16;
                match v {
                    ListCell::Empty => {
                        ws.write_blank(r, col, &cell)?;
                    }
                    ListCell::Text(t) => {
                        widths[c] = widths[c].max(text_width(t) + 2.0);
                        ws.write_string_with_format(r, col, t, &text)?;
                    }
                    ListCell::Count(n) => {
                        ws.write_number_with_format(r, col, *n as f64, &count)?;
                    }
                    ListCell::Amount(v, decimals) => {
                        widths[c] = widths[c].max(16.0);
                        let f = &amounts[(*decimals as usize).min(6)];
                        ws.write_number_with_format(r, col, v.to_f64().unwrap_or(0.0), f)?;
                    }
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, w.min(MAX_WIDTH))?;
        }
        ws.set_freeze_panes(1, 0)?;
        if !s.rows.is_empty() {
            ws.autofilter(0, 0, s.rows.len() as u32, s.header.len().saturating_sub(1) as u16)?;
        }
    }
    wb.save_to_buffer()
}

/// Writes the sheets into `path` (whole or not at all).
pub fn export_lists(sheets: &[ListSheet], title: &str, path: &Path) -> Result<(), ExportError> {
    let bytes = list_workbook_bytes(sheets, title)?;
    yusuan_model::file::write_atomic(path, &bytes).map_err(|error| ExportError::Write {
        path: path.display().to_string(),
        error,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

    #[test]
    fn lists_read_back_as_written() {
        let sheets = vec![ListSheet {
            name: "公开表的变化".into(),
            header: vec!["表".into(), "差额".into()],
            rows: vec![
                vec![
                    ListCell::text("预算01表"),
                    ListCell::Amount(Decimal::new(10000000, 2), 2),
                    ListCell::Count(3),
                ],
                vec![ListCell::text(""), ListCell::Amount(Decimal::new(-5, 2), 2)],
            ],
        }];
        let bytes = list_workbook_bytes(&sheets, "t").unwrap();
        let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(wb.sheet_names(), vec!["公开表的变化".to_string()]);
        let range = wb.worksheet_range("公开表的变化").unwrap();
        assert_eq!(range.get_value((0, 0)), Some(&Data::String("表".into())));
        assert_eq!(range.get_value((1, 0)), Some(&Data::String("预算01表".into())));
        assert_eq!(range.get_value((1, 1)), Some(&Data::Float(100000.0)));
        assert_eq!(range.get_value((2, 1)), Some(&Data::Float(-0.05)));
        assert_eq!(range.get_value((1, 2)), Some(&Data::Float(3.0)));
    }
}
