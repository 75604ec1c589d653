//! The 决算 narrative (情况说明) of 平顶山市工业和信息化局 2023 (seed 002),
//! read from the fixture's `import/` folder by the importer: the figures of
//! `expected/narrative-facts.txt`, sentences of the seed verbatim (expected
//! text copied from seed 002, not from this program), the seed's one
//! misprint not reproduced; then the narrative checks (N0–N16), each on a
//! package that breaks it and on one that does not.

use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use yusuan_engine::final_accounts::checks::{FinalFinding, Level};
use yusuan_engine::final_accounts::{compute, narrative, publication};
use yusuan_model::final_package::{FinalPackage, FinalTextKey, GradeCounts, PlanLine, ProjectEval, ScoredRow};
use yusuan_model::{Indicator, TextKey, UnitKind};
use yusuan_report::Section;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pingdingshan-2023")
}

fn load() -> FinalPackage {
    yusuan_workbook::import_final::import_final(&dir().join("import"))
        .unwrap_or_else(|e| panic!("the fixture imports: {e}"))
}

/// The fixture with the 整体自评 rows the narrative quotes (002 A1: 83.7
/// over the indicators, 10 for the 执行率: 93.7), so that it is clean.
fn clean() -> FinalPackage {
    let mut p = load();
    p.dept_eval.results = vec![ScoredRow {
        weight: Decimal::from(90),
        score: "83.7".parse().unwrap(),
        ..ScoredRow::default()
    }];
    p.dept_eval.exec_score = Some(Decimal::from(10));
    // 002's cover date (the fixture's 封面 has none).
    p.publish_date = "二〇二四年九月".into();
    p
}

fn text(p: &FinalPackage) -> String {
    narrative::narrative(p, &compute(p)).plain_text()
}

/// The text of one paragraph.
fn paragraph(p: &FinalPackage, id: &str) -> String {
    let n = narrative::narrative(p, &compute(p));
    n.paragraphs()
        .find(|x| x.id == id)
        .unwrap_or_else(|| panic!("no paragraph {id}"))
        .text
        .clone()
}

/// The narrative findings (N0–N16) of a package.
fn narrative_findings(p: &FinalPackage) -> Vec<FinalFinding> {
    // (N10, N12 and N13 are also data checks of `checks.rs`, placed in
    // the sheets; the narrative's are placed in the 情况说明.)
    compute(p)
        .findings
        .into_iter()
        .filter(|f| f.place.starts_with("情况说明"))
        .collect()
}

fn has(p: &FinalPackage, id: &str, level: Level, words: &[&str]) -> bool {
    narrative_findings(p)
        .iter()
        .any(|f| f.id == id && f.level == level && words.iter().all(|w| f.message.contains(w) || f.place.contains(w)))
}

fn none_of(p: &FinalPackage, id: &str) -> bool {
    !narrative_findings(p).iter().any(|f| f.id == id)
}

fn no_commas(s: &str) -> String {
    s.chars().filter(|c| *c != ',').collect()
}

#[test]
fn every_narrative_fact_of_the_seed_appears() {
    let t = no_commas(&text(&clean()));
    let facts = std::fs::read_to_string(dir().join("expected/narrative-facts.txt")).unwrap();
    let missing: Vec<&str> = facts
        .lines()
        .map(str::trim)
        .filter(|f| !f.is_empty() && !t.contains(f))
        .collect();
    assert!(missing.is_empty(), "missing: {missing:?}");
    assert_eq!(facts.lines().filter(|l| !l.trim().is_empty()).count(), 61);
}

#[test]
fn the_seed_misprint_is_not_reproduced() {
    // 002 六 prints 人员经费1,497.20万元; 公开06 says 1,497.21 (README, checks.md 002 #1).
    let t = paragraph(&clean(), "f6");
    assert!(t.contains("人员经费1,497.21万元"), "{t}");
    assert!(!t.contains("1,497.20"), "{t}");
}

