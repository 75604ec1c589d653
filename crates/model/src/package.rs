//! The package: everything an officer enters, and nothing derived.
//!
//! Every amount is a `rust_decimal::Decimal` in 元 (yuan) with at most two
//! places. Derived figures (totals, the published tables, the narrative)
//! never live here: the engine computes them from this model on every call.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// An amount in 元, exact.
pub type Yuan = Decimal;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct Package {
    pub department: Department,
    pub units: Vec<Unit>,
    pub income: Vec<IncomeEntry>,
    pub basic_lines: Vec<BasicLine>,
    pub projects: Vec<Project>,
    pub performance: DeptPerformance,
    pub last_year: LastYear,
    /// The 说明 texts: 主要职责, 机构设置 and the reasons the narrative quotes.
    pub texts: BTreeMap<TextKey, String>,
    pub assets: Assets,
    /// Paragraphs of the narrative the officer rewrote, by paragraph id.
    pub narrative_overrides: BTreeMap<String, String>,
    /// Names of codes outside the built-in catalog, and rows of an official
    /// catalog the user loaded: they travel with the package so that it opens
    /// the same everywhere.
    pub catalog: CatalogOverrides,
    /// Text typed into fixed fields (上年数, 资产) that is not a valid value.
    #[serde(skip_serializing_if = "FixedRejected::is_empty")]
    pub rejected: FixedRejected,
    /// The last-year package the 上年数 were taken from (打开上年预算包);
    /// absent when they were typed. Not written when absent, so the files
    /// and fingerprints of packages without it stay as they were.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_year_source: Option<LastYearSource>,
    /// The department's own wording of the 情况说明 (not written while default).
    #[serde(skip_serializing_if = "crate::Wording::is_default")]
    pub wording: crate::Wording,
}

/// The package that 上年数 (or 上年决算数) were filled from: its file name,
/// year and fingerprint ([`crate::file::fingerprint`]) at the time.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct LastYearSource {
    pub file_name: String,
    pub year: i32,
    pub fingerprint: String,
}

/// A field of a row whose typed text may be kept as a [`Rejected`] entry.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum EntryField {
    Unit,
    Kind,
    Source,
    Amount,
    /// A row's second amount (a 决算's 结余分配 beside 使用结余).
    Distributed,
}

impl EntryField {
    /// Why `text` is not a value of this field (the audit's words).
    pub fn problem(self, text: &str) -> String {
        match self {
            EntryField::Unit => "不在单位表中".to_string(),
            EntryField::Kind => "经费类型应为“人员经费”或“公用经费”，留空取默认".to_string(),
            EntryField::Source => "不是可选的收入类型".to_string(),
            EntryField::Amount | EntryField::Distributed => crate::amount::entry_problem(text),
        }
    }
}

/// The audit's message about a kept entry: what was typed, why it is not a
/// value (`problem`), and what is used until it is corrected (`kept`, e.g.
/// `；改正前按原值…计算`). The same words for a 预算 and a 决算.
pub fn rejected_message(text: &str, problem: &str, kept: &str) -> String {
    format!(
        "填写的“{}”无法识别：{problem}。请改正或清空{kept}",
        crate::amount::clip(text.trim())
    )
}

/// Text typed (or pasted) into a field that is not a valid value for it, by
/// field. Nothing the officer typed is dropped: the entry stays in the
/// document — saved, shown red, an error that blocks the publication export
/// — until it is corrected or cleared; the field keeps its last valid value
/// meanwhile, and the tables are computed with that value.
pub type Rejected = BTreeMap<EntryField, String>;

/// [`Rejected`] entries of fields that are not rows: 上年数 by item, 资产
/// counts by field name (`vehicles_total`, …).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct FixedRejected {
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub last_year: BTreeMap<LastYearItem, String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub assets: BTreeMap<String, String>,
}

impl FixedRejected {
    pub fn is_empty(&self) -> bool {
        self.last_year.is_empty() && self.assets.is_empty()
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default)]
pub struct Department {
    pub name: String,
    pub code: String,
    pub year: i32,
    pub amount_unit: AmountUnit,
    /// Decimals shown in the published tables (0, 1 or 2).
    pub decimals: u32,
}

