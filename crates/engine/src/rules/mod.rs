//! The audit rules (审核规则, `docs/spec/validation.md`). Every finding has a
//! rule (which fixes its level), a message in Chinese that says what is wrong
//! and what to do, and the place in the package it concerns (for the editor to
//! jump to). Rules 1–6 and the warnings read the resolved lines and the
//! totals; rule 7 ([`narrative`]) reads the narrative and the tables.

mod entries;
pub mod lint;
pub mod narrative;

use std::collections::{BTreeMap, HashMap, HashSet};

use rust_decimal::Decimal;

use yusuan_model::catalog::CodeKind;
use yusuan_model::{Assets, CostKind, FundSource, IndicatorKind, LastYearItem, Package, TextKey, Yuan};
use yusuan_report::table::format_number;

use crate::resolve::{BySource, Codes, Context, FastHash, LineRef, trim};
use crate::sum::Sum;
use crate::totals::Totals;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// 错误: blocks export for publication.
    Error,
    /// 警告
    Warning,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::Error => "错误",
            Level::Warning => "警告",
        }
    }
}

/// A field of a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Unit,
    Func,
    Econ,
    Gov,
    Kind,
    Source,
    Amount,
    Code,
    Name,
    Year,
    Decimals,
    /// 备注 of a basic line (a place the editor's find can point at).
    Note,
}

impl Field {
    pub fn label(self) -> &'static str {
        match self {
            Field::Unit => "单位代码",
            Field::Func => "功能科目",
            Field::Econ => "经济科目",
            Field::Gov => "政府经济科目",
            Field::Kind => "经费类型",
            Field::Source => "资金来源",
            Field::Amount => "金额",
            Field::Code => "编码",
            Field::Name => "名称",
            Field::Year => "预算年度",
            Field::Decimals => "小数位数",
            Field::Note => "备注",
        }
    }
}

/// Where a finding points.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Location {
    Department(Field),
    Unit(usize, Field),
    /// The income of a unit (by unit code), optionally one source.
    UnitIncome(String, Option<FundSource>),
    Income(usize, Field),
    BasicLine(usize, Field),
    Project(usize, Field),
    ProjectLine(usize, usize, Field),
    ProjectIndicators(usize),
    Performance,
    LastYear(LastYearItem),
    /// A count of 资产, by field name (`Assets::COUNTS`).
    Asset(String),
    Text(TextKey),
    Narrative(String),
}

impl Location {
    /// Where, in words a finance officer reads: `基本支出第3行（功能科目）`.
    pub fn describe(&self, p: &Package) -> String {
        let project = |i: usize| {
            p.projects
                .get(i)
                .map(|x| {
                    format!(
                        "项目“{}”",
                        if x.name.trim().is_empty() {
                            x.code.trim()
                        } else {
                            x.name.trim()
                        }
                    )
                })
                .unwrap_or_else(|| format!("项目第{}个", i + 1))
        };
        match self {
            Location::Department(Field::Amount) => "部门收支总计".to_string(),
            Location::Department(f) => format!("概况（{}）", f.label()),
            Location::Unit(i, f) => format!("单位第{}行（{}）", i + 1, f.label()),
            Location::UnitIncome(u, s) => match s {
                Some(s) => format!("收入：单位{u}的{}", s.label()),
                None => format!("收入：单位{u}"),
            },
            Location::Income(i, f) => format!("收入第{}行（{}）", i + 1, f.label()),
            Location::BasicLine(i, f) => format!("基本支出第{}行（{}）", i + 1, f.label()),
            Location::Project(i, f) => format!("{}（{}）", project(*i), f.label()),
            Location::ProjectLine(i, l, f) => {
                format!("{}明细第{}行（{}）", project(*i), l + 1, f.label())
            }
            Location::ProjectIndicators(i) => format!("{}的绩效目标", project(*i)),
            Location::Performance => "整体绩效".to_string(),
            Location::LastYear(item) => format!("上年数（{}）", item.label()),
            Location::Asset(field) => format!("资产（{}）", Assets::count_label(field).unwrap_or(field)),
            Location::Text(k) => format!("说明（{}）", k.label()),
            Location::Narrative(id) => format!("情况说明（{id}）"),
        }
    }
}

