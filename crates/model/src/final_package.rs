//! The 决算 package: what a department enters for the 部门决算 of a year
//! (`shared/spec/final/model.md`), and nothing derived.
//!
//! A sibling of [`Package`](crate::Package), not more fields on it: the
//! budget engine and its fourteen tables stay as they are, and the 决算
//! engine builds 公开01–09 from this into the same table model. The types
//! the two share (department, units, lines, projects, indicators, catalog)
//! are the budget's own. The `.yusuan` file says which kind it holds
//! (`"kind": "final"`; absent = a 预算).
//!
//! Entered only: actual income and spending, balances at the start of the
//! year, the plan figures (年初 and 全年预算数), last year's 决算 figures, counts
//! and facts. 年末结转和结余, totals, 完成率 and grades are derived.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::{
    BasicLine, Budget, CatalogOverrides, Department, DeptPerformance, FundSource, Indicator, Project, Rejected,
    TextKey, Unit, Yuan,
};

/// A 决算 package: one department, one 决算年度 (`department.year`).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct FinalPackage {
    pub department: Department,
    /// 封面's date, as printed ("二〇二四年九月"); empty = not printed.
    pub publish_date: String,
    pub units: Vec<Unit>,
    /// 本年收入 by unit × source × 功能 项.
    pub income: Vec<FinalIncome>,
    /// 年初结转和结余 by unit × fund nature × 功能 项.
    pub opening: Vec<OpeningBalance>,
    /// Per unit: 使用非财政拨款结余和专用结余, 结余分配.
    pub surplus: Vec<NonFiscalSurplus>,
    /// 基本支出 lines, `amount` = 决算数.
    pub basic_lines: Vec<BasicLine>,
    /// Projects with their actual lines (决算数) and targets.
    pub projects: Vec<Project>,
    /// 上缴上级支出, 经营支出, 对附属单位补助支出.
    pub other_lines: Vec<OtherSpending>,
    pub plan: Plan,
    pub last_year: LastYearFinal,
    pub three_public: ThreePublicFacts,
    pub procurement: ProcurementFacts,
    pub assets: FinalAssets,
    pub dept_eval: DeptEval,
    pub project_evals: Vec<ProjectEval>,
    /// 部门职责 and 机构设置 ([`TextKey::Duties`], [`TextKey::Organization`]).
    pub dept_texts: BTreeMap<TextKey, String>,
    /// The reasons and notes the 决算 narrative quotes.
    pub texts: BTreeMap<FinalTextKey, String>,
    /// 决算数与年初预算数差异原因 by 7-digit 功能 项.
    pub reasons_by_func: BTreeMap<String, String>,
    /// Paragraphs of the narrative the officer rewrote, by paragraph id.
    pub narrative_overrides: BTreeMap<String, String>,
    pub layout: FinalLayout,
    pub catalog: CatalogOverrides,
    /// The 预算 package the plan figures were taken from (新建决算).
    pub budget_ref: Option<BudgetRef>,
    /// The last year's 决算 package the 上年决算数 were taken from; absent
    /// when typed (not written then: older files and fingerprints stay).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_year_source: Option<crate::LastYearSource>,
    /// Text typed into a value field outside the grids (an amount, a count,
    /// a score) that is not a valid value for it, by the field's id: kept as
    /// a row keeps its [`Rejected`] entries — saved, shown red, an error in
    /// the audit — until corrected; the field keeps its last valid value.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub rejected: BTreeMap<String, KeptText>,
    /// The department's own wording of the 情况说明 (not written while default).
    #[serde(skip_serializing_if = "crate::Wording::is_default")]
    pub wording: crate::Wording,
}

/// A kept entry of a value field: where the audit names it, and the text.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct KeptText {
    /// The section of the field, as the audit names places (`三公统计`).
    pub place: String,
    /// The field's name (`因公出国（境）团组`), when known.
    pub label: String,
    pub text: String,
}