impl Default for Department {
    fn default() -> Self {
        Department {
            name: String::new(),
            code: String::new(),
            year: 2025,
            amount_unit: AmountUnit::Wan,
            decimals: 2,
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum AmountUnit {
    /// 万元, the published unit.
    #[default]
    Wan,
    /// 元.
    Yuan,
}

impl AmountUnit {
    pub fn label(self) -> &'static str {
        match self {
            AmountUnit::Wan => "万元",
            AmountUnit::Yuan => "元",
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Unit {
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
}

/// 单位性质: decides the default 政府预算支出经济分类 of a line.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default, Hash, PartialOrd, Ord)]
pub enum UnitKind {
    /// 行政单位
    #[default]
    Administrative,
    /// 参照公务员法管理事业单位 (参公)
    CivilServiceManaged,
    /// 事业单位
    Institution,
}

impl UnitKind {
    pub const ALL: [UnitKind; 3] = [
        UnitKind::Administrative,
        UnitKind::CivilServiceManaged,
        UnitKind::Institution,
    ];
    pub fn label(self) -> &'static str {
        match self {
            UnitKind::Administrative => "行政单位",
            UnitKind::CivilServiceManaged => "参照公务员法管理事业单位",
            UnitKind::Institution => "事业单位",
        }
    }
    pub fn from_label(s: &str) -> Option<UnitKind> {
        match s.trim() {
            "行政单位" | "行政" => Some(UnitKind::Administrative),
            "参照公务员法管理事业单位" | "参公" | "参公单位" => Some(UnitKind::CivilServiceManaged),
            "事业单位" | "事业" => Some(UnitKind::Institution),
            _ => None,
        }
    }
    /// 事业单位 map their wage, goods and capital lines to 505/506.
    pub fn is_institution(self) -> bool {
        self == UnitKind::Institution
    }
}

/// 收入类型 / 资金来源.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum FundSource {
    /// 一般公共预算-财政拨款
    #[default]
    GeneralAppropriation,
    /// 一般公共预算-其他
    GeneralOther,
    /// 政府性基金预算拨款
    GovFund,
    /// 国有资本经营预算拨款
    StateCapital,
    /// 财政专户管理资金
    FiscalSpecial,
    /// 事业收入
    BusinessIncome,
    /// 事业单位经营收入
    OperatingIncome,
    /// 上级补助收入
    SuperiorSubsidy,
    /// 附属单位上缴收入
    AffiliateRemit,
    /// 其他收入
    OtherIncome,
    /// 上年结转-一般公共预算
    CarryGeneral,
    /// 上年结转-政府性基金
    CarryGovFund,
    /// 上年结转-国有资本经营预算
    CarryStateCapital,
    /// 上年结转-财政专户管理资金
    CarryFiscalSpecial,
    /// 上年结转-单位资金
    CarryUnitFunds,
}

/// The three groups of money 预算11 and 预算12 print (资金来源).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FundGroup {
    /// 政府预算资金: the three 财政拨款 budgets and their carry-over.
    Government,
    /// 财政专户管理资金, this year's or carried over.
    FiscalSpecial,
    /// 单位资金: 事业收入, 经营收入, 上级补助, 附属单位上缴, 其他收入 and their carry-over.
    Unit,
}

/// The three 财政拨款 budgets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Budget {
    General,
    GovFund,
    StateCapital,
}

impl FundSource {
    pub const ALL: [FundSource; 15] = [
        FundSource::GeneralAppropriation,
        FundSource::GeneralOther,
        FundSource::GovFund,
        FundSource::StateCapital,
        FundSource::FiscalSpecial,
        FundSource::BusinessIncome,
        FundSource::OperatingIncome,
        FundSource::SuperiorSubsidy,
        FundSource::AffiliateRemit,
        FundSource::OtherIncome,
        FundSource::CarryGeneral,
        FundSource::CarryGovFund,
        FundSource::CarryStateCapital,
        FundSource::CarryFiscalSpecial,
        FundSource::CarryUnitFunds,
    ];

