//! The import workbook (`src/import.rs`): fixtures, bad input, amounts,
//! templates and round-trips.

use std::fs;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use rust_decimal::Decimal;
use yusuan_model::*;
use yusuan_workbook::import::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(name)
        .join("import")
}

fn import_ok(path: &Path) -> Package {
    match import_path(path) {
        Ok(p) => p,
        Err(e) => panic!("import of {} failed:\n{e}", path.display()),
    }
}

fn import_err(path: &Path) -> Vec<ImportError> {
    match import_path(path) {
        Ok(_) => panic!("import of {} should fail", path.display()),
        Err(e) => {
            assert!(!e.0.is_empty());
            e.0
        }
    }
}

/// A copy of a fixture folder in a temporary directory.
fn copy_fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(fixture(name)).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    dir
}

fn read_records(dir: &Path, sheet: &str) -> Vec<Vec<String>> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(dir.join(format!("{sheet}.csv")))
        .unwrap();
    rdr.records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn write_records(dir: &Path, sheet: &str, records: &[Vec<String>]) {
    let mut w = csv::Writer::from_path(dir.join(format!("{sheet}.csv"))).unwrap();
    for r in records {
        w.write_record(r).unwrap();
    }
    w.flush().unwrap();
}

/// Sets one cell of a CSV sheet: `row` is the Excel row (header = 1).
fn set_cell(dir: &Path, sheet: &str, row: usize, column: &str, value: &str) {
    let mut records = read_records(dir, sheet);
    let col = records[0]
        .iter()
        .position(|h| h == column)
        .unwrap_or_else(|| panic!("no column {column}"));
    records[row - 1][col] = value.to_string();
    write_records(dir, sheet, &records);
}

fn get_cell(dir: &Path, sheet: &str, row: usize, column: &str) -> String {
    let records = read_records(dir, sheet);
    let col = records[0].iter().position(|h| h == column).unwrap();
    records[row - 1][col].clone()
}

/// Exactly one error, at the given place; returns its message.
fn single(errors: &[ImportError], sheet: &str, row: Option<usize>, column: Option<&str>) -> String {
    assert_eq!(errors.len(), 1, "expected one error, got: {errors:#?}");
    let e = &errors[0];
    assert_eq!(e.sheet, sheet, "{e}");
    assert_eq!(e.row, row, "{e}");
    assert_eq!(e.column.as_deref(), column, "{e}");
    let shown = e.to_string();
    assert!(shown.contains(&format!("工作表“{sheet}”")), "{shown}");
    if let Some(r) = row {
        assert!(shown.contains(&format!("第{r}行")), "{shown}");
    }
    if let Some(c) = column {
        assert!(shown.contains(&format!("“{c}”列")), "{shown}");
    }
    shown
}

// ---------------------------------------------------------------------------
// Fixtures

#[test]
fn yima_imports() {
    let p = import_ok(&fixture("yima-2024"));
    assert_eq!(p.department.name, "义马市工业信息化和科技局");
    assert_eq!(p.department.code, "021");
    assert_eq!(p.department.year, 2024);
    assert_eq!(p.department.amount_unit, AmountUnit::Wan);
    assert_eq!(p.department.decimals, 2);
    assert!(p.performance.goal.starts_with("加强工业运行监测调度"));
    assert_eq!(p.units.len(), 1);
    assert_eq!(p.units[0].code, "021001");
    assert_eq!(p.units[0].kind, UnitKind::Administrative);
    assert_eq!(p.income.len(), 1);
    assert_eq!(p.income[0].amount, Decimal::new(1959629800, 2));
    assert_eq!(p.basic_lines.len(), 19);
    let first = &p.basic_lines[0];
    assert_eq!((first.func.as_str(), first.econ.as_str()), ("2080505", "30108"));
    assert_eq!(first.amount, Decimal::new(15170000, 2));
    assert_eq!(first.source, FundSource::GeneralAppropriation);
    assert_eq!(first.kind, None);
    assert_eq!(first.gov, None);
    assert_eq!(p.basic_lines.iter().filter(|l| l.gov.is_some()).count(), 1);
    assert_eq!(p.projects.len(), 15);
    assert!(p.projects.iter().all(|x| x.lines.len() == 1));
    assert_eq!(p.projects.iter().map(|x| x.indicators.len()).sum::<usize>(), 85);
    // 二级指标 is empty throughout this fixture.
    assert!(
        p.projects
            .iter()
            .flat_map(|x| &x.indicators)
            .all(|i| i.level2.is_empty())
    );
    assert_eq!(p.performance.tasks.len(), 9);
    assert_eq!(p.performance.indicators.len(), 24);
    assert_eq!(p.performance.indicators[0].level1, "投入管理指标");
    assert_eq!(p.performance.indicators[1].level1, "");
    assert_eq!(p.last_year.0.len(), 11);
    assert_eq!(p.last_year.get(LastYearItem::GovFund), Some(Decimal::ZERO));
    assert_eq!(
        p.last_year.get(LastYearItem::Reception),
        Some(Decimal::new(16000000, 2))
    );
    assert_eq!(p.texts.len(), 13);
    assert!(p.text(TextKey::Duties).contains('\n'), "multi-line text is kept");
    assert_eq!(p.assets.vehicles_total, Some(0));
    assert_eq!(p.assets.special_equipment_over_100, Some(0));
    assert_eq!(p.assets.other_vehicles_note, "无其他车辆");
}

