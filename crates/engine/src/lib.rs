//! The engine: one pure function from a package to everything derived from
//! it — every published table, the totals, the narrative and the audit
//! findings. It recomputes everything from scratch on every call and touches
//! no file, clock or window.
//!
//! The steps, each a module, each reading only what the steps before it made:
//!
//! 1. [`resolve`] — every line with its defaults applied (政府 code, 经费类型)
//!    and its codes interned;
//! 2. [`totals`] — the figures more than one table, the narrative or a rule
//!    states;
//! 3. [`tables`] — 预算01–14, one module each, the table's rule as the
//!    module's doc comment;
//! 4. [`narrative`] — 情况说明 from the totals, with the officer's rewrites
//!    (generated on first use: most recomputes of the editor never show it);
//! 5. [`rules`] — the audit findings (rules 1–7; rule 7 reads the generated
//!    narrative, so a package with rewrites has it generated here).
//!
//! [`publication`] puts narrative and tables together as the document the
//! PDF writer prints.

pub mod diff;
pub mod explain;
pub mod final_accounts;
pub mod last_year;
pub mod narrative;
pub mod publication;
pub mod resolve;
pub mod rules;
pub mod sum;
pub mod summary;
pub mod tables;
pub mod totals;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::OnceLock;

use yusuan_model::catalog::Catalog;
use yusuan_model::{CatalogOverrides, CostKind, Package};
use yusuan_report::table::Table;
use yusuan_report::text::Narrative;

pub use publication::publication;
pub use resolve::{LineRef, ThreePublicItem};
pub use rules::{Field, Finding, Level, Location, Rule};
pub use totals::{ThreePublic, Totals};

/// The department's notes under the tables ([`Wording::table_note`]) in
/// place of the built-in ones.
///
/// [`Wording::table_note`]: yusuan_model::Wording::table_note
pub(crate) fn apply_table_notes(tables: &mut [Table], w: &yusuan_model::Wording, name: &str, year: i32) {
    if w.table_notes.is_empty() {
        return;
    }
    for t in tables {
        t.note = w.table_note(&t.label, t.note.as_deref(), name.trim(), year);
    }
}

/// A line of the package as the engine resolved it: what the editor shows
/// for a value the officer left to its default.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedLine {
    pub origin: LineRef,
    /// The 政府经济科目 the line is counted under: an index into
    /// [`Computed::gov_codes`] (see [`Computed::gov`]).
    pub gov: u32,
    /// The default 政府经济科目 for the 部门 code and the unit's 性质 (an index
    /// into [`Computed::gov_codes`]; "" when none is known).
    pub default_gov: u32,
    /// `true` when `gov` is the default for the unit's 性质, not the officer's.
    pub gov_defaulted: bool,
    /// The 经费类型 (basic lines; project lines take the code's default).
    pub kind: CostKind,
    /// The 经费类型 the code takes by default.
    pub default_kind: CostKind,
    /// `true` when `kind` is the default for the code, not the officer's.
    pub kind_defaulted: bool,
    /// The "三公" item the line counts in, if any.
    pub three_public: Option<ThreePublicItem>,
}

/// Everything derived from a package.
#[derive(Clone, Debug)]
pub struct Computed {
    /// 预算01表 … 预算14表, in order.
    pub tables: Vec<Table>,
    pub totals: Totals,
    /// Every line of the package, basic lines first then project lines in
    /// package order, as resolved.
    pub lines: Vec<ResolvedLine>,
    /// The 政府经济科目 codes the lines use ("" when none is known).
    pub gov_codes: Vec<String>,
    /// 情况说明, generated on first use (see [`Computed::narrative`]).
    narrative: OnceLock<NarrativePair>,
    pub findings: Vec<Finding>,
    /// Findings by place, built on first use.
    by_location: OnceLock<HashMap<Location, Vec<usize>>>,
}

/// 情况说明 as shown (with the officer's rewrites) and as generated when a
/// paragraph is rewritten.
#[derive(Clone, Debug)]
struct NarrativePair {
    shown: Narrative,
    generated: Option<Narrative>,
}

impl NarrativePair {
    fn new(package: &Package, generated: Narrative) -> NarrativePair {
        match narrative::with_overrides(package, &generated) {
            Some(shown) => NarrativePair {
                shown,
                generated: Some(generated),
            },
            None => NarrativePair {
                shown: generated,
                generated: None,
            },
        }
    }
}

