//! `diff_final`: two versions of a 决算 package (平顶山 2023). The figures a
//! change must move are read off the fixture's published 公开03表
//! (`fixtures/pingdingshan-2023/expected/公开03表.csv`).

use std::path::Path;
use std::str::FromStr;

use rust_decimal::Decimal;
use yusuan_engine::diff::{ChangeKind, diff_final, report};
use yusuan_model::final_package::FinalPackage;

fn pingdingshan() -> FinalPackage {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pingdingshan-2023/import");
    yusuan_workbook::import_final::import_final(&dir).expect("the fixture imports")
}

#[test]
fn a_final_package_against_itself_is_empty() {
    let f = pingdingshan();
    let d = diff_final(&f, &f, "f", "f");
    assert!(d.is_empty(), "{d:#?}");
    assert_eq!(report(&d), "两个版本相同\n");
}

/// 509001 × 2080505 × 30108 (737,600 元) up by 100,000 元: in 公开03 the
/// 2080505 row, its 款 20805 and 类 208 rows and 合计 move by 10.00 万元 in
/// 合计 and in 基本支出 (published 75.21, 226.10, 275.32, 2,175.87 and
/// 75.21, 226.10, 275.32, 1,806.70).
#[test]
fn one_basic_line_moves_its_rows_of_table_03() {
    let a = pingdingshan();
    let mut b = a.clone();
    let l = &mut b.basic_lines[0];
    assert_eq!((l.func.as_str(), l.econ.as_str()), ("2080505", "30108"));
    assert_eq!(l.amount, Decimal::from_str("737600.00").unwrap());
    l.amount += Decimal::from(100_000);
    let d = diff_final(&a, &b, "a", "b");
    assert!(d.is_final);
    assert_eq!(d.inputs.len(), 1, "{:#?}", d.inputs);
    assert_eq!(d.inputs[0].section, "基本支出");
    assert_eq!(d.inputs[0].delta, Some(Decimal::from(100_000)));
    let moved = |row: &str, old: &str, new: &str| {
        d.cells.iter().any(|c| {
            c.table == "公开03表"
                && (c.row == row || c.row.starts_with(&format!("{row} ")))
                && c.old_shown == old
                && c.new_shown == new
                && c.delta() == Decimal::from(100_000)
        })
    };
    for (row, old, new) in [
        ("2080505", "75.21", "85.21"),
        ("20805", "226.10", "236.10"),
        ("208", "275.32", "285.32"),
        ("合计", "2,175.87", "2,185.87"),
        ("合计", "1,806.70", "1,816.70"),
    ] {
        assert!(moved(row, old, new), "公开03 {row}: {old} → {new}\n{:#?}", d.cells);
    }
    // Only rows of 208 and the totals move in 公开03.
    for c in d.cells.iter().filter(|c| c.table == "公开03表") {
        assert!(
            c.row.starts_with("208") || c.row.contains("合计"),
            "unexpected row {c:?}"
        );
    }
    assert!(report(&d).contains("修改  基本支出  单位509001 功能2080505 经济30108"));
    // The report names the row the 决算 editor shows it on: the package's first basic line.
    assert_eq!(d.inputs[0].where_shown, "基本支出第1行");
    assert!(report(&d).contains("（位置：基本支出第1行）"), "{}", report(&d));
}

#[test]
fn fixed_figures_and_texts_of_a_final_package_are_listed() {
    let a = pingdingshan();
    let mut b = a.clone();
    b.three_public.overseas_groups += 1;
    b.publish_date = "二〇二四年十月".into();
    let key = *b.texts.keys().next().expect("the fixture has texts");
    b.texts.insert(key, "新的原因。".into());
    let d = diff_final(&a, &b, "a", "b");
    let sections: Vec<&str> = d.inputs.iter().map(|c| c.section).collect();
    assert!(sections.contains(&"三公经费情况"), "{sections:?}");
    assert!(sections.contains(&"概况"), "{sections:?}");
    assert!(sections.contains(&"说明"), "{sections:?}");
    assert_eq!(d.inputs.len(), 3, "{:#?}", d.inputs);
    assert!(d.inputs.iter().all(|c| c.location.is_none()));
    let groups = d.inputs.iter().find(|c| c.section == "三公经费情况").unwrap();
    assert_eq!(groups.kind, ChangeKind::Changed);
    assert_eq!(groups.item, "因公出国（境）团组数");
    assert_eq!(
        (groups.old.clone(), groups.new.clone()),
        (
            a.three_public.overseas_groups.to_string(),
            b.three_public.overseas_groups.to_string()
        )
    );
    // The fixture prints seed 002's cover date: the date is changed.
    let date = d.inputs.iter().find(|c| c.section == "概况").unwrap();
    assert_eq!(
        (date.kind, date.old.as_str(), date.new.as_str()),
        (ChangeKind::Changed, "二〇二四年九月", "二〇二四年十月")
    );
}