#[test]
fn zhengzhou_imports() {
    let p = import_ok(&fixture("zhengzhou-2024"));
    assert_eq!(p.department.decimals, 1);
    assert_eq!(p.units.len(), 6);
    assert_eq!(p.units[1].kind, UnitKind::Institution);
    assert_eq!(p.income.len(), 7);
    assert_eq!(p.basic_lines.len(), 172);
    assert_eq!(p.basic_lines.iter().filter(|l| l.kind.is_some()).count(), 7);
    assert_eq!(p.projects.len(), 20);
    assert_eq!(p.projects.iter().map(|x| x.lines.len()).sum::<usize>(), 40);
    assert_eq!(p.projects.iter().map(|x| x.indicators.len()).sum::<usize>(), 194);
    let secret: Vec<&Project> = p.projects.iter().filter(|x| x.secret).collect();
    assert_eq!(secret.len(), 1);
    assert_eq!(secret[0].name, "涉密项目一");
    assert_eq!(secret[0].kind, ProjectKind::SpecificTarget);
    let first = &p.projects[0];
    assert_eq!(first.code, "410100249999990000002");
    assert_eq!(first.lines[0].source, FundSource::OtherIncome);
    let lines: Vec<&ProjectLine> = p.projects.iter().flat_map(|x| &x.lines).collect();
    assert_eq!(lines.iter().filter(|l| l.procurement.is_some()).count(), 6);
    assert_eq!(lines.iter().filter(|l| l.gov.is_some()).count(), 4);
    assert_eq!(p.performance.tasks.len(), 19);
    assert_eq!(p.performance.indicators.len(), 58);
    assert_eq!(p.last_year.0.len(), 8);
    assert_eq!(
        p.last_year.get(LastYearItem::GovFund),
        None,
        "a missing row is not given"
    );
    assert_eq!(p.assets.vehicles_total, Some(26));
    assert_eq!(p.assets.other_vehicles, Some(5));
    assert_eq!(p.assets.enforcement_vehicles, None);
    assert_eq!(p.assets.general_equipment_over_50, Some(3));
    // Every amount has two decimal places.
    assert!(p.basic_lines.iter().all(|l| l.amount.scale() == 2));
}

#[test]
fn project_rows_keep_sheet_order() {
    let dir = fixture("zhengzhou-2024");
    let p = import_ok(&dir);
    let records = read_records(&dir, "项目绩效");
    let mut expected: Vec<(String, String)> = Vec::new();
    for x in &p.projects {
        for r in records.iter().skip(1).filter(|r| r[0] == x.code) {
            expected.push((x.code.clone(), r[3].clone()));
        }
    }
    let got: Vec<(String, String)> = p
        .projects
        .iter()
        .flat_map(|x| x.indicators.iter().map(move |i| (x.code.clone(), i.level3.clone())))
        .collect();
    assert_eq!(got, expected);
}

// ---------------------------------------------------------------------------
// Bad input (CSV folders)

#[test]
fn missing_required_sheet() {
    let dir = copy_fixture("yima-2024");
    fs::remove_file(dir.path().join("基本支出.csv")).unwrap();
    let errors = import_err(dir.path());
    let shown = single(&errors, "基本支出", None, None);
    assert!(shown.contains("缺少必需的工作表"), "{shown}");
    assert!(shown.contains("基本支出.csv"), "{shown}");
}

#[test]
fn missing_optional_sheets_are_empty() {
    let dir = copy_fixture("yima-2024");
    for s in [
        "项目",
        "项目明细",
        "项目绩效",
        "整体绩效任务",
        "整体绩效指标",
        "上年数",
        "说明",
        "资产",
    ] {
        fs::remove_file(dir.path().join(format!("{s}.csv"))).unwrap();
    }
    let p = import_ok(dir.path());
    assert!(p.projects.is_empty());
    assert!(p.texts.is_empty());
    assert!(p.last_year.0.is_empty());
    assert_eq!(p.assets, Assets::default());
    assert_eq!(p.basic_lines.len(), 19);
}

