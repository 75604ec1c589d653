//! What changed between two versions of a 预算 package: the inputs, matched
//! by their keys (never by position), the effect on every published cell, and
//! the audit findings that appeared or went away.
//!
//! Inputs: units by code, income by (unit, source), basic lines by (unit,
//! 功能, 经济, source), projects by code (by name when the code is empty),
//! their lines by (功能, 经济, source) and their targets by (一级, 二级, 三级),
//! department targets and tasks, 上年数 by item, 说明 by key, rewritten
//! paragraphs by id, 资产 by field, catalog rows by code, department fields.
//! Items that share a key are first matched to an identical item on the
//! other side, then paired in their order; [`PackageDiff::shared_keys`] says
//! where that happened. Reordering items therefore changes nothing.
//!
//! Published cells: both packages are computed and every amount cell is named
//! by (table, row, column) — the row by the codes or labels to the left of
//! the cell, the column by its header path — so that a row inserted above
//! does not shift anything. Rows only one side has are listed as added or
//! removed. The narrative is compared paragraph by paragraph (by id).
//!
//! Findings are matched by rule, message and a place named by keys (a
//! finding on 基本支出 line 3 is named by that line's codes), so a reordered
//! package has the same findings.
//!
//! Pure: the fingerprints are computed by the caller (`yusuan_model::file`)
//! and passed in.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::hash::Hash;

use rust_decimal::Decimal;
use yusuan_model::{
    Assets, BasicLine, CatalogOverrides, DeptIndicator, IncomeEntry, Indicator, LastYearItem, Package, Project,
    ProjectLine, Task, TextKey, Unit,
};
use yusuan_report::table::{Cell, ColumnKind, Table, format_number};
use yusuan_report::text::Narrative;

use crate::rules::{Field, Finding, Level, Location};
use crate::{Computed, compute};

mod final_package;
pub use final_package::diff_final;

/// Added, removed or changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

impl ChangeKind {
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::Added => "新增",
            ChangeKind::Removed => "删除",
            ChangeKind::Changed => "修改",
        }
    }
}

/// One change of an input.
#[derive(Clone, Debug, PartialEq)]
pub struct InputChange {
    /// The part of the package: 单位, 收入, 基本支出, 项目, 项目明细 …
    pub section: &'static str,
    /// The item by its key: `单位021001 功能2150501 经济30101 一般公共预算-财政拨款`.
    pub item: String,
    /// The field that changed (`金额`); empty for an item added or removed.
    pub field: String,
    pub kind: ChangeKind,
    /// The old value as text (amounts in 元); empty for an added item.
    pub old: String,
    /// The new value as text; empty for a removed item.
    pub new: String,
    /// new − old in 元, for an amount.
    pub delta: Option<Decimal>,
    /// Where the item is in the new package (for the editor to jump to);
    /// for a removed item, its parent when it has one there.
    pub location: Option<Location>,
    /// In a 决算 diff, the place the 决算 editor goes to (`收入第3行`,
    /// `项目“P1”明细第2行`, `资产`; a section without a row number for a
    /// removed item); `None` in a 预算 diff.
    pub place: Option<String>,
    /// Where the item is, in words, for the report and the workbook
    /// (`基本支出第3行（金额）`, `收入第2行`); empty when the item is gone.
    pub where_shown: String,
}

/// Whether a published row is on both sides or on one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowStatus {
    Both,
    Added,
    Removed,
}

/// One published cell whose figure (or text, after a row's figures: 预算12's
/// targets) differs.
#[derive(Clone, Debug, PartialEq)]
pub struct CellChange {
    /// `预算05表`.
    pub table: String,
    /// The row by its codes or labels: `2150501 行政运行`.
    pub row: String,
    /// The column by its header path: `基本支出/人员经费`.
    pub column: String,
    pub status: RowStatus,
    /// The exact figures in 元 (`None` on the side without the row).
    pub old: Option<Decimal>,
    pub new: Option<Decimal>,
    /// The figures as published (万元, rounded; `XXXX` for a 涉密 amount).
    pub old_shown: String,
    pub new_shown: String,
}

impl CellChange {
    /// new − old in 元 (a missing side counts as zero).
    pub fn delta(&self) -> Decimal {
        self.new.unwrap_or_default() - self.old.unwrap_or_default()
    }
}

/// A published row only one side has (`Added`, `Removed`), or whose words
/// changed under the same codes (`Changed`: `row` is `old → new`).
#[derive(Clone, Debug, PartialEq)]
pub struct RowChange {
    pub table: String,
    pub row: String,
    pub kind: ChangeKind,
}

/// A paragraph of 情况说明 whose text differs.
#[derive(Clone, Debug, PartialEq)]
pub struct ParagraphChange {
    pub id: String,
    pub heading: String,
    pub kind: ChangeKind,
    pub old: String,
    pub new: String,
}

/// A finding one side has and the other has not.
#[derive(Clone, Debug, PartialEq)]
pub struct FindingChange {
    /// `Added`: appeared in the new version; `Removed`: went away.
    pub kind: ChangeKind,
    pub level: Level,
    /// `错误2`.
    pub rule: String,
    /// The place in words (of the version that has the finding).
    pub place: String,
    pub message: String,
    /// Where it is in the new package (an appeared finding).
    pub location: Option<Location>,
}

/// Everything that differs between two packages.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct PackageDiff {
    pub old_name: String,
    pub new_name: String,
    pub old_year: i32,
    pub new_year: i32,
    pub old_fingerprint: String,
    pub new_fingerprint: String,
    pub inputs: Vec<InputChange>,
    pub cells: Vec<CellChange>,
    pub rows: Vec<RowChange>,
    pub paragraphs: Vec<ParagraphChange>,
    pub findings: Vec<FindingChange>,
    /// Two 决算 packages ([`diff_final`]), not 预算.
    pub is_final: bool,
    /// Keys more than one item shares (`基本支出：单位… 共2行`), matched in order.
    pub shared_keys: Vec<String>,
}

impl PackageDiff {
    /// No input, cell, paragraph or finding differs.
    pub fn is_empty(&self) -> bool {
        self.inputs.is_empty()
            && self.cells.is_empty()
            && self.rows.is_empty()
            && self.paragraphs.is_empty()
            && self.findings.is_empty()
    }
    /// Cells of rows both sides have.
    pub fn changed_cells(&self) -> impl Iterator<Item = &CellChange> {
        self.cells.iter().filter(|c| c.status == RowStatus::Both)
    }
    pub fn count_inputs(&self, kind: ChangeKind) -> usize {
        self.inputs.iter().filter(|c| c.kind == kind).count()
    }
}

/// The diff of two packages; `old_fingerprint` and `new_fingerprint` are
/// `yusuan_model::file::fingerprint` of each (shown in the report).
pub fn diff(old: &Package, new: &Package, old_fingerprint: &str, new_fingerprint: &str) -> PackageDiff {
    let (co, cn) = (compute(old), compute(new));
    diff_computed(old, &co, new, &cn, old_fingerprint, new_fingerprint)
}

