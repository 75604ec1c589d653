//! The 决算 import workbook (`src/import_final.rs`): the pingdingshan-2023
//! fixture, each kind of bad cell, the template and its round trip, and the
//! choice between a 预算 and a 决算 workbook.

use std::fs;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use yusuan_model::*;
use yusuan_workbook::import::{ImportError, import_path};
use yusuan_workbook::import_final::*;
use yusuan_workbook::sheets_final::{FINAL_COVER_KEYS, FINAL_SHEETS, final_sheet_columns};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(name)
        .join("import")
}

fn yuan(s: &str) -> Yuan {
    s.parse().unwrap()
}

fn import_ok(path: &Path) -> FinalPackage {
    match import_final(path) {
        Ok(p) => p,
        Err(e) => panic!("import of {} failed:\n{e}", path.display()),
    }
}

fn import_err(path: &Path) -> Vec<ImportError> {
    match import_final(path) {
        Ok(_) => panic!("import of {} should fail", path.display()),
        Err(e) => e.0,
    }
}

/// A copy of the fixture's import folder with `sheet.csv` replaced by
/// `edit` of its text.
fn edited(sheet: &str, edit: impl FnOnce(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in fs::read_dir(fixture("pingdingshan-2023")).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
    }
    let path = dir.path().join(format!("{sheet}.csv"));
    let text = fs::read_to_string(&path).unwrap_or_default();
    fs::write(&path, edit(text)).unwrap();
    dir
}

/// Exactly one error, at the given place, quoting `value`; returns it shown.
fn single(errors: &[ImportError], sheet: &str, row: usize, column: &str, value: &str) -> String {
    assert_eq!(errors.len(), 1, "expected one error, got: {errors:#?}");
    let e = &errors[0];
    let shown = e.to_string();
    assert_eq!(e.sheet, sheet, "{shown}");
    assert_eq!(e.row, Some(row), "{shown}");
    assert_eq!(e.column.as_deref(), Some(column), "{shown}");
    assert!(
        shown.contains(&format!("工作表“{sheet}”第{row}行“{column}”列")),
        "{shown}"
    );
    assert!(shown.contains(value), "{shown} lacks {value}");
    shown
}

// ---------------------------------------------------------------------------
// The fixture

