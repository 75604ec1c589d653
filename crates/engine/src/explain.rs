//! Drill-down: where a published figure comes from (issue 13, item 1).
//!
//! For an amount cell of 预算01–14 (and, in
//! [`final_accounts::explain`](crate::final_accounts::explain), of 公开01–09)
//! the entered amounts that make it up — which basic line, project line,
//! income entry or fact, with its unit, codes and source — how often each
//! counts (+1, or −1 in a derived 年末结转 = a + b − c), their exact sum and
//! the figure as published.
//!
//! **How: by probing the tables' own code.** The tables are pure functions
//! of the package, and every amount cell is a sum of entered amounts, each
//! counted a small whole number of times (mostly once). So the table
//! builders are run again on copies of the package whose amounts are
//! replaced by probes: in each round up to [`PER_ROUND`] inputs get the
//! amounts 1, 8, 8², … and every other input 0; a cell of such a table, read
//! in base 8 with digits −3…3, names the inputs it counted and how often. A
//! first round with every input 0 gives what a cell holds apart from any
//! input (nothing, in every table so far). No table rule is written twice:
//! whatever a table adds up — by 功能 code, 经济 code, source, 经费类型 or
//! unit — the probe finds, because it *is* the table's code that runs.
//! Rows are matched by their labels and codes (a row of a 功能 table exists
//! while some of its lines are non-zero, so a probe that gives a line of the
//! row a non-zero amount finds the row).
//!
//! Then every cell is checked: the entered amounts times their counts must
//! add up to the cell exactly. A cell for which that fails (a ratio, a rule
//! that is not a sum) is reported as such ([`Derivation::NotASum`]) rather
//! than with a wrong list; none of the published tables has one today (the
//! tests go through every cell of every fixture and random packages).
//!
//! Cost: nothing for the recompute (the engine records nothing); one
//! explanation costs `1 + ⌈inputs / 18⌉` builds of the tables — see
//! `docs/benchmarks.md`.

use std::collections::HashMap;

use rust_decimal::Decimal;
use yusuan_model::catalog::Catalog;
use yusuan_model::{LastYearItem, Package, Yuan};
use yusuan_report::table::{Cell, ColumnKind, RowRole, Table};

use crate::resolve::LineRef;

/// Inputs probed in one round: 8¹⁷·3 stays below 2⁵³ 元, so every probe sum
/// stays an exact count of 分 in `i64` (the engine's fast path, merging
/// included).
pub const PER_ROUND: usize = 18;

/// An entered amount of a 预算 package a figure can be made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Input {
    /// A basic or project spending line.
    Line(LineRef),
    /// An entry of the income budget (`package.income[i]`).
    Income(usize),
    /// A 上年数 the officer entered.
    LastYear(LastYearItem),
}

impl Input {
    /// The input's place in the editor (its amount), as the audit names
    /// places: the editor jumps there.
    pub fn location(self) -> crate::Location {
        use crate::{Field, Location};
        match self {
            Input::Line(LineRef::Basic(i)) => Location::BasicLine(i, Field::Amount),
            Input::Line(LineRef::Project(p, l)) => Location::ProjectLine(p, l, Field::Amount),
            Input::Income(i) => Location::Income(i, Field::Amount),
            Input::LastYear(k) => Location::LastYear(k),
        }
    }
}

/// What a line is, for a reader: every field as text ("" when it has none).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineInfo {
    /// 基本支出, 项目支出, 收入预算, 上年数, …
    pub kind: String,
    /// 第 n 行 of its list (1-based), as the editor numbers it; 0 for a fact.
    pub number: usize,
    /// Unit code and name.
    pub unit: String,
    pub func: String,
    pub econ: String,
    pub gov: String,
    pub source: String,
    /// Project code and name (a project line).
    pub project: String,
    /// Anything else that names it (an item's name, a 性质).
    pub detail: String,
}

/// One input of a figure.
#[derive(Clone, Debug, PartialEq)]
pub struct Contribution<I> {
    pub input: I,
    pub info: LineInfo,
    /// How often the cell counts it: 1, or −1 for a subtracted amount.
    pub times: i32,
    /// The entered amount in 元.
    pub amount: Yuan,
}

/// What kind of figure a cell is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Derivation {
    /// The sum of the listed amounts, each once.
    Sum,
    /// The listed amounts added and subtracted (`times` −1: subtracted), e.g.
    /// 年末结转和结余 = 年初 + 收入 − 支出.
    Signed,
    /// Not a sum of entered amounts: what it is instead.
    NotASum(String),
}

