//! This year's table beside last year's: each row of this year's table is
//! matched with last year's row of the same codes and labels, and the
//! preview shows a 上年数 column and the change (增减) beside this year's
//! figure. The tables themselves stay as the engine made them: the
//! comparison is a new [`Table`] built from both.
//!
//! The figure compared is one amount column, the table's first (its 合计,
//! or the 金额 of 预算01's 收入 side) unless another is chosen
//! ([`with_last_year_in`]); last year's column is the one under the same
//! header path (`基本支出/人员经费`). One chosen column rather than 上年数 and
//! 增减 beside every column: a preview of 14 amount columns (预算05, 公开05)
//! would grow to 42, wider than the window, and the reader compares one
//! figure at a time; the preview offers the column in a selector.
//!
//! A row's key is the text and code cells left of the first amount column
//! (类/款/项 codes and names, 单位代码, labels), whichever column is
//! compared; the n-th row of a key is matched with last year's n-th row of
//! that key, and rows without any key (预算08's single row) by their order.

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::table::{Cell, Column, ColumnKind, HeaderCell, Row, Table};

/// The column compared: the first amount column, if the table has one.
pub fn compared_column(t: &Table) -> Option<usize> {
    t.columns.iter().position(|c| c.kind == ColumnKind::Amount)
}

/// The header path of a column: the texts of the header cells above it,
/// top to bottom, joined by `/` (`基本支出/人员经费`).
pub fn column_path(t: &Table, col: usize) -> String {
    let mut cells: Vec<&HeaderCell> = t
        .header
        .iter()
        .filter(|h| h.col <= col && col < h.col + h.cols.max(1) && !h.text.trim().is_empty())
        .collect();
    cells.sort_by_key(|h| h.row);
    cells.iter().map(|h| h.text.trim()).collect::<Vec<_>>().join("/")
}

/// The amount columns a preview can compare, each with its header path.
pub fn amount_columns(t: &Table) -> Vec<(usize, String)> {
    (0..t.columns.len())
        .filter(|&c| t.columns[c].kind == ColumnKind::Amount)
        .map(|c| (c, column_path(t, c)))
        .collect()
}

/// Last year's column for this year's `col`: the amount column under the
/// same header path; the first amount column of each when `col` is this
/// year's first.
fn last_column(this: &Table, last: &Table, col: usize) -> Option<usize> {
    let path = column_path(this, col);
    amount_columns(last)
        .into_iter()
        .find(|(_, p)| *p == path)
        .map(|(c, _)| c)
        .or_else(|| {
            (Some(col) == compared_column(this))
                .then(|| compared_column(last))
                .flatten()
        })
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
    match compared_column(this) {
        Some(col) => match_rows_in(this, last, col),
        None => vec![None; this.rows.len()],
    }
}