#[test]
fn pingdingshan_imports() {
    let p = import_ok(&fixture("pingdingshan-2023"));
    let d = &p.department;
    assert_eq!(d.name, "平顶山市工业和信息化局");
    assert_eq!(d.code, "509");
    assert_eq!(d.year, 2023);
    assert_eq!(d.amount_unit, AmountUnit::Wan);
    assert_eq!(d.decimals, 2);
    assert!(!p.layout.zero_blank, "零值显示 0.00");
    assert_eq!(p.layout.form_year, None);
    assert_eq!(p.layout.table08_with_balances, None);

    let units: Vec<(&str, UnitKind)> = p.units.iter().map(|u| (u.code.as_str(), u.kind)).collect();
    assert_eq!(
        units,
        [
            ("509001", UnitKind::Administrative),
            ("509002", UnitKind::Institution),
            ("509003", UnitKind::Institution)
        ]
    );
    assert_eq!(p.units[1].name, "平顶山市中小企业服务中心");

    // 收入: 18 rows, all 一般公共预算财政拨款, 21,758,700.00 in all.
    assert_eq!(p.income.len(), 18);
    assert!(p.income.iter().all(|e| e.source == FundSource::GeneralAppropriation));
    assert_eq!(p.income.iter().map(|e| e.amount).sum::<Yuan>(), yuan("21758700.00"));
    let i = &p.income[8];
    assert_eq!(
        (i.unit.as_str(), i.func.as_str(), i.amount),
        ("509001", "2150501", yuan("10894675.00"))
    );

    // 基本支出: 45 lines, 18,066,975.00; the two 政府采购 lines.
    assert_eq!(p.basic_lines.len(), 45);
    assert_eq!(
        p.basic_lines.iter().map(|l| l.amount).sum::<Yuan>(),
        yuan("18066975.00")
    );
    let first = &p.basic_lines[0];
    assert_eq!(
        (
            first.unit.as_str(),
            first.func.as_str(),
            first.econ.as_str(),
            first.amount
        ),
        ("509001", "2080505", "30108", yuan("737600.00"))
    );
    let procured: Vec<(&str, Yuan, Option<Procurement>)> = p
        .basic_lines
        .iter()
        .filter(|l| l.procurement.is_some())
        .map(|l| (l.econ.as_str(), l.amount, l.procurement))
        .collect();
    assert_eq!(
        procured,
        [
            ("30201", yuan("32534.00"), Some(Procurement::Goods)),
            ("30299", yuan("156300.00"), Some(Procurement::Services))
        ]
    );

    // 项目: 7 projects, 12 lines, 3,691,725.00; P1's 年初/全年预算数.
    assert_eq!(p.projects.len(), 7);
    assert_eq!(p.projects.iter().map(|x| x.lines.len()).sum::<usize>(), 12);
    let lines: Vec<&ProjectLine> = p.projects.iter().flat_map(|x| &x.lines).collect();
    assert_eq!(lines.iter().map(|l| l.amount).sum::<Yuan>(), yuan("3691725.00"));
    assert_eq!(p.projects[0].code, "P1");
    assert_eq!(p.projects[0].kind, ProjectKind::SpecificTarget);
    assert_eq!(p.projects[1].kind, ProjectKind::Operating);
    assert_eq!(p.projects[5].unit, "509002");
    let car = &p.projects[4].lines[0];
    assert_eq!(
        (car.econ.as_str(), car.amount, car.procurement),
        ("31013", yuan("179766.00"), Some(Procurement::Goods))
    );
    assert_eq!(p.project_evals.len(), 1);
    let e = &p.project_evals[0];
    assert_eq!(e.project, "P1");
    assert_eq!(e.initial.government, yuan("197500.00"));
    assert_eq!(e.adjusted.government, yuan("197500.00"));
    assert_eq!(e.initial.total(), yuan("197500.00"));

    // Empty sheets.
    assert!(p.opening.is_empty());
    assert!(p.surplus.is_empty());
    assert!(p.other_lines.is_empty());

    // 年初预算: 858.90万元, 8 项 of 一般公共预算 + two 口径 totals of 0.
    assert_eq!(p.plan.initial.len(), 10);
    assert_eq!(
        p.plan.initial.iter().map(|l| l.amount).sum::<Yuan>(),
        yuan("8589000.00")
    );
    assert_eq!(p.plan.initial.iter().filter(|l| l.nature == Nature::General).count(), 8);
    let blank: Vec<Nature> = p
        .plan
        .initial
        .iter()
        .filter(|l| l.func.is_empty())
        .map(|l| l.nature)
        .collect();
    assert_eq!(blank, [Nature::GovFund, Nature::StateCapital]);

    // 三公预算, 三公统计
    let adj = &p.plan.three_public_adjusted;
    assert_eq!(adj.overseas, Decimal::ZERO);
    assert_eq!(adj.vehicle_purchase, yuan("179766.00"));
    assert_eq!(adj.vehicle_operation, yuan("109600.00"));
    assert_eq!(adj.reception, yuan("6566.00"));
    assert_eq!(adj.total(), yuan("295932.00"));
    assert_eq!(p.plan.three_public_initial.total(), Decimal::ZERO);
    let f = &p.three_public;
    assert_eq!((f.overseas_groups, f.overseas_persons), (0, 0));
    assert_eq!((f.vehicles_bought, f.vehicles_held), (1, 4));
    assert_eq!((f.foreign_groups, f.foreign_persons), (0, 0));
    assert_eq!((f.domestic_groups, f.domestic_persons), (8, 72));
    assert_eq!(f.foreign_reception, Decimal::ZERO);

    // 上年决算数
    assert_eq!(p.last_year.get(LastYearFinalItem::Total), Some(yuan("39220300.00")));
    assert_eq!(
        p.last_year.get(LastYearFinalItem::FiscalTotal),
        Some(yuan("39220300.00"))
    );
    assert_eq!(
        p.last_year.get(LastYearFinalItem::AgencyOperating),
        Some(yuan("2986400.00"))
    );
    assert_eq!(p.last_year.get(LastYearFinalItem::ThreePublicTotal), None);
    assert_eq!(p.last_year.0.len(), 4);

    // 政府采购, 资产
    assert_eq!(p.procurement.sme_contracts, yuan("188800.00"));
    assert_eq!(p.procurement.small_micro_contracts, yuan("188800.00"));
    assert_eq!(p.plan.procurement_budget, None);
    assert_eq!(p.assets.vehicles_total, Some(4));
    assert_eq!(p.assets.vehicles.get(&VehicleKind::Confidential), Some(&4));
    assert_eq!(p.assets.vehicles.get(&VehicleKind::MainLeader), Some(&0));
    assert_eq!(p.assets.vehicles.get(&VehicleKind::ProvincialLeader), None);
    assert_eq!(p.assets.vehicles.len(), 7);
    assert_eq!(p.assets.equipment_over_1m, Some(0));

    // 整体自评
    assert_eq!(p.plan.dept_initial.government, yuan("8589000.00"));
    assert_eq!(p.plan.dept_adjusted.government, yuan("21758700.00"));
    // 执行率分值 10 as printed; the 得分 is left to be derived.
    assert_eq!(p.dept_eval.exec_weight, Decimal::from(10));
    assert_eq!(p.dept_eval.exec_score, None);
    assert_eq!(p.dept_eval.filled_by, "张车驹 4976991");
    assert!(p.dept_eval.targets.goal.starts_with("2023年度单位年度总目标"));
    // 整体自评任务: the 9 tasks (002 L720–729) with their results.
    assert_eq!(p.dept_eval.targets.tasks.len(), 9);
    assert_eq!(p.dept_eval.task_results, vec!["圆满完成年初设定目标".to_string(); 9]);
    // 整体自评指标: 36 rows, 分值 90 and 得分 83.7 (`分值及得分合计 90 83.7`, L768).
    assert_eq!(p.dept_eval.results.len(), 36);
    let weight: Decimal = p.dept_eval.results.iter().map(|r| r.weight).sum();
    let score: Decimal = p.dept_eval.results.iter().map(|r| r.score).sum();
    assert_eq!((weight, score), (Decimal::from(90), "83.7".parse().unwrap()));
    // 项目自评, 项目资金管理, 项目自评指标: P1 (L772–807).
    let e = &p.project_evals[0];
    assert_eq!(
        (e.project.as_str(), e.attach, e.exec_weight),
        ("P1", true, Decimal::from(10))
    );
    assert_eq!(e.fund_mgmt[0].note, "科学");
    assert!(
        e.fund_mgmt
            .iter()
            .all(|m| m.weight == Decimal::from(5) && m.score == Decimal::from(5))
    );
    assert_eq!(e.indicators.len(), 10);
    let weight: Decimal = e.indicators.iter().map(|(_, r)| r.weight).sum();
    assert_eq!(weight, Decimal::from(70));
    assert_eq!(
        p.dept_eval.project_grades,
        Some(GradeCounts {
            excellent: 7,
            good: 0,
            fair: 0,
            poor: 0
        })
    );

    assert!(limits::check_final(&p).is_ok());
}

