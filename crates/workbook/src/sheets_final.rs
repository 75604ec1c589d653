//! The sheets of the 决算 import workbook (`shared/spec/final/model.md` §5),
//! declared as the 预算's are in [`crate::sheets`]: the reader
//! (`import_final`) and the template writer read these declarations.
//! `封面`, `单位` and the column names shared with the 预算 are the 预算's own.

use yusuan_model::{
    FinalColumn, FinalTextKey, FundSource, LastYearFinalItem, Nature, OtherKind, VehicleKind, final_source_label,
};

use crate::sheets::{
    C_AMOUNT, C_CONTENT, C_COUNT, C_ECON, C_FUNC, C_ITEM, C_KEY, C_LEVEL1, C_LEVEL2, C_LEVEL3, C_PROJECT,
    C_PROJECT_KIND, C_PROJECT_NAME, C_SECRET, C_SOURCE, C_SOURCE_KIND, C_UNIT, C_VALUE, C_VALUE_NOTE, Column, Kind,
    PROJECT_INDICATORS, SHEET_BASIC, SHEET_COVER, SHEET_INCOME, SHEET_PROJECT_INDICATORS, SHEET_PROJECT_LINES,
    SHEET_PROJECTS, SHEET_TEXTS, SHEET_UNITS, Sheet, UNITS, basic_columns, col, indicator_kind_labels,
    project_kind_labels, project_line_columns,
};

pub const SHEET_OPENING: &str = "结转结余";
pub const SHEET_SURPLUS: &str = "非财政拨款结余";
pub const SHEET_OTHER: &str = "其他支出";
pub const SHEET_PLAN: &str = "年初预算";
pub const SHEET_THREE_PUBLIC_PLAN: &str = "三公预算";
pub const SHEET_THREE_PUBLIC_FACTS: &str = "三公统计";
pub const SHEET_LAST_YEAR_FINAL: &str = "上年决算数";
pub const SHEET_PROCUREMENT: &str = "政府采购";
pub const SHEET_FINAL_ASSETS: &str = "资产";
pub const SHEET_DEPT_EVAL: &str = "整体自评";
pub const SHEET_DEPT_EVAL_TASKS: &str = "整体自评任务";
pub const SHEET_DEPT_EVAL_INDICATORS: &str = "整体自评指标";
pub const SHEET_PROJECT_EVALS: &str = "项目自评";
pub const SHEET_PROJECT_FUND_MGMT: &str = "项目资金管理";
pub const SHEET_PROJECT_EVAL_INDICATORS: &str = "项目自评指标";

/// Every sheet of the 决算 workbook, in the template's order.
pub const FINAL_SHEETS: [&str; 23] = [
    SHEET_COVER,
    SHEET_UNITS,
    SHEET_INCOME,
    SHEET_OPENING,
    SHEET_SURPLUS,
    SHEET_BASIC,
    SHEET_PROJECTS,
    SHEET_PROJECT_LINES,
    SHEET_PROJECT_INDICATORS,
    SHEET_OTHER,
    SHEET_PLAN,
    SHEET_THREE_PUBLIC_PLAN,
    SHEET_THREE_PUBLIC_FACTS,
    SHEET_LAST_YEAR_FINAL,
    SHEET_PROCUREMENT,
    SHEET_FINAL_ASSETS,
    SHEET_DEPT_EVAL,
    SHEET_DEPT_EVAL_TASKS,
    SHEET_DEPT_EVAL_INDICATORS,
    SHEET_PROJECT_EVALS,
    SHEET_PROJECT_FUND_MGMT,
    SHEET_PROJECT_EVAL_INDICATORS,
    SHEET_TEXTS,
];

/// The key of `封面` that makes a workbook a 决算 one.
pub const FINAL_YEAR_KEY: &str = "决算年度";

