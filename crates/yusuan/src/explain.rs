//! `yusuan explain INPUT TABLE ROW [COLUMN]`: where a published figure comes
//! from — the entered lines that make it up, their exact sum in 元 and the
//! figure as published (issue 13). The engine finds the lines
//! (`yusuan_engine::explain`); this finds the cell a user names and prints.

use std::fmt::Write as _;
use std::process::ExitCode;

use yusuan_engine::explain::{Explanation, amount_of, column_label, row_label};
use yusuan_engine::final_accounts;
use yusuan_model::Document;
use yusuan_model::Yuan as Decimal;
use yusuan_report::table::{Cell, Table, format_number_with};

/// Runs the command on a loaded package; the text goes to stdout, a
/// problem to stderr with exit code 2.
pub fn run(doc: &Document, table: &str, row: &str, column: Option<&str>) -> ExitCode {
    match explain_text(doc, table, row, column) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("错误：{e}");
            ExitCode::from(2)
        }
    }
}

/// The printed explanation, or a Chinese message saying what is wrong.
pub fn explain_text(doc: &Document, table: &str, row: &str, column: Option<&str>) -> Result<String, String> {
    let tables = match doc {
        Document::Budget(p) => yusuan_engine::compute(p).tables,
        Document::Final(f) => final_accounts::compute(f).tables,
    };
    let t = find_table(&tables, table, matches!(doc, Document::Final(_)))?;
    let (rows, column) = match find_rows(t, row) {
        Ok(rows) => (rows, column),
        // 预算08 and 公开09 have one row and no label: its columns are named
        // in the place of the row (`预算08表 公务接待费`), or it is `1`.
        Err(e) => match single_unlabelled_row(t) {
            Some(r) if column.is_none() && matches!(row.trim(), "1" | "第1行") => (vec![(r, 0)], None),
            Some(r) if column.is_none() => (vec![(r, 0)], Some(row)),
            _ => return Err(e),
        },
    };
    let mut out = format!("{} {}\n", t.label, t.title);
    for (r, from) in rows {
        let columns = match column {
            Some(c) => vec![find_column(t, r, c)?],
            None => amount_columns(t, r, from),
        };
        let cells: Vec<(usize, usize)> = columns.iter().map(|&c| (r, c)).collect();
        let texts: Vec<String> = match doc {
            Document::Budget(p) => (yusuan_engine::explain::explain_cells(p, t.number, &cells).iter())
                .map(print)
                .collect(),
            Document::Final(f) => (final_accounts::explain::explain_cells(f, t.number, &cells).iter())
                .map(print)
                .collect(),
        };
        if texts.is_empty() {
            let _ = writeln!(out, "\n行：{}：此行没有金额", row_label(t, r));
        }
        for text in texts {
            out.push('\n');
            out.push_str(&text);
        }
    }
    Ok(out)
}

/// `预算05表`, `预算05`, `公开3表`: the table of that kind and number.
fn find_table<'a>(tables: &'a [Table], name: &str, is_final: bool) -> Result<&'a Table, String> {
    let name = name.trim();
    let digits: String = name.chars().filter(|c| c.is_ascii_digit()).collect();
    let kind = if is_final { "公开" } else { "预算" };
    let other = if is_final { "预算" } else { "公开" };
    let list = format!(
        "{}…{}",
        tables.first().map_or("", |t| t.label.as_str()),
        tables.last().map_or("", |t| t.label.as_str())
    );
    if name.starts_with(other) {
        let what = if is_final { "决算包" } else { "预算包" };
        return Err(format!("“{name}”不是这个{what}的表：{what}的表是 {list}"));
    }
    let rest = name.trim_start_matches(kind).trim_end_matches('表');
    let number: Option<u8> = (!digits.is_empty() && rest == digits)
        .then(|| digits.parse().ok())
        .flatten();
    number
        .and_then(|n| tables.iter().find(|t| t.number == n))
        .ok_or_else(|| format!("没有“{name}”这张表：可选 {list}"))
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A label without its leading ordinal (`一、`, `（一）`) or `其中：`.
fn bare(s: &str) -> &str {
    let s = s.trim();
    let s = s.strip_prefix("其中：").unwrap_or(s);
    match s.find('、') {
        Some(i)
            if s[..i]
                .chars()
                .all(|c| "一二三四五六七八九十（）()0123456789".contains(c)) =>
        {
            &s[i + '、'.len_utf8()..]
        }
        _ => s,
    }
}

