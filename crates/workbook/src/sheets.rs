//! The import workbook's sheets, each declared once: its name, whether an
//! import needs it, and its columns (header, required, kind, width, the
//! drop-down list). The reader (`import`), the template writer and the
//! reference in `docs/spec/import-workbook.md` ([`reference`]) all read these
//! declarations; none lists a column itself.

use yusuan_model::{
    Assets, CostKind, FundSource, IndicatorKind, LastYearItem, Procurement, ProjectKind, TextKey, UnitKind,
};

pub const SHEET_COVER: &str = "封面";
pub const SHEET_UNITS: &str = "单位";
pub const SHEET_INCOME: &str = "收入";
pub const SHEET_BASIC: &str = "基本支出";
pub const SHEET_PROJECTS: &str = "项目";
pub const SHEET_PROJECT_LINES: &str = "项目明细";
pub const SHEET_PROJECT_INDICATORS: &str = "项目绩效";
pub const SHEET_TASKS: &str = "整体绩效任务";
pub const SHEET_DEPT_INDICATORS: &str = "整体绩效指标";
pub const SHEET_LAST_YEAR: &str = "上年数";
pub const SHEET_TEXTS: &str = "说明";
pub const SHEET_ASSETS: &str = "资产";

/// Every sheet of the workbook, in the template's order.
pub const SHEETS: [&str; 12] = [
    SHEET_COVER,
    SHEET_UNITS,
    SHEET_INCOME,
    SHEET_BASIC,
    SHEET_PROJECTS,
    SHEET_PROJECT_LINES,
    SHEET_PROJECT_INDICATORS,
    SHEET_TASKS,
    SHEET_DEPT_INDICATORS,
    SHEET_LAST_YEAR,
    SHEET_TEXTS,
    SHEET_ASSETS,
];

/// Whether an import needs the sheet: `封面` and the sheets declared required.
pub fn is_required(name: &str) -> bool {
    name == SHEET_COVER || tabular(name).is_some_and(|s| s.required)
}

/// The keys of `封面`, in the template's order: the department's rows,
/// then the wording ([`crate::wording`]).
pub const COVER_KEYS: [&str; 35] = crate::wording::cover_keys(
    [
        "部门名称",
        "部门代码",
        "预算年度",
        "金额单位",
        "小数位数",
        "年度履职目标",
    ],
    crate::wording::BUDGET_WORDING_KEYS,
);

pub(crate) const C_UNIT: &str = "单位代码";
pub(crate) const C_UNIT_NAME: &str = "单位名称";
pub(crate) const C_UNIT_KIND: &str = "单位性质";
pub(crate) const C_SOURCE_KIND: &str = "收入类型";
pub(crate) const C_AMOUNT: &str = "金额";
pub(crate) const C_FUNC: &str = "功能科目编码";
pub(crate) const C_ECON: &str = "经济科目编码";
pub(crate) const C_GOV: &str = "政府经济科目编码";
pub(crate) const C_COST_KIND: &str = "经费类型";
pub(crate) const C_SOURCE: &str = "资金来源";
pub(crate) const C_NOTE: &str = "备注";
pub(crate) const C_PROCUREMENT: &str = "政府采购类型";
pub(crate) const C_PROJECT: &str = "项目编码";
pub(crate) const C_PROJECT_NAME: &str = "项目名称";
pub(crate) const C_PROJECT_KIND: &str = "项目类型";
pub(crate) const C_SECRET: &str = "涉密";
pub(crate) const C_LEVEL1: &str = "一级指标";
pub(crate) const C_LEVEL2: &str = "二级指标";
pub(crate) const C_LEVEL3: &str = "三级指标";
pub(crate) const C_VALUE: &str = "指标值";
pub(crate) const C_VALUE_NOTE: &str = "指标值说明";
pub(crate) const C_TASK: &str = "任务名称";
pub(crate) const C_TASK_CONTENT: &str = "主要内容";
pub(crate) const C_ITEM: &str = "项目";
pub(crate) const C_KEY: &str = "键";
pub(crate) const C_CONTENT: &str = "内容";
pub(crate) const C_COUNT: &str = "数量";

/// The items of the `资产` sheet, in the template's order.
pub const ASSET_ITEMS: [&str; 8] = [
    "车辆合计",
    "一般公务用车",
    "一般执法执勤用车",
    "特种专业技术用车",
    "其他用车",
    "单价50万元以上通用设备",
    "单价100万元以上专用设备",
    ASSET_OTHER_NOTE,
];
pub(crate) const ASSET_OTHER_NOTE: &str = "其他用车说明";