    /// The name used in the import workbook and the editor.
    pub fn label(self) -> &'static str {
        match self {
            FundSource::GeneralAppropriation => "一般公共预算-财政拨款",
            FundSource::GeneralOther => "一般公共预算-其他",
            FundSource::GovFund => "政府性基金预算拨款",
            FundSource::StateCapital => "国有资本经营预算拨款",
            FundSource::FiscalSpecial => "财政专户管理资金",
            FundSource::BusinessIncome => "事业收入",
            FundSource::OperatingIncome => "事业单位经营收入",
            FundSource::SuperiorSubsidy => "上级补助收入",
            FundSource::AffiliateRemit => "附属单位上缴收入",
            FundSource::OtherIncome => "其他收入",
            FundSource::CarryGeneral => "上年结转-一般公共预算",
            FundSource::CarryGovFund => "上年结转-政府性基金",
            FundSource::CarryStateCapital => "上年结转-国有资本经营预算",
            FundSource::CarryFiscalSpecial => "上年结转-财政专户管理资金",
            FundSource::CarryUnitFunds => "上年结转-单位资金",
        }
    }

    pub fn from_label(s: &str) -> Option<FundSource> {
        let s = s.trim();
        FundSource::ALL.into_iter().find(|f| f.label() == s)
    }

    pub fn is_carryover(self) -> bool {
        matches!(
            self,
            FundSource::CarryGeneral
                | FundSource::CarryGovFund
                | FundSource::CarryStateCapital
                | FundSource::CarryFiscalSpecial
                | FundSource::CarryUnitFunds
        )
    }

    /// Which 财政拨款 budget the money belongs to, counting its carry-over.
    pub fn budget(self) -> Option<Budget> {
        use FundSource::*;
        match self {
            GeneralAppropriation | GeneralOther | CarryGeneral => Some(Budget::General),
            GovFund | CarryGovFund => Some(Budget::GovFund),
            StateCapital | CarryStateCapital => Some(Budget::StateCapital),
            FiscalSpecial | BusinessIncome | OperatingIncome | SuperiorSubsidy | AffiliateRemit | OtherIncome
            | CarryFiscalSpecial | CarryUnitFunds => None,
        }
    }

    /// The group of money the source belongs to (every source named: a new
    /// source must be placed here before it compiles).
    pub fn group(self) -> FundGroup {
        use FundSource::*;
        match self {
            GeneralAppropriation | GeneralOther | GovFund | StateCapital | CarryGeneral | CarryGovFund
            | CarryStateCapital => FundGroup::Government,
            FiscalSpecial | CarryFiscalSpecial => FundGroup::FiscalSpecial,
            BusinessIncome | OperatingIncome | SuperiorSubsidy | AffiliateRemit | OtherIncome | CarryUnitFunds => {
                FundGroup::Unit
            }
        }
    }

    /// 政府预算资金: the three 财政拨款 budgets and their carry-over.
    pub fn is_government(self) -> bool {
        self.group() == FundGroup::Government
    }

    /// 财政专户管理资金, this year's or carried over.
    pub fn is_fiscal_special(self) -> bool {
        self.group() == FundGroup::FiscalSpecial
    }

    /// 单位资金: 事业收入, 经营收入, 上级补助, 附属单位上缴, 其他收入 and their carry-over.
    pub fn is_unit_funds(self) -> bool {
        self.group() == FundGroup::Unit
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct IncomeEntry {
    pub unit: String,
    pub source: FundSource,
    pub amount: Yuan,
    /// Text typed into a field of this row that is not a valid value for it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rejected: Rejected,
}

/// 经费类型.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CostKind {
    /// 人员经费
    Personnel,
    /// 公用经费
    Public,
}

impl CostKind {
    pub fn label(self) -> &'static str {
        match self {
            CostKind::Personnel => "人员经费",
            CostKind::Public => "公用经费",
        }
    }
    pub fn from_label(s: &str) -> Option<CostKind> {
        match s.trim() {
            "人员经费" => Some(CostKind::Personnel),
            "公用经费" => Some(CostKind::Public),
            _ => None,
        }
    }
    /// The default kind of a 部门 economic code: 301xx and 303xx are 人员经费.
    pub fn default_for(econ: &str) -> CostKind {
        if econ.starts_with("301") || econ.starts_with("303") {
            CostKind::Personnel
        } else {
            CostKind::Public
        }
    }
}