impl FinalPackage {
    /// The unit of a code, if it is one of the package's.
    pub fn unit(&self, code: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.code == code)
    }

    /// A text of the narrative, empty when not given.
    pub fn text(&self, key: FinalTextKey) -> &str {
        self.texts.get(&key).map(String::as_str).unwrap_or("")
    }
}

/// The source of money as the 决算 names it. The 决算 columns group sources
/// differently from the 预算 (公开02): see [`FinalColumn`].
pub fn final_source_label(s: FundSource) -> &'static str {
    match s {
        FundSource::GeneralAppropriation => "一般公共预算财政拨款",
        FundSource::GeneralOther => "一般公共预算-其他",
        FundSource::GovFund => "政府性基金预算财政拨款",
        FundSource::StateCapital => "国有资本经营预算财政拨款",
        FundSource::FiscalSpecial => "财政专户管理资金",
        FundSource::BusinessIncome => "事业收入",
        FundSource::OperatingIncome => "经营收入",
        FundSource::SuperiorSubsidy => "上级补助收入",
        FundSource::AffiliateRemit => "附属单位上缴收入",
        FundSource::OtherIncome => "其他收入",
        other => other.label(),
    }
}

/// A source from its 决算 name or its 预算 name (`一般公共预算财政拨款` and
/// `一般公共预算-财政拨款` alike).
pub fn final_source_from_label(s: &str) -> Option<FundSource> {
    let s = s.trim();
    FundSource::ALL
        .into_iter()
        .find(|f| final_source_label(*f) == s)
        .or_else(|| FundSource::from_label(s))
}

/// The column of 公开02 (本年收入) a source's income goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FinalColumn {
    /// 财政拨款收入 (一般公共预算-其他 counts as 一般公共预算财政拨款).
    Fiscal(Budget),
    /// 上级补助收入
    SuperiorSubsidy,
    /// 事业收入 (财政专户管理资金 is reported here).
    Business,
    /// 经营收入
    Operating,
    /// 附属单位上缴收入
    AffiliateRemit,
    /// 其他收入
    Other,
}

impl FinalColumn {
    /// The column of this year's income of `s`; `None` for carry-over
    /// sources (they are [`OpeningBalance`]s, not income).
    pub fn of(s: FundSource) -> Option<FinalColumn> {
        use FundSource::*;
        Some(match s {
            GeneralAppropriation | GeneralOther => FinalColumn::Fiscal(Budget::General),
            GovFund => FinalColumn::Fiscal(Budget::GovFund),
            StateCapital => FinalColumn::Fiscal(Budget::StateCapital),
            SuperiorSubsidy => FinalColumn::SuperiorSubsidy,
            FiscalSpecial | BusinessIncome => FinalColumn::Business,
            OperatingIncome => FinalColumn::Operating,
            AffiliateRemit => FinalColumn::AffiliateRemit,
            OtherIncome => FinalColumn::Other,
            CarryGeneral | CarryGovFund | CarryStateCapital | CarryFiscalSpecial | CarryUnitFunds => return None,
        })
    }
}

/// 本年收入 (公开02), by the 功能 项 it was received for.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct FinalIncome {
    pub unit: String,
    pub source: FundSource,
    /// 7-digit 功能 项 code.
    pub func: String,
    pub amount: Yuan,
    /// Text typed into a field of this row that is not a valid value for it
    /// (kept as on the 预算 side: [`Rejected`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rejected: Rejected,
}

/// The nature of a balance: one of the three 财政拨款 budgets, or not.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Nature {
    #[default]
    General,
    GovFund,
    StateCapital,
    NonFiscal,
}

