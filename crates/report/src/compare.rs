//! This year's table beside last year's: each row of this year's table is
//! matched with last year's row of the same codes and labels, and the
//! preview shows a 上年数 column and the change (增减) beside this year's
//! figure. The tables themselves stay as the engine made them: the
//! comparison is a new [`Table`] built from both.
//!
//! The figure compared is the table's first amount column (its 合计, or the
//! 金额 of 预算01's 收入 side). A row's key is the text and code cells left
//! of that column (类/款/项 codes and names, 单位代码, labels); the n-th row
//! of a key is matched with last year's n-th row of that key, and rows
//! without any key (预算08's single row) by their order.

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::table::{Cell, Column, ColumnKind, HeaderCell, Row, Table};

/// The column compared: the first amount column, if the table has one.
pub fn compared_column(t: &Table) -> Option<usize> {
    t.columns.iter().position(|c| c.kind == ColumnKind::Amount)
}

/// The key of a row: its non-empty text and code cells left of `col`, trimmed.
pub fn row_key(row: &Row, col: usize) -> String {
    row.cells
        .iter()
        .take(col)
        .filter_map(Cell::as_text)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("|")
}

fn amount(row: &Row, col: usize) -> Option<Decimal> {
    match row.cells.get(col) {
        Some(Cell::Amount(y)) | Some(Cell::Masked(y)) => Some(*y),
        _ => None,
    }
}

/// For each row of `this`, last year's figure (exact 元) in the compared
/// column of the matching row of `last`: `None` when no row matches (or it
/// has no figure there).
pub fn match_rows(this: &Table, last: &Table) -> Vec<Option<Decimal>> {
    let (Some(col), Some(last_col)) = (compared_column(this), compared_column(last)) else {
        return vec![None; this.rows.len()];
    };
    // Last year's rows by key, in order.
    let mut by_key: HashMap<String, Vec<&Row>> = HashMap::new();
    for r in &last.rows {
        by_key.entry(row_key(r, last_col)).or_default().push(r);
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    this.rows
        .iter()
        .map(|r| {
            let key = row_key(r, col);
            let n = seen.entry(key.clone()).or_default();
            let found = by_key.get(&key).and_then(|rows| rows.get(*n)).copied();
            *n += 1;
            found.and_then(|l| amount(l, last_col))
        })
        .collect()
}

/// `this` with two columns added at the right, 上年数 and 增减 (this year's
/// figure minus last year's), for the compared column; `this` unchanged
/// when it has no amount column.
pub fn with_last_year(this: &Table, last: &Table) -> Table {
    let mut t = this.clone();
    let Some(col) = compared_column(this) else {
        return t;
    };
    let matched = match_rows(this, last);
    let rows = t.header_rows.max(1);
    t.header_rows = rows;
    let n = t.columns.len();
    let named = |i: usize| {
        this.header
            .iter()
            .find(|h| h.col == col && h.cols == 1 && h.row + h.rows == i)
            .map(|h| h.text.clone())
            .unwrap_or_default()
    };
    let what = named(this.header_rows);
    for (i, text) in [format!("上年数{}", paren(&what)), "增减".to_string()]
        .into_iter()
        .enumerate()
    {
        t.header.push(HeaderCell {
            text,
            row: 0,
            col: n + i,
            rows,
            cols: 1,
        });
        t.columns.push(Column {
            kind: ColumnKind::Amount,
            width: 9.0,
        });
    }
    for (row, last) in t.rows.iter_mut().zip(matched) {
        row.cells.resize(n, Cell::Empty);
        let cur = amount(row, col);
        match (cur, last) {
            (Some(cur), Some(last)) => {
                row.cells.push(Cell::Amount(last));
                row.cells.push(Cell::Amount(cur - last));
            }
            (None, Some(last)) => {
                row.cells.push(Cell::Amount(last));
                row.cells.push(Cell::Empty);
            }
            _ => {
                row.cells.push(Cell::Empty);
                row.cells.push(Cell::Empty);
            }
        }
    }
    t
}

fn paren(s: &str) -> String {
    if s.trim().is_empty() {
        String::new()
    } else {
        format!("（{}）", s.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::{AmountStyle, RowRole};

    fn table(rows: &[(&str, &str, i64)]) -> Table {
        Table {
            number: 3,
            label: "预算03表".into(),
            title: "支出预算总表".into(),
            department: String::new(),
            unit_line: String::new(),
            header: vec![
                HeaderCell {
                    text: "科目编码".into(),
                    row: 0,
                    col: 0,
                    rows: 1,
                    cols: 1,
                },
                HeaderCell {
                    text: "科目名称".into(),
                    row: 0,
                    col: 1,
                    rows: 1,
                    cols: 1,
                },
                HeaderCell {
                    text: "合计".into(),
                    row: 0,
                    col: 2,
                    rows: 1,
                    cols: 1,
                },
            ],
            header_rows: 1,
            columns: vec![
                Column {
                    kind: ColumnKind::Code,
                    width: 6.0,
                },
                Column {
                    kind: ColumnKind::Text,
                    width: 10.0,
                },
                Column {
                    kind: ColumnKind::Amount,
                    width: 9.0,
                },
            ],
            rows: rows
                .iter()
                .map(|(code, name, a)| Row {
                    role: RowRole::Item,
                    cells: vec![Cell::code(*code), Cell::text(*name), Cell::Amount(Decimal::from(*a))],
                })
                .collect(),
            merges: vec![],
            note: None,
            decimals: 2,
            style: AmountStyle::BUDGET,
        }
    }

    #[test]
    fn rows_are_matched_by_code_and_label_not_position() {
        let this = table(&[
            ("", "合计", 300),
            ("2010101", "行政运行", 100),
            ("2080505", "养老", 200),
        ]);
        // Last year: another order, a row gone, a row this year does not have.
        let last = table(&[("", "合计", 260), ("2080505", "养老", 150), ("2130101", "农业", 10)]);
        let m = match_rows(&this, &last);
        assert_eq!(m, vec![Some(Decimal::from(260)), None, Some(Decimal::from(150))]);
        let t = with_last_year(&this, &last);
        assert_eq!(t.columns.len(), 5);
        assert_eq!(t.header[3].text, "上年数（合计）");
        assert_eq!(t.header[4].text, "增减");
        assert_eq!(
            t.rows[0].cells[3..],
            [Cell::Amount(260.into()), Cell::Amount(40.into())]
        );
        assert_eq!(t.rows[1].cells[3..], [Cell::Empty, Cell::Empty]);
        assert_eq!(
            t.rows[2].cells[3..],
            [Cell::Amount(150.into()), Cell::Amount(50.into())]
        );
        // This year's cells are untouched.
        assert_eq!(t.rows[2].cells[..3], this.rows[2].cells[..]);
    }

    #[test]
    fn repeated_and_empty_keys_match_in_order() {
        let this = table(&[("", "", 5), ("", "", 6), ("301", "工资", 1), ("301", "工资", 2)]);
        let last = table(&[("301", "工资", 10), ("", "", 7), ("301", "工资", 20)]);
        assert_eq!(
            match_rows(&this, &last),
            vec![Some(7.into()), None, Some(10.into()), Some(20.into())]
        );
    }

    #[test]
    fn a_table_without_amounts_is_left_as_it_is() {
        let mut this = table(&[("1", "a", 1)]);
        this.columns[2].kind = ColumnKind::Text;
        this.rows[0].cells[2] = Cell::text("文字");
        assert_eq!(with_last_year(&this, &this), this);
        assert_eq!(match_rows(&this, &this), vec![None]);
    }
}