/// Where one published figure comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation<I> {
    /// 预算05表 / 公开03表.
    pub table: String,
    pub row: usize,
    pub column: usize,
    /// The row's labels and codes, the column's header, as printed.
    pub row_label: String,
    pub column_label: String,
    pub role: RowRole,
    /// The exact figure of the cell in 元.
    pub cell: Yuan,
    /// The figure as published (万元, rounded).
    pub published: String,
    /// The inputs, in the package's order.
    pub lines: Vec<Contribution<I>>,
    /// Σ times × amount over `lines`, exact.
    pub sum: Yuan,
    /// What the cell holds apart from any input (zero in every table).
    pub other: Yuan,
    pub derivation: Derivation,
    /// For a 合计 row: the detail rows (role `Item`) of the same column whose
    /// figures add up to this one exactly; empty when they do not (or for a
    /// detail row).
    pub parts: Vec<usize>,
}

/// The listed lines of one kind and sign, added up.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    /// The kind of line ([`LineInfo::kind`]).
    pub kind: String,
    pub times: i32,
    pub lines: usize,
    /// Σ amount (without the sign).
    pub sum: Yuan,
}

impl<I> Explanation<I> {
    /// The lines by kind and sign, in the order they first come: what a
    /// derived figure is made of (年末结转和结余 = 年初结转和结余 + 本年收入 −
    /// 基本支出 − 项目支出 …).
    pub fn parts_by_kind(&self) -> Vec<Part> {
        let mut v: Vec<Part> = Vec::new();
        for l in &self.lines {
            match v.iter_mut().find(|p| p.kind == l.info.kind && p.times == l.times) {
                Some(p) => {
                    p.lines += 1;
                    p.sum += l.amount;
                }
                None => v.push(Part {
                    kind: l.info.kind.clone(),
                    times: l.times,
                    lines: 1,
                    sum: l.amount,
                }),
            }
        }
        v
    }

    /// [`Explanation::parts_by_kind`] as one line of text, e.g. `本年收入 18 行
    /// 1,234.00 元 − 基本支出 45 行 1,000.00 元`; `None` when the lines are of
    /// one kind and added.
    pub fn parts_text(&self, yuan: impl Fn(Yuan) -> String) -> Option<String> {
        let parts = self.parts_by_kind();
        if parts.len() < 2 && parts.iter().all(|p| p.times == 1) {
            return None;
        }
        let mut s = String::new();
        for (i, p) in parts.iter().enumerate() {
            let sign = match (i, p.times) {
                (0, 1) => String::new(),
                (_, 1) => " + ".to_string(),
                (0, -1) => "− ".to_string(),
                (_, -1) => " − ".to_string(),
                (0, n) => format!("{n} × "),
                (_, n) => format!(" + {n} × "),
            };
            s.push_str(&format!("{sign}{} {} 行 {} 元", p.kind, p.lines, yuan(p.sum)));
        }
        Some(s)
    }

    /// A short Chinese sentence saying what the figure is.
    pub fn summary(&self) -> String {
        let n = self.lines.len();
        let total_row = matches!(self.role, RowRole::Total | RowRole::Subtotal);
        let what = match &self.derivation {
            Derivation::Sum if n == 0 => "没有任何输入行计入本格，数为 0".to_string(),
            Derivation::Sum if total_row && !self.parts.is_empty() => {
                format!("合计数：本栏 {} 个明细行之和，即下列 {n} 行之和", self.parts.len())
            }
            Derivation::Sum if total_row => format!("合计数：下列 {n} 行之和"),
            Derivation::Sum => format!("下列 {n} 行之和"),
            Derivation::Signed => {
                format!("派生数：下列 {n} 行相加减（标“−”者减去）")
            }
            Derivation::NotASum(why) => format!("派生数：{why}"),
        };
        if self.other.is_zero() {
            what
        } else {
            format!("{what}，另有不来自输入行的 {} 元", self.other)
        }
    }
}

/// The label of a row: its text and code cells, joined by a space.
pub fn row_label(t: &Table, row: usize) -> String {
    let cells = &t.rows[row].cells;
    let v: Vec<&str> = cells.iter().filter_map(Cell::as_text).collect();
    v.join(" ")
}