#[test]
fn missing_column() {
    let dir = copy_fixture("yima-2024");
    set_cell(dir.path(), "收入", 1, "金额", "数额");
    let errors = import_err(dir.path());
    let shown = single(&errors, "收入", Some(1), Some("金额"));
    assert!(shown.contains("缺少必需的列“金额”"), "{shown}");
}

#[test]
fn optional_columns_may_be_absent_and_extra_columns_are_ignored() {
    let dir = copy_fixture("zhengzhou-2024");
    let mut records = read_records(dir.path(), "项目明细");
    let drop = records[0].iter().position(|h| h == "政府采购类型").unwrap();
    for r in &mut records {
        r.remove(drop);
        r.push("whatever".into());
    }
    records[0].last_mut().unwrap().replace_range(.., "附注");
    write_records(dir.path(), "项目明细", &records);
    let p = import_ok(dir.path());
    assert!(
        p.projects
            .iter()
            .flat_map(|x| &x.lines)
            .all(|l| l.procurement.is_none())
    );
}

#[test]
fn text_in_amount_cell() {
    let dir = copy_fixture("yima-2024");
    set_cell(dir.path(), "基本支出", 5, "金额", "abc");
    let errors = import_err(dir.path());
    let shown = single(&errors, "基本支出", Some(5), Some("金额"));
    assert_eq!(
        shown,
        "工作表“基本支出”第5行“金额”列：应为金额（元，最多两位小数），实际为“abc”"
    );
}

#[test]
fn negative_amount() {
    let dir = copy_fixture("yima-2024");
    set_cell(dir.path(), "项目明细", 3, "金额", "-355000.00");
    let errors = import_err(dir.path());
    let shown = single(&errors, "项目明细", Some(3), Some("金额"));
    assert!(shown.contains("金额不能为负数"), "{shown}");
    assert!(shown.contains("-355000.00"), "{shown}");
}

#[test]
fn three_decimal_amount() {
    let dir = copy_fixture("yima-2024");
    set_cell(dir.path(), "收入", 2, "金额", "19596298.005");
    let errors = import_err(dir.path());
    let shown = single(&errors, "收入", Some(2), Some("金额"));
    assert!(shown.contains("最多两位小数"), "{shown}");
}

#[test]
fn too_large_amount() {
    let dir = copy_fixture("yima-2024");
    set_cell(dir.path(), "上年数", 2, "金额", "10,000,000,000,000");
    let errors = import_err(dir.path());
    let shown = single(&errors, "上年数", Some(2), Some("金额"));
    assert!(shown.contains("金额过大"), "{shown}");
}

#[test]
fn unknown_unit_in_basic_line() {
    let dir = copy_fixture("zhengzhou-2024");
    set_cell(dir.path(), "基本支出", 40, "单位代码", "021999");
    let errors = import_err(dir.path());
    let shown = single(&errors, "基本支出", Some(40), Some("单位代码"));
    assert!(shown.contains("单位代码“021999”不在“单位”工作表中"), "{shown}");
}

#[test]
fn duplicate_unit_code() {
    let dir = copy_fixture("zhengzhou-2024");
    set_cell(dir.path(), "单位", 4, "单位代码", "021001");
    let errors = import_err(dir.path());
    // The duplicate itself; the lines of the unit that disappeared point at
    // an unknown unit.
    let dup: Vec<&ImportError> = errors.iter().filter(|e| e.sheet == "单位").collect();
    assert_eq!(dup.len(), 1, "{errors:#?}");
    assert_eq!(dup[0].row, Some(4));
    assert_eq!(dup[0].column.as_deref(), Some("单位代码"));
    assert!(dup[0].message.contains("重复（第2行已有）"), "{}", dup[0]);
}

#[test]
fn duplicate_project_code() {
    let dir = copy_fixture("yima-2024");
    let code = get_cell(dir.path(), "项目", 2, "项目编码");
    let dropped = get_cell(dir.path(), "项目", 3, "项目编码");
    set_cell(dir.path(), "项目", 3, "项目编码", &code);
    // Keep the detail rows of the dropped code pointing at an existing project.
    let mut lines = read_records(dir.path(), "项目明细");
    for r in &mut lines {
        if r[0] == dropped {
            r[0] = code.clone();
        }
    }
    write_records(dir.path(), "项目明细", &lines);
    let mut indicators = read_records(dir.path(), "项目绩效");
    for r in &mut indicators {
        if r[0] == dropped {
            r[0] = code.clone();
        }
    }
    write_records(dir.path(), "项目绩效", &indicators);
    let errors = import_err(dir.path());
    let shown = single(&errors, "项目", Some(3), Some("项目编码"));
    assert!(shown.contains(&format!("项目编码“{code}”重复（第2行已有）")), "{shown}");
}