/// [`diff`] with both packages already computed (the editor has them).
pub fn diff_computed(
    old: &Package,
    co: &Computed,
    new: &Package,
    cn: &Computed,
    old_fingerprint: &str,
    new_fingerprint: &str,
) -> PackageDiff {
    let mut d = PackageDiff {
        old_name: old.department.name.clone(),
        new_name: new.department.name.clone(),
        old_year: old.department.year,
        new_year: new.department.year,
        old_fingerprint: old_fingerprint.to_string(),
        new_fingerprint: new_fingerprint.to_string(),
        ..Default::default()
    };
    inputs(old, new, &mut d);
    for c in &mut d.inputs {
        if let Some(l) = &c.location
            && c.kind != ChangeKind::Removed
        {
            c.where_shown = l.describe(new);
        }
    }
    let (cells, rows) = diff_tables(&co.tables, &cn.tables);
    d.cells = cells;
    d.rows = rows;
    d.paragraphs = diff_narrative(co.narrative(old), cn.narrative(new));
    d.findings = diff_findings(old, co, new, cn);
    d
}

// ---------------------------------------------------------------------------
// Matching by key

/// An item's index in the old and in the new package (`None`: not there).
type Pair = (Option<usize>, Option<usize>);

/// A key more than one item has: the first item with it on each side, and
/// how many each side has.
type SharedKey = (Pair, usize, usize);

/// Pairs of (old index, new index) matched by key: within a key, identical
/// items first, then the rest in order; an item without a partner is paired
/// with `None`. The second value lists the keys more than one item shares.
fn match_by_key<T: PartialEq, K: Eq + Hash + Clone>(
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> K,
) -> (Vec<Pair>, Vec<SharedKey>) {
    let mut by_key: HashMap<K, (Vec<usize>, Vec<usize>)> = HashMap::new();
    let mut order: Vec<K> = Vec::new();
    for (i, x) in old.iter().enumerate() {
        let k = key(x);
        let e = by_key.entry(k.clone()).or_insert_with(|| {
            order.push(k);
            Default::default()
        });
        e.0.push(i);
    }
    for (i, x) in new.iter().enumerate() {
        let k = key(x);
        let e = by_key.entry(k.clone()).or_insert_with(|| {
            order.push(k);
            Default::default()
        });
        e.1.push(i);
    }
    let mut pairs = Vec::new();
    let mut shared = Vec::new();
    for k in order {
        let (o, n) = &by_key[&k];
        if o.len() > 1 || n.len() > 1 {
            shared.push(((o.first().copied(), n.first().copied()), o.len(), n.len()));
        }
        let mut n_left: Vec<Option<usize>> = n.iter().copied().map(Some).collect();
        let mut o_left = Vec::new();
        for &i in o {
            match n_left.iter_mut().find(|j| j.is_some_and(|j| new[j] == old[i])) {
                Some(j) => pairs.push((Some(i), j.take())),
                None => o_left.push(i),
            }
        }
        let mut n_rest = n_left.into_iter().flatten();
        for i in o_left {
            pairs.push((Some(i), n_rest.next()));
        }
        pairs.extend(n_rest.map(|j| (None, Some(j))));
    }
    // In the order of the new package, removed items where they were.
    pairs.sort_by_key(|&(o, n)| (n.unwrap_or(usize::MAX), o.unwrap_or(usize::MAX)));
    (pairs, shared)
}

fn yuan(v: Decimal) -> String {
    format!("{} 元", format_number(v, 2))
}

fn count(v: &Option<u32>) -> String {
    v.map(|x| x.to_string()).unwrap_or_else(|| "（未填）".to_string())
}

/// A field of an item, old and new as text, and the 元 delta for an amount.
struct FieldChange {
    field: &'static str,
    old: String,
    new: String,
    delta: Option<Decimal>,
}

fn text_field(out: &mut Vec<FieldChange>, field: &'static str, old: &str, new: &str) {
    if old != new {
        out.push(FieldChange {
            field,
            old: old.to_string(),
            new: new.to_string(),
            delta: None,
        });
    }
}

fn amount_field(out: &mut Vec<FieldChange>, field: &'static str, old: Decimal, new: Decimal) {
    if old != new {
        out.push(FieldChange {
            field,
            old: yuan(old),
            new: yuan(new),
            delta: Some(new - old),
        });
    }
}

fn rejected_field(out: &mut Vec<FieldChange>, old: &yusuan_model::Rejected, new: &yusuan_model::Rejected) {
    if old != new {
        let show = |r: &yusuan_model::Rejected| r.values().cloned().collect::<Vec<_>>().join("、");
        text_field(out, "未通过的输入", &show(old), &show(new));
    }
}

/// One section of keyed items: added, removed and changed, field by field.
struct Section<'a, T> {
    name: &'static str,
    old: &'a [T],
    new: &'a [T],
}

impl<T: PartialEq> Section<'_, T> {
    #[allow(clippy::too_many_arguments)]
    fn run<K: Eq + Hash + Clone>(
        self,
        d: &mut PackageDiff,
        key: impl Fn(&T) -> K,
        item: impl Fn(&T) -> String,
        summary: impl Fn(&T) -> String,
        fields: impl Fn(&T, &T) -> Vec<FieldChange>,
        location: impl Fn(Option<usize>, Option<usize>) -> Option<Location>,
    ) {
        let (pairs, shared) = match_by_key(self.old, self.new, &key);
        for ((first_old, first_new), o, n) in shared {
            let x = match (first_old, first_new) {
                (Some(i), _) => &self.old[i],
                (None, Some(j)) => &self.new[j],
                (None, None) => continue,
            };
            d.shared_keys.push(format!(
                "{}：{}（原{}项、新{}项，按顺序配对）",
                self.name,
                item(x),
                o,
                n
            ));
        }
        for (o, n) in pairs {
            match (o, n) {
                (Some(i), Some(j)) => {
                    for f in fields(&self.old[i], &self.new[j]) {
                        d.inputs.push(InputChange {
                            section: self.name,
                            item: item(&self.new[j]),
                            field: f.field.to_string(),
                            kind: ChangeKind::Changed,
                            old: f.old,
                            new: f.new,
                            delta: f.delta,
                            location: location(o, n),
                            place: None,
                            where_shown: String::new(),
                        });
                    }
                }
                (Some(i), None) => d.inputs.push(InputChange {
                    section: self.name,
                    item: item(&self.old[i]),
                    field: String::new(),
                    kind: ChangeKind::Removed,
                    old: summary(&self.old[i]),
                    new: String::new(),
                    delta: None,
                    location: location(o, None),
                    place: None,
                    where_shown: String::new(),
                }),
                (None, Some(j)) => d.inputs.push(InputChange {
                    section: self.name,
                    item: item(&self.new[j]),
                    field: String::new(),
                    kind: ChangeKind::Added,
                    old: String::new(),
                    new: summary(&self.new[j]),
                    delta: None,
                    location: location(None, n),
                    place: None,
                    where_shown: String::new(),
                }),
                (None, None) => {}
            }
        }
    }
}

fn unit_key(u: &Unit) -> String {
    u.code.trim().to_string()
}