/// The rules of `docs/spec/validation.md`. A rule fixes the level of its
/// findings and the code the officer sees (`错误1` … `警告6`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// 错误1 收支平衡: income = expenditure, for the department and every unit.
    Balance,
    /// 错误2 资金来源平衡: per unit and funding source, income = the lines it funds.
    SourceBalance,
    /// 错误3 codes and required fields: well-formed codes, known units, names.
    Codes,
    /// 错误4 amounts: not negative, at most 2 decimals in 元, below 1e13 元.
    Amounts,
    /// 错误5 projects: a line at least, a unique code, a known unit.
    Projects,
    /// 错误6 a project with 政府预算资金 has 产出, 效益 and 满意度 targets with values.
    ProjectTargets,
    /// 错误7 a 万元 or % figure of a rewritten paragraph matches no figure.
    NarrativeFigures,
    /// 错误8 text typed into a field that is not a valid value, kept as typed.
    Entry,
    /// 警告1 人员经费 codes in a project, 公用经费 codes booked as 人员经费.
    CostKind,
    /// 警告2 a 上年数 the narrative needs is missing.
    LastYearMissing,
    /// 警告3 a well-formed code outside the catalog (rule 3 at warning level).
    UnknownCode,
    /// 警告3 a figure changed by more than 10% against last year without a reason.
    ReasonMissing,
    /// 警告4 "三公"经费 grew against last year.
    ThreePublicGrowth,
    /// 警告5 a 政府经济科目 override that differs from the default mapping.
    GovOverride,
    /// 警告6 整体绩效 without 年度履职目标 or 年度主要任务.
    Performance,
    /// 警告7 the officer's text: placeholders, a stale year, half-width
    /// punctuation in Chinese, repeated punctuation or words.
    TextLint,
    /// 警告8 资产: more 一般公务用车 (or vehicles of all kinds) than 车辆总数.
    Vehicles,
}

impl Rule {
    pub fn level(self) -> Level {
        match self {
            Rule::Balance
            | Rule::SourceBalance
            | Rule::Codes
            | Rule::Amounts
            | Rule::Projects
            | Rule::ProjectTargets
            | Rule::NarrativeFigures
            | Rule::Entry => Level::Error,
            Rule::CostKind
            | Rule::LastYearMissing
            | Rule::UnknownCode
            | Rule::ReasonMissing
            | Rule::ThreePublicGrowth
            | Rule::GovOverride
            | Rule::Performance
            | Rule::TextLint
            | Rule::Vehicles => Level::Warning,
        }
    }
    /// The code the officer sees: `错误1` … `错误8`, `警告1` … `警告8`.
    pub fn code(self) -> &'static str {
        match self {
            Rule::Balance => "错误1",
            Rule::SourceBalance => "错误2",
            Rule::Codes => "错误3",
            Rule::Amounts => "错误4",
            Rule::Projects => "错误5",
            Rule::ProjectTargets => "错误6",
            Rule::NarrativeFigures => "错误7",
            Rule::Entry => "错误8",
            Rule::CostKind => "警告1",
            Rule::LastYearMissing => "警告2",
            Rule::UnknownCode | Rule::ReasonMissing => "警告3",
            Rule::ThreePublicGrowth => "警告4",
            Rule::GovOverride => "警告5",
            Rule::Performance => "警告6",
            Rule::TextLint => "警告7",
            Rule::Vehicles => "警告8",
        }
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl PartialEq<str> for Rule {
    fn eq(&self, code: &str) -> bool {
        self.code() == code
    }
}

impl PartialEq<&str> for Rule {
    fn eq(&self, code: &&str) -> bool {
        self.code() == *code
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The rule's level, kept beside it for readers that sort or count.
    pub level: Level,
    pub rule: Rule,
    pub message: String,
    pub location: Location,
}

impl Finding {
    pub fn new(rule: Rule, location: Location, message: String) -> Finding {
        Finding {
            level: rule.level(),
            rule,
            message,
            location,
        }
    }
    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}

/// `错误1：部门收支不平衡：…` — how a finding reads wherever it is shown.
impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}：{}", self.rule, self.message)
    }
}