/// The label of a row as seen from column `col`: in a two-sided table (01's
/// 收入 | 支出) only the texts of its own side — those after the last
/// amount column left of `col`; else the whole row's ([`row_label`]).
pub fn row_label_at(t: &Table, row: usize, col: usize) -> String {
    let cells = &t.rows[row].cells;
    let left = &cells[..col.min(cells.len())];
    let start = (0..left.len())
        .rposition(|i| t.columns.get(i).is_some_and(|c| c.kind == ColumnKind::Amount))
        .map_or(0, |i| i + 1);
    let v: Vec<&str> = left[start..].iter().filter_map(Cell::as_text).collect();
    if v.is_empty() { row_label(t, row) } else { v.join(" ") }
}

/// The header of a column: the texts of the header cells above it, outer
/// first ("基本支出 人员经费 工资福利支出"), the 栏次 number left out.
pub fn column_label(t: &Table, column: usize) -> String {
    let mut cells: Vec<_> = t
        .header
        .iter()
        .filter(|h| h.col <= column && column < h.col + h.cols)
        .filter(|h| !(h.cols == 1 && h.text.chars().all(|c| c.is_ascii_digit())))
        .collect();
    cells.sort_by_key(|h| h.row);
    let mut out: Vec<&str> = Vec::new();
    for h in cells {
        if !h.text.is_empty() && out.last() != Some(&h.text.as_str()) {
            out.push(&h.text);
        }
    }
    out.join(" ")
}

/// The amount of a cell that holds one.
pub fn amount_of(c: &Cell) -> Option<Yuan> {
    match c {
        Cell::Amount(a) | Cell::Masked(a) => Some(*a),
        _ => None,
    }
}

/// Rows of a table by label (text and code cells, in order, with the
/// place of every amount), each label's rows in order.
fn rows_by_key(t: &Table) -> HashMap<String, Vec<usize>> {
    let mut m: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, r) in t.rows.iter().enumerate() {
        m.entry(key(r)).or_default().push(i);
    }
    m
}

fn key(r: &yusuan_report::table::Row) -> String {
    let mut k = String::new();
    for c in &r.cells {
        match c {
            Cell::Text(s) | Cell::Code(s) => k.push_str(s),
            Cell::Empty => {}
            Cell::Amount(_) | Cell::Masked(_) => k.push('#'),
        }
        k.push('\u{1f}');
    }
    k
}

/// The cells to explain: (table index, row, column).
pub(crate) type Target = (usize, usize, usize);

/// Counts found so far for one cell: (input index, times), or `None` when
/// the probes did not read as a sum.
type Counts = Option<Vec<(usize, i32)>>;