#[test]
fn unknown_income_kind() {
    let dir = copy_fixture("yima-2024");
    set_cell(dir.path(), "收入", 2, "收入类型", "财政拨款");
    let errors = import_err(dir.path());
    let shown = single(&errors, "收入", Some(2), Some("收入类型"));
    assert!(shown.contains("实际为“财政拨款”"), "{shown}");
    for s in FundSource::ALL {
        assert!(shown.contains(s.label()), "{shown} lists {}", s.label());
    }
}

#[test]
fn unknown_project_in_project_lines() {
    let dir = copy_fixture("zhengzhou-2024");
    set_cell(dir.path(), "项目明细", 7, "项目编码", "999999999");
    let errors = import_err(dir.path());
    let shown = single(&errors, "项目明细", Some(7), Some("项目编码"));
    assert!(shown.contains("项目编码“999999999”不在“项目”工作表中"), "{shown}");
}

#[test]
fn unknown_project_in_project_indicators() {
    let dir = copy_fixture("zhengzhou-2024");
    set_cell(dir.path(), "项目绩效", 11, "项目编码", "123");
    let errors = import_err(dir.path());
    single(&errors, "项目绩效", Some(11), Some("项目编码"));
}

#[test]
fn bad_year() {
    for bad in ["二〇二四", "2024.5", "abc", "24"] {
        let dir = copy_fixture("yima-2024");
        let mut records = read_records(dir.path(), "封面");
        records[2][1] = bad.to_string();
        write_records(dir.path(), "封面", &records);
        let errors = import_err(dir.path());
        let shown = single(&errors, "封面", Some(3), Some("B"));
        assert!(shown.contains("预算年度应为四位数年份"), "{shown}");
        assert!(shown.contains(&format!("实际为“{bad}”")), "{shown}");
    }
}

#[test]
fn year_with_suffix_is_accepted() {
    let dir = copy_fixture("yima-2024");
    let mut records = read_records(dir.path(), "封面");
    records[2][1] = " ２０２５年 ".to_string();
    write_records(dir.path(), "封面", &records);
    assert_eq!(import_ok(dir.path()).department.year, 2025);
}

#[test]
fn cover_missing_key_and_bad_decimals() {
    let dir = copy_fixture("yima-2024");
    let mut records = read_records(dir.path(), "封面");
    records.retain(|r| r[0] != "部门名称");
    for r in &mut records {
        if r[0] == "小数位数" {
            r[1] = "3".into();
        }
    }
    write_records(dir.path(), "封面", &records);
    let errors = import_err(dir.path());
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(errors.iter().any(|e| e.to_string().contains("缺少必填项“部门名称”")));
    assert!(
        errors
            .iter()
            .any(|e| e.row == Some(4) && e.message.contains("小数位数应为0、1或2"))
    );
}

#[test]
fn unknown_enumerations() {
    let dir = copy_fixture("zhengzhou-2024");
    set_cell(dir.path(), "单位", 2, "单位性质", "企业");
    set_cell(dir.path(), "基本支出", 3, "经费类型", "人员");
    set_cell(dir.path(), "基本支出", 4, "资金来源", "自有资金");
    set_cell(dir.path(), "项目", 2, "项目类型", "运转类");
    set_cell(dir.path(), "项目", 3, "涉密", "保密");
    set_cell(dir.path(), "项目绩效", 2, "一级指标", "投入指标");
    set_cell(dir.path(), "项目明细", 3, "政府采购类型", "物资");
    set_cell(dir.path(), "上年数", 2, "项目", "收入合计");
    set_cell(dir.path(), "说明", 2, "键", "职责");
    set_cell(dir.path(), "资产", 2, "项目", "车辆");
    let errors = import_err(dir.path());
    let places: Vec<(&str, Option<usize>, Option<&str>)> = errors
        .iter()
        .map(|e| (e.sheet.as_str(), e.row, e.column.as_deref()))
        .collect();
    assert_eq!(
        places,
        vec![
            ("单位", Some(2), Some("单位性质")),
            ("基本支出", Some(3), Some("经费类型")),
            ("基本支出", Some(4), Some("资金来源")),
            ("项目", Some(2), Some("项目类型")),
            ("项目", Some(3), Some("涉密")),
            ("项目明细", Some(3), Some("政府采购类型")),
            ("项目绩效", Some(2), Some("一级指标")),
            ("上年数", Some(2), Some("项目")),
            ("说明", Some(2), Some("键")),
            ("资产", Some(2), Some("项目")),
        ]
    );
    assert!(
        errors[0]
            .message
            .contains("行政单位、参照公务员法管理事业单位、事业单位")
    );
    assert!(errors[1].message.contains("人员经费、公用经费"));
    assert!(errors[4].message.contains("是、否"));
    assert!(errors[6].message.contains("成本指标、产出指标、效益指标、满意度指标"));
}