fn wan(y: Yuan) -> String {
    format!("{}万元", format_number(y / Decimal::from(10_000), 2))
}

fn yuan(y: Yuan) -> String {
    format!("{}元", format_number(y, 2))
}

pub use yusuan_model::limits::max_amount;

/// Checks one amount (rule 4); `None` when it is acceptable.
pub fn amount_problem(a: Yuan) -> Option<String> {
    // The common case first: at most two decimals, not negative, below 1e13 元.
    const LIMIT: [u64; 3] = [10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000];
    let u = a.unpack();
    if u.scale <= 2
        && !u.negative
        && u.hi == 0
        && ((u64::from(u.mid) << 32) | u64::from(u.lo)) < LIMIT[u.scale as usize]
    {
        return None;
    }
    if a.is_sign_negative() && !a.is_zero() {
        return Some(format!("金额{}为负数，金额不能小于零", a));
    }
    if a.normalize().scale() > 2 {
        return Some(format!(
            "金额{}超过两位小数，以元为单位最多保留两位小数（分）",
            a.normalize()
        ));
    }
    if a >= max_amount() {
        return Some(format!("金额{}过大（须小于10万亿元），请检查是否多输入了数字", a));
    }
    None
}

struct Out {
    v: Vec<Finding>,
}

impl Out {
    fn push(&mut self, rule: Rule, location: Location, message: String) {
        self.v.push(Finding::new(rule, location, message));
    }
}

fn is_digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

pub fn check(ctx: &Context, totals: &Totals) -> Vec<Finding> {
    let p = ctx.package;
    let mut out = Out { v: Vec::new() };
    department(p, &mut out);
    entries::check(ctx, &mut out);
    balance(ctx, totals, &mut out);
    codes(ctx, &mut out);
    amounts(ctx, &mut out);
    projects(ctx, &mut out);
    performance(ctx, &mut out);
    kinds(ctx, &mut out);
    last_year(p, totals, &mut out);
    lint::check(p, ctx.notes, &mut out);
    vehicles(p, &mut out);
    out.v.sort_by_key(|f| f.level);
    out.v
}

fn department(p: &Package, out: &mut Out) {
    let d = &p.department;
    if d.name.trim().is_empty() {
        out.push(
            Rule::Codes,
            Location::Department(Field::Name),
            "部门名称为空：请在“概况”中填写部门名称".into(),
        );
    }
    if d.code.trim().is_empty() {
        out.push(
            Rule::Codes,
            Location::Department(Field::Code),
            "部门代码为空：请在“概况”中填写部门代码".into(),
        );
    }
    if !(2000..=2100).contains(&d.year) {
        out.push(
            Rule::Codes,
            Location::Department(Field::Year),
            format!("预算年度{}不是有效年份", d.year),
        );
    }
    if d.decimals > 2 {
        out.push(
            Rule::Codes,
            Location::Department(Field::Decimals),
            format!("小数位数{}无效，只能是0、1或2", d.decimals),
        );
    }
    if p.units.is_empty() {
        out.push(
            Rule::Codes,
            Location::Department(Field::Unit),
            "没有预算单位：请在“单位”中至少添加一个单位".into(),
        );
    }
    let mut seen: HashSet<&str, FastHash> = HashSet::with_capacity_and_hasher(p.units.len(), FastHash::default());
    for (i, u) in p.units.iter().enumerate() {
        if trim(&u.code).is_empty() {
            out.push(
                Rule::Codes,
                Location::Unit(i, Field::Code),
                format!("单位第{}行的单位代码为空", i + 1),
            );
        } else if !seen.insert(trim(&u.code)) {
            out.push(
                Rule::Codes,
                Location::Unit(i, Field::Code),
                format!("单位代码{}重复：每个单位的代码必须唯一", u.code.trim()),
            );
        }
        if trim(&u.name).is_empty() {
            out.push(
                Rule::Codes,
                Location::Unit(i, Field::Name),
                format!("单位{}的名称为空", u.code.trim()),
            );
        }
    }
}

