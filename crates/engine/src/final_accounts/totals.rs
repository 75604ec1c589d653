//! The figures several 决算 tables (and later the narrative) share, summed
//! once from the package's entries: exact 元, never rounded here.
//!
//! - 本年收入 by 功能 项 × 公开02 column ([`IncomeCol`]);
//! - 本年支出 by 功能 项 × fund nature × spending kind ([`SpendKind`]): basic
//!   lines, project lines and the other spending (上缴上级, 经营, 对附属单位补助),
//!   each counted under the nature of its source ([`Nature::of`]: this year's
//!   财政拨款 and its 年初结转 alike);
//! - 年初结转和结余 as entered, by (unit, nature, 项);
//! - 年末结转和结余, derived per (unit, nature, 项) = 年初 + 本年收入 − 本年支出;
//!   for 非财政拨款 each unit's 使用非财政拨款结余和专用结余 is added and its
//!   结余分配 taken off under the 项 `""` (they have no 功能 code). Income
//!   goes to the nature of its column: the three 财政拨款 budgets, every other
//!   column 非财政拨款. So R2/R6 of tables.md hold by construction;
//! - 机关运行经费: 公用经费 (classes 302, 307, 310, 399) of the
//!   一般公共预算财政拨款 basic lines of 行政 and 参公 units;
//! - “三公” 决算数: 财政拨款 lines (three budgets, every kind) by 部门经济分类
//!   code — 30212 因公出国（境）, 31013 and 30913 公务用车购置, 30231 运行维护,
//!   30217 公务接待; the 预算数 are the entered 全年预算数.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use yusuan_model::final_package::{FinalColumn, FinalPackage, Nature, OtherKind, ThreePublicAmounts};
use yusuan_model::{Budget, FundSource, UnitKind, Yuan};

use super::forms::{PERSONNEL_CLASSES, PUBLIC_CLASSES};
use crate::sum::Sum;

/// The columns of 本年收入 (公开02 columns 2–7, with 财政拨款 by budget).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IncomeCol {
    General = 0,
    GovFund = 1,
    StateCapital = 2,
    SuperiorSubsidy = 3,
    Business = 4,
    Operating = 5,
    AffiliateRemit = 6,
    Other = 7,
}

pub const INCOME_COLS: usize = 8;

impl IncomeCol {
    pub const ALL: [IncomeCol; INCOME_COLS] = [
        IncomeCol::General,
        IncomeCol::GovFund,
        IncomeCol::StateCapital,
        IncomeCol::SuperiorSubsidy,
        IncomeCol::Business,
        IncomeCol::Operating,
        IncomeCol::AffiliateRemit,
        IncomeCol::Other,
    ];

    pub fn of(c: FinalColumn) -> IncomeCol {
        match c {
            FinalColumn::Fiscal(Budget::General) => IncomeCol::General,
            FinalColumn::Fiscal(Budget::GovFund) => IncomeCol::GovFund,
            FinalColumn::Fiscal(Budget::StateCapital) => IncomeCol::StateCapital,
            FinalColumn::SuperiorSubsidy => IncomeCol::SuperiorSubsidy,
            FinalColumn::Business => IncomeCol::Business,
            FinalColumn::Operating => IncomeCol::Operating,
            FinalColumn::AffiliateRemit => IncomeCol::AffiliateRemit,
            FinalColumn::Other => IncomeCol::Other,
        }
    }

    /// The fund nature the income adds to.
    pub fn nature(self) -> Nature {
        match self {
            IncomeCol::General => Nature::General,
            IncomeCol::GovFund => Nature::GovFund,
            IncomeCol::StateCapital => Nature::StateCapital,
            _ => Nature::NonFiscal,
        }
    }
}

/// The kinds of spending: 公开03 columns 2–6.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpendKind {
    Basic = 0,
    Project = 1,
    RemitToSuperior = 2,
    Operating = 3,
    SubsidiaryGrant = 4,
}

pub const SPEND_KINDS: usize = 5;

impl SpendKind {
    pub fn of_other(k: OtherKind) -> SpendKind {
        match k {
            OtherKind::RemitToSuperior => SpendKind::RemitToSuperior,
            OtherKind::Operating => SpendKind::Operating,
            OtherKind::SubsidiaryGrant => SpendKind::SubsidiaryGrant,
        }
    }
}

/// The index of a nature in per-nature arrays ([`Nature::ALL`] order).
pub fn nature_index(n: Nature) -> usize {
    match n {
        Nature::General => 0,
        Nature::GovFund => 1,
        Nature::StateCapital => 2,
        Nature::NonFiscal => 3,
    }
}

/// Spending of one 功能 项: by nature ([`nature_index`]) and kind.
pub type SpendFigures = [[Sum; SPEND_KINDS]; 4];