#[test]
fn all_errors_are_collected() {
    let dir = copy_fixture("yima-2024");
    set_cell(dir.path(), "基本支出", 2, "金额", "x");
    set_cell(dir.path(), "基本支出", 9, "金额", "1.234");
    set_cell(dir.path(), "项目明细", 4, "金额", "-1");
    fs::remove_file(dir.path().join("收入.csv")).unwrap();
    let errors = import_err(dir.path());
    assert_eq!(errors.len(), 4, "{errors:#?}");
    let text = ImportErrors(errors).to_string();
    assert_eq!(text.lines().count(), 4, "{text}");
}

#[test]
fn errors_are_capped() {
    let dir = copy_fixture("yima-2024");
    let mut records = read_records(dir.path(), "基本支出");
    let row = records[1].clone();
    for _ in 0..300 {
        let mut r = row.clone();
        r[6] = "bad".into();
        records.push(r);
    }
    write_records(dir.path(), "基本支出", &records);
    let errors = import_err(dir.path());
    assert_eq!(errors.len(), MAX_ERRORS + 1);
    assert!(errors.last().unwrap().message.contains("错误过多"));
}

#[test]
fn bom_blank_rows_and_spaces() {
    let dir = copy_fixture("yima-2024");
    let text = fs::read_to_string(dir.path().join("收入.csv")).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[0] = "\u{feff} 单位代码 , 收入类型 ,金额,多余的列".to_string();
    lines[1] = " 021001 , 一般公共预算-财政拨款 ,\" 19,596,298.00 \",x".to_string();
    lines.insert(1, ",,,".to_string());
    lines.insert(1, String::new());
    fs::write(dir.path().join("收入.csv"), lines.join("\r\n")).unwrap();
    let p = import_ok(dir.path());
    assert_eq!(p.income.len(), 1);
    assert_eq!(p.income[0].unit, "021001");
    assert_eq!(p.income[0].amount, Decimal::new(1959629800, 2));
}

#[test]
fn row_numbers_count_blank_lines_not_line_breaks_in_cells() {
    let dir = copy_fixture("yima-2024");
    // 说明 has multi-line cells: the row number is the record's, as Excel shows it.
    let records = read_records(dir.path(), "说明");
    let last = records.len();
    set_cell(dir.path(), "说明", last, "键", "未知键");
    let errors = import_err(dir.path());
    single(&errors, "说明", Some(last), Some("键"));

    // A blank line is a row in Excel.
    let text = fs::read_to_string(dir.path().join("说明.csv")).unwrap();
    fs::write(dir.path().join("说明.csv"), text.replacen('\n', "\n\n", 1)).unwrap();
    let errors = import_err(dir.path());
    single(&errors, "说明", Some(last + 1), Some("键"));
}

#[test]
fn not_utf8_and_unknown_file_type() {
    let dir = copy_fixture("yima-2024");
    fs::write(dir.path().join("单位.csv"), b"\xb5\xa5\xce\xbb\xb4\xfa\xc2\xeb\n").unwrap();
    let errors = import_err(dir.path());
    assert!(
        errors.iter().any(|e| e.sheet == "单位" && e.message.contains("UTF-8")),
        "{errors:#?}"
    );

    let file = dir.path().join("预算.txt");
    fs::write(&file, "x").unwrap();
    let errors = import_err(&file);
    assert!(errors[0].to_string().contains(".xlsx"), "{}", errors[0]);
    let errors = import_err(&dir.path().join("不存在.xlsx"));
    assert!(errors[0].to_string().contains("不存在.xlsx"), "{}", errors[0]);
}

// ---------------------------------------------------------------------------
// Amounts