/// The keys of the 决算 `封面`, in the template's order: the department's
/// and the layout's rows, then the wording ([`crate::wording`]).
pub const FINAL_COVER_KEYS: [&str; 28] = crate::wording::cover_keys(
    [
        "部门名称",
        "部门代码",
        FINAL_YEAR_KEY,
        "金额单位",
        "小数位数",
        "发布日期",
        "零值显示",
        "千分位",
        "表样年度",
        "公开08表样",
        "单位行",
        "公开01金额列",
        "公开06标题",
        "零值另样的表",
    ],
    crate::wording::FINAL_WORDING_KEYS,
);

/// `单位行`: the words above each table (002, 003).
pub const UNIT_LINE_LABELS: [&str; 2] = ["单位：万元", "金额单位：万元"];
/// `公开01金额列`: the header of 公开01's amount columns (002, 003).
pub const TABLE01_AMOUNT_LABELS: [&str; 2] = ["决算数", "金额"];
/// `公开06标题`: 公开06's title (002, 003).
pub const TABLE06_TITLE_LABELS: [&str; 2] = [
    "一般公共预算财政拨款基本支出决算明细表",
    "一般公共预算财政拨款基本支出决算表",
];

/// `零值显示`: a zero printed as 0.00 or blank.
pub const ZERO_LABELS: [&str; 2] = ["0.00", "空白"];
/// `千分位`
pub const YES_NO: [&str; 2] = ["是", "否"];
/// `公开08表样`: spending only (three columns) or with balances (six).
pub const TABLE08_LABELS: [&str; 2] = ["支出", "收支"];

pub(crate) const C_NATURE: &str = "资金性质";
pub(crate) const C_OPENING: &str = "年初结转和结余";
pub(crate) const C_SURPLUS_USED: &str = "使用非财政拨款结余和专用结余";
pub(crate) const C_SURPLUS_DISTRIBUTED: &str = "结余分配";
pub(crate) const C_OTHER_KIND: &str = "支出类型";
pub(crate) const C_BASIS: &str = "口径";
pub(crate) const C_INITIAL: &str = "年初预算数";
pub(crate) const C_ADJUSTED: &str = "全年预算数";
pub(crate) const C_WEIGHT: &str = "分值";
pub(crate) const C_ACTUAL: &str = "实际完成值";
pub(crate) const C_SCORE: &str = "得分";
pub(crate) const C_DEVIATION: &str = "偏差原因分析";
pub(crate) const C_REMEDY: &str = "改进措施";
pub(crate) const C_EXEC_WEIGHT: &str = "执行率分值";
pub(crate) const C_EXEC_SCORE: &str = "执行率得分";
pub(crate) const C_GOAL_PLANNED: &str = "年度目标";
pub(crate) const C_GOAL_ACTUAL: &str = "实际完成情况";
pub(crate) const C_ATTACH: &str = "附件公开";
pub(crate) const C_TASK_RESULT: &str = "任务完成情况";
pub(crate) const C_FUND_NOTE: &str = "情况说明";
pub(crate) const C_FUND_ISSUE: &str = "存在问题和改进措施";

/// `项目资金管理`: the four rows of A2's 资金管理情况, in `ProjectEval.fund_mgmt` order.
pub const FUND_MGMT_ITEMS: [&str; 4] = ["安排科学性", "拨付合规性", "使用规范性", "预算绩效管理情况"];

/// `三公预算` and `上年决算数`: the four 三公 items.
pub const THREE_PUBLIC_ITEMS: [&str; 4] = ["因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费"];

/// `三公统计`: counts, and the 外宾接待支出 amount (元) in the same column.
pub const FACT_ITEMS: [&str; 9] = [
    "因公出国（境）团组",
    "因公出国（境）人次",
    "公务用车购置数量",
    "公务用车保有量",
    FACT_FOREIGN_RECEPTION,
    "外宾接待团组",
    "外宾接待人次",
    "国内公务接待团组",
    "国内公务接待人次",
];
pub const FACT_FOREIGN_RECEPTION: &str = "外宾接待支出";