fn income_key(e: &IncomeEntry) -> (String, yusuan_model::FundSource) {
    (e.unit.trim().to_string(), e.source)
}

fn basic_key(l: &BasicLine) -> (String, String, String, yusuan_model::FundSource) {
    (
        l.unit.trim().to_string(),
        l.func.trim().to_string(),
        l.econ.trim().to_string(),
        l.source,
    )
}

fn basic_item(l: &BasicLine) -> String {
    format!(
        "单位{} 功能{} 经济{} {}",
        l.unit.trim(),
        l.func.trim(),
        l.econ.trim(),
        l.source.label()
    )
}

fn project_key(p: &Project) -> String {
    if p.code.trim().is_empty() {
        format!("名称:{}", p.name.trim())
    } else {
        p.code.trim().to_string()
    }
}

fn project_item(p: &Project) -> String {
    match (p.code.trim(), p.name.trim()) {
        ("", n) => format!("项目“{n}”"),
        (c, "") => format!("项目{c}"),
        (c, n) => format!("项目{c}“{n}”"),
    }
}

fn project_line_key(l: &ProjectLine) -> (String, String, yusuan_model::FundSource) {
    (l.func.trim().to_string(), l.econ.trim().to_string(), l.source)
}

fn project_line_item(l: &ProjectLine) -> String {
    format!("功能{} 经济{} {}", l.func.trim(), l.econ.trim(), l.source.label())
}

fn indicator_key(i: &Indicator) -> (yusuan_model::IndicatorKind, String, String) {
    (i.kind, i.level2.trim().to_string(), i.level3.trim().to_string())
}