impl Nature {
    pub const ALL: [Nature; 4] = [
        Nature::General,
        Nature::GovFund,
        Nature::StateCapital,
        Nature::NonFiscal,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Nature::General => "一般公共预算财政拨款",
            Nature::GovFund => "政府性基金预算财政拨款",
            Nature::StateCapital => "国有资本经营预算财政拨款",
            Nature::NonFiscal => "非财政拨款",
        }
    }

    pub fn from_label(s: &str) -> Option<Nature> {
        let s = s.trim();
        Nature::ALL.into_iter().find(|n| n.label() == s)
    }

    /// The nature of money from `s`: its 财政拨款 budget (carry-over
    /// included), or non-fiscal.
    pub fn of(s: FundSource) -> Nature {
        match s.budget() {
            Some(b) => Nature::from_budget(b),
            None => Nature::NonFiscal,
        }
    }

    pub fn from_budget(b: Budget) -> Nature {
        match b {
            Budget::General => Nature::General,
            Budget::GovFund => Nature::GovFund,
            Budget::StateCapital => Nature::StateCapital,
        }
    }

    pub fn budget(self) -> Option<Budget> {
        match self {
            Nature::General => Some(Budget::General),
            Nature::GovFund => Some(Budget::GovFund),
            Nature::StateCapital => Some(Budget::StateCapital),
            Nature::NonFiscal => None,
        }
    }
}

/// 年初结转和结余 (= last year's 决算 年末), by fund nature and 功能 项.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct OpeningBalance {
    pub unit: String,
    pub nature: Nature,
    pub func: String,
    pub amount: Yuan,
    /// Text typed into a field of this row that is not a valid value for it
    /// (kept as on the 预算 side: [`Rejected`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rejected: Rejected,
}

/// Per unit: 使用非财政拨款结余和专用结余 (公开01 行次28) and 结余分配 (行次59).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct NonFiscalSurplus {
    pub unit: String,
    pub used: Yuan,
    pub distributed: Yuan,
    /// Text typed into a field of this row that is not a valid value for it
    /// (kept as on the 预算 side: [`Rejected`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rejected: Rejected,
}

/// 上缴上级支出 / 经营支出 / 对附属单位补助支出 (公开03 columns 4–6).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum OtherKind {
    #[default]
    RemitToSuperior,
    Operating,
    SubsidiaryGrant,
}

impl OtherKind {
    pub const ALL: [OtherKind; 3] = [
        OtherKind::RemitToSuperior,
        OtherKind::Operating,
        OtherKind::SubsidiaryGrant,
    ];

    pub fn label(self) -> &'static str {
        match self {
            OtherKind::RemitToSuperior => "上缴上级支出",
            OtherKind::Operating => "经营支出",
            OtherKind::SubsidiaryGrant => "对附属单位补助支出",
        }
    }

    pub fn from_label(s: &str) -> Option<OtherKind> {
        let s = s.trim();
        OtherKind::ALL.into_iter().find(|k| k.label() == s)
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct OtherSpending {
    pub unit: String,
    pub kind: OtherKind,
    pub func: String,
    pub econ: String,
    pub source: FundSource,
    pub amount: Yuan,
    /// Text typed into a field of this row that is not a valid value for it
    /// (kept as on the 预算 side: [`Rejected`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rejected: Rejected,
}

/// 年初预算数 of 财政拨款 for one budget and 功能 项 (`func` empty: given
/// only in total for that budget).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct PlanLine {
    pub nature: Nature,
    pub func: String,
    pub amount: Yuan,
    /// Text typed into a field of this row that is not a valid value for it
    /// (kept as on the 预算 side: [`Rejected`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rejected: Rejected,
}

/// A budget total split by 资金来源 (A1/A2: 政府预算资金, 财政专户, 单位资金).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Default)]
#[serde(default)]
pub struct FundsSplit {
    pub government: Yuan,
    pub fiscal_special: Yuan,
    pub unit_funds: Yuan,
}

impl FundsSplit {
    pub fn total(&self) -> Yuan {
        self.government + self.fiscal_special + self.unit_funds
    }
}

/// The four 三公 items.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Default)]
#[serde(default)]
pub struct ThreePublicAmounts {
    /// 因公出国（境）费
    pub overseas: Yuan,
    /// 公务用车购置费
    pub vehicle_purchase: Yuan,
    /// 公务用车运行维护费
    pub vehicle_operation: Yuan,
    /// 公务接待费
    pub reception: Yuan,
}

