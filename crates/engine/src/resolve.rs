//! Resolve: every line of the package (basic and project lines alike) with
//! its defaults applied — the 政府 code for the unit's 性质, the 经费类型 for
//! the code — and its codes interned. Every later step reads these lines,
//! never the raw package lines, so a default is decided once.

use std::collections::HashMap;

use yusuan_model::catalog::{Catalog, CodeKind};
use yusuan_model::{Budget, CostKind, FundSource, Package, Procurement, ProjectKind, UnitKind, Yuan};

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
    /// The default 政府 code for the 部门 code and the unit's 性质 ("" when none is known).
    pub default_gov: &'a str,
    /// Indices of `func`, `econ` and `gov` in the context's `funcs`, `econs`, `govs`.
    pub func_id: u32,
    pub econ_id: u32,
    pub gov_id: u32,
    pub default_gov_id: u32,
    pub gov_overridden: bool,
    pub kind: CostKind,
    /// The 经费类型 the code takes by default.
    pub default_kind: CostKind,
    /// `kind` is the code's default, not the officer's choice.
    pub kind_defaulted: bool,
    pub source: FundSource,
    pub amount: Yuan,
    pub procurement: Option<Procurement>,
}

impl Line<'_> {
    pub fn is_basic(&self) -> bool {
        self.project.is_none()
    }
    /// 机构运行经费: the 公用经费 (by the line's 经费类型) of basic lines of
    /// 财政拨款 money (the three budgets).
    pub fn is_operating_cost(&self) -> bool {
        self.is_basic() && self.source.is_government() && self.kind == CostKind::Public
    }
    /// The "三公" item this line counts in: 一般公共预算 money (with its
    /// carry-over) under one of the four 部门 codes.
    pub fn three_public(&self) -> Option<ThreePublicItem> {
        if self.source.budget() != Some(Budget::General) {
            return None;
        }
        ThreePublicItem::of_code(self.econ)
    }
}

/// The four items of "三公"经费, each one 部门 economic code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ThreePublicItem {
    /// 30212 因公出国（境）费用
    Overseas,
    /// 30217 公务接待费
    Reception,
    /// 31013 公务用车购置
    VehiclePurchase,
    /// 30231 公务用车运行维护费
    VehicleOperation,
}

impl ThreePublicItem {
    pub const ALL: [ThreePublicItem; 4] = [
        ThreePublicItem::Overseas,
        ThreePublicItem::Reception,
        ThreePublicItem::VehiclePurchase,
        ThreePublicItem::VehicleOperation,
    ];
    /// The 部门 economic code of the item.
    pub fn code(self) -> &'static str {
        match self {
            ThreePublicItem::Overseas => "30212",
            ThreePublicItem::Reception => "30217",
            ThreePublicItem::VehiclePurchase => "31013",
            ThreePublicItem::VehicleOperation => "30231",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            ThreePublicItem::Overseas => "因公出国（境）费",
            ThreePublicItem::Reception => "公务接待费",
            ThreePublicItem::VehiclePurchase => "公务用车购置费",
            ThreePublicItem::VehicleOperation => "公务用车运行维护费",
        }
    }
    pub fn of_code(econ: &str) -> Option<ThreePublicItem> {
        ThreePublicItem::ALL.into_iter().find(|i| i.code() == econ)
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
    /// The lines as the editor shows them (owned: no borrow of the package).
    pub fn resolved(&self) -> Vec<crate::ResolvedLine> {
        self.lines
            .iter()
            .map(|l| crate::ResolvedLine {
                origin: l.origin,
                gov: l.gov_id,
                default_gov: l.default_gov_id,
                gov_defaulted: !l.gov_overridden,
                kind: l.kind,
                default_kind: l.default_kind,
                kind_defaulted: l.kind_defaulted,
                three_public: l.three_public(),
            })
            .collect()
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
    let mut defaults: HashMap<(u32, bool), (&'a str, u32)> = HashMap::new();
    let n = p.basic_lines.len() + p.projects.iter().map(|x| x.lines.len()).sum::<usize>();
    let mut out = Vec::with_capacity(n);
    let mut push = |ctx: &mut Context<'a>, r: Raw<'a>| {
        let econ_id = ctx.econs.id(r.econ);
        let default_kind = CostKind::default_for(r.econ);
        let kind = r.unit.map(|i| p.units[i].kind).unwrap_or(UnitKind::Administrative);
        let (default_gov, default_gov_id) = *defaults.entry((econ_id, kind.is_institution())).or_insert_with(|| {
            let g = catalog.default_gov(r.econ, kind).unwrap_or("");
            (g, ctx.govs.id(g))
        });
        let (gov, gov_id, gov_overridden) = match r.gov {
            Some(g) if !g.is_empty() => (g, ctx.govs.id(g), true),
            _ => (default_gov, default_gov_id, false),
        };
        out.push(Line {
            origin: r.origin,
            unit: r.unit,
            unit_code: r.unit_code,
            project: r.project,
            func: r.func,
            econ: r.econ,
            gov,
            default_gov,
            func_id: ctx.funcs.id(r.func),
            econ_id,
            gov_id,
            default_gov_id,
            gov_overridden,
            kind: r.kind.unwrap_or(default_kind),
            default_kind,
            kind_defaulted: r.kind.is_none(),
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