fn indicator_item(i: &Indicator) -> String {
    [i.kind.label(), i.level2.trim(), i.level3.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("/")
}

fn procurement(p: &Option<yusuan_model::Procurement>) -> String {
    p.map(|p| p.label().to_string()).unwrap_or_default()
}

fn kind(k: &Option<yusuan_model::CostKind>) -> String {
    k.map(|k| k.label().to_string())
        .unwrap_or_else(|| "（默认）".to_string())
}

fn gov(g: &Option<String>) -> String {
    g.clone().unwrap_or_else(|| "（默认）".to_string())
}

/// Department indicators with their 一级/二级 filled down (an empty one
/// continues the group above), as the key sees them.
fn dept_indicators_filled(v: &[DeptIndicator]) -> Vec<DeptIndicator> {
    let (mut l1, mut l2) = (String::new(), String::new());
    v.iter()
        .map(|x| {
            if !x.level1.trim().is_empty() {
                l1 = x.level1.trim().to_string();
                l2.clear();
            }
            if !x.level2.trim().is_empty() {
                l2 = x.level2.trim().to_string();
            }
            DeptIndicator {
                level1: l1.clone(),
                level2: l2.clone(),
                level3: x.level3.trim().to_string(),
                value: x.value.clone(),
                note: x.note.clone(),
            }
        })
        .collect()
}

fn inputs(old: &Package, new: &Package, d: &mut PackageDiff) {
    department(&old.department, &new.department, d);
    units(&old.units, &new.units, d);
    Section {
        name: "收入",
        old: &old.income,
        new: &new.income,
    }
    .run(
        d,
        income_key,
        |e| format!("单位{} {}", e.unit.trim(), e.source.label()),
        |e| yuan(e.amount),
        |a, b| {
            let mut v = Vec::new();
            amount_field(&mut v, "金额", a.amount, b.amount);
            rejected_field(&mut v, &a.rejected, &b.rejected);
            v
        },
        |_, n| n.map(|j| Location::Income(j, Field::Amount)),
    );
    basic_lines(&old.basic_lines, &new.basic_lines, d);
    projects(&old.projects, &new.projects, d);
    performance(old, new, d);
    last_year(old, new, d);
    texts(old, new, d);
    overrides(&old.narrative_overrides, &new.narrative_overrides, d);
    assets(&old.assets, &new.assets, d);
    catalog(&old.catalog, &new.catalog, d);
    let rejected = |p: &Package| {
        p.rejected
            .last_year
            .iter()
            .map(|(k, v)| format!("上年数（{}）：{v}", k.label()))
            .chain(
                p.rejected
                    .assets
                    .iter()
                    .map(|(k, v)| format!("资产（{}）：{v}", Assets::count_label(k).unwrap_or(k))),
            )
            .collect::<Vec<_>>()
            .join("；")
    };
    let (a, b) = (rejected(old), rejected(new));
    if a != b {
        d.inputs.push(InputChange {
            section: "未通过的输入",
            item: "上年数、资产".to_string(),
            field: String::new(),
            kind: ChangeKind::Changed,
            old: a,
            new: b,
            delta: None,
            location: None,
            place: None,
            where_shown: String::new(),
        });
    }
}

fn units(old: &[Unit], new: &[Unit], d: &mut PackageDiff) {
    Section {
        name: "单位", old, new
    }
    .run(
        d,
        unit_key,
        |u| format!("单位{}", u.code.trim()),
        |u| format!("{}（{}）", u.name, u.kind.label()),
        |a, b| {
            let mut v = Vec::new();
            text_field(&mut v, "名称", &a.name, &b.name);
            text_field(&mut v, "单位性质", a.kind.label(), b.kind.label());
            v
        },
        |_, n| n.map(|j| Location::Unit(j, Field::Name)),
    );
}

fn basic_lines(old: &[BasicLine], new: &[BasicLine], d: &mut PackageDiff) {
    Section {
        name: "基本支出",
        old,
        new,
    }
    .run(
        d,
        basic_key,
        basic_item,
        |l| yuan(l.amount),
        |a, b| {
            let mut v = Vec::new();
            amount_field(&mut v, "金额", a.amount, b.amount);
            text_field(&mut v, "政府经济科目", &gov(&a.gov), &gov(&b.gov));
            text_field(&mut v, "经费类型", &kind(&a.kind), &kind(&b.kind));
            text_field(
                &mut v,
                "政府采购",
                &procurement(&a.procurement),
                &procurement(&b.procurement),
            );
            text_field(&mut v, "备注", &a.note, &b.note);
            rejected_field(&mut v, &a.rejected, &b.rejected);
            v
        },
        |_, n| n.map(|j| Location::BasicLine(j, Field::Amount)),
    );
}

fn single(
    d: &mut PackageDiff,
    section: &'static str,
    item: String,
    field: &str,
    old: String,
    new: String,
    location: Option<Location>,
) {
    if old == new {
        return;
    }
    let kind = if old.is_empty() {
        ChangeKind::Added
    } else if new.is_empty() {
        ChangeKind::Removed
    } else {
        ChangeKind::Changed
    };
    d.inputs.push(InputChange {
        section,
        item,
        field: field.to_string(),
        kind,
        old,
        new,
        delta: None,
        location,
        place: None,
        where_shown: String::new(),
    });
}

fn department(a: &yusuan_model::Department, b: &yusuan_model::Department, d: &mut PackageDiff) {
    let mut v = Vec::new();
    text_field(&mut v, "部门名称", &a.name, &b.name);
    text_field(&mut v, "部门代码", &a.code, &b.code);
    text_field(&mut v, "预算年度", &a.year.to_string(), &b.year.to_string());
    text_field(&mut v, "金额单位", a.amount_unit.label(), b.amount_unit.label());
    text_field(&mut v, "小数位数", &a.decimals.to_string(), &b.decimals.to_string());
    for f in v {
        let field = match f.field {
            "部门名称" => Field::Name,
            "部门代码" => Field::Code,
            "预算年度" => Field::Year,
            _ => Field::Decimals,
        };
        d.inputs.push(InputChange {
            section: "概况",
            item: "部门".to_string(),
            field: f.field.to_string(),
            kind: ChangeKind::Changed,
            old: f.old,
            new: f.new,
            delta: None,
            location: Some(Location::Department(field)),
            place: None,
            where_shown: String::new(),
        });
    }
}

fn projects(old: &[Project], new: &[Project], d: &mut PackageDiff) {
    let (pairs, _) = match_by_key(old, new, project_key);
    Section {
        name: "项目", old, new
    }
    .run(
        d,
        project_key,
        project_item,
        |p| {
            let total: Decimal = p.lines.iter().map(|l| l.amount).sum();
            format!(
                "{}，{}，{}笔明细共{}",
                p.unit.trim(),
                p.kind.label(),
                p.lines.len(),
                yuan(total)
            )
        },
        |a, b| {
            let mut v = Vec::new();
            text_field(&mut v, "名称", &a.name, &b.name);
            text_field(&mut v, "单位", &a.unit, &b.unit);
            text_field(&mut v, "项目类型", a.kind.label(), b.kind.label());
            let secret = |s: bool| if s { "涉密" } else { "不涉密" };
            text_field(&mut v, "涉密", secret(a.secret), secret(b.secret));
            v
        },
        |_, n| n.map(|j| Location::Project(j, Field::Name)),
    );
    // Lines and targets of the projects both sides have.
    for (o, n) in pairs {
        let (Some(i), Some(j)) = (o, n) else { continue };
        let (a, b) = (&old[i], &new[j]);
        let name = project_item(b);
        let before = d.inputs.len();
        Section {
            name: "项目明细",
            old: &a.lines,
            new: &b.lines,
        }
        .run(
            d,
            project_line_key,
            project_line_item,
            |l| yuan(l.amount),
            |x, y| {
                let mut v = Vec::new();
                amount_field(&mut v, "金额", x.amount, y.amount);
                text_field(&mut v, "政府经济科目", &gov(&x.gov), &gov(&y.gov));
                text_field(
                    &mut v,
                    "政府采购",
                    &procurement(&x.procurement),
                    &procurement(&y.procurement),
                );
                rejected_field(&mut v, &x.rejected, &y.rejected);
                v
            },
            |_, n| match n {
                Some(l) => Some(Location::ProjectLine(j, l, Field::Amount)),
                None => Some(Location::Project(j, Field::Name)),
            },
        );
        Section {
            name: "项目绩效目标",
            old: &a.indicators,
            new: &b.indicators,
        }
        .run(
            d,
            indicator_key,
            indicator_item,
            |x| format!("指标值“{}”", x.value),
            |x, y| {
                let mut v = Vec::new();
                text_field(&mut v, "指标值", &x.value, &y.value);
                text_field(&mut v, "说明", &x.note, &y.note);
                v
            },
            |_, _| Some(Location::ProjectIndicators(j)),
        );
        for c in &mut d.inputs[before..] {
            c.item = format!("{name} {}", c.item);
        }
    }
}

fn performance(old: &Package, new: &Package, d: &mut PackageDiff) {
    let (a, b) = (&old.performance, &new.performance);
    single(
        d,
        "整体绩效",
        "年度履职目标".to_string(),
        "",
        a.goal.clone(),
        b.goal.clone(),
        Some(Location::Performance),
    );
    Section::<Task> {
        name: "整体绩效任务",
        old: &a.tasks,
        new: &b.tasks,
    }
    .run(
        d,
        |t| t.name.trim().to_string(),
        |t| format!("任务“{}”", t.name.trim()),
        |t| t.content.clone(),
        |x, y| {
            let mut v = Vec::new();
            text_field(&mut v, "主要内容", &x.content, &y.content);
            v
        },
        |_, _| Some(Location::Performance),
    );
    let (ia, ib) = (
        dept_indicators_filled(&a.indicators),
        dept_indicators_filled(&b.indicators),
    );
    Section::<DeptIndicator> {
        name: "整体绩效指标",
        old: &ia,
        new: &ib,
    }
    .run(
        d,
        |x| (x.level1.clone(), x.level2.clone(), x.level3.clone()),
        |x| format!("{}/{}/{}", x.level1, x.level2, x.level3),
        |x| format!("指标值“{}”", x.value),
        |x, y| {
            let mut v = Vec::new();
            text_field(&mut v, "指标值", &x.value, &y.value);
            text_field(&mut v, "说明", &x.note, &y.note);
            v
        },
        |_, _| Some(Location::Performance),
    );
    // The same rows filled down can still differ in how they were written
    // (a repeated 一级 instead of an empty one): not a change of content.
}

fn last_year(old: &Package, new: &Package, d: &mut PackageDiff) {
    for item in LastYearItem::ALL {
        let (a, b) = (old.last_year.get(item), new.last_year.get(item));
        if a != b {
            let kind = match (a, b) {
                (None, _) => ChangeKind::Added,
                (_, None) => ChangeKind::Removed,
                _ => ChangeKind::Changed,
            };
            d.inputs.push(InputChange {
                section: "上年数",
                item: item.label().to_string(),
                field: String::new(),
                kind,
                old: a.map(yuan).unwrap_or_default(),
                new: b.map(yuan).unwrap_or_default(),
                delta: match (a, b) {
                    (Some(a), Some(b)) => Some(b - a),
                    _ => None,
                },
                location: Some(Location::LastYear(item)),
                place: None,
                where_shown: String::new(),
            });
        }
    }
}

fn texts(old: &Package, new: &Package, d: &mut PackageDiff) {
    for key in TextKey::ALL {
        single(
            d,
            "说明",
            key.label().to_string(),
            "",
            old.text(key).to_string(),
            new.text(key).to_string(),
            Some(Location::Text(key)),
        );
    }
}

fn overrides(old: &BTreeMap<String, String>, new: &BTreeMap<String, String>, d: &mut PackageDiff) {
    let ids: std::collections::BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    for id in ids {
        let get = |m: &BTreeMap<String, String>| m.get(id).cloned().unwrap_or_default();
        single(
            d,
            "情况说明改写",
            format!("段落{id}"),
            "",
            get(old),
            get(new),
            Some(Location::Narrative(id.clone())),
        );
    }
}

fn assets(a: &Assets, b: &Assets, d: &mut PackageDiff) {
    let counts = |x: &Assets| {
        [
            x.vehicles_total,
            x.official_vehicles,
            x.enforcement_vehicles,
            x.special_vehicles,
            x.other_vehicles,
            x.general_equipment_over_50,
            x.special_equipment_over_100,
        ]
    };
    for (((field, label), x), y) in Assets::COUNTS.iter().zip(counts(a)).zip(counts(b)) {
        if x != y {
            d.inputs.push(InputChange {
                section: "资产",
                item: label.to_string(),
                field: String::new(),
                kind: ChangeKind::Changed,
                old: count(&x),
                new: count(&y),
                delta: None,
                location: Some(Location::Asset(field.to_string())),
                place: None,
                where_shown: String::new(),
            });
        }
    }
    single(
        d,
        "资产",
        "其他用车说明".to_string(),
        "",
        a.other_vehicles_note.clone(),
        b.other_vehicles_note.clone(),
        Some(Location::Asset("other".to_string())),
    );
}

fn catalog(a: &CatalogOverrides, b: &CatalogOverrides, d: &mut PackageDiff) {
    fn map(d: &mut PackageDiff, what: &str, a: &BTreeMap<String, String>, b: &BTreeMap<String, String>) {
        let codes: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
        for code in codes {
            let get = |m: &BTreeMap<String, String>| m.get(code).cloned().unwrap_or_default();
            single(d, "科目表", format!("{what} {code}"), "", get(a), get(b), None);
        }
    }
    map(d, "支出功能分类", &a.func, &b.func);
    map(d, "功能科目说明", &a.func_desc, &b.func_desc);
    map(d, "部门预算支出经济分类", &a.dept_econ, &b.dept_econ);
    map(d, "政府预算支出经济分类", &a.gov_econ, &b.gov_econ);
    let show = |m: &BTreeMap<String, (String, String)>| -> BTreeMap<String, String> {
        m.iter()
            .map(|(k, (x, y))| (k.clone(), format!("行政/参公{x}，事业{y}")))
            .collect()
    };
    map(d, "经济分类对照", &show(&a.mapping), &show(&b.mapping));
}

// ---------------------------------------------------------------------------
// Published cells

/// The header path of every leaf column: `基本支出/人员经费`.
fn column_names(t: &Table) -> Vec<String> {
    let mut names = vec![Vec::<&str>::new(); t.columns.len()];
    let mut header: Vec<_> = t.header.iter().collect();
    header.sort_by_key(|h| h.row);
    for h in header {
        let text = h.text.trim();
        for name in names.iter_mut().skip(h.col).take(h.cols) {
            if !text.is_empty() && name.last() != Some(&text) {
                name.push(text);
            }
        }
    }
    names
        .into_iter()
        .enumerate()
        .map(|(c, v)| {
            if v.is_empty() {
                format!("第{}列", c + 1)
            } else {
                v.join("/")
            }
        })
        .collect()
}

fn is_value(t: &Table, c: usize, cell: &Cell) -> bool {
    matches!(cell, Cell::Amount(_) | Cell::Masked(_))
        || t.columns.get(c).is_some_and(|col| col.kind == ColumnKind::Amount)
}

/// The row's name: its code and label cells, codes run together (`2150501`
/// from 215 | 05 | 01), parts apart by a space.
fn label_of(cells: &[&Cell]) -> String {
    let mut out = String::new();
    let mut last_code = false;
    for c in cells {
        match c {
            Cell::Code(s) => {
                if !out.is_empty() && !last_code {
                    out.push(' ');
                }
                out.push_str(s.trim());
                last_code = true;
            }
            Cell::Text(s) => {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(s.trim());
                last_code = false;
            }
            _ => {}
        }
    }
    out
}

/// What names a row across versions: its codes when it has any (`2150501`,
/// `30101 50101`: a renamed code or project is the same row), else its
/// labels.
fn key_of(cells: &[&Cell]) -> String {
    let codes: Vec<&Cell> = cells
        .iter()
        .copied()
        .filter(|c| matches!(c, Cell::Code(s) if !s.trim().is_empty()))
        .collect();
    if codes.is_empty() {
        return label_of(cells);
    }
    // Runs of codes stay together; a label between two runs is a space.
    let mut out = String::new();
    let mut last_code = false;
    for c in cells {
        match c {
            Cell::Code(s) if !s.trim().is_empty() => {
                out.push_str(s.trim());
                last_code = true;
            }
            Cell::Text(_) if last_code => {
                out.push(' ');
                last_code = false;
            }
            _ => {}
        }
    }
    out.trim_end().to_string()
}

/// Every amount cell of a table by (row label, column), with its occurrence
/// (the n-th cell with that label and column), in table order. A cell's row
/// label is the label cells left of it after the previous amount (table 01
/// has 收入 and 支出 side by side); the labels before the row's last figure
/// name the row. Text after the figures (预算12's targets) belongs to its row
/// and the rows below it that name nothing (a project's further targets):
/// kept per column as a list, compared as a set, so that the order of the
/// targets does not matter.
type CellKey = (String, String, usize);
type RowKey = (String, usize);

struct TableCells<'a> {
    cells: Vec<(CellKey, &'a Cell)>,
    /// The words of each key ([`key_of`] → [`label_of`]).
    shown: HashMap<String, String>,
    rows: Vec<RowKey>,
    /// Text after the figures, by row and column.
    texts: BTreeMap<(RowKey, String), Vec<String>>,
}

fn table_cells(t: &Table) -> TableCells<'_> {
    let names = column_names(t);
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    let mut row_seen: HashMap<String, usize> = HashMap::new();
    let mut cells = Vec::new();
    let mut rows: Vec<RowKey> = Vec::new();
    let mut texts: BTreeMap<(RowKey, String), Vec<String>> = BTreeMap::new();
    let mut shown: HashMap<String, String> = HashMap::new();
    let mut name = |cells: &[&Cell]| {
        let key = key_of(cells);
        shown.entry(key.clone()).or_insert_with(|| label_of(cells));
        key
    };
    let non_values = |cells: &'_ [Cell], from: usize| -> Vec<usize> {
        (from..cells.len()).filter(|&c| !is_value(t, c, &cells[c])).collect()
    };
    for row in &t.rows {
        let last_value = row.cells.iter().enumerate().rposition(|(c, x)| is_value(t, c, x));
        let before: Vec<&Cell> = match last_value {
            Some(l) => non_values(&row.cells[..l], 0)
                .into_iter()
                .map(|c| &row.cells[c])
                .collect(),
            None => Vec::new(),
        };
        let leading = name(&before);
        let has_figure = row.cells.iter().any(|c| amount_of(c).is_some_and(|v| !v.is_zero()));
        let trailing: Vec<usize> = match last_value {
            Some(l) if !leading.is_empty() || (!has_figure && !rows.is_empty()) => non_values(&row.cells, l + 1),
            _ => Vec::new(),
        };
        let row_key = if leading.is_empty() && last_value.is_some() && !has_figure && !rows.is_empty() {
            // Continues the row above (nothing names it, no figure).
            rows.last().cloned().expect("a row above")
        } else {
            let all: Vec<&Cell> = non_values(&row.cells, 0).into_iter().map(|c| &row.cells[c]).collect();
            let label = if leading.is_empty() {
                name(&all)
            } else {
                leading.clone()
            };
            let n = row_seen.entry(label.clone()).or_default();
            let key = (label, *n);
            *n += 1;
            rows.push(key.clone());
            key
        };
        for &c in &trailing {
            if let Some(text) = row.cells[c].as_text() {
                let column = names.get(c).cloned().unwrap_or_default();
                texts
                    .entry((row_key.clone(), column))
                    .or_default()
                    .push(text.to_string());
            }
        }
        let mut segment: Vec<&Cell> = Vec::new();
        let mut after_value = false;
        for (c, cell) in row.cells.iter().enumerate() {
            if trailing.contains(&c) {
                continue;
            }
            if is_value(t, c, cell) {
                let label = name(&segment);
                let label = if label.is_empty() { row_key.0.clone() } else { label };
                let column = names.get(c).cloned().unwrap_or_default();
                let n = seen.entry((label.clone(), column.clone())).or_default();
                cells.push(((label, column, *n), cell));
                *n += 1;
                after_value = true;
            } else {
                if after_value {
                    segment.clear();
                    after_value = false;
                }
                segment.push(cell);
            }
        }
    }
    TableCells {
        cells,
        shown,
        rows,
        texts,
    }
}