/// Rules 1 and 2: income = expenditure, for the department, every unit and every source.
fn balance(ctx: &Context, totals: &Totals, out: &mut Out) {
    let p = ctx.package;
    if totals.income_total != totals.expense_total {
        out.push(
            Rule::Balance,
            Location::Department(Field::Amount),
            format!(
                "部门收支不平衡：收入总计{}，支出总计{}，相差{}。请调整收入或支出，使两者相等",
                wan(totals.income_total),
                wan(totals.expense_total),
                yuan(totals.income_total - totals.expense_total)
            ),
        );
    }
    // Income and the lines it funds by unit code (as written, trimmed) and
    // source; a code is checked when it has either. A known unit's code by the
    // unit's index (no text keys per line), an unknown one by its text. Each
    // figure adds up in the package's order.
    const N: usize = FundSource::ALL.len();
    let income = &ctx.unit_income;
    let mut lines = vec![[Sum::ZERO; N]; p.units.len()];
    // Unknown codes: (income, lines).
    let mut unknown: BTreeMap<&str, (BySource, BySource)> = BTreeMap::new();
    let unknown_income = p
        .income
        .iter()
        .enumerate()
        .filter(|(i, _)| ctx.income_unit(*i).is_none());
    for (_, e) in unknown_income {
        let by = &mut unknown.entry(trim(&e.unit)).or_insert(([None; N], [None; N])).0;
        *by[e.source as usize].get_or_insert_default() += Sum::from(e.amount);
    }
    for l in &ctx.lines {
        match l.unit() {
            Some(u) => lines[u][l.source as usize] += l.amount,
            None => {
                let by = &mut unknown.entry(ctx.unit_code(l)).or_insert(([None; N], [None; N])).1;
                *by[l.source as usize].get_or_insert_default() += l.amount;
            }
        }
    }
    // The codes with figures, in order: (code, its unit's index or none).
    let mut codes: Vec<(&str, Option<usize>)> = unknown.keys().map(|c| (*c, None)).collect();
    for (u, unit) in p.units.iter().enumerate() {
        let has = income[u].iter().any(Option::is_some) || lines[u].iter().any(|a| !a.is_zero());
        if has && ctx.unit_of_unit(u) == Some(u) {
            codes.push((trim(&unit.code), Some(u)));
        }
    }
    codes.sort_unstable_by(|a, b| a.0.cmp(b.0));
    for (u, unit) in codes {
        // A known unit's lines count for a source when they add up to non-zero.
        let (inc, exp): (BySource, BySource) = match unit {
            Some(i) => (income[i], lines[i].map(|a| (!a.is_zero()).then_some(a))),
            None => unknown[u],
        };
        let ti: Sum = inc.iter().flatten().copied().sum();
        let te: Sum = exp.iter().flatten().copied().sum();
        if !ti.same_value(te) {
            let (ti, te) = (ti.yuan(), te.yuan());
            out.push(
                Rule::Balance,
                Location::UnitIncome(u.to_string(), None),
                format!(
                    "单位{u}收支不平衡：收入{}，支出{}，相差{}。请调整该单位的收入或支出，使两者相等",
                    wan(ti),
                    wan(te),
                    yuan(ti - te)
                ),
            );
        }
        for s in FundSource::ALL {
            let (a, b) = (inc[s as usize].unwrap_or_default(), exp[s as usize].unwrap_or_default());
            if !a.same_value(b) {
                let (a, b) = (a.yuan(), b.yuan());
                out.push(Rule::SourceBalance,
                    Location::UnitIncome(u.to_string(), Some(s)),
                    format!(
                        "单位{u}的“{}”收入{}与用该资金安排的支出{}不相等（相差{}）：以收定支，请调整收入或支出的资金来源",
                        s.label(),
                        wan(a),
                        wan(b),
                        yuan(a - b)
                    ),
                );
            }
        }
    }
    for (i, e) in p.income.iter().enumerate() {
        if ctx.income_unit(i).is_none() {
            out.push(
                Rule::Codes,
                Location::Income(i, Field::Unit),
                format!(
                    "收入第{}行的单位代码“{}”不在单位表中：请先在“单位”中添加该单位，或改正代码",
                    i + 1,
                    e.unit.trim()
                ),
            );
        }
    }
}

