//! Totals: the figures more than one table, the narrative or a rule states
//! (exact 元). A table that prints one of these reads it from here.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use yusuan_model::{Budget, CostKind, FundGroup, FundSource, LastYearItem, Procurement, Yuan};

use crate::resolve::{Context, ThreePublicItem};

/// The figures the narrative states (exact 元).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Totals {
    /// Income by source (from the income budget).
    pub income_by_source: BTreeMap<FundSource, Yuan>,
    pub income_current: Yuan,
    pub income_carryover: Yuan,
    pub income_total: Yuan,
    /// All lines.
    pub expense_total: Yuan,
    pub basic: Yuan,
    pub project: Yuan,
    /// Lines by funding source.
    pub expense_by_source: BTreeMap<FundSource, Yuan>,
    /// Lines of each 财政拨款 budget (with its carry-over).
    pub general: Yuan,
    pub gov_fund: Yuan,
    pub state_capital: Yuan,
    pub general_basic: Yuan,
    pub general_project: Yuan,
    pub general_personnel: Yuan,
    pub general_public: Yuan,
    /// 一般公共预算 by 功能 类: (class code, class name, amount), largest first.
    pub general_by_class: Vec<(String, String, Yuan)>,
    /// 部门 economic items (code, name) of the 一般公共预算 basic 人员经费 / 公用经费 lines, in code order.
    pub personnel_items: Vec<(String, String)>,
    pub public_items: Vec<(String, String)>,
    pub three_public: ThreePublic,
    /// 机构运行经费 (table 14's total).
    pub operating_cost: Yuan,
    pub procurement: BTreeMap<Procurement, Yuan>,
    pub project_count: usize,
    pub big_project_count: usize,
    pub big_project_total: Yuan,
    /// 政府预算资金 / 财政专户管理资金 / 单位资金 of all lines.
    pub government_funds: Yuan,
    pub fiscal_special_funds: Yuan,
    pub unit_funds: Yuan,
}

impl Totals {
    /// This year's figure that a 上年数 item compares with.
    pub fn current(&self, item: LastYearItem) -> Yuan {
        match item {
            LastYearItem::IncomeTotal => self.income_total,
            LastYearItem::ExpenseTotal => self.expense_total,
            LastYearItem::General => self.general,
            LastYearItem::GovFund => self.gov_fund,
            LastYearItem::StateCapital => self.state_capital,
            LastYearItem::ThreePublicTotal => self.three_public.total(),
            LastYearItem::Overseas => self.three_public.overseas,
            LastYearItem::Reception => self.three_public.reception,
            LastYearItem::VehiclePurchase => self.three_public.vehicle_purchase,
            LastYearItem::VehicleOperation => self.three_public.vehicle_operation,
            LastYearItem::OperatingCost => self.operating_cost,
        }
    }
}

/// "三公"经费 of 一般公共预算 lines, by 部门 code.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ThreePublic {
    /// 30212 因公出国（境）费用
    pub overseas: Yuan,
    /// 30217 公务接待费
    pub reception: Yuan,
    /// 31013 公务用车购置
    pub vehicle_purchase: Yuan,
    /// 30231 公务用车运行维护费
    pub vehicle_operation: Yuan,
}

impl ThreePublic {
    /// The figure of one item.
    pub fn get(&self, item: ThreePublicItem) -> Yuan {
        match item {
            ThreePublicItem::Overseas => self.overseas,
            ThreePublicItem::Reception => self.reception,
            ThreePublicItem::VehiclePurchase => self.vehicle_purchase,
            ThreePublicItem::VehicleOperation => self.vehicle_operation,
        }
    }
    fn get_mut(&mut self, item: ThreePublicItem) -> &mut Yuan {
        match item {
            ThreePublicItem::Overseas => &mut self.overseas,
            ThreePublicItem::Reception => &mut self.reception,
            ThreePublicItem::VehiclePurchase => &mut self.vehicle_purchase,
            ThreePublicItem::VehicleOperation => &mut self.vehicle_operation,
        }
    }
    pub fn total(&self) -> Yuan {
        self.overseas + self.reception + self.vehicle_purchase + self.vehicle_operation
    }
    pub fn vehicles(&self) -> Yuan {
        self.vehicle_purchase + self.vehicle_operation
    }
}