/// Probes `build` (the tables of the package with its `n` inputs set to the
/// given amounts) and explains `targets` of `real` (the tables as
/// computed). `amounts` are the inputs as entered; `info` describes one.
pub(crate) fn probe<I: Copy>(
    real: &[Table],
    inputs: &[I],
    amounts: &[Yuan],
    info: impl Fn(I) -> LineInfo,
    targets: &[Target],
    mut build: impl FnMut(&[Yuan]) -> Vec<Table>,
) -> Vec<Explanation<I>> {
    let n = inputs.len();
    let mut weights = vec![Yuan::ZERO; n];
    let base = build(&weights);
    let base_keys: Vec<_> = base.iter().map(rows_by_key).collect();
    let real_keys: Vec<Vec<(String, usize)>> = real
        .iter()
        .map(|t| {
            let mut seen: HashMap<String, usize> = HashMap::new();
            t.rows
                .iter()
                .map(|r| {
                    let k = key(r);
                    let o = seen.entry(k.clone()).or_default();
                    *o += 1;
                    (k, *o - 1)
                })
                .collect()
        })
        .collect();
    // The value of a target cell in a probe's tables (0 when the row is
    // absent: none of its amounts is non-zero).
    let value = |tables: &[Table], keys: &[HashMap<String, Vec<usize>>], &(t, r, c): &Target| -> Yuan {
        let (k, o) = &real_keys[t][r];
        keys.get(t)
            .and_then(|m| m.get(k))
            .and_then(|rows| rows.get(*o))
            .and_then(|&row| tables[t].rows[row].cells.get(c))
            .and_then(amount_of)
            .unwrap_or(Yuan::ZERO)
    };
    let baseline: Vec<Yuan> = targets.iter().map(|x| value(&base, &base_keys, x)).collect();
    let mut counts: Vec<Counts> = vec![Some(Vec::new()); targets.len()];
    let powers: Vec<Yuan> = (0..PER_ROUND).map(|k| Yuan::from(1i64 << (3 * k))).collect();
    for start in (0..n).step_by(PER_ROUND) {
        let end = (start + PER_ROUND).min(n);
        for (w, p) in weights[start..end].iter_mut().zip(&powers) {
            *w = *p;
        }
        let tables = build(&weights);
        for w in &mut weights[start..end] {
            *w = Yuan::ZERO;
        }
        let keys: Vec<_> = tables.iter().map(rows_by_key).collect();
        for ((x, b), found) in targets.iter().zip(&baseline).zip(&mut counts) {
            let Some(list) = found else { continue };
            match digits(value(&tables, &keys, x) - *b, end - start) {
                Some(d) => list.extend(d.into_iter().map(|(k, times)| (start + k, times))),
                None => *found = None,
            }
        }
    }
    targets
        .iter()
        .zip(counts)
        .zip(baseline)
        .map(|((&(t, r, c), found), other)| {
            let table = &real[t];
            let cell = table.rows[r].cells.get(c).and_then(amount_of).unwrap_or_default();
            let mut e = Explanation {
                table: table.label.clone(),
                row: r,
                column: c,
                row_label: row_label_at(table, r, c),
                column_label: column_label(table, c),
                role: table.rows[r].role,
                cell,
                published: table.display(&table.rows[r].cells[c]),
                lines: Vec::new(),
                sum: Yuan::ZERO,
                other,
                derivation: Derivation::Sum,
                parts: parts_of(table, r, c),
            };
            let Some(found) = found else {
                e.derivation = Derivation::NotASum("本格不是输入金额之和（如比率），无法逐行列出".to_string());
                return e;
            };
            let mut sum = Yuan::ZERO;
            for (i, times) in found {
                sum += Yuan::from(times) * amounts[i];
                e.lines.push(Contribution {
                    input: inputs[i],
                    info: info(inputs[i]),
                    times,
                    amount: amounts[i],
                });
            }
            e.sum = sum;
            if sum + other != cell {
                e.derivation = Derivation::NotASum(format!(
                    "本格 {cell} 元不等于所列输入之和 {} 元，不是输入金额之和",
                    sum + other
                ));
            } else if e.lines.iter().any(|l| l.times != 1) {
                e.derivation = Derivation::Signed;
            }
            e
        })
        .collect()
}

/// The detail rows whose figures in column `c` add up to the figure of
/// row `r` when it is a 合计 row (see [`Explanation::parts`]).
fn parts_of(t: &Table, r: usize, c: usize) -> Vec<usize> {
    if !matches!(t.rows[r].role, RowRole::Total | RowRole::Subtotal) {
        return Vec::new();
    }
    let Some(cell) = t.rows[r].cells.get(c).and_then(amount_of) else {
        return Vec::new();
    };
    let parts: Vec<usize> = (0..t.rows.len())
        .filter(|&i| t.rows[i].role == RowRole::Item && t.rows[i].cells.get(c).and_then(amount_of).is_some())
        .collect();
    let sum: Yuan = parts.iter().filter_map(|&i| amount_of(&t.rows[i].cells[c])).sum();
    if parts.is_empty() || sum != cell {
        return Vec::new();
    }
    parts
}

/// `v` as Σ dₖ·8ᵏ over k < `n` with digits dₖ in −3…3: the non-zero digits
/// with their k; `None` when `v` is not such a number.
fn digits(v: Decimal, n: usize) -> Option<Vec<(usize, i32)>> {
    let v = v.normalize();
    if v.scale() != 0 {
        return None;
    }
    let mut m = v.mantissa();
    let mut out = Vec::new();
    for k in 0..n {
        let mut d = m.rem_euclid(8);
        if d >= 4 {
            d -= 8;
        }
        if d == -4 {
            return None;
        }
        if d != 0 {
            out.push((k, d as i32));
        }
        m = (m - d) / 8;
    }
    (m == 0).then_some(out)
}

/// Every amount cell of `tables` (index into `tables`, row, column).
pub(crate) fn amount_cells(tables: &[Table]) -> Vec<Target> {
    let mut v = Vec::new();
    for (t, table) in tables.iter().enumerate() {
        for (r, row) in table.rows.iter().enumerate() {
            for (c, cell) in row.cells.iter().enumerate() {
                if amount_of(cell).is_some() {
                    v.push((t, r, c));
                }
            }
        }
    }
    v
}

// ---- 预算 ----

