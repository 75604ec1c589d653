//! The 决算 engine against a real department's published tables: 平顶山市
//! 工业和信息化局 2023年度部门决算 (`fixtures/pingdingshan-2023/` of the
//! repository, a copy of `shared/fixtures/pingdingshan-2023/`). Every published amount cell of
//! 公开01–09 (`expected/公开0N表.csv`: KEY cells, `|`, VALUE cells as printed)
//! must come out as printed, 尾差 included, and the table must print no
//! amount the seed does not.
//!
//! The package is read from the fixture's `import/` folder by the importer
//! (`yusuan_workbook::import_final`), as a user's would be.

use rust_decimal::Decimal;
use yusuan_engine::final_accounts::compute;
use yusuan_model::final_package::FinalPackage;
use yusuan_report::table::to_wan;

mod support;

const FIXTURE: &str = "pingdingshan-2023";

#[test]
fn table_01_matches_the_published_cells() {
    support::check(FIXTURE, 1, 42);
}

#[test]
fn table_02_matches_the_published_cells() {
    support::check(FIXTURE, 2, 245);
}

#[test]
fn table_03_matches_the_published_cells() {
    support::check(FIXTURE, 3, 210);
}

#[test]
fn table_04_matches_the_published_cells() {
    support::check(FIXTURE, 4, 125);
}

#[test]
fn table_05_matches_the_published_cells() {
    support::check(FIXTURE, 5, 105);
}

#[test]
fn table_06_matches_the_published_cells() {
    support::check(FIXTURE, 6, 83);
}

#[test]
fn table_07_matches_the_published_cells() {
    support::check(FIXTURE, 7, 6);
}

#[test]
fn table_08_matches_the_published_cells() {
    support::check(FIXTURE, 8, 3);
}

#[test]
fn table_09_matches_the_published_cells() {
    support::check(FIXTURE, 9, 12);
}

/// The heading block and the shape the seed prints.
#[test]
fn labels_titles_and_notes() {
    let c = compute(&support::load(FIXTURE));
    assert_eq!(c.tables.len(), 9);
    for (i, t) in c.tables.iter().enumerate() {
        assert_eq!(t.label, format!("公开{:02}表", i + 1));
        assert_eq!(t.department, "部门：平顶山市工业和信息化局");
        assert!(t.unit_line.starts_with("2023年度"), "{}", t.unit_line);
        assert!(t.unit_line.ends_with("单位：万元"), "{}", t.unit_line);
    }
    assert_eq!(c.table(1).title, "收入支出决算总表");
    assert_eq!(c.table(8).title, "国有资本经营预算财政拨款支出决算表");
    assert_eq!(c.table(1).rows.len(), 31);
    assert_eq!(c.table(4).rows.len(), 32);
    assert_eq!(c.table(6).rows.len(), 29);
    assert!(c.table(7).note.as_deref().unwrap().ends_with("故本表无数据。"));
    assert!(
        c.table(8)
            .note
            .as_deref()
            .unwrap()
            .contains("我部门没有使用国有资本经营预算安排的支出")
    );
    assert!(
        c.table(3)
            .note
            .as_deref()
            .unwrap()
            .ends_with("因四舍五入可能存在尾差。")
    );
}

/// The narrative's 机关运行经费 (281.17万元: 本级's 公用经费, 2,811,675 元) from
/// the same package; 06's 公用经费合计 also counts the 事业单位.
#[test]
fn agency_operating_cost() {
    let c = compute(&support::load(FIXTURE));
    assert_eq!(c.totals.agency_operating, Decimal::new(2_811_675, 0));
    assert_eq!(to_wan(c.totals.agency_operating, 2), Decimal::new(28_117, 2));
    assert!(c.totals.agency_operating <= c.totals.general_public);
}

/// No finding but, while the fixture has no 整体自评 rows, the narrative's
/// warning that 十三 leaves the 整体自评 score out (tests/final_narrative.rs).
#[test]
fn the_fixture_has_no_findings() {
    let c = yusuan_engine::final_accounts::compute(&support::load(FIXTURE));
    // The 自评 audit and the plausibility warnings (P*, W*) name the seed's
    // own mistakes: tests/final_eval.rs checks them one by one; so does the
    // text lint (L1) with the seed's half-width punctuation
    // (crates/fixtures/tests/text_lint.rs).
    let shown: Vec<String> = c
        .findings
        .iter()
        .filter(|f| !f.id.starts_with('P') && !f.id.starts_with('W') && f.id != "L1")
        .map(|f| f.to_string())
        .collect();
    assert!(shown.is_empty(), "{shown:#?}");
}