/// The texts one list has and the other has not (as many times as it has
/// them more), paired in order: (old, new), either side empty.
fn text_changes(a: &[String], b: &[String]) -> Vec<(String, String)> {
    let mut b_left: Vec<Option<&String>> = b.iter().map(Some).collect();
    let mut gone = Vec::new();
    for x in a {
        match b_left.iter_mut().find(|y| y.is_some_and(|y| y == x)) {
            Some(y) => *y = None,
            None => gone.push(x.clone()),
        }
    }
    let mut came = b_left.into_iter().flatten().cloned();
    let mut out: Vec<(String, String)> = gone.into_iter().map(|x| (x, came.next().unwrap_or_default())).collect();
    out.extend(came.map(|y| (String::new(), y)));
    out
}

/// What a cell publishes: its figure (zero and empty alike), its text, and
/// whether a figure is masked (涉密).
fn published(c: &Cell) -> (Option<Decimal>, Option<&str>, bool) {
    let figure = amount_of(c).filter(|v| !v.is_zero());
    (figure, c.as_text(), figure.is_some() && matches!(c, Cell::Masked(_)))
}

fn amount_of(c: &Cell) -> Option<Decimal> {
    match c {
        Cell::Amount(v) | Cell::Masked(v) => Some(*v),
        _ => None,
    }
}