impl ThreePublicAmounts {
    pub fn total(&self) -> Yuan {
        self.overseas + self.vehicle_purchase + self.vehicle_operation + self.reception
    }
}

/// The plan figures of the year: 年初 (from the 预算 package, frozen) and
/// 全年 (adjusted, entered).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct Plan {
    /// 年初预算数 of 财政拨款 by budget and 功能 项.
    pub initial: Vec<PlanLine>,
    /// A1 部门预算总额: 年初 and 全年, by 资金来源.
    pub dept_initial: FundsSplit,
    pub dept_adjusted: FundsSplit,
    /// 三公: 年初 (预算08) and 全年 (printed as 公开09's 预算数).
    pub three_public_initial: ThreePublicAmounts,
    pub three_public_adjusted: ThreePublicAmounts,
    /// 政府采购预算, for A1's 政府采购执行率.
    pub procurement_budget: Option<Yuan>,
}

/// The 预算 package the plan figures were taken from.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct BudgetRef {
    pub file_name: String,
    pub fingerprint: String,
    pub taken_at: String,
}

/// Items of 上年决算数 the narrative compares with.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LastYearFinalItem {
    /// 收支总计
    Total,
    /// 财政拨款收支总计
    FiscalTotal,
    /// 一般公共预算财政拨款支出
    GeneralExpense,
    /// 机关运行经费
    AgencyOperating,
    /// 三公经费合计
    ThreePublicTotal,
    Overseas,
    VehiclePurchase,
    VehicleOperation,
    Reception,
}

impl LastYearFinalItem {
    pub const ALL: [LastYearFinalItem; 9] = [
        LastYearFinalItem::Total,
        LastYearFinalItem::FiscalTotal,
        LastYearFinalItem::GeneralExpense,
        LastYearFinalItem::AgencyOperating,
        LastYearFinalItem::ThreePublicTotal,
        LastYearFinalItem::Overseas,
        LastYearFinalItem::VehiclePurchase,
        LastYearFinalItem::VehicleOperation,
        LastYearFinalItem::Reception,
    ];

    pub fn label(self) -> &'static str {
        match self {
            LastYearFinalItem::Total => "收支总计",
            LastYearFinalItem::FiscalTotal => "财政拨款收支总计",
            LastYearFinalItem::GeneralExpense => "一般公共预算财政拨款支出",
            LastYearFinalItem::AgencyOperating => "机关运行经费",
            LastYearFinalItem::ThreePublicTotal => "“三公”经费合计",
            LastYearFinalItem::Overseas => "因公出国（境）费",
            LastYearFinalItem::VehiclePurchase => "公务用车购置费",
            LastYearFinalItem::VehicleOperation => "公务用车运行维护费",
            LastYearFinalItem::Reception => "公务接待费",
        }
    }

    pub fn from_label(s: &str) -> Option<LastYearFinalItem> {
        let s = s.trim();
        LastYearFinalItem::ALL.into_iter().find(|k| k.label() == s)
    }
}

/// 上年决算数 by item (from last year's 决算 package when available).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct LastYearFinal(pub BTreeMap<LastYearFinalItem, Yuan>);

impl LastYearFinal {
    pub fn get(&self, item: LastYearFinalItem) -> Option<Yuan> {
        self.0.get(&item).copied()
    }
}

/// 三公 counts and the 外宾 part of 公务接待费.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct ThreePublicFacts {
    /// 因公出国（境）团组, 人次
    pub overseas_groups: u32,
    pub overseas_persons: u32,
    /// 公务用车购置数量, 期末保有量
    pub vehicles_bought: u32,
    pub vehicles_held: u32,
    /// 外宾接待支出 (part of 30217), 团组, 人次
    pub foreign_reception: Yuan,
    pub foreign_groups: u32,
    pub foreign_persons: u32,
    /// 国内公务接待团组, 人次
    pub domestic_groups: u32,
    pub domestic_persons: u32,
}