#[test]
fn sentences_of_the_seed_verbatim() {
    let p = clean();
    let seed = [
        // 一 (002 L480)
        (
            "f1",
            "2023年度收、支总计均为2,175.87万元。与上年度相比，收、支总计各减少1,746.16万元，下降44.52%，主要原因是：平顶山市市级医药医护储备资金，陶瓷产业发展促进中心工作经费，2021年市企业技术改造贷款贴息专项资金，去世职工抚恤金，预算收入和支出相应减少。",
        ),
        // 二 (L484)
        (
            "f2",
            "2023年度收入合计2,175.87万元，其中：财政拨款收入2,175.87万元，占100.00%。",
        ),
        // 三 (L488)
        (
            "f3",
            "2023年度支出合计2,175.87万元，其中：基本支出1,806.70万元，占83.03%；项目支出369.17万元，占16.97%。",
        ),
        // 四 (L492)
        (
            "f4",
            "2023年度财政拨款收、支总计均为2,175.87万元。与上年度相比，财政拨款收、支总计各减少1,746.16万元，下降44.52%，主要原因是：平顶山市市级医药医护储备资金，陶瓷产业发展促进中心工作经费，2021年市企业技术改造贷款贴息专项资金，去世职工抚恤金，预算收入和支出相应减少。",
        ),
        // 五（二） (L502)
        (
            "f5.2",
            "2023年度一般公共预算财政拨款支出2,175.87万元，主要用于以下方面：一般公共服务（类）支出5.09万元，占0.23%；科学技术（类）支出183.72万元，占8.44%；社会保障和就业（类）支出275.32万元，占12.65%；卫生健康（类）支出53.90万元，占2.48%；资源勘探工业信息等（类）支出1,567.62万元，占72.05%；住房保障（类）支出90.22万元，占4.15%。",
        ),
        // 五（三） header (L506)
        (
            "f5.3",
            "2023年度一般公共预算财政拨款支出年初预算为858.90万元，支出决算为2,175.87万元，完成年初预算的253.33%。其中：",
        ),
        // 五（三） item 4 (L516)
        (
            "f5.3.2080501",
            "4. 社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）。年初预算为31.50万元，支出决算为150.89万元，完成年初预算的479.02%。决算数与年初预算数存在差异的主要原因是退休人员经费增加。",
        ),
        // 五（三） item 11 (L534)
        (
            "f5.3.2150501",
            "11. 资源勘探工业信息等支出（类）工业和信息产业监管（款）行政运行（项）。年初预算为446.90万元，支出决算为1,089.47万元，完成年初预算的243.78%。决算数与年初预算数存在差异的主要原因是行政运行经费增加。",
        ),
        // 九（一） (L562)
        (
            "f9.1",
            "2023年度“三公”经费财政拨款支出预算为29.59万元，支出决算为29.59万元，完成预算的100.00%。",
        ),
        // 十 (L584)
        (
            "f10",
            "2023年度机关运行经费为281.17万元，与上年度相比，减少17.47万元，下降5.85%，主要原因是：认真贯彻中央八项规定精神，坚持厉行节约。",
        ),
        // 十三（二） first sentence (L610)
        (
            "f13.2",
            "通过科学、规范的方法，基于项目的预算执行情况、目标实现程度等，我部门2023年度7个项目支出绩效自评中，7个项目自评等级为优，0个项目自评等级为良，0个项目自评等级为中，0个项目自评等级为差。",
        ),
    ];
    for (id, sentence) in seed {
        let t = paragraph(&p, id);
        assert!(t.starts_with(sentence), "{id}:\n  got  {t}\n  seed {sentence}");
    }
    // 五（三）: one item per 项 of 公开05 (all 16 have a 决算数), code order.
    let n = narrative::narrative(&p, &compute(&p));
    let items: Vec<&str> = n.paragraphs().filter_map(|x| x.id.strip_prefix("f5.3.")).collect();
    assert_eq!(items.len(), 16);
    assert!(items.windows(2).all(|w| w[0] < w[1]));
    // Without a 年初预算 the item has no 完成率 (002 item 1).
    let first = paragraph(&p, "f5.3.2010305");
    assert!(
        first.contains("年初预算为0.00万元，支出决算为4.00万元。决算数"),
        "{first}"
    );
    // 九（二）: the shares computed on the printed figures (97.80%, 2.23%, not 97.79/2.22).
    let t = paragraph(&p, "f9.2");
    assert!(
        t.contains("公务用车购置及运行维护费支出决算28.94万元，完成预算的100.00%，占97.80%；公务接待费支出决算0.66万元，完成预算的100.00%，占2.23%"),
        "{t}"
    );
    // 十三（一）: the 整体自评 score of the entered rows.
    let t = paragraph(&p, "f13.1");
    assert!(
        t.contains("部门整体支出绩效自评结果为93.7分。从自评情况来看，部门履职效能进一步提升"),
        "{t}"
    );
    assert!(
        t.contains("涵盖项目7个，涉及预算资金369.17万元，占部门预算项目支出总额的100.00%。"),
        "{t}"
    );
}