/// 政府采购类型.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Procurement {
    Goods,
    Works,
    Services,
}

impl Procurement {
    pub const ALL: [Procurement; 3] = [Procurement::Goods, Procurement::Works, Procurement::Services];
    pub fn label(self) -> &'static str {
        match self {
            Procurement::Goods => "货物",
            Procurement::Works => "工程",
            Procurement::Services => "服务",
        }
    }
    pub fn from_label(s: &str) -> Option<Procurement> {
        Procurement::ALL.into_iter().find(|p| p.label() == s.trim())
    }
}

/// One line of basic expenditure (基本支出).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct BasicLine {
    pub unit: String,
    /// 7-digit 支出功能分类 项 code.
    pub func: String,
    /// 5-digit 部门预算支出经济分类 款 code.
    pub econ: String,
    /// 政府预算支出经济分类 override; `None` takes the default for the unit's 性质.
    pub gov: Option<String>,
    /// 经费类型 override; `None` takes the default for the code.
    pub kind: Option<CostKind>,
    pub source: FundSource,
    pub amount: Yuan,
    pub note: String,
    pub procurement: Option<Procurement>,
    /// Text typed into a field of this row that is not a valid value for it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rejected: Rejected,
}

/// 项目类型.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum ProjectKind {
    /// 其他运转类
    #[default]
    Operating,
    /// 特定目标类
    SpecificTarget,
}

impl ProjectKind {
    pub fn label(self) -> &'static str {
        match self {
            ProjectKind::Operating => "其他运转类",
            ProjectKind::SpecificTarget => "特定目标类",
        }
    }
    pub fn from_label(s: &str) -> Option<ProjectKind> {
        match s.trim() {
            "其他运转类" => Some(ProjectKind::Operating),
            "特定目标类" => Some(ProjectKind::SpecificTarget),
            _ => None,
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct Project {
    pub code: String,
    pub name: String,
    pub unit: String,
    pub kind: ProjectKind,
    /// 涉密: counted everywhere, published masked.
    pub secret: bool,
    pub lines: Vec<ProjectLine>,
    pub indicators: Vec<Indicator>,
}

/// One line of a project's money (项目明细).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct ProjectLine {
    pub func: String,
    pub econ: String,
    pub gov: Option<String>,
    pub source: FundSource,
    pub amount: Yuan,
    pub procurement: Option<Procurement>,
    /// Text typed into a field of this row that is not a valid value for it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rejected: Rejected,
}

/// 一级指标 of a project's performance targets.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IndicatorKind {
    Cost,
    Output,
    Benefit,
    Satisfaction,
}

impl IndicatorKind {
    pub const ALL: [IndicatorKind; 4] = [
        IndicatorKind::Cost,
        IndicatorKind::Output,
        IndicatorKind::Benefit,
        IndicatorKind::Satisfaction,
    ];
    pub fn label(self) -> &'static str {
        match self {
            IndicatorKind::Cost => "成本指标",
            IndicatorKind::Output => "产出指标",
            IndicatorKind::Benefit => "效益指标",
            IndicatorKind::Satisfaction => "满意度指标",
        }
    }
    pub fn from_label(s: &str) -> Option<IndicatorKind> {
        IndicatorKind::ALL.into_iter().find(|k| k.label() == s.trim())
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default)]
pub struct Indicator {
    pub kind: IndicatorKind,
    pub level2: String,
    pub level3: String,
    pub value: String,
    pub note: String,
}

impl Default for Indicator {
    fn default() -> Self {
        Indicator {
            kind: IndicatorKind::Output,
            level2: String::new(),
            level3: String::new(),
            value: String::new(),
            note: String::new(),
        }
    }
}