pub(crate) fn asset_slot(assets: &mut Assets, i: usize) -> &mut Option<u32> {
    match i {
        0 => &mut assets.vehicles_total,
        1 => &mut assets.official_vehicles,
        2 => &mut assets.enforcement_vehicles,
        3 => &mut assets.special_vehicles,
        4 => &mut assets.other_vehicles,
        5 => &mut assets.general_equipment_over_50,
        _ => &mut assets.special_equipment_over_100,
    }
}

pub(crate) fn asset_value(assets: &Assets, i: usize) -> Option<u32> {
    match i {
        0 => assets.vehicles_total,
        1 => assets.official_vehicles,
        2 => assets.enforcement_vehicles,
        3 => assets.special_vehicles,
        4 => assets.other_vehicles,
        5 => assets.general_equipment_over_50,
        _ => assets.special_equipment_over_100,
    }
}

pub(crate) fn unit_kind_labels() -> Vec<&'static str> {
    UnitKind::ALL.iter().map(|k| k.label()).collect()
}
pub(crate) fn fund_source_labels() -> Vec<&'static str> {
    FundSource::ALL.iter().map(|k| k.label()).collect()
}
pub(crate) fn cost_kind_labels() -> Vec<&'static str> {
    [CostKind::Personnel, CostKind::Public]
        .iter()
        .map(|k| k.label())
        .collect()
}
pub(crate) fn project_kind_labels() -> Vec<&'static str> {
    [ProjectKind::Operating, ProjectKind::SpecificTarget]
        .iter()
        .map(|k| k.label())
        .collect()
}
pub(crate) fn indicator_kind_labels() -> Vec<&'static str> {
    IndicatorKind::ALL.iter().map(|k| k.label()).collect()
}
pub(crate) fn procurement_labels() -> Vec<&'static str> {
    Procurement::ALL.iter().map(|k| k.label()).collect()
}
pub(crate) fn last_year_labels() -> Vec<&'static str> {
    LastYearItem::ALL.iter().map(|k| k.label()).collect()
}
pub(crate) fn text_key_labels() -> Vec<&'static str> {
    TextKey::ALL.iter().map(|k| k.label()).collect()
}
pub(crate) const SECRET_LABELS: [&str; 2] = ["是", "否"];

/// What a column holds: how the reader parses it and how the template
/// formats it.
#[derive(Clone, Copy)]
pub enum Kind {
    /// A code (单位代码, 科目编码, 项目编码): text, leading zeros kept.
    Code,
    Text,
    /// An amount in 元, at most two decimals.
    Amount,
    /// A whole number (资产 数量).
    Count,
    /// One of a list (the template's drop-down).
    List(fn() -> Vec<&'static str>),
}

#[derive(Clone, Copy)]
pub struct Column {
    pub header: &'static str,
    /// An import fails when the header lacks it.
    pub required: bool,
    pub kind: Kind,
    /// The template's column width (Excel units).
    pub width: f64,
}

pub(crate) const fn col(header: &'static str, required: bool, kind: Kind, width: f64) -> Column {
    Column {
        header,
        required,
        kind,
        width,
    }
}

/// A sheet with a header row.
pub struct Sheet {
    pub name: &'static str,
    /// An import fails without it (the others may be left out).
    pub required: bool,
    pub columns: &'static [Column],
    /// One line on what a row is, for the reference.
    pub about: &'static str,
}

fn secret_labels() -> Vec<&'static str> {
    SECRET_LABELS.to_vec()
}
fn asset_labels() -> Vec<&'static str> {
    ASSET_ITEMS.to_vec()
}

pub const UNITS: Sheet = Sheet {
    name: SHEET_UNITS,
    required: true,
    about: "每行一个预算单位。",
    columns: &[
        col(C_UNIT, true, Kind::Code, 14.0),
        col(C_UNIT_NAME, true, Kind::Text, 36.0),
        col(C_UNIT_KIND, true, Kind::List(unit_kind_labels), 28.0),
    ],
};