#[test]
fn units_of_the_first_part() {
    let p = clean();
    let t = paragraph(&p, "p1.3");
    assert!(
        t.starts_with(
            "从决算单位构成看，平顶山市工业和信息化局（汇总）部门决算包括：本级决算（1个）、所属事业单位决算（2个）。"
        ),
        "{t}"
    );
    assert!(t.contains("纳入本部门2023年度部门决算编制范围的单位共3个，其中二级预算单位2个，具体是："));
    assert!(t.ends_with("1. 平顶山市工业和信息化局本级。\n2. 平顶山市中小企业服务中心。\n3. 平顶山市信息化中心。"));
    // One unit (003's form).
    let mut one = clean();
    one.units.truncate(1);
    let t = paragraph(&one, "p1.3");
    assert_eq!(
        t,
        "从决算单位构成看，平顶山市工业和信息化局部门决算为本级决算，纳入本部门2023年度部门决算编制范围的单位共1个，具体是：\n1. 平顶山市工业和信息化局本级。"
    );
}

#[test]
fn no_administrative_unit_has_no_agency_operating_cost() {
    let mut p = clean();
    assert!(paragraph(&p, "f10").starts_with("2023年度机关运行经费为281.17万元"));
    for u in &mut p.units {
        u.kind = UnitKind::Institution;
    }
    assert_eq!(
        paragraph(&p, "f10"),
        "我部门不是行政机关，也不是参照公务员管理事业部门，没有机关运行经费支出。"
    );
    // 参公 counts as 行政 (名词解释 十八).
    p.units[0].kind = UnitKind::CivilServiceManaged;
    assert!(paragraph(&p, "f10").starts_with("2023年度机关运行经费为281.17万元"));
}

#[test]
fn the_fixture_is_clean() {
    let p = clean();
    let f = narrative_findings(&p);
    assert!(f.is_empty(), "{f:#?}");
    // Without the 整体自评 rows: one warning, and the score is left out.
    let mut p = load();
    p.dept_eval.results.clear();
    let f = narrative_findings(&p);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(has(&p, "N14", Level::Warning, &["整体自评"]));
    assert!(!paragraph(&p, "f13.1").contains("自评结果为"));
}

#[test]
fn n0_duties_and_organization() {
    let mut p = clean();
    assert!(none_of(&p, "N0"));
    p.dept_texts.remove(&TextKey::Duties);
    assert!(has(&p, "N0", Level::Warning, &["部门职责", "p1.1"]));
    assert_eq!(paragraph(&p, "p1.1"), "", "nothing invented");
}

#[test]
fn n1_n4_n5_last_year_and_reasons() {
    let mut p = clean();
    assert!(none_of(&p, "N1") && none_of(&p, "N4") && none_of(&p, "N5"));
    p.texts.remove(&FinalTextKey::IncomeExpenseReason);
    assert!(has(&p, "N1", Level::Warning, &["收支总计", "收入支出变动原因", "f1"]));
    assert_eq!(
        paragraph(&p, "f1"),
        "2023年度收、支总计均为2,175.87万元。与上年度相比，收、支总计各减少1,746.16万元，下降44.52%。"
    );
    p.last_year.0.clear();
    assert!(has(&p, "N4", Level::Warning, &["上年决算数", "财政拨款收支总计"]));
    assert!(has(&p, "N5", Level::Warning, &["一般公共预算财政拨款支出"]));
    assert_eq!(paragraph(&p, "f1"), "2023年度收、支总计均为2,175.87万元。");
}