/// 部门（单位）整体绩效目标 (table 11).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct DeptPerformance {
    /// 年度履职目标
    pub goal: String,
    /// 年度主要任务
    pub tasks: Vec<Task>,
    pub indicators: Vec<DeptIndicator>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct Task {
    pub name: String,
    pub content: String,
}

/// An indicator row of table 11. Empty 一级/二级 continue the group above.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct DeptIndicator {
    pub level1: String,
    pub level2: String,
    pub level3: String,
    pub value: String,
    pub note: String,
}

/// Items of 上年数 (last year's budget), for the narrative's comparisons.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LastYearItem {
    IncomeTotal,
    ExpenseTotal,
    General,
    GovFund,
    StateCapital,
    ThreePublicTotal,
    Overseas,
    Reception,
    VehiclePurchase,
    VehicleOperation,
    OperatingCost,
}

impl LastYearItem {
    pub const ALL: [LastYearItem; 11] = [
        LastYearItem::IncomeTotal,
        LastYearItem::ExpenseTotal,
        LastYearItem::General,
        LastYearItem::GovFund,
        LastYearItem::StateCapital,
        LastYearItem::ThreePublicTotal,
        LastYearItem::Overseas,
        LastYearItem::Reception,
        LastYearItem::VehiclePurchase,
        LastYearItem::VehicleOperation,
        LastYearItem::OperatingCost,
    ];
    pub fn label(self) -> &'static str {
        match self {
            LastYearItem::IncomeTotal => "收入总计",
            LastYearItem::ExpenseTotal => "支出总计",
            LastYearItem::General => "一般公共预算",
            LastYearItem::GovFund => "政府性基金预算",
            LastYearItem::StateCapital => "国有资本经营预算",
            LastYearItem::ThreePublicTotal => "三公经费合计",
            LastYearItem::Overseas => "因公出国（境）费",
            LastYearItem::Reception => "公务接待费",
            LastYearItem::VehiclePurchase => "公务用车购置费",
            LastYearItem::VehicleOperation => "公务用车运行维护费",
            LastYearItem::OperatingCost => "机构运行经费",
        }
    }
    pub fn from_label(s: &str) -> Option<LastYearItem> {
        LastYearItem::ALL.into_iter().find(|k| k.label() == s.trim())
    }
}

/// 上年数: a missing item means "not given".
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(transparent)]
pub struct LastYear(pub BTreeMap<LastYearItem, Yuan>);

impl LastYear {
    pub fn get(&self, item: LastYearItem) -> Option<Yuan> {
        self.0.get(&item).copied()
    }
}

/// Keys of the 说明 sheet.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TextKey {
    Duties,
    Organization,
    ReasonIncomeExpense,
    ReasonIncome,
    ReasonExpense,
    ReasonAppropriation,
    PerformanceNote,
    ReasonOverseas,
    ReasonReception,
    ReasonVehiclePurchase,
    ReasonVehicleOperation,
    ReasonOperatingCost,
    GovFundNote,
    StateCapitalNote,
    TransferNote,
    KeyEvaluationNote,
}

impl TextKey {
    pub const ALL: [TextKey; 16] = [
        TextKey::Duties,
        TextKey::Organization,
        TextKey::ReasonIncomeExpense,
        TextKey::ReasonIncome,
        TextKey::ReasonExpense,
        TextKey::ReasonAppropriation,
        TextKey::PerformanceNote,
        TextKey::ReasonOverseas,
        TextKey::ReasonReception,
        TextKey::ReasonVehiclePurchase,
        TextKey::ReasonVehicleOperation,
        TextKey::ReasonOperatingCost,
        TextKey::GovFundNote,
        TextKey::StateCapitalNote,
        TextKey::TransferNote,
        TextKey::KeyEvaluationNote,
    ];
    pub fn label(self) -> &'static str {
        match self {
            TextKey::Duties => "主要职责",
            TextKey::Organization => "机构设置",
            TextKey::ReasonIncomeExpense => "收支增减原因",
            TextKey::ReasonIncome => "收入增减原因",
            TextKey::ReasonExpense => "支出增减原因",
            TextKey::ReasonAppropriation => "财政拨款增减原因",
            TextKey::PerformanceNote => "绩效目标设置说明",
            TextKey::ReasonOverseas => "因公出国（境）费增减原因",
            TextKey::ReasonReception => "公务接待费增减原因",
            TextKey::ReasonVehiclePurchase => "公务用车购置费增减原因",
            TextKey::ReasonVehicleOperation => "公务用车运行维护费增减原因",
            TextKey::ReasonOperatingCost => "机构运行经费增减原因",
            TextKey::GovFundNote => "政府性基金说明",
            TextKey::StateCapitalNote => "国有资本经营预算说明",
            TextKey::TransferNote => "专项转移支付说明",
            TextKey::KeyEvaluationNote => "重点评价项目说明",
        }
    }
    pub fn from_label(s: &str) -> Option<TextKey> {
        TextKey::ALL.into_iter().find(|k| k.label() == s.trim())
    }
}