#[test]
fn import_document_tells_final_from_budget() {
    match import_document(&fixture("pingdingshan-2023")).unwrap() {
        Document::Final(f) => assert_eq!(f.department.year, 2023),
        Document::Budget(_) => panic!("a 决算 workbook read as a 预算"),
    }
    let budget = import_path(&fixture("yima-2024")).unwrap();
    match import_document(&fixture("yima-2024")).unwrap() {
        Document::Budget(b) => assert_eq!(b, budget),
        Document::Final(_) => panic!("a 预算 workbook read as a 决算"),
    }
}

// ---------------------------------------------------------------------------
// Bad cells: sheet, row, column and value

#[test]
fn unknown_income_kind() {
    let dir = edited("收入", |t| {
        t.replacen("509001,一般公共预算财政拨款,2010305", "509001,财政拨款,2010305", 1)
    });
    let shown = single(&import_err(dir.path()), "收入", 2, "收入类型", "财政拨款");
    assert!(shown.contains("一般公共预算财政拨款"), "{shown}");
}

#[test]
fn carry_over_is_not_income() {
    let dir = edited("收入", |t| {
        t.replacen(
            "509001,一般公共预算财政拨款,2010305",
            "509001,上年结转-一般公共预算,2010305",
            1,
        )
    });
    single(&import_err(dir.path()), "收入", 2, "收入类型", "上年结转-一般公共预算");
}