#[test]
fn n7_reasons_of_each_item() {
    let mut p = clean();
    assert!(none_of(&p, "N7"));
    p.reasons_by_func.remove("2080501");
    assert!(has(&p, "N7", Level::Warning, &["第4项", "2080501", "差异原因"]));
    assert!(paragraph(&p, "f5.3.2080501").ends_with("完成年初预算的479.02%。"));
    // A reason for a 项 that has neither 决算 nor 年初.
    let mut p = clean();
    p.reasons_by_func.insert("2130104".into(), "调整".into());
    assert!(has(&p, "N7", Level::Warning, &["2130104"]));
    // 年初预算 without a 功能 code, or with one that is no 项.
    let mut p = clean();
    p.plan.initial.push(PlanLine {
        func: String::new(),
        amount: Decimal::from(10_000),
        ..PlanLine::default()
    });
    assert!(has(&p, "N7", Level::Warning, &["没有功能科目"]));
    let mut p = clean();
    p.plan.initial.push(PlanLine {
        func: "21505".into(),
        amount: Decimal::from(10_000),
        ..PlanLine::default()
    });
    assert!(has(&p, "N7", Level::Error, &["21505"]));
    // 决算 = 年初: 一致, and no reason needed.
    let mut p = clean();
    let line = p.plan.initial.iter_mut().find(|l| l.func == "2080501").unwrap();
    line.amount = Decimal::from(1_508_912);
    p.reasons_by_func.remove("2080501");
    assert!(none_of(&p, "N7"));
    assert!(paragraph(&p, "f5.3.2080501").ends_with("完成年初预算的100.00%。决算数与年初预算数一致。"));
}

#[test]
fn n9_gov_fund_and_state_capital() {
    let mut p = clean();
    assert!(none_of(&p, "N9"));
    // A budgeted fund never spent (003's 七) with no 说明.
    p.plan.initial.push(PlanLine {
        nature: yusuan_model::final_package::Nature::GovFund,
        func: "2120803".into(),
        amount: Decimal::from(80_000_000),
        rejected: Default::default(),
    });
    assert!(has(&p, "N9", Level::Warning, &["政府性基金", "8,000.00万元", "f7"]));
    assert_eq!(
        paragraph(&p, "f7"),
        "2023年度政府性基金预算财政拨款支出年初预算为8,000.00万元，支出决算为0.00万元。"
    );
    p.texts.insert(FinalTextKey::GovFundNote, "部分项目支出调整。".into());
    assert!(none_of(&p, "N9"));
    assert!(paragraph(&p, "f7").ends_with("支出决算为0.00万元。主要原因：部分项目支出调整。"));
    // A rewrite saying there is no such money while 08 is empty: fine; 07 with money: wrong.
    let mut p = clean();
    p.narrative_overrides
        .insert("f8".into(), "我部门没有国有资本经营预算财政拨款收入。".into());
    assert!(none_of(&p, "N9"));
    p.income.push(yusuan_model::final_package::FinalIncome {
        unit: "509001".into(),
        source: yusuan_model::FundSource::StateCapital,
        func: "2230199".into(),
        amount: Decimal::from(100),
        rejected: Default::default(),
    });
    assert!(has(&p, "N9", Level::Error, &["国有资本经营"]));
}

#[test]
fn n10_three_public() {
    let mut p = clean();
    assert!(none_of(&p, "N10"));
    // 预算 above the 决算 with no reason.
    p.plan.three_public_adjusted.reception = Decimal::from(10_000);
    assert!(has(&p, "N10", Level::Warning, &["“三公”经费", "三公经费变动原因"]));
    assert!(has(&p, "N10", Level::Warning, &["公务接待费", "f9.2.3"]));
    p.texts.insert(FinalTextKey::ThreePublicReason, "压缩接待".into());
    p.texts.insert(FinalTextKey::ReceptionReason, "压缩接待".into());
    assert!(none_of(&p, "N10"));
    assert!(paragraph(&p, "f9.1").ends_with("2023年度“三公”经费支出决算数与预算数存在差异的主要原因是压缩接待。"));
    // 外宾 more than the whole 接待费.
    let mut p = clean();
    p.three_public.foreign_reception = Decimal::from(7_000);
    assert!(has(&p, "N10", Level::Error, &["外宾接待支出0.70万元", "0.66万元"]));
    // A rewrite calling 09's 预算数 年初预算.
    let mut p = clean();
    p.narrative_overrides.insert(
        "f9.1".into(),
        "2023年度“三公”经费财政拨款支出年初预算为29.59万元，支出决算为29.59万元。".into(),
    );
    assert!(has(&p, "N10", Level::Warning, &["全年预算"]));
}