fn line_location(r: LineRef, f: Field) -> Location {
    match r {
        LineRef::Basic(i) => Location::BasicLine(i, f),
        LineRef::Project(p, l) => Location::ProjectLine(p, l, f),
    }
}

/// Rule 3: codes. A malformed code is an error; a well-formed code outside the
/// catalog is a warning (the catalog is incomplete by design).
#[derive(Clone, Copy, PartialEq)]
enum CodeStatus {
    Known,
    Malformed,
    Unknown,
}

fn codes(ctx: &Context, out: &mut Out) {
    let cat = ctx.catalog;
    // Each distinct code is looked up once.
    let status = |codes: &Codes, digits: usize, kind: CodeKind| -> Vec<CodeStatus> {
        codes
            .codes
            .iter()
            .map(|c| {
                if !is_digits(c, digits) {
                    CodeStatus::Malformed
                } else if cat.contains(kind, c) {
                    CodeStatus::Known
                } else {
                    CodeStatus::Unknown
                }
            })
            .collect()
    };
    let funcs = status(&ctx.funcs, 7, CodeKind::Func);
    let econs = status(&ctx.econs, 5, CodeKind::DeptEcon);
    let govs = status(&ctx.govs, 5, CodeKind::GovEcon);
    for l in &ctx.lines {
        let at = |f| line_location(l.origin(), f);
        if matches!(l.origin(), LineRef::Basic(_)) && l.unit().is_none() {
            out.push(
                Rule::Codes,
                at(Field::Unit),
                format!(
                    "单位代码“{}”不在单位表中：请先在“单位”中添加该单位，或改正代码",
                    ctx.unit_code(l)
                ),
            );
        }
        let (func, econ, gov) = (
            funcs[l.func_id as usize],
            econs[l.econ_id as usize],
            govs[l.gov_id as usize],
        );
        if func == CodeStatus::Malformed {
            out.push(
                Rule::Codes,
                at(Field::Func),
                format!("功能科目“{}”应为7位数字的项级科目（如2150501）", ctx.func(l)),
            );
        } else if func == CodeStatus::Unknown {
            out.push(
                Rule::UnknownCode,
                at(Field::Func),
                format!(
                    "功能科目{}不在科目表中：请核对编码，或用“文件”菜单中的“导入当年科目表”导入当年的官方科目表",
                    ctx.func(l)
                ),
            );
        }
        if econ == CodeStatus::Malformed {
            out.push(
                Rule::Codes,
                at(Field::Econ),
                format!("经济科目“{}”应为5位数字的款级科目（如30101）", ctx.econ(l)),
            );
        } else if econ == CodeStatus::Unknown {
            out.push(
                Rule::UnknownCode,
                at(Field::Econ),
                format!(
                    "经济科目{}不在科目表中：请核对编码，或用“文件”菜单中的“导入当年科目表”导入当年的官方科目表",
                    ctx.econ(l)
                ),
            );
        }
        if ctx.gov(l).is_empty() {
            if econ != CodeStatus::Malformed {
                out.push(
                    Rule::Codes,
                    at(Field::Gov),
                    format!("经济科目{}没有默认的政府经济科目：请填写政府经济科目", ctx.econ(l)),
                );
            }
        } else if gov == CodeStatus::Malformed {
            out.push(
                Rule::Codes,
                at(Field::Gov),
                format!("政府经济科目“{}”应为5位数字（如50101）", ctx.gov(l)),
            );
        } else if gov == CodeStatus::Unknown {
            out.push(
                Rule::UnknownCode,
                at(Field::Gov),
                format!(
                    "政府经济科目{}不在科目表中：请核对编码，或用“文件”菜单中的“导入当年科目表”导入当年的官方科目表",
                    ctx.gov(l)
                ),
            );
        }
        // Warning 5: an override that differs from the default mapping.
        if l.gov_overridden && !ctx.default_gov(l).is_empty() && ctx.default_gov(l) != ctx.gov(l) {
            let kind = l.unit().map(|u| ctx.package.units[u].kind).unwrap_or_default();
            out.push(
                Rule::GovOverride,
                at(Field::Gov),
                format!(
                    "政府经济科目{}与{}的默认对应科目{}不同：请确认这是有意的调整",
                    ctx.gov(l),
                    kind.label(),
                    ctx.default_gov(l)
                ),
            );
        }
    }
}