pub const INCOME: Sheet = Sheet {
    name: SHEET_INCOME,
    required: true,
    about: "每行一个单位一种收入的金额（元）。",
    columns: &[
        col(C_UNIT, true, Kind::Code, 14.0),
        col(C_SOURCE_KIND, true, Kind::List(fund_source_labels), 28.0),
        col(C_AMOUNT, true, Kind::Amount, 18.0),
    ],
};

/// The columns of `基本支出`, 资金来源 named by `sources`.
pub(crate) const fn basic_columns(sources: fn() -> Vec<&'static str>) -> [Column; 9] {
    [
        col(C_UNIT, true, Kind::Code, 14.0),
        col(C_FUNC, true, Kind::Code, 14.0),
        col(C_ECON, true, Kind::Code, 14.0),
        col(C_GOV, false, Kind::Code, 18.0),
        col(C_COST_KIND, false, Kind::List(cost_kind_labels), 12.0),
        col(C_SOURCE, false, Kind::List(sources), 28.0),
        col(C_AMOUNT, true, Kind::Amount, 18.0),
        col(C_NOTE, false, Kind::Text, 24.0),
        col(C_PROCUREMENT, false, Kind::List(procurement_labels), 14.0),
    ]
}

pub const BASIC: Sheet = Sheet {
    name: SHEET_BASIC,
    required: true,
    about: "每行一笔基本支出；政府经济科目和经费类型留空时取默认。",
    columns: &basic_columns(fund_source_labels),
};

pub const PROJECTS: Sheet = Sheet {
    name: SHEET_PROJECTS,
    required: false,
    about: "每行一个项目。",
    columns: &[
        col(C_PROJECT, true, Kind::Code, 26.0),
        col(C_PROJECT_NAME, true, Kind::Text, 40.0),
        col(C_UNIT, true, Kind::Code, 14.0),
        col(C_PROJECT_KIND, true, Kind::List(project_kind_labels), 14.0),
        col(C_SECRET, false, Kind::List(secret_labels), 8.0),
    ],
};

/// The columns of `项目明细`, 资金来源 named by `sources`.
pub(crate) const fn project_line_columns(sources: fn() -> Vec<&'static str>) -> [Column; 7] {
    [
        col(C_PROJECT, true, Kind::Code, 26.0),
        col(C_FUNC, true, Kind::Code, 14.0),
        col(C_ECON, true, Kind::Code, 14.0),
        col(C_GOV, false, Kind::Code, 18.0),
        col(C_SOURCE, false, Kind::List(sources), 28.0),
        col(C_AMOUNT, true, Kind::Amount, 18.0),
        col(C_PROCUREMENT, false, Kind::List(procurement_labels), 14.0),
    ]
}

pub const PROJECT_LINES: Sheet = Sheet {
    name: SHEET_PROJECT_LINES,
    required: false,
    about: "每行一笔项目支出，按项目编码归入项目。",
    columns: &project_line_columns(fund_source_labels),
};

pub const PROJECT_INDICATORS: Sheet = Sheet {
    name: SHEET_PROJECT_INDICATORS,
    required: false,
    about: "每行一个项目绩效指标。",
    columns: &[
        col(C_PROJECT, true, Kind::Code, 26.0),
        col(C_LEVEL1, true, Kind::List(indicator_kind_labels), 14.0),
        col(C_LEVEL2, true, Kind::Text, 16.0),
        col(C_LEVEL3, true, Kind::Text, 30.0),
        col(C_VALUE, true, Kind::Text, 20.0),
        col(C_VALUE_NOTE, false, Kind::Text, 30.0),
    ],
};

pub const TASKS: Sheet = Sheet {
    name: SHEET_TASKS,
    required: false,
    about: "每行一项年度主要任务（预算11表）。",
    columns: &[
        col(C_TASK, true, Kind::Text, 30.0),
        col(C_TASK_CONTENT, true, Kind::Text, 80.0),
    ],
};

pub const DEPT_INDICATORS: Sheet = Sheet {
    name: SHEET_DEPT_INDICATORS,
    required: false,
    about: "每行一个整体绩效指标（预算11表）；一级、二级指标留空即沿用上一行。",
    columns: &[
        col(C_LEVEL1, true, Kind::Text, 16.0),
        col(C_LEVEL2, true, Kind::Text, 16.0),
        col(C_LEVEL3, true, Kind::Text, 30.0),
        col(C_VALUE, true, Kind::Text, 20.0),
        col(C_VALUE_NOTE, false, Kind::Text, 60.0),
    ],
};