/// `政府采购`
pub const PROCUREMENT_ITEMS: [&str; 3] = ["授予中小企业合同金额", "其中：授予小微企业合同金额", PROCUREMENT_BUDGET];
pub const PROCUREMENT_BUDGET: &str = "政府采购预算";

/// `资产`: 车辆合计, the eight vehicle kinds, then 单价100万元以上设备.
pub const VEHICLES_TOTAL: &str = "车辆合计";
pub const EQUIPMENT_OVER_1M: &str = "单价100万元以上设备";

/// `整体自评` (key and value).
pub const EVAL_INITIAL: &str = "年初预算数";
pub const EVAL_ADJUSTED: &str = "全年预算数";
pub const EVAL_EXEC_WEIGHT: &str = "执行率分值";
pub const EVAL_EXEC_SCORE: &str = "执行率得分";
pub const EVAL_PROJECTS: &str = "项目自评数";
pub const EVAL_GRADES: [&str; 4] = ["优", "良", "中", "差"];
pub const EVAL_GOAL: &str = "年度履职目标";
pub const EVAL_GOAL_ACTUAL: &str = "年度履职目标实际完成情况";
pub const EVAL_INITIAL_SPECIAL: &str = "年初预算数（财政专户管理资金）";
pub const EVAL_INITIAL_UNIT: &str = "年初预算数（单位资金）";
pub const EVAL_ADJUSTED_SPECIAL: &str = "全年预算数（财政专户管理资金）";
pub const EVAL_ADJUSTED_UNIT: &str = "全年预算数（单位资金）";
pub const EVAL_FILLED_BY: &str = "填报人及联系方式";
pub const EVAL_DATE: &str = "填报日期";
pub const EVAL_ITEMS: [&str; 17] = [
    EVAL_INITIAL,
    EVAL_ADJUSTED,
    EVAL_INITIAL_SPECIAL,
    EVAL_INITIAL_UNIT,
    EVAL_ADJUSTED_SPECIAL,
    EVAL_ADJUSTED_UNIT,
    EVAL_EXEC_WEIGHT,
    EVAL_EXEC_SCORE,
    EVAL_PROJECTS,
    EVAL_GRADES[0],
    EVAL_GRADES[1],
    EVAL_GRADES[2],
    EVAL_GRADES[3],
    EVAL_GOAL,
    EVAL_GOAL_ACTUAL,
    EVAL_FILLED_BY,
    EVAL_DATE,
];

/// `说明`: 部门职责, 机构设置, the [`FinalTextKey`] labels and
/// `差异原因:<7-digit 功能 code>`.
pub const TEXT_DUTIES: &str = "部门职责";
pub const TEXT_ORGANIZATION: &str = "机构设置";
pub const REASON_PREFIX: &str = "差异原因:";

/// The 决算 names of the sources that are income (not `上年结转`).
pub(crate) fn income_labels() -> Vec<&'static str> {
    FundSource::ALL
        .into_iter()
        .filter(|s| FinalColumn::of(*s).is_some())
        .map(final_source_label)
        .collect()
}
/// The 决算 names of every source.
pub(crate) fn final_source_labels() -> Vec<&'static str> {
    FundSource::ALL.into_iter().map(final_source_label).collect()
}
pub(crate) fn nature_labels() -> Vec<&'static str> {
    Nature::ALL.iter().map(|n| n.label()).collect()
}
/// 口径 of `年初预算`: the three 财政拨款 budgets.
pub(crate) fn basis_labels() -> Vec<&'static str> {
    Nature::ALL
        .iter()
        .filter(|n| n.budget().is_some())
        .map(|n| n.label())
        .collect()
}
pub(crate) fn other_kind_labels() -> Vec<&'static str> {
    OtherKind::ALL.iter().map(|k| k.label()).collect()
}
fn three_public_labels() -> Vec<&'static str> {
    THREE_PUBLIC_ITEMS.to_vec()
}
fn fact_labels() -> Vec<&'static str> {
    FACT_ITEMS.to_vec()
}
pub(crate) fn last_year_final_labels() -> Vec<&'static str> {
    LastYearFinalItem::ALL.iter().map(|k| k.label()).collect()
}
fn procurement_item_labels() -> Vec<&'static str> {
    PROCUREMENT_ITEMS.to_vec()
}
/// The items of `资产`, in the template's order.
pub fn asset_items() -> Vec<&'static str> {
    let mut v = vec![VEHICLES_TOTAL];
    v.extend(VehicleKind::ALL.iter().map(|k| k.label()));
    v.push(EQUIPMENT_OVER_1M);
    v
}
fn eval_labels() -> Vec<&'static str> {
    EVAL_ITEMS.to_vec()
}
/// The keys of `说明` (without the `差异原因:` ones), in the template's order.
pub fn text_keys() -> Vec<&'static str> {
    let mut v = vec![TEXT_DUTIES, TEXT_ORGANIZATION];
    v.extend(FinalTextKey::ALL.iter().map(|k| k.label()));
    v
}