/// 政府采购 contract amounts (十一).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct ProcurementFacts {
    /// 授予中小企业合同金额
    pub sme_contracts: Yuan,
    /// 其中：授予小微企业合同金额
    pub small_micro_contracts: Yuan,
}

/// The vehicle categories of the 决算 (十二).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VehicleKind {
    ProvincialLeader,
    MainLeader,
    Confidential,
    Emergency,
    LawEnforcement,
    SpecialTechnical,
    Retiree,
    Other,
}

impl VehicleKind {
    pub const ALL: [VehicleKind; 8] = [
        VehicleKind::ProvincialLeader,
        VehicleKind::MainLeader,
        VehicleKind::Confidential,
        VehicleKind::Emergency,
        VehicleKind::LawEnforcement,
        VehicleKind::SpecialTechnical,
        VehicleKind::Retiree,
        VehicleKind::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            VehicleKind::ProvincialLeader => "省级领导干部用车",
            VehicleKind::MainLeader => "主要领导干部用车",
            VehicleKind::Confidential => "机要通信用车",
            VehicleKind::Emergency => "应急保障用车",
            VehicleKind::LawEnforcement => "执法执勤用车",
            VehicleKind::SpecialTechnical => "特种专业技术用车",
            VehicleKind::Retiree => "离退休干部服务用车",
            VehicleKind::Other => "其他用车",
        }
    }

    pub fn from_label(s: &str) -> Option<VehicleKind> {
        let s = s.trim();
        VehicleKind::ALL.into_iter().find(|k| k.label() == s)
    }
}

/// Vehicles and large equipment at the end of the year (十二).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct FinalAssets {
    /// 车辆合计 as entered; `None` = the sum of the kinds.
    pub vehicles_total: Option<u32>,
    pub vehicles: BTreeMap<VehicleKind, u32>,
    /// 单价100万元以上设备
    pub equipment_over_1m: Option<u32>,
}

/// One scored row of a 自评 table.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct ScoredRow {
    pub weight: Decimal,
    /// 实际完成值
    pub actual: String,
    pub score: Decimal,
    /// 偏差原因分析, 改进措施
    pub deviation: String,
    pub remedy: String,
}

/// 项目自评 grades: how many projects got each (entered when the project
/// evaluations themselves are not in the package).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(default)]
pub struct GradeCounts {
    pub excellent: u32,
    pub good: u32,
    pub fair: u32,
    pub poor: u32,
}

impl GradeCounts {
    pub fn total(&self) -> u32 {
        self.excellent + self.good + self.fair + self.poor
    }
}

/// 部门整体支出绩效自评 (A1).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct DeptEval {
    /// The targets, from 预算11 of the year.
    pub targets: DeptPerformance,
    /// 年度履职目标 实际完成情况
    pub goal_actual: String,
    /// 任务完成情况, parallel to `targets.tasks`.
    pub task_results: Vec<String>,
    /// Parallel to `targets.indicators`.
    pub results: Vec<ScoredRow>,
    pub exec_weight: Decimal,
    /// `None` = derived from the 执行率.
    pub exec_score: Option<Decimal>,
    /// 项目自评 grades as entered (a department may evaluate more projects
    /// than it attaches); `None` = the grades of the scored `project_evals`.
    pub project_grades: Option<GradeCounts>,
    /// 填报人及联系方式, 填报日期
    pub filled_by: String,
    pub date: String,
}

/// 项目支出绩效自评 (A2) of one project.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct ProjectEval {
    /// `Project.code`
    pub project: String,
    /// 年初预算数 (预算10 of the year).
    pub initial: FundsSplit,
    /// 全年预算数 (A); 全年执行数 (B) is the sum of the project's lines.
    pub adjusted: FundsSplit,
    pub exec_weight: Decimal,
    pub exec_score: Option<Decimal>,
    /// 安排科学性, 拨付合规性, 使用规范性, 预算绩效管理情况
    pub fund_mgmt: [ScoredText; 4],
    pub goal_planned: String,
    pub goal_actual: String,
    pub indicators: Vec<(Indicator, ScoredRow)>,
    /// Print its A2 table in 第五部分.
    pub attach: bool,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct ScoredText {
    pub note: String,
    pub weight: Decimal,
    pub score: Decimal,
    pub issue: String,
}