/// A row's words: as the first side shows them, else as the second.
fn row_name(key: &str, n: usize, first: &TableCells, second: &TableCells) -> String {
    let label = first
        .shown
        .get(key)
        .or_else(|| second.shown.get(key))
        .map(String::as_str)
        .unwrap_or(key);
    let label = if label.is_empty() {
        "（无名称的行）"
    } else {
        label
    };
    if n == 0 {
        label.to_string()
    } else {
        format!("{label}（第{}个同名行）", n + 1)
    }
}

/// Every published amount cell that differs, and the rows only one side has,
/// tables matched by label (`预算05表`).
pub fn diff_tables(old: &[Table], new: &[Table]) -> (Vec<CellChange>, Vec<RowChange>) {
    let mut cells = Vec::new();
    let mut rows = Vec::new();
    let empty = |t: &Table| Table {
        rows: Vec::new(),
        ..t.clone()
    };
    // Tables by label; a label several tables share (the 决算's A2 自评表,
    // one per project) with the title.
    let named = |v: &[Table]| -> Vec<(String, Table)> {
        v.iter()
            .map(|t| {
                let shared = v.iter().filter(|x| x.label == t.label).count() > 1;
                let name = if shared {
                    format!("{}（{}）", t.label, t.title)
                } else {
                    t.label.clone()
                };
                (name, t.clone())
            })
            .collect()
    };
    let (old, new) = (named(old), named(new));
    let mut labels: Vec<&str> = new.iter().map(|t| t.0.as_str()).collect();
    for t in &old {
        if !labels.contains(&t.0.as_str()) {
            labels.push(&t.0);
        }
    }
    for label in labels {
        let (a, b) = match (
            old.iter().find(|t| t.0 == label).map(|t| &t.1),
            new.iter().find(|t| t.0 == label).map(|t| &t.1),
        ) {
            (Some(a), Some(b)) => (a.clone(), b.clone()),
            (Some(a), None) => (a.clone(), empty(a)),
            (None, Some(b)) => (empty(b), b.clone()),
            (None, None) => continue,
        };
        let (ta, tb) = (table_cells(&a), table_cells(&b));
        let rows_a: std::collections::HashSet<&RowKey> = ta.rows.iter().collect();
        let rows_b: std::collections::HashSet<&RowKey> = tb.rows.iter().collect();
        for r in &tb.rows {
            if !rows_a.contains(r) {
                rows.push(RowChange {
                    table: label.to_string(),
                    row: row_name(&r.0, r.1, &tb, &ta),
                    kind: ChangeKind::Added,
                });
            }
        }
        for r in &ta.rows {
            if !rows_b.contains(r) {
                rows.push(RowChange {
                    table: label.to_string(),
                    row: row_name(&r.0, r.1, &ta, &tb),
                    kind: ChangeKind::Removed,
                });
            }
        }
        // Rows both sides have whose words differ (a renamed code or project).
        for r in &tb.rows {
            if let (Some(x), Some(y)) = (ta.shown.get(&r.0), tb.shown.get(&r.0))
                && x != y
                && rows_a.contains(r)
            {
                rows.push(RowChange {
                    table: label.to_string(),
                    row: format!("{} → {}", row_name(&r.0, r.1, &ta, &tb), row_name(&r.0, r.1, &tb, &ta)),
                    kind: ChangeKind::Changed,
                });
            }
        }
        let old_cells: HashMap<&CellKey, &Cell> = ta.cells.iter().map(|(k, c)| (k, *c)).collect();
        let new_keys: std::collections::HashSet<&CellKey> = tb.cells.iter().map(|(k, _)| k).collect();
        // A cell of a row the other side has not: its row was added or removed.
        let named_a: std::collections::HashSet<(&str, usize)> =
            ta.cells.iter().map(|(x, _)| (x.0.as_str(), x.2)).collect();
        let named_b: std::collections::HashSet<(&str, usize)> =
            tb.cells.iter().map(|(x, _)| (x.0.as_str(), x.2)).collect();
        let status = |k: &CellKey, other: &std::collections::HashSet<(&str, usize)>, kind: RowStatus| {
            if other.contains(&(k.0.as_str(), k.2)) {
                RowStatus::Both
            } else {
                kind
            }
        };
        for (k, cb) in &tb.cells {
            let ca = old_cells.get(k).copied();
            let (va, vb) = (ca.and_then(amount_of), amount_of(cb));
            let differs = match ca {
                Some(ca) => published(ca) != published(cb),
                None => vb.is_some_and(|v| !v.is_zero()) || cb.as_text().is_some(),
            };
            if differs {
                cells.push(CellChange {
                    table: label.to_string(),
                    row: row_name(&k.0, k.2, &tb, &ta),
                    column: k.1.clone(),
                    status: if ca.is_some() {
                        RowStatus::Both
                    } else {
                        status(k, &named_a, RowStatus::Added)
                    },
                    old: va,
                    new: vb,
                    old_shown: ca.map(|c| a.display(c)).unwrap_or_default(),
                    new_shown: b.display(cb),
                });
            }
        }
        diff_texts(label, &ta, &tb, &mut cells);
        for (k, ca) in &ta.cells {
            if new_keys.contains(k) {
                continue;
            }
            let va = amount_of(ca);
            if va.is_some_and(|v| !v.is_zero()) || ca.as_text().is_some() {
                cells.push(CellChange {
                    table: label.to_string(),
                    row: row_name(&k.0, k.2, &ta, &tb),
                    column: k.1.clone(),
                    status: status(k, &named_b, RowStatus::Removed),
                    old: va,
                    new: None,
                    old_shown: a.display(ca),
                    new_shown: String::new(),
                });
            }
        }
    }
    (cells, rows)
}