/// Each check of `final_accounts::checks`: a change of the fixture that
/// breaks it is found with its id, and names the place.
#[test]
fn each_check_finds_what_breaks_it() {
    use yusuan_engine::final_accounts::compute;
    use yusuan_model::{EntryField, FundSource, OtherKind, OtherSpending};
    let ids = |p: &FinalPackage| -> Vec<(String, String)> {
        compute(p)
            .findings
            .iter()
            .map(|f| (f.id.to_string(), f.to_string()))
            .collect()
    };
    let has = |p: &FinalPackage, id: &str, words: &str| {
        let found = ids(p);
        assert!(
            found.iter().any(|(i, m)| i == id && m.contains(words)),
            "{id} “{words}” not in {found:#?}"
        );
    };
    let base = support::load(FIXTURE);

    let mut p = base.clone();
    p.basic_lines[0].unit = "999999".into();
    has(&p, "D1", "基本支出第1行：单位代码“999999”不在单位表中");
    let mut p = base.clone();
    p.income[0].func = "20103".into();
    has(&p, "D1", "收入第1行：功能科目编码“20103”");
    let mut p = base.clone();
    p.basic_lines[2].amount = Decimal::new(-5, 0);
    has(&p, "D2", "基本支出第3行：金额-5元为负数");
    let mut p = base.clone();
    p.basic_lines[2].amount = Decimal::new(12_345, 3);
    has(&p, "D2", "超过两位小数");
    // A kept entry that is not an amount: an error at its row, the row's
    // last valid value (100.00 元 = 0.01 万元) used meanwhile.
    let mut p = base.clone();
    p.income[1].amount = Decimal::new(100, 0);
    p.income[1].rejected.insert(EntryField::Amount, "abc".into());
    has(&p, "D3", "收入第2行：填写的“abc”无法识别：应为金额");
    has(&p, "D3", "改正前按原值0.01万元计算");
    let mut p = base.clone();
    p.surplus.push(Default::default());
    p.surplus[0].rejected.insert(EntryField::Distributed, "1.234".into());
    has(&p, "D3", "非财政拨款结余第1行（结余分配）：填写的“1.234”无法识别");
    let mut p = base.clone();
    p.projects[0].lines[0]
        .rejected
        .insert(EntryField::Source, "财政".into());
    let code = p.projects[0].code.trim().to_string();
    has(
        &p,
        "D3",
        &format!("项目“{code}”明细第1行：填写的“财政”无法识别：不是可选的收入类型"),
    );
    let mut p = base.clone();
    p.plan.initial[0].rejected.insert(EntryField::Amount, "一百".into());
    has(&p, "D3", "年初预算第1行：填写的“一百”");
    let mut p = base.clone();
    p.rejected.insert(
        "equipment_over_1m".into(),
        yusuan_model::KeptText {
            place: "资产".into(),
            label: "单价100万元以上设备".into(),
            text: "许多".into(),
        },
    );
    has(
        &p,
        "D3",
        "资产：填写的“许多”无法识别：不是“单价100万元以上设备”可填的数值",
    );
    // More spent than received: the year ends below zero.
    let mut p = base.clone();
    p.income[0].amount -= Decimal::new(100, 0);
    has(&p, "X1", "年末结转和结余为-0.01万元");
    let mut p = base.clone();
    p.basic_lines[0].econ = "30999".into();
    has(&p, "X12", "经济科目30999不在公开06表");
    let mut p = base.clone();
    p.other_lines.push(OtherSpending {
        unit: p.units[0].code.clone(),
        kind: OtherKind::Operating,
        func: "2010101".into(),
        econ: "30201".into(),
        source: FundSource::GeneralAppropriation,
        amount: Decimal::new(100, 0),
        ..Default::default()
    });
    has(&p, "O1", "经营支出的资金来源是一般公共预算-财政拨款");
    let mut p = base.clone();
    p.three_public.vehicles_bought = 0;
    has(&p, "N10", "公务用车购置数量为0辆");
    let mut p = base.clone();
    p.procurement.small_micro_contracts = p.procurement.sme_contracts + Decimal::new(1, 0);
    has(&p, "N12", "小微企业");
    let mut p = base.clone();
    p.three_public.vehicles_held = 9;
    has(&p, "N13", "公务用车保有量为9辆");
    let mut p = base.clone();
    p.dept_eval.exec_weight = Decimal::new(10, 0);
    p.dept_eval.exec_score = Some(Decimal::new(11, 0));
    has(&p, "P1", "执行率得分11大于其分值10");
}

/// Errors come before warnings in the audit (the editor's 审核 panel and
/// `check` list them in this order), whichever check found them: a wrong
/// figure in a rewritten paragraph (N15, found last) is listed among the
/// errors, above the fixture's warnings.
#[test]
fn errors_come_first() {
    use yusuan_engine::final_accounts::checks::Level;
    let mut p = support::load(FIXTURE);
    p.narrative_overrides
        .insert("f1".into(), "2023年度收、支总计均为2,157.87万元。".into());
    let levels: Vec<Level> = compute(&p).findings.iter().map(|f| f.level).collect();
    let errors = levels.iter().filter(|l| **l == Level::Error).count();
    assert!(errors >= 4 && levels.len() > errors, "{levels:?}");
    assert!(levels[..errors].iter().all(|l| *l == Level::Error), "{levels:?}");
    let n15 = compute(&p).findings.iter().position(|f| f.id == "N15").unwrap();
    assert!(n15 < errors, "N15 at {n15} of {}", levels.len());
}
