//! `yusuan diff OLD NEW [--xlsx OUT]` as a reviewer runs it: the binary on
//! the yima fixture and an edited copy of it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use calamine::{Data, Reader, Xlsx, open_workbook};
use yusuan_fixtures::{assert_refused, fixture_dir};

fn run(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .output()
        .expect("the program runs")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A copy of yima's import folder with `edits` (file, from, to) applied.
fn edited(edits: &[(&str, &str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let import = dir.path().join("import");
    std::fs::create_dir(&import).unwrap();
    for e in std::fs::read_dir(fixture_dir("yima-2024").join("import")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), import.join(e.file_name())).unwrap();
    }
    for (file, from, to) in edits {
        let path = import.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} holds {from}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }
    (dir, import)
}

fn yima() -> PathBuf {
    fixture_dir("yima-2024").join("import")
}

#[test]
fn a_package_against_itself_says_so_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("a.yusuan");
    let o = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args([Path::new("import"), &yima(), Path::new("-o"), &saved])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    // The saved package against the import it was made from: the same.
    for (a, b) in [(&saved, &saved), (&saved, &yima())] {
        let o = run(&[Path::new("diff"), a, b]);
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(out(&o), "两个版本相同\n");
    }
}

#[test]
fn three_edits_are_reported_and_written_to_xlsx() {
    // 基本工资 of 行政运行 and the income that pays it, both up 100,000 元;
    // a 说明 text; a 上年数.
    let (dir, new) = edited(&[
        (
            "基本支出.csv",
            "021001,2150501,30101,,,,912300.00",
            "021001,2150501,30101,,,,1012300.00",
        ),
        ("收入.csv", "19596298.00", "19696298.00"),
        ("说明.csv", "主要职责,\"", "主要职责,\"（修订）"),
        ("上年数.csv", "收入总计,19816500.00", "收入总计,19900000.00"),
    ]);
    let xlsx = dir.path().join("diff.xlsx");
    let o = run(&[Path::new("diff"), &yima(), &new, Path::new("--xlsx"), &xlsx]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let text = out(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("比较两个版本："), "{text}");
    assert!(
        lines[1].starts_with("原版本指纹：") && lines[2].starts_with("新版本指纹："),
        "{text}"
    );
    assert!(lines[3].starts_with("输入变化4处（新增0、删除0、修改4）"), "{text}");
    for want in [
        "一、输入的变化（4处）",
        "修改  基本支出  单位021001 功能2150501 经济30101 一般公共预算-财政拨款：金额：912,300.00 元 → 1,012,300.00 元（+100,000.00 元）",
        "修改  收入  单位021001 一般公共预算-财政拨款：金额：19,596,298.00 元 → 19,696,298.00 元（+100,000.00 元）",
        "修改  说明  主要职责：",
        "修改  上年数  收入总计：19,816,500.00 元 → 19,900,000.00 元（+83,500.00 元）",
        "二、公开表的变化",
        "  预算01表",
        "十五、资源勘探信息等 · 支出/金额：518.62 → 528.62（+100,000.00 元）",
        "一、一般公共预算 · 收入/金额：1,959.63 → 1,969.63（+100,000.00 元）",
        "三、审核结果的变化",
    ] {
        assert!(text.contains(want), "lacks “{want}”:\n{text}");
    }
    // The changed basic line is named by its row: its place among the data rows of 基本支出.csv.
    let csv = std::fs::read_to_string(yima().join("基本支出.csv")).unwrap();
    let row = csv
        .lines()
        .skip(1)
        .position(|l| l.starts_with("021001,2150501,30101,,,,912300.00"))
        .expect("the line in the fixture")
        + 1;
    let want = format!("（+100,000.00 元）（位置：基本支出第{row}行（金额））");
    assert!(text.contains(&want), "lacks “{want}”:\n{text}");
    // Sections in order.
    let at = |s: &str| text.find(s).unwrap();
    assert!(at("一、输入的变化") < at("二、公开表的变化") && at("二、公开表的变化") < at("三、审核结果的变化"));

    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let names = wb.sheet_names().to_vec();
    assert_eq!(names[..2], ["公开表的变化".to_string(), "输入的变化".to_string()]);
    let cells = wb.worksheet_range("公开表的变化").unwrap();
    let header: Vec<String> = (0..6).map(|c| cells.get_value((0, c)).unwrap().to_string()).collect();
    assert_eq!(header, ["表", "行", "列", "原数（元）", "新数（元）", "差额（元）"]);
    let row = (1..cells.height() as u32)
        .find(|&r| {
            cells.get_value((r, 0)) == Some(&Data::String("预算01表".into()))
                && cells.get_value((r, 1)) == Some(&Data::String("十五、资源勘探信息等".into()))
        })
        .expect("the 215 class row of 01");
    assert_eq!(cells.get_value((row, 2)), Some(&Data::String("支出/金额".into())));
    assert_eq!(cells.get_value((row, 3)), Some(&Data::Float(5_186_200.0)));
    assert_eq!(cells.get_value((row, 4)), Some(&Data::Float(5_286_200.0)));
    assert_eq!(cells.get_value((row, 5)), Some(&Data::Float(100_000.0)));
    let inputs = wb.worksheet_range("输入的变化").unwrap();
    assert_eq!(inputs.height(), 5, "a header and 4 changes");
    assert_eq!(inputs.get_value((0, 7)), Some(&Data::String("位置".into())));
}

#[test]
fn another_year_is_said_in_the_head() {
    let (_dir, new) = edited(&[("封面.csv", "预算年度,2024", "预算年度,2025")]);
    let o = run(&[Path::new("diff"), &yima(), &new]);
    assert_eq!(o.status.code(), Some(1));
    let text = out(&o);
    assert!(
        text.contains("注意：两个版本的预算年度不同（原2024年，新2025年）"),
        "{text}"
    );
    assert!(text.contains("修改  概况  部门：预算年度：2024 → 2025"), "{text}");
}

#[test]
fn unreadable_files_and_different_kinds_exit_2_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("没有.yusuan");
    let o = run(&[Path::new("diff"), &yima(), &missing]);
    assert_refused(&o, &["无法读取新版本", "没有.yusuan"]);
    assert!(out(&o).is_empty());
    let bad = dir.path().join("坏.yusuan");
    std::fs::write(&bad, "不是预算包").unwrap();
    let o = run(&[Path::new("diff"), &bad, &yima()]);
    assert_refused(&o, &["无法读取原版本", "坏.yusuan"]);
    let o = run(&[
        Path::new("diff"),
        &yima(),
        &fixture_dir("pingdingshan-2023").join("import"),
    ]);
    assert_refused(&o, &["预算包", "决算包", "同一种"]);
}

#[test]
fn two_final_packages_are_compared_too() {
    let f = fixture_dir("pingdingshan-2023").join("import");
    let o = run(&[Path::new("diff"), &f, &f]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(out(&o), "两个版本相同\n");
}