fn diff_texts(label: &str, ta: &TableCells, tb: &TableCells, cells: &mut Vec<CellChange>) {
    let keys: std::collections::BTreeSet<&(RowKey, String)> = ta.texts.keys().chain(tb.texts.keys()).collect();
    let none = Vec::new();
    let rows_a: std::collections::HashSet<&RowKey> = ta.rows.iter().collect();
    let rows_b: std::collections::HashSet<&RowKey> = tb.rows.iter().collect();
    for k in keys {
        let (a, b) = (ta.texts.get(k).unwrap_or(&none), tb.texts.get(k).unwrap_or(&none));
        let status = match (rows_a.contains(&k.0), rows_b.contains(&k.0)) {
            (false, true) => RowStatus::Added,
            (true, false) => RowStatus::Removed,
            _ => RowStatus::Both,
        };
        for (old, new) in text_changes(a, b) {
            cells.push(CellChange {
                table: label.to_string(),
                row: row_name(&k.0.0, k.0.1, tb, ta),
                column: k.1.clone(),
                status,
                old: None,
                new: None,
                old_shown: old,
                new_shown: new,
            });
        }
    }
}

fn diff_narrative(a: &Narrative, b: &Narrative) -> Vec<ParagraphChange> {
    let pa: Vec<_> = a.paragraphs().collect();
    let pb: Vec<_> = b.paragraphs().collect();
    let mut out = Vec::new();
    for p in &pb {
        match pa.iter().find(|x| x.id == p.id) {
            Some(x) if x.text == p.text && x.heading == p.heading => {}
            Some(x) => out.push(ParagraphChange {
                id: p.id.clone(),
                heading: p.heading.clone(),
                kind: ChangeKind::Changed,
                old: x.text.clone(),
                new: p.text.clone(),
            }),
            None => out.push(ParagraphChange {
                id: p.id.clone(),
                heading: p.heading.clone(),
                kind: ChangeKind::Added,
                old: String::new(),
                new: p.text.clone(),
            }),
        }
    }
    for x in &pa {
        if !pb.iter().any(|p| p.id == x.id) {
            out.push(ParagraphChange {
                id: x.id.clone(),
                heading: x.heading.clone(),
                kind: ChangeKind::Removed,
                old: x.text.clone(),
                new: String::new(),
            });
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Findings

/// A finding's place named by keys, not positions: the same line at another
/// row is the same place.
fn stable_place(l: &Location, p: &Package) -> String {
    let field = |f: &Field| f.label();
    match l {
        Location::Unit(i, f) => match p.units.get(*i) {
            Some(u) => format!("单位{}（{}）", u.code.trim(), field(f)),
            None => l.describe(p),
        },
        Location::Income(i, f) => match p.income.get(*i) {
            Some(e) => format!("收入：单位{} {}（{}）", e.unit.trim(), e.source.label(), field(f)),
            None => l.describe(p),
        },
        Location::BasicLine(i, f) => match p.basic_lines.get(*i) {
            Some(x) => format!("基本支出：{}（{}）", basic_item(x), field(f)),
            None => l.describe(p),
        },
        Location::Project(i, f) => match p.projects.get(*i) {
            Some(x) => format!("{}（{}）", project_item(x), field(f)),
            None => l.describe(p),
        },
        Location::ProjectLine(i, j, f) => match p.projects.get(*i).and_then(|x| x.lines.get(*j).map(|y| (x, y))) {
            Some((x, y)) => format!("{}明细：{}（{}）", project_item(x), project_line_item(y), field(f)),
            None => l.describe(p),
        },
        Location::ProjectIndicators(i) => match p.projects.get(*i) {
            Some(x) => format!("{}的绩效目标", project_item(x)),
            None => l.describe(p),
        },
        _ => l.describe(p),
    }
}

fn diff_findings(old: &Package, co: &Computed, new: &Package, cn: &Computed) -> Vec<FindingChange> {
    type Key = (crate::rules::Rule, String, String);
    let key = |f: &Finding, p: &Package| -> Key { (f.rule, stable_place(&f.location, p), f.message.clone()) };
    let mut left: HashMap<Key, usize> = HashMap::new();
    for f in &co.findings {
        *left.entry(key(f, old)).or_default() += 1;
    }
    let mut out = Vec::new();
    for f in &cn.findings {
        let k = key(f, new);
        match left.get_mut(&k) {
            Some(n) if *n > 0 => *n -= 1,
            _ => out.push(FindingChange {
                kind: ChangeKind::Added,
                level: f.level,
                rule: f.rule.to_string(),
                place: k.1,
                message: f.message.clone(),
                location: Some(f.location.clone()),
            }),
        }
    }
    for f in &co.findings {
        let k = key(f, old);
        if let Some(n) = left.get_mut(&k).filter(|n| **n > 0) {
            *n -= 1;
            out.push(FindingChange {
                kind: ChangeKind::Removed,
                level: f.level,
                rule: f.rule.to_string(),
                place: k.1,
                message: f.message.clone(),
                location: None,
            });
        }
    }
    out
}

// ---------------------------------------------------------------------------
// The report

/// A signed 元 figure: `+100,000.00 元`.
pub fn signed_yuan(v: Decimal) -> String {
    if v.is_sign_positive() && !v.is_zero() {
        format!("+{}", yuan(v))
    } else {
        yuan(v)
    }
}

fn shown(s: &str) -> &str {
    if s.is_empty() { "（空）" } else { s }
}

/// How much of a long text is shown around what changed.
const CONTEXT: usize = 12;

/// The part of two texts that differs, with a little of what they share on
/// each side (`…其他事项。` → `…其他事项。新增一句。`): a long text (a
/// 主要职责, a paragraph) is not printed whole for one changed word. Short
/// texts come back whole.
pub fn changed_part(old: &str, new: &str) -> (String, String) {
    let a: Vec<char> = old.chars().collect();
    let b: Vec<char> = new.chars().collect();
    if a.len().max(b.len()) <= 4 * CONTEXT {
        return (old.to_string(), new.to_string());
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let room = a.len().min(b.len()) - prefix;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(room)
        .take_while(|(x, y)| x == y)
        .count();
    let cut = |v: &[char]| -> String {
        let start = prefix.saturating_sub(CONTEXT);
        let end = (v.len() - suffix + CONTEXT).min(v.len());
        let mut out = String::new();
        if start > 0 {
            out.push('…');
        }
        out.extend(&v[start..end]);
        if end < v.len() {
            out.push('…');
        }
        out
    };
    (cut(&a), cut(&b))
}

/// The headline: counts of each kind of change.
pub fn headline(d: &PackageDiff) -> String {
    let cells = d.changed_cells().count();
    let added = d.rows.iter().filter(|r| r.kind == ChangeKind::Added).count();
    let removed = d.rows.iter().filter(|r| r.kind == ChangeKind::Removed).count();
    let appeared = d.findings.iter().filter(|f| f.kind == ChangeKind::Added).count();
    format!(
        "输入变化{}处（新增{}、删除{}、修改{}）；公开表{}个单元格的数变化，新增{}行、减少{}行；情况说明{}段变化；审核结果新出现{}条、消失{}条",
        d.inputs.len(),
        d.count_inputs(ChangeKind::Added),
        d.count_inputs(ChangeKind::Removed),
        d.count_inputs(ChangeKind::Changed),
        cells,
        added,
        removed,
        d.paragraphs.len(),
        appeared,
        d.findings.len() - appeared
    )
}

/// One input change as a line: `修改  基本支出  单位… ：金额 A → B（差额）`.
pub fn describe_input(c: &InputChange) -> String {
    let field = if c.field.is_empty() {
        String::new()
    } else {
        format!("{}：", c.field)
    };
    let body = match c.kind {
        ChangeKind::Added => shown(&c.new).to_string(),
        ChangeKind::Removed => format!("原为{}", shown(&c.old)),
        ChangeKind::Changed => {
            let (a, b) = changed_part(&c.old, &c.new);
            format!("{}{} → {}", field, shown(&a), shown(&b))
        }
    };
    let delta = c.delta.map(|v| format!("（{}）", signed_yuan(v))).unwrap_or_default();
    format!("{}  {}  {}：{}{}", c.kind.label(), c.section, c.item, body, delta)
}

/// One cell change as a line: `六、科学技术 · 支出/金额：1,407.90 → 1,417.90（+100,000.00 元）`.
pub fn describe_cell(c: &CellChange) -> String {
    let delta = if c.old.is_some() || c.new.is_some() {
        format!("（{}）", signed_yuan(c.delta()))
    } else {
        String::new()
    };
    format!(
        "{} · {}：{} → {}{delta}",
        c.row,
        c.column,
        shown(&c.old_shown),
        shown(&c.new_shown)
    )
}

/// The whole report as text, in Chinese: the head (names, years,
/// fingerprints), the headline counts, then 输入的变化, 公开表的变化 and
/// 审核结果的变化. An empty diff is the one line `两个版本相同`.
pub fn report(d: &PackageDiff) -> String {
    if d.is_empty() {
        return if d.old_fingerprint == d.new_fingerprint {
            "两个版本相同\n".to_string()
        } else {
            "两个版本相同（只有行的顺序不同）\n".to_string()
        };
    }
    let mut s = String::new();
    let _ = writeln!(s, "比较两个版本：{}（原）→ {}（新）", d.old_name, d.new_name);
    if d.old_year != d.new_year {
        let _ = writeln!(
            s,
            "注意：两个版本的{}年度不同（原{}年，新{}年）",
            if d.is_final { "决算" } else { "预算" },
            d.old_year,
            d.new_year
        );
    }
    let _ = writeln!(s, "原版本指纹：{}", d.old_fingerprint);
    let _ = writeln!(s, "新版本指纹：{}", d.new_fingerprint);
    let _ = writeln!(s, "{}", headline(d));
    let _ = writeln!(s);
    let _ = writeln!(s, "一、输入的变化（{}处）", d.inputs.len());
    if d.inputs.is_empty() {
        let _ = writeln!(s, "  无");
    }
    for c in &d.inputs {
        if c.where_shown.is_empty() {
            let _ = writeln!(s, "  {}", describe_input(c));
        } else {
            let _ = writeln!(s, "  {}（位置：{}）", describe_input(c), c.where_shown);
        }
    }
    for k in &d.shared_keys {
        let _ = writeln!(s, "  说明：{k}");
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "二、公开表的变化（{}个单元格，金额为万元，括号内为差额）",
        d.changed_cells().count()
    );
    if d.cells.is_empty() && d.rows.is_empty() && d.paragraphs.is_empty() {
        let _ = writeln!(s, "  无");
    }
    let mut tables: Vec<&str> = Vec::new();
    for t in d
        .cells
        .iter()
        .map(|c| c.table.as_str())
        .chain(d.rows.iter().map(|r| r.table.as_str()))
    {
        if !tables.contains(&t) {
            tables.push(t);
        }
    }
    for t in tables {
        let _ = writeln!(s, "  {t}");
        for r in d.rows.iter().filter(|r| r.table == t) {
            let verb = match r.kind {
                ChangeKind::Added => "新增行",
                ChangeKind::Removed => "减少行",
                ChangeKind::Changed => "行名改变",
            };
            let _ = writeln!(s, "    {verb}：{}", r.row);
        }
        for c in d.cells.iter().filter(|c| c.table == t) {
            let _ = writeln!(s, "    {}", describe_cell(c));
        }
    }
    if !d.paragraphs.is_empty() {
        let _ = writeln!(s, "  情况说明");
        for p in &d.paragraphs {
            let _ = writeln!(s, "    {}  {} {}", p.kind.label(), p.id, p.heading);
            let (old, new) = changed_part(&p.old, &p.new);
            if !old.is_empty() {
                let _ = writeln!(s, "      原：{}", old.replace('\n', " "));
            }
            if !new.is_empty() {
                let _ = writeln!(s, "      新：{}", new.replace('\n', " "));
            }
        }
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "三、审核结果的变化（{}条）", d.findings.len());
    if d.findings.is_empty() {
        let _ = writeln!(s, "  无");
    }
    for f in &d.findings {
        let verb = if f.kind == ChangeKind::Added {
            "新出现"
        } else {
            "已消失"
        };
        let _ = writeln!(s, "  {verb}  {}  {}：{}", f.rule, f.place, f.message);
    }
    s
}

#[cfg(test)]
mod changed_part_tests {
    use super::changed_part;

    #[test]
    fn a_long_text_shows_what_changed_with_some_context() {
        let old = "一二三四五六七八九十".repeat(8);
        let new = format!("{old}新增一句。");
        let (a, b) = changed_part(&old, &new);
        // The last twelve characters they share, then what was added.
        assert_eq!(a, "…九十一二三四五六七八九十");
        assert_eq!(b, "…九十一二三四五六七八九十新增一句。");
        let mid = old.replacen("五", "伍", 4);
        let (a, b) = changed_part(&old, &mid);
        assert!(a.starts_with("一二三四五") && a.ends_with('…'), "{a}");
        assert!(b.contains("伍") && b.ends_with('…'), "{b}");
        assert_eq!(changed_part("短", "长"), ("短".to_string(), "长".to_string()));
    }
}