pub const FINAL_INCOME: Sheet = Sheet {
    name: SHEET_INCOME,
    required: false,
    about: "每行一个单位一种收入在一个功能科目（项级）的本年收入（元）。",
    columns: &[
        col(C_UNIT, true, Kind::Code, 14.0),
        col(C_SOURCE_KIND, true, Kind::List(income_labels), 28.0),
        col(C_FUNC, true, Kind::Code, 14.0),
        col(C_AMOUNT, true, Kind::Amount, 18.0),
    ],
};

pub const OPENING: Sheet = Sheet {
    name: SHEET_OPENING,
    required: false,
    about: "每行一个单位一种资金性质在一个功能科目的年初结转和结余（元）。",
    columns: &[
        col(C_UNIT, true, Kind::Code, 14.0),
        col(C_NATURE, true, Kind::List(nature_labels), 28.0),
        col(C_FUNC, true, Kind::Code, 14.0),
        col(C_OPENING, true, Kind::Amount, 18.0),
    ],
};

pub const SURPLUS: Sheet = Sheet {
    name: SHEET_SURPLUS,
    required: false,
    about: "每行一个单位：使用非财政拨款结余和专用结余、结余分配（元）。",
    columns: &[
        col(C_UNIT, true, Kind::Code, 14.0),
        col(C_SURPLUS_USED, true, Kind::Amount, 30.0),
        col(C_SURPLUS_DISTRIBUTED, true, Kind::Amount, 18.0),
    ],
};

pub const FINAL_BASIC: Sheet = Sheet {
    name: SHEET_BASIC,
    required: false,
    about: "每行一笔基本支出决算数；政府经济科目和经费类型留空时取默认。",
    columns: &basic_columns(final_source_labels),
};

pub const FINAL_PROJECTS: Sheet = Sheet {
    name: SHEET_PROJECTS,
    required: false,
    about: "每行一个项目；年初预算数、全年预算数（元）留空即未提供。",
    columns: &[
        col(C_PROJECT, true, Kind::Code, 26.0),
        col(C_PROJECT_NAME, true, Kind::Text, 40.0),
        col(C_UNIT, true, Kind::Code, 14.0),
        col(C_PROJECT_KIND, true, Kind::List(project_kind_labels), 14.0),
        col(C_SECRET, false, Kind::List(secret_labels), 8.0),
        col(C_INITIAL, false, Kind::Amount, 18.0),
        col(C_ADJUSTED, false, Kind::Amount, 18.0),
    ],
};

fn secret_labels() -> Vec<&'static str> {
    crate::sheets::SECRET_LABELS.to_vec()
}

pub const FINAL_PROJECT_LINES: Sheet = Sheet {
    name: SHEET_PROJECT_LINES,
    required: false,
    about: "每行一笔项目支出决算数，按项目编码归入项目。",
    columns: &project_line_columns(final_source_labels),
};