#[test]
fn bad_amount() {
    let dir = edited("基本支出", |t| t.replacen("737600.00", "7376.005", 1));
    let shown = single(&import_err(dir.path()), "基本支出", 2, "金额", "7376.005");
    assert!(shown.contains("两位小数"), "{shown}");
    let dir = edited("年初预算", |t| t.replacen("315000.00", "三十一万", 1));
    single(&import_err(dir.path()), "年初预算", 2, "金额", "三十一万");
    let dir = edited("上年决算数", |t| t.replacen("39220300.00", "-1", 1));
    single(&import_err(dir.path()), "上年决算数", 2, "金额", "-1");
}

#[test]
fn unknown_unit() {
    let dir = edited("收入", |t| t.replacen("509003,", "509009,", 1));
    single(&import_err(dir.path()), "收入", 19, "单位代码", "509009");
    let dir = edited("结转结余", |t| t + "509004,非财政拨款,2150501,100.00\n");
    single(&import_err(dir.path()), "结转结余", 2, "单位代码", "509004");
}

#[test]
fn duplicate_keys() {
    let dir = edited("年初预算", |t| t + "一般公共预算财政拨款,2080501,1.00\n");
    let shown = single(&import_err(dir.path()), "年初预算", 12, "功能科目编码", "2080501");
    assert!(shown.contains("第2行已有"), "{shown}");
    let dir = edited("年初预算", |t| t + "政府性基金预算财政拨款,,5.00\n");
    single(
        &import_err(dir.path()),
        "年初预算",
        12,
        "功能科目编码",
        "政府性基金预算财政拨款",
    );
    let dir = edited("收入", |t| t + "509003,一般公共预算财政拨款,2150599,1.00\n");
    single(&import_err(dir.path()), "收入", 20, "功能科目编码", "2150599");
    let dir = edited("三公统计", |t| t + "公务用车保有量,5\n");
    single(&import_err(dir.path()), "三公统计", 10, "项目", "公务用车保有量");
    let dir = edited("非财政拨款结余", |_| {
        "单位代码,使用非财政拨款结余和专用结余,结余分配\n509002,1.00,0\n509002,2.00,0\n".into()
    });
    single(&import_err(dir.path()), "非财政拨款结余", 3, "单位代码", "509002");
    let dir = edited("说明", |_| {
        "键,内容\n差异原因:2150501,人员增加\n差异原因：2150501,又一条\n".into()
    });
    single(&import_err(dir.path()), "说明", 3, "键", "差异原因:2150501");
}

#[test]
fn missing_column() {
    let dir = edited("收入", |t| {
        t.replacen("单位代码,收入类型,功能科目编码,金额", "单位代码,收入类型,金额", 1)
    });
    let errors = import_err(dir.path());
    single(&errors, "收入", 1, "功能科目编码", "功能科目编码");
}

#[test]
fn bad_codes() {
    let dir = edited("收入", |t| t.replacen(",2010305,", ",201030,", 1));
    let shown = single(&import_err(dir.path()), "收入", 2, "功能科目编码", "201030");
    assert!(shown.contains("7位"), "{shown}");
    let dir = edited("项目明细", |t| t.replacen("P1,2150599,30227", "P1,2150599,3022", 1));
    single(&import_err(dir.path()), "项目明细", 2, "经济科目编码", "3022");
    let dir = edited("说明", |_| "键,内容\n差异原因:21505,说明\n".into());
    single(&import_err(dir.path()), "说明", 2, "键", "21505");
}

#[test]
fn unknown_labels_in_key_value_sheets() {
    let dir = edited("三公预算", |t| t.replacen("公务接待费,", "接待费,", 1));
    single(&import_err(dir.path()), "三公预算", 5, "项目", "接待费");
    let dir = edited("资产", |t| t.replacen("机要通信用车,4", "机要用车,4", 1));
    single(&import_err(dir.path()), "资产", 4, "项目", "机要用车");
    let dir = edited("资产", |t| t.replacen("机要通信用车,4", "机要通信用车,4.5", 1));
    single(&import_err(dir.path()), "资产", 4, "数量", "4.5");
    let dir = edited("说明", |_| "键,内容\n收支变动原因,文字\n".into());
    single(&import_err(dir.path()), "说明", 2, "键", "收支变动原因");
    let dir = edited("年初预算", |t| {
        t.replacen("政府性基金预算财政拨款,,0", "非财政拨款,,0", 1)
    });
    single(&import_err(dir.path()), "年初预算", 10, "口径", "非财政拨款");
}