#[test]
fn n11_agency_operating_cost() {
    let mut p = clean();
    assert!(none_of(&p, "N11"));
    p.texts.remove(&FinalTextKey::AgencyOperatingReason);
    assert!(has(&p, "N11", Level::Warning, &["机关运行经费", "f10"]));
    let mut p = clean();
    p.narrative_overrides
        .insert("f10".into(), "我部门不是行政机关，没有机关运行经费支出。".into());
    assert!(has(&p, "N11", Level::Error, &["不是行政机关"]));
    for u in &mut p.units {
        u.kind = UnitKind::Institution;
    }
    assert!(none_of(&p, "N11"));
}

#[test]
fn n14_evaluations() {
    let p = clean();
    assert!(none_of(&p, "N14"));
    // More evaluations than the 项目自评数.
    let mut q = clean();
    q.dept_eval.project_grades = Some(GradeCounts {
        excellent: 0,
        ..GradeCounts::default()
    });
    assert!(has(&q, "N14", Level::Error, &["项目自评数为0"]));
    // Entered grades against the scored evaluations (one project, scored
    // 10 + 60 = 70, 中): P2 says they disagree, the text quotes the entered.
    let mut q = clean();
    q.project_evals.truncate(1);
    q.project_evals[0] = ProjectEval {
        project: "P1".into(),
        exec_weight: Decimal::from(10),
        exec_score: Some(Decimal::from(10)),
        indicators: vec![(
            Indicator::default(),
            ScoredRow {
                weight: Decimal::from(90),
                score: Decimal::from(60),
                ..ScoredRow::default()
            },
        )],
        ..ProjectEval::default()
    };
    q.dept_eval.project_grades = Some(GradeCounts {
        excellent: 1,
        ..GradeCounts::default()
    });
    let p2 = |q: &FinalPackage| {
        compute(q)
            .findings
            .into_iter()
            .filter(|f| f.id == "P2")
            .collect::<Vec<_>>()
    };
    assert!(none_of(&q, "N14"));
    assert!(
        p2(&q).iter().any(|f| f.message.contains("“中”的项目有1个")),
        "{:#?}",
        p2(&q)
    );
    q.dept_eval.project_grades = Some(GradeCounts {
        fair: 1,
        ..GradeCounts::default()
    });
    assert!(none_of(&q, "N14") && p2(&q).is_empty(), "{:#?}", p2(&q));
    // Grades derived when not entered; the 涉及资金 is the evaluated project's.
    q.dept_eval.project_grades = None;
    let t = paragraph(&q, "f13.2");
    assert!(t.starts_with("通过科学、规范的方法，基于项目的预算执行情况、目标实现程度等，我部门2023年度1个项目支出绩效自评中，0个项目自评等级为优，0个项目自评等级为良，1个项目自评等级为中"), "{t}");
    assert!(paragraph(&q, "f13.1").contains("涵盖项目1个，涉及预算资金19.75万元，占部门预算项目支出总额的5.35%。"));
    // A missing 结论.
    let mut q = clean();
    q.texts.remove(&FinalTextKey::KeyEvaluation);
    assert!(has(&q, "N14", Level::Warning, &["重点评价结果", "不写这一小节"]));
    let n = narrative::narrative(&q, &compute(&q));
    assert!(n.paragraphs().all(|x| x.id != "f13.3"));
}

/// 焦作 p23: 「（三）重点绩效评价结果」 was printed with nothing under it. A
/// sub-section of 十三 with no text is left out and the numbers close up;
/// the department's sentence (003 L1201–1203) prints it.
#[test]
fn an_empty_sub_section_of_13_is_left_out() {
    let mut p = clean();
    p.wording = yusuan_model::wording::Preset::Jiaozuo.wording();
    p.texts.remove(&FinalTextKey::KeyEvaluation);
    let headings = |p: &FinalPackage| -> Vec<String> {
        let n = narrative::narrative(p, &compute(p));
        n.paragraphs()
            .filter(|x| x.id.starts_with("f13."))
            .map(|x| x.heading.clone())
            .collect()
    };
    assert_eq!(headings(&p), ["（一）绩效管理工作开展情况", "（二）项目绩效自评结果"]);
    p.texts.insert(
        FinalTextKey::KeyEvaluation,
        "财政评价未选取我部门项目开展重点绩效评价。".into(),
    );
    assert_eq!(
        headings(&p),
        [
            "（一）绩效管理工作开展情况",
            "（二）项目绩效自评结果",
            "（三）重点绩效评价结果"
        ]
    );
    assert_eq!(paragraph(&p, "f13.3"), "财政评价未选取我部门项目开展重点绩效评价。");
    // No project evaluated and no conclusion: （二） is left out, and the
    // department's （三） becomes （二）.
    p.project_evals.clear();
    p.dept_eval.project_grades = None;
    p.texts.remove(&FinalTextKey::ProjectEvalConclusion);
    assert_eq!(headings(&p), ["（一）绩效管理工作开展情况", "（二）重点绩效评价结果"]);
}

