//! Totals: the figures more than one table, the narrative or a rule states
//! (exact 元). A table that prints one of these reads it from here.

use std::collections::BTreeMap;

use yusuan_model::{Budget, CostKind, FundGroup, FundSource, LastYearItem, Procurement, Yuan};

use crate::resolve::{Context, ThreePublicItem};
use crate::sum::Sum;

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
    /// 一般公共预算 by 功能 类: (class code, class name, amount), in code order;
    /// the name as 预算04 prints it, 「支出」 added where 04's lacks it
    /// (「灾害防治及应急管理支出」); the catalog's for a class 04 does not list.
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
    // Income by source in exact 分 (see [`Sum`]), in the package's order, as
    // `Decimal` additions would give them: no map entry per income entry.
    let mut income_by: [Option<Sum>; FundSource::ALL.len()] = [None; FundSource::ALL.len()];
    let (mut income_current, mut income_carryover) = (Sum::ZERO, Sum::ZERO);
    for e in &p.income {
        let a = Sum::from(e.amount);
        *income_by[e.source as usize].get_or_insert_default() += a;
        if e.source.is_carryover() {
            income_carryover += a;
        } else {
            income_current += a;
        }
    }
    for s in FundSource::ALL {
        if let Some(a) = income_by[s as usize] {
            t.income_by_source.insert(s, a.yuan());
        }
    }
    t.income_current = income_current.yuan();
    t.income_carryover = income_carryover.yuan();
    t.income_total = t.income_current + t.income_carryover;

    // Added up in exact 分 (see [`Sum`]), turned into 元 at the end.
    let z = Sum::ZERO;
    let (mut expense_total, mut basic, mut project) = (z, z, z);
    let mut by_source = [z; FundSource::ALL.len()];
    let mut by_group = [z; 3];
    let mut procurement: [Option<Sum>; Procurement::ALL.len()] = [None; Procurement::ALL.len()];
    let (mut general, mut gov_fund, mut state_capital) = (z, z, z);
    let (mut general_basic, mut general_project, mut general_personnel, mut general_public) = (z, z, z, z);
    let mut three_public = [z; ThreePublicItem::ALL.len()];
    let mut operating_cost = z;
    let mut by_func = vec![z; ctx.funcs.len()];
    let mut personnel = vec![false; ctx.econs.len()];
    let mut public = vec![false; ctx.econs.len()];
    let mut source_used = [false; FundSource::ALL.len()];
    for l in ctx.merged() {
        let a = l.amount;
        expense_total += a;
        match l.project() {
            None => basic += a,
            Some(_) => project += a,
        }
        by_source[l.source as usize] += a;
        source_used[l.source as usize] = true;
        by_group[match l.source.group() {
            FundGroup::Government => 0,
            FundGroup::FiscalSpecial => 1,
            FundGroup::Unit => 2,
        }] += a;
        if let Some(pk) = l.procurement {
            *procurement[pk as usize].get_or_insert_default() += a;
        }
        match l.source.budget() {
            Some(Budget::General) => {
                general += a;
                by_func[l.func_id as usize] += a;
                if l.is_basic() {
                    general_basic += a;
                    match l.kind {
                        CostKind::Personnel => {
                            general_personnel += a;
                            personnel[l.econ_id as usize] = true;
                        }
                        CostKind::Public => {
                            general_public += a;
                            public[l.econ_id as usize] = true;
                        }
                    }
                } else {
                    general_project += a;
                }
                if let Some(item) = ctx.three_public(l) {
                    three_public[item as usize] += a;
                }
            }
            Some(Budget::GovFund) => gov_fund += a,
            Some(Budget::StateCapital) => state_capital += a,
            None => {}
        }
        if l.is_operating_cost() {
            operating_cost += a;
        }
    }
    t.expense_total = expense_total.yuan();
    t.basic = basic.yuan();
    t.project = project.yuan();
    for s in FundSource::ALL {
        if source_used[s as usize] {
            t.expense_by_source.insert(s, by_source[s as usize].yuan());
        }
    }
    [t.government_funds, t.fiscal_special_funds, t.unit_funds] = by_group.map(Sum::yuan);
    for pk in Procurement::ALL {
        if let Some(a) = procurement[pk as usize] {
            t.procurement.insert(pk, a.yuan());
        }
    }
    t.general = general.yuan();
    t.gov_fund = gov_fund.yuan();
    t.state_capital = state_capital.yuan();
    t.general_basic = general_basic.yuan();
    t.general_project = general_project.yuan();
    t.general_personnel = general_personnel.yuan();
    t.general_public = general_public.yuan();
    for item in ThreePublicItem::ALL {
        *t.three_public.get_mut(item) = three_public[item as usize].yuan();
    }
    t.operating_cost = operating_cost.yuan();
    let mut class_sums: BTreeMap<&str, Sum> = BTreeMap::new();
    for (id, a) in by_func.into_iter().enumerate() {
        let func = ctx.funcs.codes[id];
        *class_sums.entry(func.get(..3).unwrap_or(func)).or_default() += a;
    }
    t.general_by_class = class_sums
        .into_iter()
        .filter(|(_, a)| !a.is_zero())
        .map(|(c, a)| {
            let name = match crate::tables::class_name(c) {
                // 04's 「灾害防治及应急管理」: the sentence says what it spends.
                Some(n) if !n.ends_with("支出") => format!("{n}支出"),
                Some(n) => n.to_string(),
                None => ctx.func_name(c).to_string(),
            };
            (c.to_string(), name, a.yuan())
        })
        .collect();
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

    t.project_count = p.projects.len();
    let mut big_project_total = Sum::ZERO;
    for pi in 0..p.projects.len() {
        let a: Sum = ctx.project_lines(pi).iter().map(|l| l.amount).sum();
        if a.at_least_fen(100_000_000) {
            t.big_project_count += 1;
            big_project_total += a;
        }
    }
    t.big_project_total = big_project_total.yuan();
    t
}