pub const LAST_YEAR: Sheet = Sheet {
    name: SHEET_LAST_YEAR,
    required: false,
    about: "上年预算数（元），情况说明比较增减用；金额留空即未提供。",
    columns: &[
        col(C_ITEM, true, Kind::List(last_year_labels), 24.0),
        col(C_AMOUNT, true, Kind::Amount, 18.0),
    ],
};

pub const TEXTS: Sheet = Sheet {
    name: SHEET_TEXTS,
    required: false,
    about: "情况说明引用的文字：主要职责、机构设置和各项增减原因；内容留空即未提供。",
    columns: &[
        col(C_KEY, true, Kind::List(text_key_labels), 28.0),
        col(C_CONTENT, true, Kind::Text, 100.0),
    ],
};

pub const ASSETS: Sheet = Sheet {
    name: SHEET_ASSETS,
    required: false,
    about: "国有资产占用情况（上年末）；数量留空即未提供。",
    columns: &[
        col(C_ITEM, true, Kind::List(asset_labels), 28.0),
        col(C_COUNT, true, Kind::Count, 40.0),
    ],
};

/// The sheets with a header row, in the template's order (`封面` comes first
/// and has none: key in column A, value in column B).
pub const TABULAR: [&Sheet; 11] = [
    &UNITS,
    &INCOME,
    &BASIC,
    &PROJECTS,
    &PROJECT_LINES,
    &PROJECT_INDICATORS,
    &TASKS,
    &DEPT_INDICATORS,
    &LAST_YEAR,
    &TEXTS,
    &ASSETS,
];

/// The declaration of a sheet with a header row.
pub fn tabular(name: &str) -> Option<&'static Sheet> {
    TABULAR.into_iter().find(|s| s.name == name)
}

/// The column headers of a tabular sheet (every column, optional ones too),
/// `None` for `封面` (which has no header row) and unknown names.
pub fn sheet_columns(sheet: &str) -> Option<Vec<&'static str>> {
    Some(tabular(sheet)?.columns.iter().map(|c| c.header).collect())
}

/// The workbook's reference, in Markdown, generated from the declarations
/// (`docs/spec/import-workbook.md` is this text; a test keeps them equal).
pub fn reference() -> String {
    let mut s = reference_of(
        "导入工作簿（预算填报模板）",
        "crates/workbook/src/sheets.rs",
        "`UPDATE_DOCS=1 cargo test -p yusuan-workbook --test import reference`",
        &COVER_KEYS,
        &TABULAR,
    );
    s.push_str(&crate::wording::reference_note(true));
    s
}

/// The reference of a workbook: its title, the file that declares it, how
/// to regenerate the reference, the keys of `封面` and the sheets with a
/// header row.
pub(crate) fn reference_of(
    title: &str,
    source: &str,
    regenerate: &str,
    cover_keys: &[&str],
    tabular: &[&Sheet],
) -> String {
    let mut s = format!(
        "# {title}\n\n\
         由 `{source}` 的声明生成，请勿手改：\\\n\
         {regenerate} 重新生成。\n\n\
         工作簿为 .xlsx，或一个文件夹，每个工作表一个 UTF-8 CSV 文件（如 `基本支出.csv`）。\
         每个工作表第1行为表头（其上可有标题行），列的顺序不限；金额以元为单位，最多两位小数。\n\n",
    );
    s.push_str("## 封面（必需）\n\n无表头：A列为项目，B列为内容。\n\n| 项目 |\n| --- |\n");
    for k in cover_keys {
        s.push_str(&format!("| {k} |\n"));
    }
    for sheet in tabular {
        let need = if sheet.required { "必需" } else { "可省略" };
        s.push_str(&format!(
            "\n## {}（{need}）\n\n{}\n\n| 列 | 必填 | 内容 |\n| --- | --- | --- |\n",
            sheet.name, sheet.about
        ));
        for c in sheet.columns {
            let kind = match c.kind {
                Kind::Code => "编码（文本，保留前导零）".to_string(),
                Kind::Text => "文本".to_string(),
                Kind::Amount => "金额（元）".to_string(),
                Kind::Count => "非负整数".to_string(),
                Kind::List(labels) => format!("以下之一：{}", labels().join("、")),
            };
            let required = if c.required { "是" } else { "" };
            s.push_str(&format!("| {} | {required} | {kind} |\n", c.header));
        }
    }
    s
}
