//! The engine: one pure function from a package to the computed budget —
//! every published table, the totals the narrative states, and the audit
//! findings. It recomputes everything from scratch on every call.

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;

use crate::catalog::{Catalog, CodeKind};
use crate::model::{Budget, CostKind, FundSource, LastYearItem, Package, Procurement, ProjectKind, UnitKind, Yuan};
use crate::table::Table;
use crate::validate::{self, Finding};

/// Where a line lives in the package.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LineRef {
    Basic(usize),
    Project(usize, usize),
}

/// A line of the package with its defaults applied.
#[derive(Clone, Debug)]
pub struct Line<'a> {
    pub origin: LineRef,
    /// Index into `package.units`, `None` when the unit code is unknown.
    pub unit: Option<usize>,
    pub unit_code: &'a str,
    pub project: Option<usize>,
    pub func: &'a str,
    pub econ: &'a str,
    /// The 政府 code: the override, or the default for the unit's 性质 ("" when none is known).
    pub gov: &'a str,
    /// Indices of `func`, `econ` and `gov` in the context's `funcs`, `econs`, `govs`.
    pub func_id: u32,
    pub econ_id: u32,
    pub gov_id: u32,
    pub gov_overridden: bool,
    pub kind: CostKind,
    pub source: FundSource,
    pub amount: Yuan,
    pub procurement: Option<Procurement>,
}

impl Line<'_> {
    pub fn is_basic(&self) -> bool {
        self.project.is_none()
    }
}

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
    pub const OVERSEAS: &'static str = "30212";
    pub const RECEPTION: &'static str = "30217";
    pub const VEHICLE_PURCHASE: &'static str = "31013";
    pub const VEHICLE_OPERATION: &'static str = "30231";

    pub fn total(&self) -> Yuan {
        self.overseas + self.reception + self.vehicle_purchase + self.vehicle_operation
    }
    pub fn vehicles(&self) -> Yuan {
        self.vehicle_purchase + self.vehicle_operation
    }
}

/// Everything derived from a package.
#[derive(Clone, Debug)]
pub struct Computed {
    /// 预算01表 … 预算14表, in order.
    pub tables: Vec<Table>,
    pub totals: Totals,
    pub findings: Vec<Finding>,
}

impl Computed {
    pub fn table(&self, number: u8) -> &Table {
        &self.tables[usize::from(number) - 1]
    }
    pub fn error_count(&self) -> usize {
        self.findings.iter().filter(|f| f.is_error()).count()
    }
    pub fn warning_count(&self) -> usize {
        self.findings.len() - self.error_count()
    }
}

/// Codes of one classification, interned: a line carries the index of its
/// code, so the tables aggregate into vectors instead of maps keyed by text.
#[derive(Default)]
pub struct Codes<'a> {
    pub codes: Vec<&'a str>,
    index: HashMap<&'a str, u32>,
}

impl<'a> Codes<'a> {
    fn id(&mut self, code: &'a str) -> u32 {
        *self.index.entry(code).or_insert_with(|| {
            self.codes.push(code);
            (self.codes.len() - 1) as u32
        })
    }
    pub fn len(&self) -> usize {
        self.codes.len()
    }
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
    /// The ids in the order of their codes.
    pub fn sorted_ids(&self) -> Vec<u32> {
        let mut ids: Vec<u32> = (0..self.codes.len() as u32).collect();
        ids.sort_by_key(|&i| self.codes[i as usize]);
        ids
    }
}

/// The shared inputs of every table builder.
pub struct Context<'a> {
    pub package: &'a Package,
    pub catalog: &'a Catalog,
    pub lines: Vec<Line<'a>>,
    pub decimals: u32,
    /// The 功能, 部门经济 and 政府经济 codes the lines use.
    pub funcs: Codes<'a>,
    pub econs: Codes<'a>,
    pub govs: Codes<'a>,
    /// Unit code → index into `package.units`.
    pub unit_index: HashMap<&'a str, usize>,
}

impl<'a> Context<'a> {
    /// `catalog` is the package's catalog: `Catalog::with_overrides(&package.catalog)`.
    pub fn new(package: &'a Package, catalog: &'a Catalog) -> Context<'a> {
        let decimals = package.department.decimals.min(4);
        let mut ctx = Context {
            package,
            catalog,
            lines: Vec::new(),
            decimals,
            funcs: Codes::default(),
            econs: Codes::default(),
            govs: Codes::default(),
            unit_index: package
                .units
                .iter()
                .enumerate()
                .map(|(i, u)| (u.code.trim(), i))
                .collect(),
        };
        ctx.lines = resolve_lines(&mut ctx);
        ctx
    }

    pub fn func_name(&self, code: &str) -> &str {
        self.catalog.name(CodeKind::Func, code).unwrap_or("")
    }
    pub fn econ_name(&self, code: &str) -> &str {
        self.catalog.name(CodeKind::DeptEcon, code).unwrap_or("")
    }
    pub fn gov_name(&self, code: &str) -> &str {
        self.catalog.name(CodeKind::GovEcon, code).unwrap_or("")
    }
    /// The index of the unit with this code.
    pub fn unit_of(&self, code: &str) -> Option<usize> {
        self.unit_index.get(code.trim()).copied()
    }
    pub fn unit_name(&self, unit: Option<usize>) -> &str {
        unit.map(|u| self.package.units[u].name.as_str()).unwrap_or("")
    }
    pub fn project_kind(&self, line: &Line) -> Option<ProjectKind> {
        line.project.map(|p| self.package.projects[p].kind)
    }
}