pub const OTHER: Sheet = Sheet {
    name: SHEET_OTHER,
    required: false,
    about: "每行一笔上缴上级支出、经营支出或对附属单位补助支出（元）。",
    columns: &[
        col(C_UNIT, true, Kind::Code, 14.0),
        col(C_OTHER_KIND, true, Kind::List(other_kind_labels), 20.0),
        col(C_FUNC, true, Kind::Code, 14.0),
        col(C_ECON, true, Kind::Code, 14.0),
        col(C_SOURCE, false, Kind::List(final_source_labels), 28.0),
        col(C_AMOUNT, true, Kind::Amount, 18.0),
    ],
};

pub const PLAN: Sheet = Sheet {
    name: SHEET_PLAN,
    required: false,
    about: "财政拨款年初预算数（元），按口径和功能科目；功能科目编码留空即该口径只有合计数。",
    columns: &[
        col(C_BASIS, true, Kind::List(basis_labels), 28.0),
        col(C_FUNC, true, Kind::Code, 14.0),
        col(C_AMOUNT, true, Kind::Amount, 18.0),
    ],
};

pub const THREE_PUBLIC_PLAN: Sheet = Sheet {
    name: SHEET_THREE_PUBLIC_PLAN,
    required: false,
    about: "“三公”经费年初预算数和全年预算数（元）。",
    columns: &[
        col(C_ITEM, true, Kind::List(three_public_labels), 24.0),
        col(C_INITIAL, true, Kind::Amount, 18.0),
        col(C_ADJUSTED, true, Kind::Amount, 18.0),
    ],
};

pub const THREE_PUBLIC_FACTS: Sheet = Sheet {
    name: SHEET_THREE_PUBLIC_FACTS,
    required: false,
    about: "“三公”经费的团组、人次、车辆数；外宾接待支出为金额（元）。",
    columns: &[
        col(C_ITEM, true, Kind::List(fact_labels), 24.0),
        col(C_COUNT, true, Kind::Text, 18.0),
    ],
};

pub const LAST_YEAR_FINAL: Sheet = Sheet {
    name: SHEET_LAST_YEAR_FINAL,
    required: false,
    about: "上年决算数（元）；金额留空即未提供。",
    columns: &[
        col(C_ITEM, true, Kind::List(last_year_final_labels), 28.0),
        col(C_AMOUNT, true, Kind::Amount, 18.0),
    ],
};

pub const PROCUREMENT: Sheet = Sheet {
    name: SHEET_PROCUREMENT,
    required: false,
    about: "政府采购合同金额（元）；政府采购预算留空即未提供。",
    columns: &[
        col(C_ITEM, true, Kind::List(procurement_item_labels), 30.0),
        col(C_AMOUNT, true, Kind::Amount, 18.0),
    ],
};

pub const FINAL_ASSETS: Sheet = Sheet {
    name: crate::sheets::SHEET_ASSETS,
    required: false,
    about: "车辆和单价100万元以上设备（年末）；数量留空即未提供。",
    columns: &[
        col(C_ITEM, true, Kind::List(asset_items), 24.0),
        col(C_COUNT, true, Kind::Count, 12.0),
    ],
};

pub const DEPT_EVAL: Sheet = Sheet {
    name: SHEET_DEPT_EVAL,
    required: false,
    about: "部门整体支出绩效自评：预算数（元；年初预算数、全年预算数为政府预算资金，带（财政专户管理资金）（单位资金）的为另两项资金来源）、执行率分值和得分（得分留空即按执行率计算）、项目自评等级个数和文字；内容留空即未提供。",
    columns: &[
        col(C_ITEM, true, Kind::List(eval_labels), 24.0),
        col(C_CONTENT, true, Kind::Text, 60.0),
    ],
};

pub const FINAL_TEXTS: Sheet = Sheet {
    name: SHEET_TEXTS,
    required: false,
    about: "情况说明引用的文字；键“差异原因:2150501”为该功能科目决算数与年初预算数的差异原因；内容留空即未提供。",
    columns: &[
        col(C_KEY, true, Kind::Text, 36.0),
        col(C_CONTENT, true, Kind::Text, 100.0),
    ],
};