/// Every amount a 预算 package enters, in the package's order, with its
/// amount.
pub fn inputs(p: &Package) -> (Vec<Input>, Vec<Yuan>) {
    let mut v = Vec::new();
    let mut a = Vec::new();
    for (i, l) in p.basic_lines.iter().enumerate() {
        v.push(Input::Line(LineRef::Basic(i)));
        a.push(l.amount);
    }
    for (pi, proj) in p.projects.iter().enumerate() {
        for (li, l) in proj.lines.iter().enumerate() {
            v.push(Input::Line(LineRef::Project(pi, li)));
            a.push(l.amount);
        }
    }
    for (i, e) in p.income.iter().enumerate() {
        v.push(Input::Income(i));
        a.push(e.amount);
    }
    for (k, y) in &p.last_year.0 {
        v.push(Input::LastYear(*k));
        a.push(*y);
    }
    (v, a)
}

fn set(p: &mut Package, input: Input, amount: Yuan) {
    match input {
        Input::Line(LineRef::Basic(i)) => p.basic_lines[i].amount = amount,
        Input::Line(LineRef::Project(pi, li)) => p.projects[pi].lines[li].amount = amount,
        Input::Income(i) => p.income[i].amount = amount,
        Input::LastYear(k) => {
            p.last_year.0.insert(k, amount);
        }
    }
}

fn unit_text(units: &[yusuan_model::Unit], code: &str) -> String {
    match units.iter().rev().find(|u| u.code.trim() == code.trim()) {
        Some(u) => format!("{} {}", u.code.trim(), u.name),
        None => code.trim().to_string(),
    }
}

/// What a 预算 input is, for a reader.
pub fn describe(p: &Package, input: Input) -> LineInfo {
    match input {
        Input::Line(LineRef::Basic(i)) => {
            let l = &p.basic_lines[i];
            LineInfo {
                kind: "基本支出".to_string(),
                number: i + 1,
                unit: unit_text(&p.units, &l.unit),
                func: l.func.trim().to_string(),
                econ: l.econ.trim().to_string(),
                gov: l.gov.clone().unwrap_or_default(),
                source: l.source.label().to_string(),
                project: String::new(),
                detail: l.note.clone(),
            }
        }
        Input::Line(LineRef::Project(pi, li)) => {
            let proj = &p.projects[pi];
            let l = &proj.lines[li];
            LineInfo {
                kind: "项目支出".to_string(),
                number: li + 1,
                unit: unit_text(&p.units, &proj.unit),
                func: l.func.trim().to_string(),
                econ: l.econ.trim().to_string(),
                gov: l.gov.clone().unwrap_or_default(),
                source: l.source.label().to_string(),
                project: format!("{} {}", proj.code, proj.name),
                detail: String::new(),
            }
        }
        Input::Income(i) => {
            let e = &p.income[i];
            LineInfo {
                kind: "收入预算".to_string(),
                number: i + 1,
                unit: unit_text(&p.units, &e.unit),
                source: e.source.label().to_string(),
                ..LineInfo::default()
            }
        }
        Input::LastYear(k) => LineInfo {
            kind: "上年数".to_string(),
            detail: k.label().to_string(),
            ..LineInfo::default()
        },
    }
}

/// 预算01表 … 预算14表 of `p` (no totals, narrative or findings).
/// 预算`only`表, or all 14 tables, of `p` (no narrative or findings).
fn budget_tables(p: &Package, catalog: &Catalog, only: Option<u8>) -> Vec<Table> {
    let ctx = crate::resolve::Context::new(p, catalog);
    let totals = crate::totals::totals(&ctx);
    match only {
        Some(n) => vec![crate::tables::build(&ctx, &totals, n)],
        None => crate::tables::build_all(&ctx, &totals),
    }
}

/// `only`: one table (1..=14), probed alone; `cells`: only these cells.
fn explain_targets(p: &Package, only: Option<u8>, cells: Option<&[(usize, usize)]>) -> Vec<Explanation<Input>> {
    let (inputs, amounts) = inputs(p);
    let parts = Probing {
        inputs,
        amounts,
        describe: |i| describe(p, i),
        set,
        tables: budget_tables,
    };
    explain_with(p, &p.catalog, only, cells, parts)
}

/// What the probing needs of a kind of package: its entered amounts, how to
/// name and set one, and how to build its tables (`only` one of them).
pub(crate) struct Probing<I, D, S, T> {
    pub inputs: Vec<I>,
    pub amounts: Vec<Yuan>,
    pub describe: D,
    pub set: S,
    pub tables: T,
}