/// A line's raw fields, shared by basic and project lines.
struct Raw<'a> {
    origin: LineRef,
    unit: Option<usize>,
    unit_code: &'a str,
    project: Option<usize>,
    func: &'a str,
    econ: &'a str,
    gov: Option<&'a str>,
    kind: Option<CostKind>,
    source: FundSource,
    amount: Yuan,
    procurement: Option<Procurement>,
}

fn resolve_lines<'a>(ctx: &mut Context<'a>) -> Vec<Line<'a>> {
    let (p, catalog) = (ctx.package, ctx.catalog);
    let unit_index = ctx.unit_index.clone();
    // The default 政府 code depends on the 部门 code and the unit's 性质 only.
    let mut defaults: HashMap<(u32, bool), &'a str> = HashMap::new();
    let n = p.basic_lines.len() + p.projects.iter().map(|x| x.lines.len()).sum::<usize>();
    let mut out = Vec::with_capacity(n);
    let mut push = |ctx: &mut Context<'a>, r: Raw<'a>| {
        let econ_id = ctx.econs.id(r.econ);
        let kind = r.unit.map(|i| p.units[i].kind).unwrap_or(UnitKind::Administrative);
        let (gov, gov_overridden) = match r.gov {
            Some(g) if !g.is_empty() => (g, true),
            _ => {
                let gov = *defaults
                    .entry((econ_id, kind.is_institution()))
                    .or_insert_with(|| catalog.default_gov(r.econ, kind).unwrap_or(""));
                (gov, false)
            }
        };
        out.push(Line {
            origin: r.origin,
            unit: r.unit,
            unit_code: r.unit_code,
            project: r.project,
            func: r.func,
            econ: r.econ,
            gov,
            func_id: ctx.funcs.id(r.func),
            econ_id,
            gov_id: ctx.govs.id(gov),
            gov_overridden,
            kind: r.kind.unwrap_or_else(|| CostKind::default_for(r.econ)),
            source: r.source,
            amount: r.amount,
            procurement: r.procurement,
        });
    };
    for (i, l) in p.basic_lines.iter().enumerate() {
        let unit_code = l.unit.trim();
        let raw = Raw {
            origin: LineRef::Basic(i),
            unit: unit_index.get(unit_code).copied(),
            unit_code,
            project: None,
            func: l.func.trim(),
            econ: l.econ.trim(),
            gov: l.gov.as_deref().map(str::trim),
            kind: l.kind,
            source: l.source,
            amount: l.amount,
            procurement: l.procurement,
        };
        push(ctx, raw);
    }
    for (pi, proj) in p.projects.iter().enumerate() {
        let unit_code = proj.unit.trim();
        let unit = unit_index.get(unit_code).copied();
        for (li, l) in proj.lines.iter().enumerate() {
            let raw = Raw {
                origin: LineRef::Project(pi, li),
                unit,
                unit_code,
                project: Some(pi),
                func: l.func.trim(),
                econ: l.econ.trim(),
                gov: l.gov.as_deref().map(str::trim),
                kind: None,
                source: l.source,
                amount: l.amount,
                procurement: l.procurement,
            };
            push(ctx, raw);
        }
    }
    out
}

pub fn sum<'l, 'a: 'l>(lines: impl IntoIterator<Item = &'l Line<'a>>) -> Yuan {
    lines.into_iter().map(|l| l.amount).sum()
}

/// Computes every table, the narrative's totals and the findings.
pub fn compute(package: &Package) -> Computed {
    let owned;
    let catalog = if package.catalog.is_empty() {
        Catalog::builtin()
    } else {
        owned = Catalog::with_overrides(&package.catalog);
        &owned
    };
    let ctx = Context::new(package, catalog);
    let totals = totals(&ctx);
    let tables = crate::tables::build_all(&ctx, &totals);
    let findings = validate::check(&ctx, &totals);
    let mut computed = Computed {
        tables,
        totals,
        findings,
    };
    if !package.narrative_overrides.is_empty() {
        let extra = crate::narrative::check_overrides(package, &computed);
        computed.findings.extend(extra);
    }
    computed
}

fn totals(ctx: &Context) -> Totals {
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
        if l.source.is_government() {
            t.government_funds += l.amount;
        } else if l.source.is_fiscal_special() {
            t.fiscal_special_funds += l.amount;
        } else {
            t.unit_funds += l.amount;
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
                match l.econ {
                    ThreePublic::OVERSEAS => t.three_public.overseas += l.amount,
                    ThreePublic::RECEPTION => t.three_public.reception += l.amount,
                    ThreePublic::VEHICLE_PURCHASE => t.three_public.vehicle_purchase += l.amount,
                    ThreePublic::VEHICLE_OPERATION => t.three_public.vehicle_operation += l.amount,
                    _ => {}
                }
            }
            Some(Budget::GovFund) => t.gov_fund += l.amount,
            Some(Budget::StateCapital) => t.state_capital += l.amount,
            None => {}
        }
        if l.is_basic() && l.source.is_government() && l.kind == CostKind::Public {
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