/// The scored columns of a 自评 indicator row (after the indicator's own).
const fn scored(level1: Kind) -> [Column; 10] {
    [
        col(C_LEVEL1, true, level1, 14.0),
        col(C_LEVEL2, true, Kind::Text, 16.0),
        col(C_LEVEL3, true, Kind::Text, 30.0),
        col(C_VALUE, true, Kind::Text, 20.0),
        col(C_VALUE_NOTE, false, Kind::Text, 24.0),
        col(C_WEIGHT, false, Kind::Text, 8.0),
        col(C_ACTUAL, false, Kind::Text, 20.0),
        col(C_SCORE, false, Kind::Text, 8.0),
        col(C_DEVIATION, false, Kind::Text, 30.0),
        col(C_REMEDY, false, Kind::Text, 30.0),
    ]
}

pub const DEPT_EVAL_INDICATORS: Sheet = Sheet {
    name: SHEET_DEPT_EVAL_INDICATORS,
    required: false,
    about: "部门整体支出绩效自评表的指标行：目标（同预算11表）和实际完成值、分值、得分、偏差原因、改进措施；一级、二级指标留空即沿用上一行。",
    columns: &scored(Kind::Text),
};

pub const DEPT_EVAL_TASKS: Sheet = Sheet {
    name: SHEET_DEPT_EVAL_TASKS,
    required: false,
    about: "部门整体支出绩效自评表的年度主要任务：任务名称、主要内容（同预算11表）和任务完成情况，行序保留。",
    columns: &[
        col(crate::sheets::C_TASK, true, Kind::Text, 30.0),
        col(crate::sheets::C_TASK_CONTENT, false, Kind::Text, 60.0),
        col(C_TASK_RESULT, false, Kind::Text, 40.0),
    ],
};

fn fund_mgmt_labels() -> Vec<&'static str> {
    FUND_MGMT_ITEMS.to_vec()
}

pub const PROJECT_FUND_MGMT: Sheet = Sheet {
    name: SHEET_PROJECT_FUND_MGMT,
    required: false,
    about: "项目支出绩效自评表的资金管理情况：每个项目至多四行（安排科学性、拨付合规性、使用规范性、预算绩效管理情况），分值、得分为分数（不是百分比）。",
    columns: &[
        col(C_PROJECT, true, Kind::Code, 26.0),
        col(C_ITEM, true, Kind::List(fund_mgmt_labels), 20.0),
        col(C_FUND_NOTE, false, Kind::Text, 40.0),
        col(C_WEIGHT, false, Kind::Text, 8.0),
        col(C_SCORE, false, Kind::Text, 8.0),
        col(C_FUND_ISSUE, false, Kind::Text, 30.0),
    ],
};

pub const PROJECT_EVALS: Sheet = Sheet {
    name: SHEET_PROJECT_EVALS,
    required: false,
    about: "每行一个项目的支出绩效自评：执行率分值、得分（留空即按执行率计算），年度目标和实际完成情况，自评表是否作为附件公开（是/否），以及年初、全年预算数中财政专户管理资金和单位资金的部分（元；政府预算资金部分在“项目”表）。",
    columns: &[
        col(C_PROJECT, true, Kind::Code, 26.0),
        col(C_EXEC_WEIGHT, false, Kind::Text, 10.0),
        col(C_EXEC_SCORE, false, Kind::Text, 10.0),
        col(C_GOAL_PLANNED, false, Kind::Text, 40.0),
        col(C_GOAL_ACTUAL, false, Kind::Text, 40.0),
        col(C_ATTACH, false, Kind::List(secret_labels), 10.0),
        col(EVAL_INITIAL_SPECIAL, false, Kind::Amount, 18.0),
        col(EVAL_INITIAL_UNIT, false, Kind::Amount, 18.0),
        col(EVAL_ADJUSTED_SPECIAL, false, Kind::Amount, 18.0),
        col(EVAL_ADJUSTED_UNIT, false, Kind::Amount, 18.0),
    ],
};