#[test]
fn amount_parsing() {
    let ok = |s: &str, cents: i64| assert_eq!(parse_amount(s), Ok(Decimal::new(cents, 2)), "{s:?}");
    ok("1,959,630", 195963000);
    ok("1959630.00", 195963000);
    ok("１２３４.５", 123450);
    ok("１，２３４．５６", 123456);
    ok(" 12.30 ", 1230);
    ok("\u{3000}7\u{3000}", 700);
    ok("", 0);
    ok("   ", 0);
    ok("0.5", 50);
    ok("-0", 0);
    ok("12.300", 1230); // zeros beyond the second decimal change nothing
    ok("9999999999999.99", 999999999999999);
    assert_eq!(parse_amount("1,959,630").unwrap().scale(), 2);

    let err = |s: &str, needle: &str| {
        let e = parse_amount(s).expect_err(s);
        assert!(e.contains(needle), "{s:?}: {e}");
    };
    // Scientific notation is rejected: amounts are written out in full.
    err("1e5", "科学计数法");
    err("1.5E3", "科学计数法");
    err("12.345", "最多两位小数");
    err("0.001", "最多两位小数");
    err("-5", "不能为负数");
    err("－５", "不能为负数");
    err("abc", "应为金额");
    err("12元", "应为金额");
    err("1.2.3", "应为金额");
    err("12,5", "千分位");
    err("1,2345", "千分位");
    err(".", "应为金额");
    err("10000000000000", "过大");
    err("99999999999999999999999999999999999", "过大");
}

#[test]
fn amounts_from_xlsx_numbers() {
    assert_eq!(amount_from_f64(1959630.0), Ok(Decimal::new(195963000, 2)));
    assert_eq!(amount_from_f64(12.3), Ok(Decimal::new(1230, 2)));
    assert_eq!(amount_from_f64(0.1 + 0.2), Ok(Decimal::new(30, 2)));
    assert_eq!(amount_from_f64(9_999_999_999.99), Ok(Decimal::new(999_999_999_999, 2)));
    assert!(amount_from_f64(12.345).unwrap_err().contains("最多两位小数"));
    assert!(amount_from_f64(-1.0).unwrap_err().contains("不能为负数"));
    assert!(amount_from_f64(1e13).unwrap_err().contains("过大"));
    assert!(amount_from_f64(f64::NAN).is_err());
}

// ---------------------------------------------------------------------------
// xlsx

/// A small valid workbook; `edit` may overwrite cells before saving.
fn small_workbook(path: &Path, edit: impl FnOnce(&mut rust_xlsxwriter::Workbook)) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let cover = wb.add_worksheet().set_name("封面").unwrap();
    cover.write_string(0, 0, "部门名称").unwrap();
    cover.write_string(0, 1, "测试局").unwrap();
    cover.write_string(1, 0, "部门代码").unwrap();
    cover.write_string(1, 1, "007").unwrap();
    cover.write_string(2, 0, "预算年度").unwrap();
    cover.write_number(2, 1, 2025.0).unwrap();
    cover.write_string(3, 0, "小数位数").unwrap();
    cover.write_number(3, 1, 0.0).unwrap();

    let units = wb.add_worksheet().set_name("单位").unwrap();
    units.write_row(0, 0, ["单位代码", "单位名称", "单位性质"]).unwrap();
    units.write_string(1, 0, "007001").unwrap();
    units.write_string(1, 1, "测试局机关").unwrap();
    units.write_string(1, 2, "参公").unwrap();
    units.write_number(2, 0, 8002.0).unwrap();
    units.write_string(2, 1, "测试中心").unwrap();
    units.write_string(2, 2, "事业单位").unwrap();

    let income = wb.add_worksheet().set_name("收入").unwrap();
    income.write_row(0, 0, ["单位代码", "收入类型", "金额"]).unwrap();
    income.write_string(1, 0, "007001").unwrap();
    income.write_string(1, 1, "一般公共预算-财政拨款").unwrap();
    income.write_number(1, 2, 1000.5).unwrap();

    // Headers in row 2 (row 1 is a title), starting in column B.
    let basic = wb.add_worksheet().set_name("基本支出").unwrap();
    basic.write_string(0, 1, "基本支出明细").unwrap();
    basic
        .write_row(1, 1, ["金额", "单位代码", "功能科目编码", "经济科目编码", "说明"])
        .unwrap();
    basic.write_number(2, 1, 600.25).unwrap();
    basic.write_string(2, 2, "007001").unwrap();
    basic.write_number(2, 3, 2010101.0).unwrap();
    basic.write_number(2, 4, 30101.0).unwrap();
    basic.write_string(3, 1, "400.25").unwrap();
    basic.write_number(3, 2, 8002.0).unwrap();
    basic.write_string(3, 3, " 2010150 ").unwrap();
    basic.write_string(3, 4, "30201").unwrap();

    let assets = wb.add_worksheet().set_name("资产").unwrap();
    assets.write_row(0, 0, ["项目", "数量"]).unwrap();
    assets.write_string(1, 0, "车辆合计").unwrap();
    assets.write_number(1, 1, 26.0).unwrap();
    assets.write_string(2, 0, "一般公务用车").unwrap();
    assets.write_string(2, 1, "21").unwrap();

    edit(&mut wb);
    wb.save(path).unwrap();
}