#[test]
fn project_indicators_name_known_projects() {
    let dir = edited("项目绩效", |_| {
        "项目编码,一级指标,二级指标,三级指标,指标值,指标值说明\nP1,产出指标,数量指标,研究报告,1份,\nP9,产出指标,数量指标,研究报告,1份,\n"
            .into()
    });
    single(&import_err(dir.path()), "项目绩效", 3, "项目编码", "P9");
}

#[test]
fn project_evals_name_known_projects_once() {
    let dir = edited("项目自评", |_| {
        "项目编码,执行率分值,执行率得分\nP1,10,9.5\nP1,10,9\nP8,10,9\n".into()
    });
    let errors = import_err(dir.path());
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_eq!(
        (errors[0].row, errors[0].column.as_deref()),
        (Some(3), Some("项目编码"))
    );
    assert!(errors[1].to_string().contains("P8"), "{}", errors[1]);
    let dir = edited("项目自评指标", |_| {
        "项目编码,一级指标,二级指标,三级指标,指标值,分值,实际完成值,得分\nP1,产出指标,数量指标,报告,1份,二十,1份,20\n"
            .into()
    });
    single(&import_err(dir.path()), "项目自评指标", 2, "分值", "二十");
    let dir = edited("整体自评指标", |_| {
        "一级指标,二级指标,三级指标,指标值,得分\n产出指标,数量指标,,1项,5\n".into()
    });
    single(&import_err(dir.path()), "整体自评指标", 2, "三级指标", "不能为空");
}

#[test]
fn dept_eval_counts_must_agree() {
    let dir = edited("整体自评", |t| t.replacen("项目自评数,7", "项目自评数,8", 1));
    let shown = single(&import_err(dir.path()), "整体自评", 5, "内容", "8");
    assert!(shown.contains("合计为7"), "{shown}");
    let dir = edited("整体自评", |t| t.replacen("执行率分值,10", "执行率分值,十分", 1));
    single(&import_err(dir.path()), "整体自评", 4, "内容", "十分");
}

#[test]
fn dept_eval_split_by_source() {
    let dir = edited("整体自评", |t| {
        t + "年初预算数（财政专户管理资金）,100.00\n全年预算数（单位资金）,250.50\n"
    });
    let p = import_ok(dir.path());
    assert_eq!(p.plan.dept_initial.fiscal_special, yuan("100.00"));
    assert_eq!(p.plan.dept_adjusted.unit_funds, yuan("250.50"));
    assert_eq!(p.plan.dept_initial.government, yuan("8589000.00"));
    let dir = edited("整体自评", |t| t + "全年预算数（单位资金）,两百\n");
    single(&import_err(dir.path()), "整体自评", 13, "内容", "两百");
}

/// `项目自评`: the 财政专户/单位资金 parts of a project's 年初/全年预算数.
#[test]
fn project_eval_split_by_source() {
    let dir = edited("项目自评", |t| {
        t.replacen("附件公开", "附件公开,全年预算数（单位资金）", 1)
            .replacen(",是\n", ",是,500.00\n", 1)
    });
    let p = import_ok(dir.path());
    let e = &p.project_evals[0];
    assert_eq!(e.adjusted.unit_funds, yuan("500.00"));
    assert_eq!(e.adjusted.government, yuan("197500.00"));
    assert_eq!(e.adjusted.total(), yuan("198000.00"));
    let dir = edited("项目自评", |t| {
        t.replacen("附件公开", "附件公开,年初预算数（财政专户管理资金）", 1)
            .replacen(",是\n", ",是,-5\n", 1)
    });
    single(
        &import_err(dir.path()),
        "项目自评",
        2,
        "年初预算数（财政专户管理资金）",
        "-5",
    );
}

/// `项目资金管理`: points, one row per item and project, a known project.
#[test]
fn fund_management_rows() {
    // The seed's `5.0%` is not a score.
    let dir = edited("项目资金管理", |t| t.replacen("科学,5,5", "科学,5,5.0%", 1));
    let shown = single(&import_err(dir.path()), "项目资金管理", 2, "得分", "5.0%");
    assert!(shown.contains("非负数"), "{shown}");
    let dir = edited("项目资金管理", |t| t + "P1,安排科学性,又一行,5,5,\n");
    let shown = single(&import_err(dir.path()), "项目资金管理", 6, "项目", "");
    assert!(shown.contains("安排科学性"), "{shown}");
    let dir = edited("项目资金管理", |t| t + "P1,安排合理性,,5,5,\n");
    single(&import_err(dir.path()), "项目资金管理", 6, "项目", "安排合理性");
    let dir = edited("项目资金管理", |t| t + "P9,安排科学性,,5,5,\n");
    single(&import_err(dir.path()), "项目资金管理", 6, "项目编码", "P9");
}