pub(crate) fn totals(ctx: &Context) -> Totals {
    let p = ctx.package;
    let mut t = Totals::default();
    for e in &p.income {
        *t.income_by_source.entry(e.source).or_default() += e.amount;
        if e.source.is_carryover() {
            t.income_carryover += e.amount;
        } else {
            t.income_current += e.amount;
        }
    }
    t.income_total = t.income_current + t.income_carryover;

    let mut by_func = vec![Decimal::ZERO; ctx.funcs.len()];
    let mut personnel = vec![false; ctx.econs.len()];
    let mut public = vec![false; ctx.econs.len()];
    for l in &ctx.lines {
        t.expense_total += l.amount;
        if l.is_basic() {
            t.basic += l.amount;
        } else {
            t.project += l.amount;
        }
        *t.expense_by_source.entry(l.source).or_default() += l.amount;
        match l.source.group() {
            FundGroup::Government => t.government_funds += l.amount,
            FundGroup::FiscalSpecial => t.fiscal_special_funds += l.amount,
            FundGroup::Unit => t.unit_funds += l.amount,
        }
        if let Some(pk) = l.procurement {
            *t.procurement.entry(pk).or_default() += l.amount;
        }
        match l.source.budget() {
            Some(Budget::General) => {
                t.general += l.amount;
                by_func[l.func_id as usize] += l.amount;
                if l.is_basic() {
                    t.general_basic += l.amount;
                    match l.kind {
                        CostKind::Personnel => {
                            t.general_personnel += l.amount;
                            personnel[l.econ_id as usize] = true;
                        }
                        CostKind::Public => {
                            t.general_public += l.amount;
                            public[l.econ_id as usize] = true;
                        }
                    }
                } else {
                    t.general_project += l.amount;
                }
                if let Some(item) = ThreePublicItem::of_code(l.econ) {
                    *t.three_public.get_mut(item) += l.amount;
                }
            }
            Some(Budget::GovFund) => t.gov_fund += l.amount,
            Some(Budget::StateCapital) => t.state_capital += l.amount,
            None => {}
        }
        if l.is_operating_cost() {
            t.operating_cost += l.amount;
        }
    }
    let mut class_sums: BTreeMap<&str, Yuan> = BTreeMap::new();
    for (id, a) in by_func.into_iter().enumerate() {
        let func = ctx.funcs.codes[id];
        *class_sums.entry(func.get(..3).unwrap_or(func)).or_default() += a;
    }
    let mut classes: Vec<(String, String, Yuan)> = class_sums
        .into_iter()
        .filter(|(_, a)| !a.is_zero())
        .map(|(c, a)| (c.to_string(), ctx.func_name(c).to_string(), a))
        .collect();
    classes.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    t.general_by_class = classes;
    let items = |used: Vec<bool>| -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = used
            .into_iter()
            .enumerate()
            .filter(|(_, u)| *u)
            .map(|(id, _)| {
                let code = ctx.econs.codes[id];
                (code.to_string(), ctx.econ_name(code).to_string())
            })
            .collect();
        v.sort();
        v
    };
    t.personnel_items = items(personnel);
    t.public_items = items(public);

    let million = Decimal::from(1_000_000);
    let mut per_project = vec![Decimal::ZERO; p.projects.len()];
    for l in &ctx.lines {
        if let Some(pi) = l.project {
            per_project[pi] += l.amount;
        }
    }
    t.project_count = p.projects.len();
    for a in per_project {
        if a >= million {
            t.big_project_count += 1;
            t.big_project_total += a;
        }
    }
    t
}