/// Each input change carries the place the 决算 editor goes to, by the row
/// the key matched in the new version (after the rows were reordered), and
/// the screen alone for a removed row.
#[test]
fn final_input_changes_name_their_place_in_the_new_version() {
    let a = pingdingshan();
    let mut b = a.clone();
    assert!(b.income.len() >= 3 && b.basic_lines.len() >= 3);
    // 收入: the first row moved to the end, then changed.
    let first = b.income.remove(0);
    b.income.push(first);
    let last = b.income.len();
    b.income[last - 1].amount += Decimal::from(1);
    // 基本支出: the third row changed in place, the second removed.
    b.basic_lines[2].amount += Decimal::from(1);
    b.basic_lines.remove(1);
    b.three_public.overseas_groups += 1;
    let d = diff_final(&a, &b, "a", "b");
    let place = |section: &str, kind: ChangeKind| {
        d.inputs
            .iter()
            .find(|c| c.section == section && c.kind == kind)
            .unwrap_or_else(|| panic!("{section} {kind:?} in {:#?}", d.inputs))
            .place
            .clone()
    };
    assert_eq!(
        place("收入", ChangeKind::Changed).as_deref(),
        Some(format!("收入第{last}行").as_str())
    );
    // The third line is the second after the removal.
    assert_eq!(place("基本支出", ChangeKind::Changed).as_deref(), Some("基本支出第2行"));
    assert_eq!(place("基本支出", ChangeKind::Removed).as_deref(), Some("基本支出第"));
    assert_eq!(place("三公经费情况", ChangeKind::Changed).as_deref(), Some("三公"));
    assert!(d.inputs.iter().all(|c| c.location.is_none()));
}

/// A finding on a row is matched by the row's key, not its number: rows
/// reordered (the row with the finding now elsewhere) change no finding; the
/// finding of a row added after them appears, with its row number in the
/// new version as its place.
#[test]
fn a_final_finding_follows_its_row_when_rows_are_reordered() {
    let mut a = pingdingshan();
    // A unit code the 单位表 has not: finding D1 on 基本支出第2行.
    a.basic_lines[1].unit = "999999".into();
    let before = yusuan_engine::final_accounts::compute(&a);
    assert!(
        before
            .findings
            .iter()
            .any(|f| f.id == "D1" && f.place == "基本支出第2行"),
        "{:#?}",
        before.findings
    );
    let mut b = a.clone();
    b.basic_lines.swap(0, 1);
    b.basic_lines.reverse();
    let n = b.basic_lines.len();
    let d = diff_final(&a, &b, "a", "b");
    assert!(d.findings.is_empty(), "{:#?}", d.findings);
    // Another row with the same mistake: one finding appears, at its place.
    let mut extra = b.basic_lines[0].clone();
    extra.unit = "999999".into();
    extra.econ = "30199".into();
    extra.amount = Decimal::ZERO;
    b.basic_lines.push(extra);
    let d = diff_final(&a, &b, "a", "b");
    let d1: Vec<_> = d.findings.iter().filter(|f| f.message.contains("999999")).collect();
    assert_eq!(d1.len(), 1, "{:#?}", d.findings);
    assert_eq!(d1[0].kind, ChangeKind::Added);
    assert_eq!(d1[0].place, format!("基本支出第{}行", n + 1));
}

/// A description typed for a 功能 code (名词解释 per 项) is an input change.
#[test]
fn a_typed_function_description_is_listed() {
    let a = pingdingshan();
    let mut b = a.clone();
    b.catalog
        .func_desc
        .insert("2010301".into(), "反映行政单位的基本支出。".into());
    let d = diff_final(&a, &b, "a", "b");
    assert_eq!(d.inputs.len(), 1, "{:#?}", d.inputs);
    let c = &d.inputs[0];
    assert_eq!((c.section, c.item.as_str()), ("科目表", "功能科目说明 2010301"));
    assert_eq!(
        (c.kind, c.new.as_str()),
        (ChangeKind::Added, "反映行政单位的基本支出。")
    );
}