/// The rows a user means by `key`: its code (the code cells together, so
/// `2150501` finds 215 | 05 | 01, or one of them: 公开01's 行次), or a label as printed (with or without its
/// ordinal). Each row with the column of the label that matched (the amounts
/// right of it are that item's, as in 预算01's two sides).
fn find_rows(t: &Table, key: &str) -> Result<Vec<(usize, usize)>, String> {
    let key = squeeze(key);
    let mut by_code = Vec::new();
    let mut by_text = Vec::new();
    let mut by_bare = Vec::new();
    for (r, row) in t.rows.iter().enumerate() {
        let code: String = row
            .cells
            .iter()
            .filter_map(|c| match c {
                Cell::Code(s) => Some(s.as_str()),
                _ => None,
            })
            .collect();
        let first = row.cells.iter().position(|c| matches!(c, Cell::Code(_)));
        if !key.is_empty() && code == key {
            by_code.push((r, first.unwrap_or(0)));
        }
        for (c, cell) in row.cells.iter().enumerate() {
            if let Cell::Code(s) = cell
                && code != key
                && squeeze(s) == key
            {
                // One code among several: 公开01's 行次 of either side.
                by_code.push((r, c));
            }
            if let Cell::Text(s) = cell {
                if squeeze(s) == key {
                    by_text.push((r, c));
                } else if squeeze(bare(s)) == key {
                    by_bare.push((r, c));
                }
            }
        }
    }
    for found in [by_code, by_text, by_bare] {
        if !found.is_empty() {
            return Ok(found);
        }
    }
    let mut names: Vec<String> = Vec::new();
    for r in 0..t.rows.len() {
        if t.rows[r].cells.iter().any(|c| amount_of(c).is_some()) {
            let l = row_label(t, r);
            if !l.is_empty() && !names.contains(&l) {
                names.push(l);
            }
        }
    }
    if names.is_empty() {
        return Err(format!(
            "{}没有“{key}”这一行：本表只有一行金额，没有项目名称，请给出栏名（表头文字）或 1",
            t.label
        ));
    }
    let shown = names.iter().take(12).cloned().collect::<Vec<_>>().join("；");
    let more = if names.len() > 12 {
        format!(" 等 {} 行", names.len())
    } else {
        String::new()
    };
    Err(format!(
        "{}没有“{key}”这一行：请给出行的科目编码或表中印出的项目名称，例如 {shown}{more}",
        t.label
    ))
}

/// The row of a table whose only amount row has no label (预算08, 公开09).
fn single_unlabelled_row(t: &Table) -> Option<usize> {
    let rows: Vec<usize> = (0..t.rows.len())
        .filter(|&r| t.rows[r].cells.iter().any(|c| amount_of(c).is_some()))
        .collect();
    match rows[..] {
        [r] if row_label(t, r).is_empty() => Some(r),
        _ => None,
    }
}

/// The amount columns of row `r` that belong to the label in column `from`:
/// from it to the next text cell.
fn amount_columns(t: &Table, r: usize, from: usize) -> Vec<usize> {
    let cells = &t.rows[r].cells;
    let mut v = Vec::new();
    for (c, cell) in cells.iter().enumerate().skip(from + 1) {
        if matches!(cell, Cell::Text(_)) && !v.is_empty() {
            break;
        }
        if amount_of(cell).is_some() {
            v.push(c);
        }
    }
    v
}