/// `项目自评指标`: the project, then the scored indicator columns.
const fn project_scored() -> [Column; 11] {
    let s = scored(Kind::List(indicator_kind_labels));
    [
        col(C_PROJECT, true, Kind::Code, 26.0),
        s[0],
        s[1],
        s[2],
        s[3],
        s[4],
        s[5],
        s[6],
        s[7],
        s[8],
        s[9],
    ]
}

pub const PROJECT_EVAL_INDICATORS: Sheet = Sheet {
    name: SHEET_PROJECT_EVAL_INDICATORS,
    required: false,
    about: "项目支出绩效自评表的指标行，按项目编码归入项目，行序保留。",
    columns: &project_scored(),
};

/// The sheets with a header row, in the template's order.
pub const FINAL_TABULAR: [&Sheet; 22] = [
    &UNITS,
    &FINAL_INCOME,
    &OPENING,
    &SURPLUS,
    &FINAL_BASIC,
    &FINAL_PROJECTS,
    &FINAL_PROJECT_LINES,
    &PROJECT_INDICATORS,
    &OTHER,
    &PLAN,
    &THREE_PUBLIC_PLAN,
    &THREE_PUBLIC_FACTS,
    &LAST_YEAR_FINAL,
    &PROCUREMENT,
    &FINAL_ASSETS,
    &DEPT_EVAL,
    &DEPT_EVAL_TASKS,
    &DEPT_EVAL_INDICATORS,
    &PROJECT_EVALS,
    &PROJECT_FUND_MGMT,
    &PROJECT_EVAL_INDICATORS,
    &FINAL_TEXTS,
];

/// Whether a 决算 import needs the sheet: `封面` and `单位`.
pub fn is_required_final(name: &str) -> bool {
    name == SHEET_COVER || FINAL_TABULAR.iter().any(|s| s.name == name && s.required)
}

/// The column headers of a tabular sheet of the 决算 workbook.
pub fn final_sheet_columns(sheet: &str) -> Option<Vec<&'static str>> {
    let decl = FINAL_TABULAR.into_iter().find(|s| s.name == sheet)?;
    Some(decl.columns.iter().map(|c: &Column| c.header).collect())
}

/// The 决算 workbook's reference, in Markdown, generated from the
/// declarations (`docs/spec/import-workbook-final.md` is this text; a test
/// keeps them equal).
pub fn reference_final() -> String {
    let mut s = crate::sheets::reference_of(
        "决算导入工作簿（决算填报模板）",
        "crates/workbook/src/sheets_final.rs",
        "`UPDATE_DOCS=1 cargo test -p yusuan-workbook --test import_final reference`",
        &FINAL_COVER_KEYS,
        &FINAL_TABULAR,
    );
    s.push_str(&format!(
        "\n## 封面的取值\n\n\
         封面有“{FINAL_YEAR_KEY}”的工作簿按决算导入，否则按预算导入。\
         零值显示：{}；千分位：{}；公开08表样：{}（留空即按表样年度：2022年及以前为收支，以后为支出）；\
         表样年度留空即为决算年度。单位行：{}；公开01金额列：{}；公开06标题：{}（留空即为前者）。\
         零值另样的表：零值与“零值显示”相反的表号，以顿号分隔（如“01、05、07、08”）。\n\n\
         ## 说明的键\n\n{}；以及“{REASON_PREFIX}”加7位功能科目编码（如“{REASON_PREFIX}2150501”）：\
         该功能科目决算数与年初预算数的差异原因。\n",
        ZERO_LABELS.join("、"),
        YES_NO.join("、"),
        TABLE08_LABELS.join("、"),
        UNIT_LINE_LABELS.join("、"),
        TABLE01_AMOUNT_LABELS.join("、"),
        TABLE06_TITLE_LABELS.join("、"),
        text_keys().join("、"),
    ));
    s.push_str(&crate::wording::reference_note(false));
    s
}
