//! `yusuan explain` (issue 13) run as a user runs it, on the fixtures: the
//! published figures it prints are the fixtures' published cells (their
//! `expected/` files, from the seeds), the exact 元 total it prints rounds to
//! them, and the listed lines add up to that total. Bad table, row or column
//! names get a Chinese message listing the valid ones, exit code 2.

use std::process::{Command, Output};

use yusuan_fixtures::{fixture_dir, read_expected};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .output()
        .expect("the program runs")
}

fn explain(fixture: &str, args: &[&str]) -> String {
    let import = fixture_dir(fixture).join("import");
    let mut all = vec!["explain", import.to_str().unwrap()];
    all.extend(args);
    let o = run(&all);
    assert!(
        o.status.success(),
        "{fixture} {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// The published values of the expected row whose keys are `keys`.
fn expected(fixture: &str, table: &str, keys: &[&str]) -> Vec<String> {
    let rows = read_expected(&fixture_dir(fixture).join("expected").join(format!("{table}.csv")));
    rows.into_iter()
        .find(|e| e.keys == keys)
        .unwrap_or_else(|| panic!("{fixture} {table}: no expected row {keys:?}"))
        .values
}

/// "1,234.56" → 123456 (the digits, sign kept).
fn digits(s: &str) -> i128 {
    let t: String = s.chars().filter(|c| c.is_ascii_digit() || *c == '-').collect();
    t.parse().unwrap_or_else(|_| panic!("not a number: {s}"))
}

fn decimals(s: &str) -> u32 {
    s.split_once('.').map_or(0, |(_, f)| f.len() as u32)
}

/// 元 with two decimals rounded half-up to 万元 of `d` decimals, as digits.
fn wan(fen: i128, d: u32) -> i128 {
    let q = fen * 10i128.pow(d);
    (q + 500_000) / 1_000_000
}

/// Per printed cell: (the listed amounts in 分 with their signs, 合计（元） in
/// 分, 公布数).
fn cells(out: &str) -> Vec<(Vec<i128>, i128, String)> {
    let mut v = Vec::new();
    let mut lines = Vec::new();
    let mut total = None;
    for l in out.lines() {
        // A listed line: indented, its amount after the last wide space.
        let listed = l.starts_with("  ") && !l.trim_start().starts_with("另有");
        if let Some(a) = l
            .strip_suffix(" 元")
            .filter(|_| listed)
            .and_then(|l| l.rsplit('　').next())
        {
            let neg = a.starts_with('−');
            let f = digits(a.trim_start_matches('−'));
            lines.push(if neg { -f } else { f });
        } else if let Some(t) = l.strip_prefix("合计（元）：") {
            total = Some(digits(t));
        } else if let Some(p) = l.strip_prefix("公布数（万元）：") {
            v.push((std::mem::take(&mut lines), total.take().unwrap(), p.to_string()));
        }
    }
    v
}

/// Every amount column of one row: printed figures = published cells, the
/// exact total rounds to them, the lines add up to the total.
fn check_row(fixture: &str, table: &str, row: &str, keys: &[&str]) {
    let out = explain(fixture, &[table, row]);
    let want = expected(fixture, table, keys);
    let got = cells(&out);
    assert_eq!(got.len(), want.len(), "{fixture} {table} {row}:\n{out}");
    for ((lines, total, published), want) in got.iter().zip(&want) {
        let blank = want.is_empty();
        if blank {
            assert_eq!(published, "空白（0）", "{fixture} {table} {row}");
            assert_eq!(*total, 0);
        } else {
            assert_eq!(published, want, "{fixture} {table} {row}");
            assert_eq!(
                wan(*total, decimals(want)),
                digits(want),
                "{fixture} {table} {row}: {total} 分 → {want}"
            );
        }
        assert_eq!(lines.iter().sum::<i128>(), *total, "{fixture} {table} {row}:\n{out}");
    }
}

#[test]
fn explain_prints_the_published_figures_of_a_budget_row() {
    // Zhengzhou: one decimal, blanks for zero.
    check_row(
        "zhengzhou-2024",
        "预算05表",
        "2150501",
        &["215", "05", "01", "行政运行"],
    );
    check_row(
        "zhengzhou-2024",
        "预算05表",
        "行政单位离退休",
        &["208", "05", "01", "行政单位离退休"],
    );
    // Yima: the 尾差 row (its 项 add up to 1,959.62).
    check_row("yima-2024", "预算05表", "合计", &["合计"]);
    check_row("yima-2024", "预算03表", "2150501", &["215", "05", "01", "行政运行"]);
}

#[test]
fn explain_lists_the_lines_of_one_column() {
    let out = explain(
        "zhengzhou-2024",
        &["预算05表", "2150501", "基本支出 人员经费 对个人和家庭的补助"],
    );
    let got = cells(&out);
    assert_eq!(got.len(), 1, "{out}");
    // 21.6 万元 published (expected/预算05表.csv), one 30305 line.
    assert_eq!(got[0].2, "21.6");
    assert_eq!(got[0].0.len(), 1, "{out}");
    assert!(out.contains("经济 30305"), "{out}");
    assert!(out.contains("基本支出 第"), "{out}");
    // Its last part is enough when that is unique.
    assert_eq!(
        explain("zhengzhou-2024", &["预算05表", "2150501", "对个人和家庭的补助"]),
        out
    );
}

#[test]
fn explain_of_three_public_names_the_column_in_place_of_the_row() {
    // 预算08表 has one unlabelled row: |,7.00,,4.00,,4.00,3.00
    let out = explain("yima-2024", &["预算08表", "公务接待费"]);
    let got = cells(&out);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].2, expected("yima-2024", "预算08表", &[])[5]);
    assert!(out.contains("经济 30217"), "{out}");
}