#[test]
fn n15_rewrites_are_checked_and_replace_their_paragraph() {
    // A rewrite with the right figures: shown, no finding.
    let mut p = clean();
    let right = "2023年度机关运行经费281.17万元，比上年减少17.47万元，下降5.85%，主要是厉行节约。";
    p.narrative_overrides.insert("f10".into(), right.into());
    assert!(none_of(&p, "N15"), "{:#?}", narrative_findings(&p));
    let c = compute(&p);
    let n = narrative::narrative(&p, &c);
    let para = n.paragraphs().find(|x| x.id == "f10").unwrap();
    assert!(para.overridden);
    assert_eq!(para.text, right);
    // And the publication prints it.
    assert!(publication(&p, &c).plain_text().contains(right));
    // A figure no table or sentence has; a labelled figure that is another's.
    let mut p = clean();
    p.narrative_overrides
        .insert("f10".into(), "2023年度机关运行经费281.18万元。".into());
    assert!(has(&p, "N15", Level::Error, &["281.18万元", "f10"]));
    let mut p = clean();
    p.narrative_overrides.insert(
        "f3".into(),
        "2023年度支出合计2,175.87万元，其中：基本支出369.17万元。".into(),
    );
    assert!(has(&p, "N15", Level::Error, &["基本支出369.17万元", "1806.7"]));
    // A percentage without two decimals; a paragraph that does not exist.
    let mut p = clean();
    p.narrative_overrides.insert(
        "f2".into(),
        "2023年度收入合计2,175.87万元，全部为财政拨款收入，占100%。".into(),
    );
    assert!(has(&p, "N15", Level::Warning, &["两位小数"]));
    let mut p = clean();
    p.narrative_overrides.insert("f99".into(), "文字".into());
    assert!(has(&p, "N15", Level::Warning, &["f99", "不存在"]));
}

#[test]
fn the_publication_in_the_order_of_the_seed() {
    let p = clean();
    let c = compute(&p);
    let doc = publication(&p, &c);
    assert_eq!(doc.cover_title, "2023年度\n平顶山市工业和信息化局部门决算");
    assert_eq!(doc.cover_date, "二〇二四年九月");
    let titles: Vec<String> = doc
        .sections
        .iter()
        .map(|s| match s {
            Section::Part { part, .. } => part.title.clone(),
            Section::Tables { title, .. } => title.clone(),
        })
        .collect();
    assert_eq!(
        titles,
        [
            "第一部分 平顶山市工业和信息化局概况",
            "第二部分 2023年度部门决算表",
            "第三部分 2023年度部门决算情况说明",
            "第四部分 名词解释",
            "第五部分 附件",
        ]
    );
    let tables: Vec<&str> = doc.tables().map(|t| t.label.as_str()).collect();
    assert_eq!(
        &tables[..9],
        [
            "公开01表",
            "公开02表",
            "公开03表",
            "公开04表",
            "公开05表",
            "公开06表",
            "公开07表",
            "公开08表",
            "公开09表"
        ]
    );
    assert_eq!(tables.len(), 9 + c.attachments.len());
    // 第四部分: the 18 standard entries of 002 (no per-项 entries: the
    // catalog has no descriptions).
    let t = doc.plain_text();
    assert!(t.contains("一、财政拨款收入：单位从同级政府财政部门取得的财政预算资金。"));
    assert!(t.contains(
        "十八、机关运行经费：为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金"
    ));
    assert!(!t.contains("十九、"));
}