/// `整体自评任务`: a task needs its name.
#[test]
fn dept_tasks_need_a_name() {
    let dir = edited("整体自评任务", |t| t + ",只有内容,完成\n");
    single(&import_err(dir.path()), "整体自评任务", 11, "任务名称", "");
}

#[test]
fn cover_values() {
    let dir = edited("封面", |t| t.replacen("零值显示,0.00", "零值显示,-", 1));
    single(&import_err(dir.path()), "封面", 6, "B", "-");
    // The fixture's 封面 has 7 rows (its last the 发布日期): an added row is the 8th.
    let dir = edited("封面", |t| t + "千分位,有\n");
    single(&import_err(dir.path()), "封面", 8, "B", "有");
    let dir = edited("封面", |t| t + "审核人,张三\n");
    single(&import_err(dir.path()), "封面", 8, "A", "审核人");
    let dir = edited("封面", |t| t.replacen("决算年度,2023", "决算年度,二〇二三", 1));
    single(&import_err(dir.path()), "封面", 3, "B", "二〇二三");
    let dir = edited("封面", |t| {
        t.replacen("发布日期,二〇二四年九月", "发布日期,2024年10月", 1) + "千分位,否\n表样年度,2022\n公开08表样,支出\n"
    });
    let p = import_ok(dir.path());
    assert_eq!(p.publish_date, "2024年10月");
    assert!(!p.layout.thousands);
    assert_eq!(p.layout.form_year, Some(2022));
    assert_eq!(p.layout.table08_with_balances, Some(false));
    assert!(!p.layout.table08_with_balances(p.department.year));
}

#[test]
fn every_error_is_reported_and_nothing_is_imported() {
    let dir = edited("基本支出", |t| {
        t.replacen("737600.00", "x", 1)
            .replacen("509001,2080505,30109", "509009,2080505,30109", 1)
    });
    let errors = import_err(dir.path());
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_eq!(errors[0].row, Some(2));
    assert_eq!(errors[1].row, Some(3));
}

// ---------------------------------------------------------------------------
// Template

#[test]
fn empty_final_template_has_every_sheet_and_header() {
    use calamine::{Data, Reader};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("决算模板.xlsx");
    write_template_final(&path, None).unwrap();
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    assert_eq!(
        wb.sheet_names(),
        FINAL_SHEETS.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    );
    let cover = wb.worksheet_range("封面").unwrap();
    let keys: Vec<String> = (0..FINAL_COVER_KEYS.len())
        .map(|r| cover.get_value((r as u32, 0)).unwrap().to_string())
        .collect();
    assert_eq!(keys, FINAL_COVER_KEYS);
    for sheet in &FINAL_SHEETS[1..] {
        let range = wb.worksheet_range(sheet).unwrap();
        let header: Vec<String> = range.rows().next().unwrap().iter().map(Data::to_string).collect();
        let expected: Vec<String> = final_sheet_columns(sheet)
            .unwrap()
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(header, expected, "{sheet}");
    }
    // The empty template is a 决算 one, and says what is missing.
    let errors = match import_document(&path) {
        Err(e) => e.0,
        Ok(_) => panic!("an empty template imports"),
    };
    let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(
        shown.iter().any(|e| e.contains("封面") && e.contains("决算年度")),
        "{shown:#?}"
    );
    assert!(shown.iter().any(|e| e.contains("没有任何单位")), "{shown:#?}");
}