/// The texts of the 决算 narrative the officer writes.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FinalTextKey {
    IncomeExpenseReason,
    FiscalReason,
    GeneralReason,
    GovFundNote,
    StateCapitalNote,
    ThreePublicReason,
    OverseasReason,
    VehicleReason,
    ReceptionReason,
    PurchaseUse,
    VehicleUse,
    ReceptionUse,
    FleetUse,
    AgencyOperatingReason,
    PerformanceWork,
    DeptEvalConclusion,
    ProjectEvalConclusion,
    KeyEvaluation,
}

impl FinalTextKey {
    pub const ALL: [FinalTextKey; 18] = [
        FinalTextKey::IncomeExpenseReason,
        FinalTextKey::FiscalReason,
        FinalTextKey::GeneralReason,
        FinalTextKey::GovFundNote,
        FinalTextKey::StateCapitalNote,
        FinalTextKey::ThreePublicReason,
        FinalTextKey::OverseasReason,
        FinalTextKey::VehicleReason,
        FinalTextKey::ReceptionReason,
        FinalTextKey::PurchaseUse,
        FinalTextKey::VehicleUse,
        FinalTextKey::ReceptionUse,
        FinalTextKey::FleetUse,
        FinalTextKey::AgencyOperatingReason,
        FinalTextKey::PerformanceWork,
        FinalTextKey::DeptEvalConclusion,
        FinalTextKey::ProjectEvalConclusion,
        FinalTextKey::KeyEvaluation,
    ];

    /// The name in the import workbook's `说明` sheet and the editor.
    pub fn label(self) -> &'static str {
        match self {
            FinalTextKey::IncomeExpenseReason => "收入支出变动原因",
            FinalTextKey::FiscalReason => "财政拨款收支变动原因",
            FinalTextKey::GeneralReason => "一般公共预算财政拨款支出变动原因",
            FinalTextKey::GovFundNote => "政府性基金预算财政拨款支出说明",
            FinalTextKey::StateCapitalNote => "国有资本经营预算财政拨款支出说明",
            FinalTextKey::ThreePublicReason => "三公经费变动原因",
            FinalTextKey::OverseasReason => "因公出国（境）费变动原因",
            FinalTextKey::VehicleReason => "公务用车购置及运行维护费变动原因",
            FinalTextKey::ReceptionReason => "公务接待费变动原因",
            FinalTextKey::PurchaseUse => "公务用车购置费用途",
            FinalTextKey::VehicleUse => "公务用车运行维护费用途",
            FinalTextKey::ReceptionUse => "公务接待费用途",
            FinalTextKey::FleetUse => "公务用车保有情况说明",
            FinalTextKey::AgencyOperatingReason => "机关运行经费变动原因",
            FinalTextKey::PerformanceWork => "预算绩效管理工作开展情况",
            FinalTextKey::DeptEvalConclusion => "部门整体支出绩效自评结论",
            FinalTextKey::ProjectEvalConclusion => "项目支出绩效自评结论",
            FinalTextKey::KeyEvaluation => "重点评价结果",
        }
    }

    pub fn from_label(s: &str) -> Option<FinalTextKey> {
        let s = s.trim();
        FinalTextKey::ALL.into_iter().find(|k| k.label() == s)
    }
}

