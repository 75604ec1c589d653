//! The department's wording as rows of `封面`: a preset and single settings
//! read from a CSV folder; the filled template carries every setting back,
//! for both kinds; a wrong value is named with its sheet, row and column.

use std::fs;
use std::path::{Path, PathBuf};

use yusuan_model::{FiscalLevel, Preset, SelfName};
use yusuan_workbook::import::{import_path, write_template};
use yusuan_workbook::import_final::{import_final, write_template_final};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(name)
        .join("import")
}

fn copy_fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(fixture(name)).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    dir
}

/// Appends rows (key, value) to the folder's `封面.csv`.
fn add_cover_rows(dir: &Path, rows: &[(&str, &str)]) {
    let path = dir.join("封面.csv");
    let mut text = fs::read_to_string(&path).unwrap();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    for (k, v) in rows {
        text.push_str(&format!("{k},\"{}\"\n", v.replace('"', "\"\"")));
    }
    fs::write(&path, text).unwrap();
}

#[test]
fn a_preset_and_single_settings_from_the_cover() {
    let dir = copy_fixture("zhengzhou-2024");
    add_cover_rows(
        dir.path(),
        &[
            ("文字样式", "郑州式"),
            ("自称", "部门"),
            ("章节标题", "2.3：支出预算情况\n2.4："),
            ("无数据说明", "2.10.3：我局{年度}年无重点评价项目。"),
            ("百分比小数位数", "2"),
        ],
    );
    let p = import_path(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let mut expected = Preset::Zhengzhou.wording();
    expected.self_name = SelfName::Department;
    expected.titles.insert("2.3".into(), "支出预算情况".into());
    expected.titles.remove("2.4");
    expected
        .no_data
        .insert("2.10.3".into(), "我局{年度}年无重点评价项目。".into());
    expected.percent_decimals = 2;
    assert_eq!(p.wording, expected);
}

#[test]
fn a_wrong_wording_value_is_named_with_its_place() {
    let dir = copy_fixture("yima-2024");
    add_cover_rows(
        dir.path(),
        &[("自称", "本局"), ("文字样式", "平顶山式"), ("章节标题", "没有冒号")],
    );
    let errors = import_path(dir.path()).unwrap_err().0;
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(
        errors
            .iter()
            .all(|e| e.sheet == "封面" && e.column.as_deref() == Some("B"))
    );
    let shown: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert!(
        shown
            .iter()
            .any(|m| m.contains("“自称”应为以下之一：部门（单位）、部门、部门名称、单位，实际为“本局”")),
        "{shown:#?}"
    );
    // 平顶山式 is a 决算 preset.
    assert!(
        shown
            .iter()
            .any(|m| m.contains("“文字样式”应为以下之一：义马式、郑州式")),
        "{shown:#?}"
    );
    assert!(shown.iter().any(|m| m.contains("编号：内容")), "{shown:#?}");
}

#[test]
fn the_filled_template_carries_the_wording_back() {
    let tmp = tempfile::tempdir().unwrap();
    let mut p = import_path(&fixture("zhengzhou-2024")).unwrap();
    p.wording = Preset::Zhengzhou.wording();
    p.wording.fiscal_level = FiscalLevel::District;
    let path = tmp.path().join("b.xlsx");
    write_template(&path, Some(&p)).unwrap();
    assert_eq!(import_path(&path).unwrap(), p);

    let mut f = import_final(&fixture("jiaozuo-2022")).unwrap();
    f.wording = Preset::Jiaozuo.wording();
    f.wording.omitted.insert("f11".into());
    let path = tmp.path().join("f.xlsx");
    write_template_final(&path, Some(&f)).unwrap();
    assert_eq!(import_final(&path).unwrap(), f);
}

/// The rows of 郑州's own words (issue 11 item 1, the rest): each sets its
/// setting on a department with the defaults, and a word that is not a
/// choice is named with its place.
#[test]
fn the_rest_of_zhengzhou_words_from_the_cover() {
    let dir = copy_fixture("yima-2024");
    add_cover_rows(
        dir.path(),
        &[
            ("总体原因引语", "。主要原因："),
            ("基本支出列明细", "否"),
            ("三公比较用语", "比"),
            ("三公列增减率", "否"),
            ("三公写支出预算", "是"),
            ("设备称单位价值", "是"),
            ("本级预算称谓", "局机关本级预算"),
            ("绩效目标说明", "预算项目均按要求编制了绩效目标。"),
            ("绩效管理总额", "否"),
            ("运行经费称谓", "机构运转经费"),
            ("收入来源分号", "是"),
            ("支出列功能分类", "否"),
            ("三公原因另起段", "是"),
            ("公务用车分句比较", "是"),
            ("功能分类从大到小", "是"),
        ],
    );
    let w = import_path(dir.path()).unwrap_or_else(|e| panic!("{e}")).wording;
    assert_eq!(w.total_reason_intro, "。主要原因：");
    assert_eq!(w.reason_intro, "，主要原因是：");
    assert!(!w.basic_items && !w.three_public_rate && !w.performance_totals);
    assert!(w.equipment_unit_value && w.three_public_spending);
    assert_eq!(w.compare_word, "比");
    assert_eq!(w.own_budget, "局机关本级预算");
    assert_eq!(w.performance_sentence, "预算项目均按要求编制了绩效目标。");
    assert_eq!(w.operating_word, "机构运转经费");
    assert!(w.income_semicolons && !w.general_classes);
    assert!(w.three_public_reason_apart && w.vehicle_changes_apart);
    assert!(w.classes_by_size);

    let dir = copy_fixture("yima-2024");
    add_cover_rows(dir.path(), &[("三公比较用语", "同"), ("绩效管理总额", "不要")]);
    let errors = import_path(dir.path()).unwrap_err().0;
    let shown: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(errors.len(), 2, "{shown:#?}");
    assert!(
        shown
            .iter()
            .any(|m| m.contains("“三公比较用语”应为以下之一：较、比，实际为“同”")),
        "{shown:#?}"
    );
    assert!(
        shown
            .iter()
            .any(|m| m.contains("“绩效管理总额”应为以下之一：是、否，实际为“不要”")),
        "{shown:#?}"
    );
}

/// Issue 12: the 决算's numbered 目录 and 名词解释 per 功能 项 as 封面 rows —
/// set by the 平顶山式 preset, each turned off or on by its own row, and
/// carried back by the filled template.
#[test]
fn final_toc_numbering_and_item_glossary_from_the_cover() {
    let dir = copy_fixture("pingdingshan-2023");
    add_cover_rows(dir.path(), &[("文字样式", "平顶山式"), ("目录表序号", "否")]);
    let w = import_final(dir.path()).unwrap_or_else(|e| panic!("{e}")).wording;
    assert!(w.glossary_funcs && !w.toc_numbered);
    let dir = copy_fixture("jiaozuo-2022");
    add_cover_rows(dir.path(), &[("目录表序号", "是"), ("名词解释列科目", "也许")]);
    let errors = import_final(dir.path()).unwrap_err().0;
    let shown: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(shown.len(), 1, "{shown:#?}");
    assert!(
        shown[0].contains("“名词解释列科目”应为以下之一：是、否，实际为“也许”"),
        "{shown:#?}"
    );

    let tmp = tempfile::tempdir().unwrap();
    let mut f = import_final(&fixture("pingdingshan-2023")).unwrap();
    f.wording = Preset::Pingdingshan.wording();
    let path = tmp.path().join("f.xlsx");
    write_template_final(&path, Some(&f)).unwrap();
    assert_eq!(import_final(&path).unwrap().wording, f.wording);
}

/// 表注: one line per table, 「表名：说明」; a table without a note is
/// written with an empty one.
#[test]
fn table_notes_from_the_cover() {
    let dir = copy_fixture("yima-2024");
    add_cover_rows(
        dir.path(),
        &[("表注", "预算05表：备注：本表仅含当年财政拨款安排的支出。\n预算08表：")],
    );
    let p = import_path(dir.path()).unwrap();
    assert_eq!(
        p.wording.table_notes.get("预算05表").map(String::as_str),
        Some("备注：本表仅含当年财政拨款安排的支出。")
    );
    assert_eq!(p.wording.table_notes.get("预算08表").map(String::as_str), Some(""));
    assert_eq!(p.wording.table_notes.len(), 2);
    let dir = copy_fixture("yima-2024");
    add_cover_rows(dir.path(), &[("表注", "本表仅含当年财政拨款")]);
    let e = import_path(dir.path()).unwrap_err().to_string();
    assert!(e.contains("“表注”的每行应为“编号：内容”"), "{e}");
}