/// Rule 4: amounts.
fn amounts(ctx: &Context, out: &mut Out) {
    let p = ctx.package;
    for (i, e) in p.income.iter().enumerate() {
        if let Some(m) = amount_problem(e.amount) {
            out.push(Rule::Amounts, Location::Income(i, Field::Amount), m);
        }
    }
    // The lines in the package's order (basic, then each project's). An
    // amount ≥ 0 of at most two decimals below 10^13 元 (10^15 分) has no
    // problem: read from the resolved line, the package line is not touched.
    const PLAIN_LIMIT_FEN: i64 = 1_000_000_000_000_000;
    for l in &ctx.lines {
        if l.amount.plain_fen().is_some_and(|f| f < PLAIN_LIMIT_FEN) {
            continue;
        }
        let (a, at) = match l.origin() {
            LineRef::Basic(i) => (p.basic_lines[i].amount, Location::BasicLine(i, Field::Amount)),
            LineRef::Project(pi, li) => (
                p.projects[pi].lines[li].amount,
                Location::ProjectLine(pi, li, Field::Amount),
            ),
        };
        if let Some(m) = amount_problem(a) {
            out.push(Rule::Amounts, at, m);
        }
    }
    for (item, a) in &p.last_year.0 {
        if let Some(m) = amount_problem(*a) {
            out.push(Rule::Amounts, Location::LastYear(*item), m);
        }
    }
}

/// Rule 5: projects.
fn projects(ctx: &Context, out: &mut Out) {
    let p = ctx.package;
    let mut seen: HashMap<&str, usize, FastHash> =
        HashMap::with_capacity_and_hasher(p.projects.len(), FastHash::default());
    for (i, proj) in p.projects.iter().enumerate() {
        let code = trim(&proj.code);
        if code.is_empty() {
            out.push(
                Rule::Projects,
                Location::Project(i, Field::Code),
                format!("项目第{}个的项目编码为空", i + 1),
            );
        } else if let Some(first) = seen.insert(code, i) {
            out.push(
                Rule::Projects,
                Location::Project(i, Field::Code),
                format!(
                    "项目编码{code}重复（与项目第{}个相同）：每个项目的编码必须唯一",
                    first + 1
                ),
            );
        }
        if trim(&proj.name).is_empty() {
            out.push(
                Rule::Projects,
                Location::Project(i, Field::Name),
                format!("项目{code}的名称为空"),
            );
        }
        if ctx.project_unit(i).is_none() {
            out.push(
                Rule::Projects,
                Location::Project(i, Field::Unit),
                format!(
                    "项目{code}的单位代码“{}”不在单位表中：请先在“单位”中添加该单位，或改正代码",
                    proj.unit.trim()
                ),
            );
        }
        if proj.lines.is_empty() {
            out.push(
                Rule::Projects,
                Location::Project(i, Field::Code),
                format!("项目{code}没有支出明细：请至少填写一行明细，或删除该项目"),
            );
        }
    }
}