/// How the tables are printed: options found in the published seeds.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default)]
pub struct FinalLayout {
    /// A zero amount printed blank (`true`) or as 0.00.
    pub zero_blank: bool,
    /// Thousands separators in amounts.
    pub thousands: bool,
    /// The year of the 财政部 表样 (labels of 公开01 and the 公开08 variant).
    pub form_year: Option<i32>,
    /// 公开08 printed with balances (收支, six columns) rather than
    /// spending only; `None` = as the 表样年度 has it.
    pub table08_with_balances: Option<bool>,
    /// 「金额单位：万元」 above the tables (003) rather than 「单位：万元」 (002).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unit_line_long: bool,
    /// 公开01's amount columns headed 「金额」 (003) rather than 「决算数」 (002).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub table01_amount_header: bool,
    /// 公开06 titled 「…基本支出决算表」 (003) rather than 「…基本支出决算明细表」 (002).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub table06_short_title: bool,
    /// Tables (1–9) that print a zero the other way than [`Self::zero_blank`]
    /// says: 003 mixes blank (01, 05, 07, 08) and 0.00 (02, 03, 06, 09).
    #[serde(skip_serializing_if = "std::collections::BTreeSet::is_empty")]
    pub zero_other_tables: std::collections::BTreeSet<u8>,
}

impl Default for FinalLayout {
    fn default() -> Self {
        FinalLayout {
            zero_blank: false,
            thousands: true,
            form_year: None,
            table08_with_balances: None,
            unit_line_long: false,
            table01_amount_header: false,
            table06_short_title: false,
            zero_other_tables: Default::default(),
        }
    }
}

impl FinalLayout {
    /// Whether 公开`table` prints a zero blank.
    pub fn zero_blank_in(&self, table: u8) -> bool {
        self.zero_blank != self.zero_other_tables.contains(&table)
    }

    /// The line above a table: 「单位：万元」 or 「金额单位：万元」.
    pub fn unit_words(&self) -> &'static str {
        if self.unit_line_long {
            "金额单位：万元"
        } else {
            "单位：万元"
        }
    }

    /// The 表样年度: as set, or the 决算年度.
    pub fn form_year(&self, year: i32) -> i32 {
        self.form_year.unwrap_or(year)
    }

    /// Whether 公开08 has the six-column (收支) form: set, or the 2022 表样.
    pub fn table08_with_balances(&self, year: i32) -> bool {
        self.table08_with_balances.unwrap_or(self.form_year(year) <= 2022)
    }
}

/// What a `.yusuan` file holds: a 预算 or a 决算 package.
// Made once per open or import and then taken apart: the size is no cost.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Document {
    Budget(crate::Package),
    Final(FinalPackage),
}

impl Document {
    pub fn department(&self) -> &Department {
        match self {
            Document::Budget(p) => &p.department,
            Document::Final(f) => &f.department,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn final_source_names_map_both_ways_and_accept_the_budget_names() {
        for s in FundSource::ALL {
            assert_eq!(final_source_from_label(final_source_label(s)), Some(s));
            assert_eq!(final_source_from_label(s.label()), Some(s));
        }
        assert_eq!(final_source_from_label("经营收入"), Some(FundSource::OperatingIncome));
        assert_eq!(final_source_from_label("不是来源"), None);
    }

    #[test]
    fn income_columns_follow_the_issue_decisions() {
        assert_eq!(
            FinalColumn::of(FundSource::GeneralOther),
            Some(FinalColumn::Fiscal(Budget::General))
        );
        assert_eq!(FinalColumn::of(FundSource::FiscalSpecial), Some(FinalColumn::Business));
        assert_eq!(FinalColumn::of(FundSource::CarryGeneral), None);
        assert_eq!(Nature::of(FundSource::CarryGovFund), Nature::GovFund);
        assert_eq!(Nature::of(FundSource::FiscalSpecial), Nature::NonFiscal);
    }

    #[test]
    fn table08_form_follows_the_form_year_unless_set() {
        let mut l = FinalLayout::default();
        assert!(l.table08_with_balances(2022));
        assert!(!l.table08_with_balances(2023));
        l.form_year = Some(2022);
        assert!(l.table08_with_balances(2023));
        l.table08_with_balances = Some(false);
        assert!(!l.table08_with_balances(2022));
    }
}
