//! Plain list sheets (a header row, then one row per item) as one workbook:
//! the summary of many packages (`yusuan summary`) and its list of files
//! that could not be read.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

use crate::xlsx::number_format_with;

/// A cell of a list sheet.
#[derive(Clone, Debug, PartialEq)]
pub enum ListCell {
    Text(String),
    /// A count, written as a whole number.
    Count(usize),
    /// An amount already in the published unit, with its decimals.
    Amount(Decimal, u32),
}

/// One sheet: its name, its header row and its rows.
#[derive(Clone, Debug, PartialEq)]
pub struct ListSheet {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<ListCell>>,
}

/// The workbook of the sheets, in order, as bytes.
pub fn list_workbook_bytes(sheets: &[ListSheet]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let cell = Format::new().set_border(FormatBorder::Thin).set_font_size(10);
    let header = cell.clone().set_bold().set_align(FormatAlign::Center);
    let text = cell.clone().set_num_format("@");
    let count = cell.clone().set_num_format("0");
    for s in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&s.name)?;
        for (c, h) in s.headers.iter().enumerate() {
            // As wide as the header or the widest text below it.
            let widest = s
                .rows
                .iter()
                .filter_map(|r| match r.get(c) {
                    Some(ListCell::Text(t)) => Some(crate::xlsx::text_width(t)),
                    _ => None,
                })
                .fold(crate::xlsx::text_width(h), f64::max);
            let c = c as u16;
            ws.write_string_with_format(0, c, h, &header)?;
            ws.set_column_width(c, (widest + 2.0).clamp(8.0, 70.0))?;
        }
        ws.set_freeze_panes(1, 0)?;
        for (r, row) in s.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, v) in row.iter().enumerate() {
                let c = c as u16;
                match v {
                    ListCell::Text(t) => ws.write_string_with_format(r, c, t, &text)?,
                    ListCell::Count(n) => ws.write_number_with_format(r, c, *n as f64, &count)?,
                    ListCell::Amount(a, decimals) => {
                        let f = cell
                            .clone()
                            .set_num_format(number_format_with(*decimals, true))
                            .set_align(FormatAlign::Right);
                        ws.write_number_with_format(r, c, a.to_f64().unwrap_or(0.0), &f)?
                    }
                };
            }
        }
    }
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

    #[test]
    fn sheets_read_back_as_written() {
        let sheets = vec![
            ListSheet {
                name: "汇总".into(),
                headers: vec!["部门".into(), "金额".into(), "个数".into()],
                rows: vec![vec![
                    ListCell::Text("021".into()),
                    ListCell::Amount(Decimal::new(195963, 2), 2),
                    ListCell::Count(3),
                ]],
            },
            ListSheet {
                name: "无法读取的文件".into(),
                headers: vec!["文件".into()],
                rows: vec![],
            },
        ];
        let bytes = list_workbook_bytes(&sheets).unwrap();
        let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(wb.sheet_names(), vec!["汇总".to_string(), "无法读取的文件".to_string()]);
        let r = wb.worksheet_range("汇总").unwrap();
        assert_eq!(r.get((1, 0)), Some(&Data::String("021".into())));
        assert_eq!(r.get((1, 1)), Some(&Data::Float(1959.63)));
        assert_eq!(r.get((1, 2)), Some(&Data::Float(3.0)));
    }
}