/// One spending line of any kind, as the 决算 tables read it.
#[derive(Clone, Copy, Debug)]
pub struct Spend<'a> {
    pub unit: &'a str,
    pub func: &'a str,
    pub econ: &'a str,
    pub source: FundSource,
    pub kind: SpendKind,
    pub amount: Yuan,
}

/// Every spending line of the package: basic lines, project lines, other
/// spending, in that order.
pub fn spending(p: &FinalPackage) -> impl Iterator<Item = Spend<'_>> {
    let basic = p.basic_lines.iter().map(|l| Spend {
        unit: &l.unit,
        func: &l.func,
        econ: &l.econ,
        source: l.source,
        kind: SpendKind::Basic,
        amount: l.amount,
    });
    let project = p.projects.iter().flat_map(|pr| {
        pr.lines.iter().map(move |l| Spend {
            unit: &pr.unit,
            func: &l.func,
            econ: &l.econ,
            source: l.source,
            kind: SpendKind::Project,
            amount: l.amount,
        })
    });
    let other = p.other_lines.iter().map(|l| Spend {
        unit: &l.unit,
        func: &l.func,
        econ: &l.econ,
        source: l.source,
        kind: SpendKind::of_other(l.kind),
        amount: l.amount,
    });
    basic.chain(project).chain(other)
}

/// A balance's place: (unit, nature, 功能 项).
pub type BalanceKey = (String, Nature, String);

/// The shared figures of a 决算 package (see the module doc).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct FinalTotals {
    /// 本年收入 by 功能 项, per [`IncomeCol`].
    pub income_by_func: BTreeMap<String, [Yuan; INCOME_COLS]>,
    /// 本年收入 per [`IncomeCol`].
    pub income: [Yuan; INCOME_COLS],
    /// 本年收入合计 (公开01 行次27).
    pub income_total: Yuan,
    /// 本年支出 by 功能 项, per nature and kind.
    pub spend_by_func: BTreeMap<String, [[Yuan; SPEND_KINDS]; 4]>,
    /// 本年支出 per nature and kind.
    pub spend: [[Yuan; SPEND_KINDS]; 4],
    /// 本年支出合计 (公开01 行次58).
    pub expense_total: Yuan,
    /// 年初结转和结余 as entered, by (unit, nature, 项).
    pub opening: BTreeMap<BalanceKey, Yuan>,
    /// 年初结转和结余 per nature.
    pub opening_by_nature: [Yuan; 4],
    /// 年末结转和结余, derived, by (unit, nature, 项) (项 `""`: a unit's
    /// 非财政拨款 结余 used and distributed).
    pub closing: BTreeMap<BalanceKey, Yuan>,
    /// 年末结转和结余 per nature.
    pub closing_by_nature: [Yuan; 4],
    /// 使用非财政拨款结余和专用结余, 结余分配 (all units).
    pub surplus_used: Yuan,
    pub surplus_distributed: Yuan,
    /// 一般公共预算财政拨款 basic spending by 部门经济分类 code (公开06).
    pub general_basic_by_econ: BTreeMap<String, Yuan>,
    /// 公开06 人员经费合计 and 公用经费合计 (by class).
    pub general_personnel: Yuan,
    pub general_public: Yuan,
    /// 机关运行经费.
    pub agency_operating: Yuan,
    /// “三公” 决算数 (公开09 columns 7–12).
    pub three_public_actual: ThreePublicAmounts,
    /// “三公” 预算数 = 全年预算数 (公开09 columns 1–6).
    pub three_public_budget: ThreePublicAmounts,
}

impl FinalTotals {
    /// 公开01 行次31 (= 行次62).
    pub fn grand_total(&self) -> Yuan {
        self.income_total + self.surplus_used + self.opening_by_nature.iter().copied().sum::<Yuan>()
    }

    /// Spending of a nature, all kinds.
    pub fn spend_of(&self, n: Nature) -> Yuan {
        self.spend[nature_index(n)].iter().copied().sum()
    }

    /// 本年收入 of a 财政拨款 budget.
    pub fn fiscal_income(&self, b: Budget) -> Yuan {
        self.income[IncomeCol::of(FinalColumn::Fiscal(b)) as usize]
    }

    pub fn opening_of(&self, n: Nature) -> Yuan {
        self.opening_by_nature[nature_index(n)]
    }

    pub fn closing_of(&self, n: Nature) -> Yuan {
        self.closing_by_nature[nature_index(n)]
    }
}

fn class_in(econ: &str, classes: &[&str]) -> bool {
    econ.get(..3).is_some_and(|c| classes.contains(&c))
}

fn yuan<const N: usize>(s: [Sum; N]) -> [Yuan; N] {
    s.map(Sum::yuan)
}