/// The fixture with every sheet the fixture leaves empty given something.
fn full_package() -> FinalPackage {
    let mut p = import_ok(&fixture("pingdingshan-2023"));
    p.publish_date = "二〇二四年九月".into();
    p.layout = FinalLayout {
        zero_blank: true,
        thousands: false,
        form_year: Some(2022),
        table08_with_balances: Some(true),
        unit_line_long: true,
        table01_amount_header: true,
        table06_short_title: true,
        zero_other_tables: [1, 5, 7, 8].into(),
    };
    p.opening.push(OpeningBalance {
        unit: "509002".into(),
        nature: Nature::NonFiscal,
        func: "2150899".into(),
        amount: yuan("12345.67"),
        rejected: Default::default(),
    });
    p.surplus.push(NonFiscalSurplus {
        unit: "509002".into(),
        used: yuan("100.00"),
        distributed: yuan("0.50"),
        rejected: Default::default(),
    });
    p.other_lines.push(OtherSpending {
        unit: "509003".into(),
        kind: OtherKind::Operating,
        func: "2150599".into(),
        econ: "30299".into(),
        source: FundSource::OperatingIncome,
        amount: yuan("888.88"),
        rejected: Default::default(),
    });
    p.income.push(FinalIncome {
        unit: "509003".into(),
        source: FundSource::OperatingIncome,
        func: "2150599".into(),
        amount: yuan("888.88"),
        rejected: Default::default(),
    });
    p.basic_lines[3].source = FundSource::CarryGeneral;
    p.basic_lines[4].note = "=备注".into();
    p.plan.procurement_budget = Some(yuan("368600.00"));
    p.plan.three_public_initial.reception = yuan("10000.00");
    p.three_public.foreign_reception = yuan("1234.50");
    p.three_public.foreign_groups = 1;
    p.last_year.0.insert(LastYearFinalItem::Reception, yuan("0.00"));
    p.assets.vehicles.insert(VehicleKind::ProvincialLeader, 1);
    p.dept_eval.exec_weight = Decimal::from(10);
    p.dept_eval.exec_score = Some("9.37".parse().unwrap());
    p.dept_eval.goal_actual = "完成年度目标\n第二行".into();
    p.dept_eval.filled_by = "张三 0375-1234567".into();
    p.project_evals.push(ProjectEval {
        project: "P3".into(),
        adjusted: FundsSplit {
            government: yuan("10900.00"),
            ..FundsSplit::default()
        },
        ..ProjectEval::default()
    });
    p.projects[0].indicators.push(Indicator {
        kind: IndicatorKind::Output,
        level2: "数量指标".into(),
        level3: "研究报告".into(),
        value: "1份".into(),
        note: String::new(),
    });
    p.dept_eval.targets.indicators = vec![
        DeptIndicator {
            level1: "产出指标".into(),
            level2: "数量指标".into(),
            level3: "培训企业家".into(),
            value: "≥100人".into(),
            note: String::new(),
        },
        DeptIndicator {
            level3: "课题研究".into(),
            value: "1项".into(),
            ..DeptIndicator::default()
        },
    ];
    p.dept_eval.results = vec![
        ScoredRow {
            weight: Decimal::from(20),
            actual: "120人".into(),
            score: "19.5".parse().unwrap(),
            deviation: "无".into(),
            remedy: String::new(),
        },
        ScoredRow::default(),
    ];
    p.project_evals[1].exec_weight = Decimal::from(10);
    p.project_evals[1].exec_score = Some(Decimal::from(10));
    p.project_evals[1].goal_planned = "完成4个行业规划".into();
    p.project_evals[1].attach = true;
    p.project_evals[1].indicators.push((
        Indicator {
            kind: IndicatorKind::Benefit,
            level2: "社会效益指标".into(),
            level3: "规划采纳".into(),
            value: "是".into(),
            note: String::new(),
        },
        ScoredRow {
            weight: Decimal::from(30),
            actual: "是".into(),
            score: Decimal::from(30),
            ..ScoredRow::default()
        },
    ));
    p.project_evals.push(ProjectEval {
        project: "P2".into(),
        exec_score: Some("7.25".parse().unwrap()),
        ..ProjectEval::default()
    });
    p.dept_texts
        .insert(TextKey::Duties, "负责全市工业和信息化工作。".into());
    p.texts
        .insert(FinalTextKey::IncomeExpenseReason, "项目支出增加。".into());
    p.reasons_by_func
        .insert("2150501".into(), "人员调整，支出增加。".into());
    p
}

#[test]
fn filled_template_round_trips() {
    let p = full_package();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("决算.xlsx");
    write_template_final(&path, Some(&p)).unwrap();
    let back = match import_document(&path) {
        Ok(Document::Final(f)) => f,
        Ok(Document::Budget(_)) => panic!("read back as a 预算"),
        Err(e) => panic!("{e}"),
    };
    // Project evaluations come back in the order of the projects.
    let mut expected = p.clone();
    expected
        .project_evals
        .sort_by_key(|e| p.projects.iter().position(|x| x.code == e.project));
    assert_eq!(back, expected);
}