#[test]
fn xlsx_with_numbers_and_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("预算.xlsx");
    small_workbook(&path, |_| {});
    let p = import_ok(&path);
    assert_eq!(p.department.code, "007");
    assert_eq!(p.department.year, 2025);
    assert_eq!(p.department.decimals, 0);
    assert_eq!(p.units[0].kind, UnitKind::CivilServiceManaged);
    assert_eq!(p.units[1].code, "8002");
    assert_eq!(p.income[0].amount, Decimal::new(100050, 2));
    assert_eq!(p.basic_lines.len(), 2);
    assert_eq!(p.basic_lines[0].func, "2010101");
    assert_eq!(p.basic_lines[0].econ, "30101");
    assert_eq!(p.basic_lines[0].amount, Decimal::new(60025, 2));
    assert_eq!(p.basic_lines[1].unit, "8002");
    assert_eq!(p.basic_lines[1].func, "2010150");
    assert_eq!(p.assets.vehicles_total, Some(26));
    assert_eq!(p.assets.official_vehicles, Some(21));
    assert!(p.projects.is_empty());
}

#[test]
fn xlsx_three_decimal_and_negative_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("预算.xlsx");
    small_workbook(&path, |wb| {
        let basic = wb.worksheet_from_name("基本支出").unwrap();
        basic.write_number(2, 1, 600.255).unwrap();
        basic.write_number(3, 1, -3.0).unwrap();
    });
    let errors = import_err(&path);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    // Rows as Excel numbers them: the header is in row 2.
    assert_eq!(
        errors[0].to_string(),
        "工作表“基本支出”第3行“金额”列：金额最多两位小数（元以下到分），实际为“600.255”"
    );
    assert_eq!(
        errors[1].to_string(),
        "工作表“基本支出”第4行“金额”列：金额不能为负数，实际为“-3”"
    );
}

#[test]
fn xlsx_missing_sheet_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("预算.xlsx");
    small_workbook(&path, |wb| {
        let income = wb.worksheet_from_name("收入").unwrap();
        income.set_name("收入预算").unwrap();
        let units = wb.worksheet_from_name("单位").unwrap();
        units.write_string(0, 2, "性质").unwrap();
    });
    let errors = import_err(&path);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_eq!(
        errors[0].to_string(),
        "工作表“单位”第1行“单位性质”列：缺少必需的列“单位性质”（表头行应包含：单位代码、单位名称、单位性质）"
    );
    assert_eq!(errors[1].to_string(), "工作表“收入”：缺少必需的工作表");
}

#[test]
fn xlsx_code_as_long_number_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("预算.xlsx");
    small_workbook(&path, |wb| {
        let projects = wb.add_worksheet().set_name("项目").unwrap();
        projects
            .write_row(0, 0, ["项目编码", "项目名称", "单位代码", "项目类型", "涉密"])
            .unwrap();
        projects.write_number(1, 0, 410100240000000052423.0).unwrap();
        projects.write_string(1, 1, "审计").unwrap();
        projects.write_string(1, 2, "007001").unwrap();
        projects.write_string(1, 3, "其他运转类").unwrap();
        projects.write_string(1, 4, "否").unwrap();
    });
    let errors = import_err(&path);
    let shown = single(&errors, "项目", Some(2), Some("项目编码"));
    assert!(shown.contains("文本格式"), "{shown}");
}

// ---------------------------------------------------------------------------
// Templates

#[test]
fn empty_template_has_every_sheet_and_header() {
    use calamine::{Data, Reader};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("模板.xlsx");
    write_template(&path, None).unwrap();
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    assert_eq!(
        wb.sheet_names(),
        SHEETS.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    );
    let cover = wb.worksheet_range("封面").unwrap();
    let keys: Vec<String> = (0..COVER_KEYS.len())
        .map(|r| cover.get_value((r as u32, 0)).unwrap().to_string())
        .collect();
    assert_eq!(keys, COVER_KEYS);
    for sheet in &SHEETS[1..] {
        let range = wb.worksheet_range(sheet).unwrap();
        let header: Vec<String> = range.rows().next().unwrap().iter().map(Data::to_string).collect();
        let expected: Vec<String> = sheet_columns(sheet).unwrap().iter().map(|s| s.to_string()).collect();
        assert_eq!(header, expected, "{sheet}");
    }
    let errors = import_err(&path);
    let shown = ImportErrors(errors.clone()).to_string();
    assert!(
        errors
            .iter()
            .any(|e| e.sheet == "封面" && e.message.contains("部门名称")),
        "{shown}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.sheet == "封面" && e.message.contains("部门代码")),
        "{shown}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.sheet == "封面" && e.message.contains("预算年度")),
        "{shown}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.sheet == "单位" && e.message.contains("没有任何单位")),
        "{shown}"
    );
}