/// 国有资产占用情况 (figures at the end of last year).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct Assets {
    pub vehicles_total: Option<u32>,
    pub official_vehicles: Option<u32>,
    pub enforcement_vehicles: Option<u32>,
    pub special_vehicles: Option<u32>,
    pub other_vehicles: Option<u32>,
    pub other_vehicles_note: String,
    pub general_equipment_over_50: Option<u32>,
    pub special_equipment_over_100: Option<u32>,
}

/// Catalog rows carried by the package (see `catalog`).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct CatalogOverrides {
    /// 支出功能分类: code → name.
    pub func: BTreeMap<String, String>,
    /// 部门预算支出经济分类: code → name.
    pub dept_econ: BTreeMap<String, String>,
    /// 政府预算支出经济分类: code → name.
    pub gov_econ: BTreeMap<String, String>,
    /// 部门 款 → (政府 code for 行政/参公, 政府 code for 事业).
    pub mapping: BTreeMap<String, (String, String)>,
    /// 支出功能分类: code → its description (`反映…`, the 说明 column of an
    /// official catalog, or typed for the 决算's 名词解释). Not written while
    /// empty, so files without descriptions save as before.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub func_desc: BTreeMap<String, String>,
}

impl Assets {
    /// The counts, by field name (the key of a [`FixedRejected`] entry), with
    /// their labels.
    pub const COUNTS: [(&'static str, &'static str); 7] = [
        ("vehicles_total", "车辆总数（辆）"),
        ("official", "其中：一般公务用车（辆）"),
        ("enforcement", "执法执勤用车（辆）"),
        ("special", "特种专业技术用车（辆）"),
        ("other", "其他用车（辆）"),
        ("general50", "单位价值50万元以上通用设备（台/套）"),
        ("special100", "单位价值100万元以上专用设备（台/套）"),
    ];

    /// The count of a field of [`Assets::COUNTS`].
    pub fn count_mut(&mut self, field: &str) -> Option<&mut Option<u32>> {
        Some(match field {
            "vehicles_total" => &mut self.vehicles_total,
            "official" => &mut self.official_vehicles,
            "enforcement" => &mut self.enforcement_vehicles,
            "special" => &mut self.special_vehicles,
            "other" => &mut self.other_vehicles,
            "general50" => &mut self.general_equipment_over_50,
            "special100" => &mut self.special_equipment_over_100,
            _ => return None,
        })
    }

    /// The label of a field of [`Assets::COUNTS`].
    pub fn count_label(field: &str) -> Option<&'static str> {
        Assets::COUNTS.iter().find(|(f, _)| *f == field).map(|(_, l)| *l)
    }
}

impl CatalogOverrides {
    pub fn is_empty(&self) -> bool {
        self.func.is_empty()
            && self.dept_econ.is_empty()
            && self.gov_econ.is_empty()
            && self.mapping.is_empty()
            && self.func_desc.is_empty()
    }
}

impl Package {
    pub fn unit(&self, code: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.code == code)
    }
    pub fn text(&self, key: TextKey) -> &str {
        self.texts.get(&key).map(|s| s.as_str()).unwrap_or("")
    }
}