/// Equal figures: tables, totals, lines and findings (the narrative is a
/// function of the package and the totals).
impl PartialEq for Computed {
    fn eq(&self, o: &Computed) -> bool {
        self.tables == o.tables
            && self.totals == o.totals
            && self.lines == o.lines
            && self.gov_codes == o.gov_codes
            && self.findings == o.findings
    }
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
    /// The findings at one place, in the order of `findings`.
    pub fn findings_at(&self, location: &Location) -> impl Iterator<Item = &Finding> {
        let index = self.by_location.get_or_init(|| {
            let mut m: HashMap<Location, Vec<usize>> = HashMap::new();
            for (i, f) in self.findings.iter().enumerate() {
                m.entry(f.location.clone()).or_default().push(i);
            }
            m
        });
        index.get(location).into_iter().flatten().map(|&i| &self.findings[i])
    }
    /// 情况说明 with the officer's rewrites applied. `package` is the package
    /// this was computed from (the narrative is generated from it and the
    /// totals on first use, then kept).
    pub fn narrative(&self, package: &Package) -> &Narrative {
        &self.narrative_pair(package).shown
    }
    /// 情况说明 as generated, without the officer's rewrites (what a rewrite
    /// replaced); `package` as for [`Computed::narrative`].
    pub fn generated(&self, package: &Package) -> &Narrative {
        let pair = self.narrative_pair(package);
        pair.generated.as_ref().unwrap_or(&pair.shown)
    }
    fn narrative_pair(&self, package: &Package) -> &NarrativePair {
        self.narrative
            .get_or_init(|| NarrativePair::new(package, narrative::generate(package, &self.totals)))
    }
    /// The 政府经济科目 a resolved line is counted under ("" when none is known).
    pub fn gov(&self, line: &ResolvedLine) -> &str {
        &self.gov_codes[line.gov as usize]
    }
    /// The default 政府经济科目 of a resolved line ("" when none is known).
    pub fn default_gov(&self, line: &ResolvedLine) -> &str {
        &self.gov_codes[line.default_gov as usize]
    }
    /// The resolved line at `origin`.
    pub fn line(&self, origin: LineRef) -> Option<&ResolvedLine> {
        let i = match origin {
            LineRef::Basic(i) => i,
            LineRef::Project(..) => {
                let first = self.lines.partition_point(|l| matches!(l.origin, LineRef::Basic(_)));
                first + self.lines[first..].partition_point(|l| l.origin < origin)
            }
        };
        self.lines.get(i).filter(|l| l.origin == origin)
    }
}

thread_local! {
    /// The catalog of the last package with catalog rows of its own on this
    /// thread, with those rows: merging them into the built-in catalog copies
    /// it whole, so a recompute reuses it while the rows stay the same.
    static MERGED: RefCell<Option<(CatalogOverrides, Rc<Catalog>)>> = const { RefCell::new(None) };
}

/// `Catalog::with_overrides(o)`, made once per distinct `o` (see [`MERGED`]).
fn merged_catalog(o: &CatalogOverrides) -> Rc<Catalog> {
    MERGED.with(|m| {
        let mut m = m.borrow_mut();
        match &*m {
            Some((rows, catalog)) if rows == o => catalog.clone(),
            _ => {
                let catalog = Rc::new(Catalog::with_overrides(o));
                *m = Some((o.clone(), catalog.clone()));
                catalog
            }
        }
    })
}

/// Computes every table, the totals, the narrative and the findings.
pub fn compute(package: &Package) -> Computed {
    let merged;
    let catalog = if package.catalog.is_empty() {
        Catalog::builtin()
    } else {
        merged = merged_catalog(&package.catalog);
        &*merged
    };
    let ctx = resolve::Context::new(package, catalog);
    // The resolved lines first (0.8 MB for 20,000 lines), below the tables
    // in the heap: made last, they were at its top, and glibc gave the top
    // back to the kernel whenever a result was dropped, so every recompute
    // faulted ~500 pages in again (issue 9).
    let lines = ctx.resolved();
    let totals = totals::totals(&ctx);
    let mut tables = tables::build_all(&ctx, &totals);
    apply_table_notes(
        &mut tables,
        &package.wording,
        &package.department.name,
        package.department.year,
    );
    let mut findings = rules::check(&ctx, &totals);
    let narrative = OnceLock::new();
    if !package.narrative_overrides.is_empty() {
        // Rule 7 checks the rewrites against the generated narrative.
        let generated = narrative::generate(package, &totals);
        findings.extend(rules::narrative::check(package, &generated, &tables));
        let _ = narrative.set(NarrativePair::new(package, generated));
    }
    Computed {
        lines,
        gov_codes: ctx.govs.codes.iter().map(|c| c.to_string()).collect(),
        tables,
        totals,
        narrative,
        findings,
        by_location: OnceLock::new(),
    }
}