fn round_trip(name: &str) {
    let p = import_ok(&fixture(name));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{name}.xlsx"));
    write_template(&path, Some(&p)).unwrap();
    let back = import_ok(&path);
    assert_eq!(back, p);
}

#[test]
fn round_trip_yima() {
    round_trip("yima-2024");
}

#[test]
fn round_trip_zhengzhou() {
    round_trip("zhengzhou-2024");
}

#[test]
fn formula_like_text_stays_text() {
    use calamine::Reader;
    let mut p = import_ok(&fixture("yima-2024"));
    p.units[0].name = "=SUM(A1:A2)".into();
    p.basic_lines[0].note = "+1".into();
    p.basic_lines[1].note = "-x".into();
    p.basic_lines[2].note = "@y".into();
    p.performance.tasks[0].name = "=1+1".into();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.xlsx");
    write_template(&path, Some(&p)).unwrap();
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let formulas = wb.worksheet_formula("单位").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no formula is written"
    );
    let back = import_ok(&path);
    assert_eq!(back, p);
}

// ---------------------------------------------------------------------------
// Never panic

struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new() -> Scratch {
        Scratch {
            dir: copy_fixture("zhengzhou-2024"),
        }
    }
    fn with(&self, sheet: &str, content: &[u8]) -> Result<Package, ImportErrors> {
        let file = self.dir.path().join(format!("{sheet}.csv"));
        let original = fs::read(fixture("zhengzhou-2024").join(format!("{sheet}.csv"))).unwrap();
        fs::write(&file, content).unwrap();
        let result = import_path(self.dir.path());
        fs::write(&file, original).unwrap();
        result
    }
}

const ALL_SHEETS: [&str; 12] = [
    "封面",
    "单位",
    "收入",
    "基本支出",
    "项目",
    "项目明细",
    "项目绩效",
    "整体绩效任务",
    "整体绩效指标",
    "上年数",
    "说明",
    "资产",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(sheet in 0usize..12, bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let scratch = Scratch::new();
        let _ = scratch.with(ALL_SHEETS[sheet], &bytes);
    }

    #[test]
    fn random_csv_never_panics(
        sheet in 0usize..12,
        text in "[\u{feff}\"，,\\r\\n 0-9.\\-eE一-龥０-９年元是否]{0,200}",
        keep_header in any::<bool>(),
    ) {
        let scratch = Scratch::new();
        let sheet = ALL_SHEETS[sheet];
        let mut content = Vec::new();
        if keep_header {
            let original = fs::read_to_string(fixture("zhengzhou-2024").join(format!("{sheet}.csv"))).unwrap();
            content.extend_from_slice(original.lines().next().unwrap_or("").as_bytes());
            content.push(b'\n');
        }
        content.extend_from_slice(text.as_bytes());
        let _ = scratch.with(sheet, &content);
    }
}

/// `docs/spec/import-workbook.md` is generated from the sheet declarations;
/// `UPDATE_DOCS=1 cargo test -p yusuan-workbook --test import reference`
/// rewrites it after a declaration changes.
#[test]
fn reference() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/spec/import-workbook.md");
    let generated = yusuan_workbook::sheets::reference();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        fs::write(&path, &generated).unwrap();
    }
    let committed = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/spec/import-workbook.md differs from the sheet declarations: run\n  UPDATE_DOCS=1 cargo test -p yusuan-workbook --test import reference"
    );
    // Every column the reader knows is in the reference, with its drop-down values.
    for sheet in yusuan_workbook::sheets::TABULAR {
        assert!(committed.contains(&format!("## {}（", sheet.name)), "{}", sheet.name);
        for c in sheet.columns {
            assert!(
                committed.contains(&format!("| {} |", c.header)),
                "{} {}",
                sheet.name,
                c.header
            );
        }
    }
    assert!(committed.contains("一般公共预算-财政拨款、一般公共预算-其他"));
}

/// A message stays on one line whatever the broken file held (a library's
/// detail quoting an XML tag cut by a line break, seed 1207 of the fuzzer).
#[test]
fn an_import_message_is_one_line() {
    let e = yusuan_workbook::import::ImportError {
        sheet: String::new(),
        row: None,
        column: None,
        message: "工作簿已损坏（详细信息：expected `</sheetDa\na>`）".into(),
    };
    assert_eq!(e.to_string(), "工作簿已损坏（详细信息：expected `</sheetDa a>`）");
    let e = yusuan_workbook::import::ImportError {
        sheet: "收入".into(),
        row: Some(3),
        column: Some("金额".into()),
        message: "“1\r\n2”不是金额".into(),
    };
    assert_eq!(e.to_string(), "工作表“收入”第3行“金额”列：“1  2”不是金额");
}