/// Rule 6: a project with 政府预算资金 needs 产出, 效益 and 满意度 indicators with values.
/// Warning 6: 整体绩效 has a goal and tasks.
fn performance(ctx: &Context, out: &mut Out) {
    let p = ctx.package;
    for (i, proj) in p.projects.iter().enumerate() {
        if !ctx.project_lines(i).iter().any(|l| l.source.is_government()) {
            continue;
        }
        // The kinds with a value, in one pass over the indicators.
        let mut valued = [false; IndicatorKind::ALL.len()];
        for x in &proj.indicators {
            if !valued[x.kind as usize] && !trim(&x.value).is_empty() {
                valued[x.kind as usize] = true;
            }
        }
        let missing: Vec<&str> = [
            IndicatorKind::Output,
            IndicatorKind::Benefit,
            IndicatorKind::Satisfaction,
        ]
        .into_iter()
        .filter(|k| !valued[*k as usize])
        .map(|k| k.label())
        .collect();
        if !missing.is_empty() {
            out.push(
                Rule::ProjectTargets,
                Location::ProjectIndicators(i),
                format!(
                    "项目{}使用政府预算资金，缺少有指标值的{}：请补充绩效目标",
                    proj.code.trim(),
                    missing.join("、")
                ),
            );
        }
    }
    if p.performance.goal.trim().is_empty() {
        out.push(
            Rule::Performance,
            Location::Performance,
            "整体绩效的“年度履职目标”为空：预算11表将缺少履职目标".into(),
        );
    }
    if p.performance.tasks.is_empty() {
        out.push(
            Rule::Performance,
            Location::Performance,
            "整体绩效没有“年度主要任务”：请至少填写一项任务".into(),
        );
    }
}

/// 警告8: the 资产 counts of vehicles contradict each other: more 一般公务用车
/// than 车辆总数, or more vehicles of the four kinds together than 车辆总数
/// (the narrative prints both: 「共有车辆M辆，其中：一般公务用车N辆…」).
/// Only counts that are given are compared. 公务用车运行维护费 with no vehicle
/// is not a finding: seed 001 (义马) publishes 4.00万元 of it with 0 vehicles
/// (the 运行费 also pays for hired vehicles).
fn vehicles(p: &Package, out: &mut Out) {
    let a = &p.assets;
    let Some(total) = a.vehicles_total else { return };
    if let Some(official) = a.official_vehicles
        && official > total
    {
        out.push(
            Rule::Vehicles,
            Location::Asset("official".into()),
            format!("资产：一般公务用车{official}辆多于车辆总数{total}辆：请核对车辆数"),
        );
        return;
    }
    let kinds = [
        a.official_vehicles,
        a.enforcement_vehicles,
        a.special_vehicles,
        a.other_vehicles,
    ];
    let sum: u64 = kinds.iter().flatten().map(|&n| u64::from(n)).sum();
    if sum > u64::from(total) {
        out.push(
            Rule::Vehicles,
            Location::Asset("vehicles_total".into()),
            format!(
                "资产：一般公务用车、执法执勤用车、特种专业技术用车和其他用车共{sum}辆，多于车辆总数{total}辆：请核对车辆数"
            ),
        );
    }
}