/// [`match_rows`] for the amount column `col` of `this` (last year's figure
/// in the column of the same header path).
pub fn match_rows_in(this: &Table, last: &Table, col: usize) -> Vec<Option<Decimal>> {
    let (Some(key_col), Some(last_key_col), Some(last_col)) = (
        compared_column(this),
        compared_column(last),
        last_column(this, last, col),
    ) else {
        return vec![None; this.rows.len()];
    };
    // Last year's rows by key, in order.
    let mut by_key: HashMap<String, Vec<&Row>> = HashMap::new();
    for r in &last.rows {
        by_key.entry(row_key(r, last_key_col)).or_default().push(r);
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    this.rows
        .iter()
        .map(|r| {
            let key = row_key(r, key_col);
            let n = seen.entry(key.clone()).or_default();
            let found = by_key.get(&key).and_then(|rows| rows.get(*n)).copied();
            *n += 1;
            found.and_then(|l| amount(l, last_col))
        })
        .collect()
}

/// `this` with two columns added at the right, 上年数 and 增减 (this year's
/// figure minus last year's), for the first amount column; `this`
/// unchanged when it has no amount column.
pub fn with_last_year(this: &Table, last: &Table) -> Table {
    match compared_column(this) {
        Some(col) => with_last_year_in(this, last, col),
        None => this.clone(),
    }
}

/// [`with_last_year`] for the amount column `col` of `this`; `this`
/// unchanged when `col` is not an amount column.
pub fn with_last_year_in(this: &Table, last: &Table, col: usize) -> Table {
    let mut t = this.clone();
    if this.columns.get(col).is_none_or(|c| c.kind != ColumnKind::Amount) {
        return t;
    }
    let matched = match_rows_in(this, last, col);
    let rows = t.header_rows.max(1);
    t.header_rows = rows;
    let n = t.columns.len();
    let what = column_path(this, col);
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

    /// A 预算03-shaped table: 类, 科目名称, then 合计, 基本支出 (人员经费,
    /// 公用经费) and 项目支出 under a two-row header; figures in 万元.
    fn table_03(rows: &[(&str, &str, [&str; 4])]) -> Table {
        let h = |text: &str, row, col, rows, cols| HeaderCell {
            text: text.into(),
            row,
            col,
            rows,
            cols,
        };
        let wan = |s: &str| match s {
            "" => Cell::Empty,
            s => Cell::Amount(s.parse::<Decimal>().unwrap() * Decimal::from(10_000)),
        };
        let mut t = table(&[]);
        t.header = vec![
            h("科目编码", 0, 0, 2, 1),
            h("科目名称", 0, 1, 2, 1),
            h("合计", 0, 2, 2, 1),
            h("基本支出", 0, 3, 1, 2),
            h("人员经费", 1, 3, 1, 1),
            h("公用经费", 1, 4, 1, 1),
            h("项目支出", 0, 5, 2, 1),
        ];
        t.header_rows = 2;
        t.columns.extend((0..3).map(|_| Column {
            kind: ColumnKind::Amount,
            width: 9.0,
        }));
        t.rows = rows
            .iter()
            .map(|(code, name, a)| Row {
                role: RowRole::Item,
                cells: [Cell::code(*code), Cell::text(*name)]
                    .into_iter()
                    .chain(a.iter().map(|x| wan(x)))
                    .collect(),
            })
            .collect();
        t
    }

    fn wan(s: &str) -> Cell {
        Cell::Amount(s.parse::<Decimal>().unwrap() * Decimal::from(10_000))
    }

    /// 义马 2024 预算03 (`fixtures/yima-2024/expected/预算03表.csv`): 合计
    /// 1,959.63, 基本支出 人员经费 153.02 … 公用经费 16.06, 项目支出 1,773.50;
    /// 2150501 行政运行 231.02 = 人员 119.91 + 公用 16.06 (+ 对个人 17.05,
    /// not in this shape) + 项目 78.00; 2080505 养老 15.17 all 人员经费.
    /// Last year (made up, rows in another order, 2060299 missing): 2150501
    /// 人员经费 110.00, 公用经费 20.00; 2080505 人员经费 14.00.
    #[test]
    fn a_chosen_column_is_compared_under_its_header_path() {
        let this = table_03(&[
            ("", "合计", ["1959.63", "153.02", "16.06", "1773.50"]),
            ("2060299", "其他基础研究支出", ["40.00", "", "", "40.00"]),
            (
                "2080505",
                "机关事业单位基本养老保险缴费支出",
                ["15.17", "15.17", "", ""],
            ),
            ("2150501", "行政运行", ["231.02", "119.91", "16.06", "78.00"]),
        ]);
        let last = table_03(&[
            ("2150501", "行政运行", ["220.00", "110.00", "20.00", "90.00"]),
            (
                "2080505",
                "机关事业单位基本养老保险缴费支出",
                ["14.00", "14.00", "", ""],
            ),
            ("", "合计", ["1800.00", "140.00", "20.00", "1640.00"]),
        ]);
        assert_eq!(
            amount_columns(&this)
                .iter()
                .map(|(_, p)| p.as_str())
                .collect::<Vec<_>>(),
            ["合计", "基本支出/人员经费", "基本支出/公用经费", "项目支出"]
        );
        // 人员经费 (column 3).
        let t = with_last_year_in(&this, &last, 3);
        assert_eq!(t.header[t.header.len() - 2].text, "上年数（基本支出/人员经费）");
        let added = |r: usize| t.rows[r].cells[6..].to_vec();
        // 合计: 153.02 against 140.00, +13.02.
        assert_eq!(added(0), [wan("140.00"), wan("13.02")]);
        // 2060299: no row last year.
        assert_eq!(added(1), [Cell::Empty, Cell::Empty]);
        // 2080505: 15.17 against 14.00, +1.17.
        assert_eq!(added(2), [wan("14.00"), wan("1.17")]);
        // 2150501: 119.91 against 110.00, +9.91.
        assert_eq!(added(3), [wan("110.00"), wan("9.91")]);
        // 公用经费 (column 4): 2150501 16.06 against 20.00, −3.94; 2080505
        // has no figure either year.
        let t = with_last_year_in(&this, &last, 4);
        assert_eq!(t.rows[3].cells[6..], [wan("20.00"), wan("-3.94")]);
        assert_eq!(t.rows[2].cells[6..], [Cell::Empty, Cell::Empty]);
        // The first column is what `with_last_year` compares: 合计 1,959.63
        // against 1,800.00, +159.63.
        let t = with_last_year(&this, &last);
        assert_eq!(t.rows[0].cells[6..], [wan("1800.00"), wan("159.63")]);
        assert_eq!(t, with_last_year_in(&this, &last, 2));
        // A text column is not compared.
        assert_eq!(with_last_year_in(&this, &last, 1), this);
    }

    #[test]
    fn a_column_last_year_has_not_is_left_empty() {
        let this = table_03(&[("2150501", "行政运行", ["231.02", "119.91", "16.06", "78.00"])]);
        let mut last = this.clone();
        // Last year's form named the column otherwise.
        last.header[4].text = "工资福利".into();
        let t = with_last_year_in(&this, &last, 3);
        assert_eq!(t.rows[0].cells[6..], [Cell::Empty, Cell::Empty]);
        // The others still match.
        let t = with_last_year_in(&this, &last, 4);
        assert_eq!(t.rows[0].cells[6..], [wan("16.06"), wan("0")]);
    }
}