#[test]
fn explain_prints_the_published_figures_of_a_final_row() {
    check_row(
        "pingdingshan-2023",
        "公开05表",
        "2080505",
        &["2080505", "机关事业单位基本养老保险缴费支出"],
    );
    check_row("pingdingshan-2023", "公开05表", "合计", &["合计"]);
    check_row(
        "jiaozuo-2022",
        "公开05表",
        "2080505",
        &["2080505", "机关事业单位基本养老保险缴费支出"],
    );
    check_row("jiaozuo-2022", "公开03表", "合计", &["合计"]);
}

#[test]
fn a_derived_closing_balance_lists_what_is_subtracted() {
    let out = explain("pingdingshan-2023", &["公开01表", "年末结转和结余"]);
    assert!(out.contains("相加减"), "{out}");
    // What it is made of, by kind: 本年收入 less 基本支出 and 项目支出.
    assert!(out.contains("按类：本年收入 "), "{out}");
    assert!(out.contains(" − 基本支出 "), "{out}");
    assert!(out.contains("−"), "{out}");
    for (lines, total, _) in cells(&out) {
        assert_eq!(lines.iter().sum::<i128>(), total);
    }
}

fn refused(fixture: &str, args: &[&str], words: &[&str]) {
    let import = fixture_dir(fixture).join("import");
    let mut all = vec!["explain", import.to_str().unwrap()];
    all.extend(args);
    let o = run(&all);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
    for w in words {
        assert!(err.contains(w), "{args:?}: {err} lacks {w}");
    }
}

#[test]
fn unknown_table_row_or_column_is_refused_with_the_valid_ones() {
    let z = "zhengzhou-2024";
    refused(
        z,
        &["预算15表", "2150501"],
        &["错误：", "预算15表", "预算01表…预算14表"],
    );
    refused(z, &["公开01表", "2150501"], &["公开01表", "预算01表…预算14表"]);
    refused(
        "pingdingshan-2023",
        &["预算05表", "2150501"],
        &["预算05表", "公开01表…公开09表"],
    );
    refused(
        z,
        &["预算05表", "9999999"],
        &["没有“9999999”这一行", "215 05 01 行政运行"],
    );
    refused(
        z,
        &["预算05表", "2150501", "人头费"],
        &["没有“人头费”这一栏", "基本支出 小计"],
    );
    refused(
        z,
        &["预算05表", "2150501", "小计"],
        &["不止一栏", "基本支出 小计", "项目支出 小计"],
    );
    refused("pingdingshan-2023", &["公开09表", "全年"], &["公开09表", "预算数 合计"]);
}