/// Warning 1: personnel codes in projects; public codes booked as 人员经费.
fn kinds(ctx: &Context, out: &mut Out) {
    for l in &ctx.lines {
        let personnel_code = l.default_kind == CostKind::Personnel;
        match l.origin() {
            LineRef::Project(..) if personnel_code => out.push(
                Rule::CostKind,
                line_location(l.origin(), Field::Econ),
                format!(
                    "项目支出中使用了人员经费科目{}：人员经费一般应在基本支出中安排",
                    ctx.econ(l)
                ),
            ),
            LineRef::Basic(_) if l.kind == CostKind::Personnel && !personnel_code => out.push(
                Rule::CostKind,
                line_location(l.origin(), Field::Kind),
                format!("经济科目{}属于公用经费，却标为人员经费：请确认经费类型", ctx.econ(l)),
            ),
            _ => {}
        }
    }
}

/// Warnings 2, 3 and 4: last year's figures, reasons for changes, "三公" growth.
fn last_year(p: &Package, t: &Totals, out: &mut Out) {
    let needed = [
        LastYearItem::IncomeTotal,
        LastYearItem::ExpenseTotal,
        LastYearItem::General,
        LastYearItem::ThreePublicTotal,
        LastYearItem::Overseas,
        LastYearItem::Reception,
        LastYearItem::VehiclePurchase,
        LastYearItem::VehicleOperation,
        LastYearItem::OperatingCost,
    ];
    // 政府性基金 and 国有资本经营预算 are stated (with their change) only when
    // the package has them this year.
    let needed = needed.into_iter().chain(
        [LastYearItem::GovFund, LastYearItem::StateCapital]
            .into_iter()
            .filter(|i| !t.current(*i).is_zero()),
    );
    for item in needed {
        if p.last_year.get(item).is_none() {
            out.push(
                Rule::LastYearMissing,
                Location::LastYear(item),
                format!("缺少上年数“{}”：情况说明将无法说明与上年相比的增减", item.label()),
            );
        }
    }
    let reasons: [(LastYearItem, &[TextKey]); 10] = [
        (
            LastYearItem::IncomeTotal,
            &[TextKey::ReasonIncome, TextKey::ReasonIncomeExpense],
        ),
        (
            LastYearItem::ExpenseTotal,
            &[TextKey::ReasonExpense, TextKey::ReasonIncomeExpense],
        ),
        (LastYearItem::General, &[TextKey::ReasonAppropriation]),
        (LastYearItem::GovFund, &[TextKey::ReasonAppropriation]),
        (LastYearItem::StateCapital, &[TextKey::ReasonAppropriation]),
        (LastYearItem::Overseas, &[TextKey::ReasonOverseas]),
        (LastYearItem::Reception, &[TextKey::ReasonReception]),
        (LastYearItem::VehiclePurchase, &[TextKey::ReasonVehiclePurchase]),
        (LastYearItem::VehicleOperation, &[TextKey::ReasonVehicleOperation]),
        (LastYearItem::OperatingCost, &[TextKey::ReasonOperatingCost]),
    ];
    for (item, keys) in reasons {
        let Some(last) = p.last_year.get(item) else {
            continue;
        };
        let now = t.current(item);
        let changed = if last.is_zero() {
            !now.is_zero()
        } else {
            (now - last).abs() * Decimal::from(10) > last.abs()
        };
        if changed && keys.iter().all(|k| p.text(*k).trim().is_empty()) {
            out.push(
                Rule::ReasonMissing,
                Location::Text(keys[0]),
                format!(
                    "“{}”比上年变化超过10%（上年{}，本年{}），但没有填写“{}”",
                    item.label(),
                    wan(last),
                    wan(now),
                    keys[0].label()
                ),
            );
        }
    }
    if let Some(last) = p.last_year.get(LastYearItem::ThreePublicTotal) {
        let now = t.three_public.total();
        if now > last {
            out.push(
                Rule::ThreePublicGrowth,
                Location::LastYear(LastYearItem::ThreePublicTotal),
                format!(
                    "“三公”经费比上年增长：上年{}，本年{}。请确认并在说明中写明原因",
                    wan(last),
                    wan(now)
                ),
            );
        }
    }
}