#[test]
fn fixture_round_trips_through_the_template() {
    let p = import_ok(&fixture("pingdingshan-2023"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("决算.xlsx");
    write_template_final(&path, Some(&p)).unwrap();
    assert_eq!(import_ok(&path), p);
}

/// `docs/spec/import-workbook-final.md` is generated from the sheet
/// declarations; `UPDATE_DOCS=1 cargo test -p yusuan-workbook --test
/// import_final reference` rewrites it after a declaration changes.
#[test]
fn reference() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/spec/import-workbook-final.md");
    let generated = yusuan_workbook::sheets_final::reference_final();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        fs::write(&path, &generated).unwrap();
    }
    let committed = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/spec/import-workbook-final.md differs from the sheet declarations: run\n  UPDATE_DOCS=1 cargo test -p yusuan-workbook --test import_final reference"
    );
    for sheet in FINAL_SHEETS {
        assert!(committed.contains(&format!("## {sheet}（")), "{sheet}");
    }
    assert!(committed.contains("差异原因:2150501"));
    assert!(committed.contains("一般公共预算财政拨款、一般公共预算-其他"));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, ..Default::default() })]

    /// Whatever a sheet holds, the import answers without panicking.
    #[test]
    fn random_sheets_never_panic(
        sheet in 0usize..FINAL_SHEETS.len(),
        text in "[\u{feff}\"，,\\r\\n 0-9.:：\\-eE一-龥０-９年元是否]{0,200}",
        keep_header in proptest::prelude::any::<bool>(),
    ) {
        let name = FINAL_SHEETS[sheet];
        let dir = edited(name, |t| {
            let header = if keep_header { t.lines().next().unwrap_or("").to_string() + "\n" } else { String::new() };
            header + &text
        });
        let _ = import_document(dir.path());
    }
}

/// An xlsx typed by hand: numbers where the template has text (a year, a
/// code, 0.00 for 零值显示, amounts), sheets in another order, a title row.
#[test]
fn xlsx_with_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("手填.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let income = wb.add_worksheet().set_name("收入").unwrap();
    income.write_string(0, 0, "2023年收入").unwrap();
    income
        .write_row(1, 0, ["单位代码", "收入类型", "功能科目编码", "金额"])
        .unwrap();
    income.write_number(2, 0, 509001).unwrap();
    income.write_string(2, 1, "事业收入").unwrap();
    income.write_number(2, 2, 2150501).unwrap();
    income.write_number(2, 3, 1234.5).unwrap();
    let cover = wb.add_worksheet().set_name("封面").unwrap();
    for (i, (k, v)) in [
        ("部门名称", None),
        ("部门代码", Some(509.0)),
        ("决算年度", Some(2023.0)),
        ("零值显示", Some(0.0)),
    ]
    .into_iter()
    .enumerate()
    {
        cover.write_string(i as u32, 0, k).unwrap();
        match v {
            Some(n) => cover.write_number(i as u32, 1, n).unwrap(),
            None => cover.write_string(i as u32, 1, "平顶山市工业和信息化局").unwrap(),
        };
    }
    let units = wb.add_worksheet().set_name("单位").unwrap();
    units.write_row(0, 0, ["单位代码", "单位名称", "单位性质"]).unwrap();
    units.write_number(1, 0, 509001).unwrap();
    units.write_string(1, 1, "平顶山市工业和信息化局").unwrap();
    units.write_string(1, 2, "行政单位").unwrap();
    wb.save(&path).unwrap();

    let p = match import_document(&path) {
        Ok(Document::Final(f)) => f,
        Ok(Document::Budget(_)) => panic!("read as a 预算"),
        Err(e) => panic!("{e}"),
    };
    assert_eq!(p.department.code, "509");
    assert_eq!(p.department.year, 2023);
    assert!(!p.layout.zero_blank);
    assert_eq!(
        p.income,
        [FinalIncome {
            unit: "509001".into(),
            source: FundSource::BusinessIncome,
            func: "2150501".into(),
            amount: yuan("1234.50"),
            rejected: Default::default(),
        }]
    );
}