pub fn totals(p: &FinalPackage) -> FinalTotals {
    let mut t = FinalTotals::default();
    let mut balance: BTreeMap<BalanceKey, Yuan> = BTreeMap::new();

    // 本年收入.
    let mut income_by_func: BTreeMap<&str, [Sum; INCOME_COLS]> = BTreeMap::new();
    let mut income = [Sum::ZERO; INCOME_COLS];
    for i in &p.income {
        // Carry-over sources are not income (they are 年初结转和结余).
        let Some(col) = FinalColumn::of(i.source).map(IncomeCol::of) else {
            continue;
        };
        let a = Sum::from(i.amount);
        income_by_func.entry(&i.func).or_default()[col as usize] += a;
        income[col as usize] += a;
        *balance
            .entry((i.unit.clone(), col.nature(), i.func.clone()))
            .or_default() += i.amount;
    }
    t.income_by_func = income_by_func
        .into_iter()
        .map(|(f, s)| (f.to_string(), yuan(s)))
        .collect();
    t.income = yuan(income);
    t.income_total = income.into_iter().sum::<Sum>().yuan();

    // 本年支出.
    let mut spend_by_func: BTreeMap<&str, SpendFigures> = BTreeMap::new();
    let mut spend: SpendFigures = Default::default();
    let mut by_econ: BTreeMap<&str, Sum> = BTreeMap::new();
    let (mut personnel, mut public, mut agency) = (Sum::ZERO, Sum::ZERO, Sum::ZERO);
    let mut three = [Sum::ZERO; 4];
    for l in spending(p) {
        let nature = Nature::of(l.source);
        let (n, k) = (nature_index(nature), l.kind as usize);
        let a = Sum::from(l.amount);
        spend_by_func.entry(l.func).or_default()[n][k] += a;
        spend[n][k] += a;
        *balance
            .entry((l.unit.to_string(), nature, l.func.to_string()))
            .or_default() -= l.amount;
        if nature == Nature::General && l.kind == SpendKind::Basic {
            *by_econ.entry(l.econ).or_default() += a;
            if class_in(l.econ, &PERSONNEL_CLASSES) {
                personnel += a;
            } else if class_in(l.econ, &PUBLIC_CLASSES) {
                public += a;
                let admin = p
                    .unit(l.unit)
                    .is_some_and(|u| matches!(u.kind, UnitKind::Administrative | UnitKind::CivilServiceManaged));
                if admin {
                    agency += a;
                }
            }
        }
        if nature != Nature::NonFiscal {
            let item = match l.econ {
                "30212" => Some(0),
                "31013" | "30913" => Some(1),
                "30231" => Some(2),
                "30217" => Some(3),
                _ => None,
            };
            if let Some(i) = item {
                three[i] += a;
            }
        }
    }
    t.spend_by_func = spend_by_func
        .into_iter()
        .map(|(f, s)| (f.to_string(), s.map(yuan)))
        .collect();
    t.expense_total = spend.iter().flatten().copied().sum::<Sum>().yuan();
    t.spend = spend.map(yuan);
    t.general_basic_by_econ = by_econ.into_iter().map(|(e, s)| (e.to_string(), s.yuan())).collect();
    t.general_personnel = personnel.yuan();
    t.general_public = public.yuan();
    t.agency_operating = agency.yuan();
    let [overseas, vehicle_purchase, vehicle_operation, reception] = three.map(Sum::yuan);
    t.three_public_actual = ThreePublicAmounts {
        overseas,
        vehicle_purchase,
        vehicle_operation,
        reception,
    };
    t.three_public_budget = p.plan.three_public_adjusted;

    // 年初 and 年末.
    let mut opening = [Sum::ZERO; 4];
    for o in &p.opening {
        opening[nature_index(o.nature)] += Sum::from(o.amount);
        *t.opening.entry((o.unit.clone(), o.nature, o.func.clone())).or_default() += o.amount;
        *balance.entry((o.unit.clone(), o.nature, o.func.clone())).or_default() += o.amount;
    }
    t.opening_by_nature = yuan(opening);
    let (mut used, mut distributed) = (Sum::ZERO, Sum::ZERO);
    for s in &p.surplus {
        used += Sum::from(s.used);
        distributed += Sum::from(s.distributed);
        *balance
            .entry((s.unit.clone(), Nature::NonFiscal, String::new()))
            .or_default() += s.used - s.distributed;
    }
    t.surplus_used = used.yuan();
    t.surplus_distributed = distributed.yuan();
    let mut closing = [Decimal::ZERO; 4];
    for ((_, n, _), a) in &balance {
        closing[nature_index(*n)] += *a;
    }
    t.closing_by_nature = closing;
    t.closing = balance;
    t
}