/// The column a user means by its header: the whole header (`基本支出 小计`,
/// spaces optional), its last part when that is unique (`工资福利支出`), or
/// its 栏次 number.
fn find_column(t: &Table, r: usize, key: &str) -> Result<usize, String> {
    let key = squeeze(key);
    let amount_cols: Vec<usize> = (0..t.columns.len())
        .filter(|&c| t.rows[r].cells.get(c).and_then(amount_of).is_some())
        .collect();
    let label = |c: usize| squeeze(&column_label(t, c));
    let last = |c: usize| {
        let l = column_label(t, c);
        squeeze(l.rsplit(' ').next().unwrap_or(&l))
    };
    let number = |c: usize| {
        t.header
            .iter()
            .any(|h| h.col == c && h.cols == 1 && h.text.chars().all(|d| d.is_ascii_digit()) && h.text == key)
    };
    for test in [
        &(|c: usize| label(c) == key) as &dyn Fn(usize) -> bool,
        &|c: usize| number(c),
        &|c: usize| last(c) == key,
        &|c: usize| label(c).ends_with(&key),
    ] {
        let found: Vec<usize> = amount_cols.iter().copied().filter(|&c| test(c)).collect();
        match found.len() {
            0 => continue,
            1 => return Ok(found[0]),
            _ => {
                let names: Vec<String> = found.iter().map(|&c| column_label(t, c)).collect();
                return Err(format!(
                    "{}有不止一栏叫“{key}”：请写全，如 {}",
                    t.label,
                    names.join("；")
                ));
            }
        }
    }
    let names: Vec<String> = amount_cols.iter().map(|&c| column_label(t, c)).collect();
    Err(format!("{}这一行没有“{key}”这一栏：可选 {}", t.label, names.join("；")))
}

/// An amount in 元 with thousands separators and (at least) two decimals,
/// every decimal kept.
fn yuan(v: Decimal) -> String {
    format_number_with(v, v.scale().max(2), true)
}

/// One explanation as text.
pub fn print<I>(e: &Explanation<I>) -> String {
    let mut s = String::new();
    let row = if e.row_label.is_empty() {
        "（本表唯一一行）"
    } else {
        &e.row_label
    };
    let _ = writeln!(s, "行：{row}　栏：{}", e.column_label);
    let _ = writeln!(s, "{}", e.summary());
    if let Some(parts) = e.parts_text(yuan) {
        let _ = writeln!(s, "按类：{parts}");
    }
    for (i, l) in e.lines.iter().enumerate() {
        let info = &l.info;
        let mut parts: Vec<String> = Vec::new();
        let mut place = info.kind.clone();
        if info.number > 0 {
            let _ = write!(place, " 第{}行", info.number);
        }
        parts.push(place);
        if !info.project.is_empty() {
            parts.push(format!("项目 {}", info.project));
        }
        for (name, v) in [
            ("单位", &info.unit),
            ("功能", &info.func),
            ("经济", &info.econ),
            ("政府经济", &info.gov),
            ("资金来源", &info.source),
        ] {
            if !v.is_empty() {
                parts.push(format!("{name} {v}"));
            }
        }
        if !info.detail.is_empty() {
            parts.push(info.detail.clone());
        }
        let sign = match l.times {
            1 => String::new(),
            -1 => "−".to_string(),
            n => format!("{n}×"),
        };
        let _ = writeln!(s, "  {:>3}. {}　{sign}{} 元", i + 1, parts.join("，"), yuan(l.amount));
    }
    if !e.other.is_zero() {
        let _ = writeln!(s, "  另有不来自输入行的 {} 元", yuan(e.other));
    }
    let _ = writeln!(s, "合计（元）：{}", yuan(e.sum + e.other));
    if e.sum + e.other != e.cell {
        let _ = writeln!(s, "本格（元）：{}", yuan(e.cell));
    }
    let published = if e.published.is_empty() {
        "空白（0）".to_string()
    } else {
        e.published.clone()
    };
    let _ = writeln!(s, "公布数（万元）：{published}");
    s
}