/// The amount cells of the tables of `p` (`only` one, `cells` only these),
/// each explained by probing: one copy of the package, its amounts set to
/// the probing weights, built again as often as [`probe`] asks.
pub(crate) fn explain_with<P: Clone, I: Copy, D, S, T>(
    p: &P,
    overrides: &yusuan_model::CatalogOverrides,
    only: Option<u8>,
    cells: Option<&[(usize, usize)]>,
    parts: Probing<I, D, S, T>,
) -> Vec<Explanation<I>>
where
    D: Fn(I) -> LineInfo,
    S: Fn(&mut P, I, Yuan),
    T: Fn(&P, &Catalog, Option<u8>) -> Vec<Table>,
{
    let merged;
    let catalog = if overrides.is_empty() {
        Catalog::builtin()
    } else {
        merged = crate::merged_catalog(overrides);
        &*merged
    };
    let real = (parts.tables)(p, catalog, only);
    let mut targets = amount_cells(&real);
    if let Some(cells) = cells {
        targets.retain(|&(_, row, col)| cells.contains(&(row, col)));
    }
    if targets.is_empty() {
        return Vec::new();
    }
    let mut probe_package = p.clone();
    probe(
        &real,
        &parts.inputs,
        &parts.amounts,
        &parts.describe,
        &targets,
        |weights| {
            for (i, w) in parts.inputs.iter().zip(weights) {
                (parts.set)(&mut probe_package, *i, *w);
            }
            (parts.tables)(&probe_package, catalog, only)
        },
    )
}

/// Where the figure in row `row`, column `column` of 预算`table`表 (1..=14)
/// comes from; `None` when that cell holds no amount.
pub fn explain(p: &Package, table: u8, row: usize, column: usize) -> Option<Explanation<Input>> {
    explain_cells(p, table, &[(row, column)]).pop()
}

/// The amount cells among `cells` ((row, column), in any order) of
/// 预算`table`表, in the table's order; one probing for all of them.
pub fn explain_cells(p: &Package, table: u8, cells: &[(usize, usize)]) -> Vec<Explanation<Input>> {
    match table {
        1..=14 => explain_targets(p, Some(table), Some(cells)),
        _ => Vec::new(),
    }
}

/// Every amount cell of 预算`table`表, row by row.
pub fn explain_table(p: &Package, table: u8) -> Vec<Explanation<Input>> {
    match table {
        1..=14 => explain_targets(p, Some(table), None),
        _ => Vec::new(),
    }
}

/// Every amount cell of every table, table by table.
pub fn explain_all(p: &Package) -> Vec<Explanation<Input>> {
    explain_targets(p, None, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_eight_digits() {
        let p = |k: u32| 8i64.pow(k);
        assert_eq!(digits(Decimal::from(p(0) + p(3)), 4), Some(vec![(0, 1), (3, 1)]));
        assert_eq!(digits(Decimal::from(p(2) - p(1)), 4), Some(vec![(1, -1), (2, 1)]));
        assert_eq!(digits(Decimal::from(3 * p(1) - 2), 4), Some(vec![(0, -2), (1, 3)]));
        assert_eq!(digits(Decimal::from(p(4)), 4), None, "beyond the round");
        assert_eq!(digits(Decimal::from(4), 4), None, "a digit 4");
        assert_eq!(digits(Decimal::new(15, 1), 4), None, "not whole");
        assert_eq!(digits(Decimal::new(200, 2), 4), Some(vec![(0, 2)]));
    }
}

#[cfg(test)]
mod label_tests {
    use super::*;

    /// 预算01's row 8: 七、上级补助收入 on the 收入 side, 八、社会保障和就业 on
    /// the 支出 side; each amount is labelled by its own side.
    #[test]
    fn a_two_sided_row_is_labelled_by_the_side_of_its_column() {
        let p = yusuan_model::sample_package();
        let c = crate::compute(&p);
        let t = c.table(1);
        let r = t
            .rows
            .iter()
            .position(|row| row.cells.iter().any(|c| c.as_text() == Some("八、社会保障和就业")))
            .unwrap();
        let last = t.columns.len() - 1;
        assert_eq!(row_label_at(t, r, last), "八、社会保障和就业");
        assert_eq!(row_label_at(t, r, 1), "七、上级补助收入");
        assert_eq!(row_label(t, r), "七、上级补助收入 八、社会保障和就业");
    }
}
