//! Changes to a package as values. An [`Edit`] applied to a package returns
//! its inverse, so undo and redo keep edits, not copies of the package: a
//! changed cell of a 20,000-line package costs one line in the history.
//!
//! An editor changes the package in place and says beforehand which [`Part`]
//! the change may touch; [`Part::capture`] keeps that part's old value and
//! [`Captured::inverse`] turns it into the edit that puts it back.

use std::collections::BTreeMap;
use std::mem;
use std::ops::Range;

use crate::{
    Assets, BasicLine, CatalogOverrides, Department, DeptPerformance, IncomeEntry, LastYear, LastYearItem,
    LastYearSource, Package, Project, TextKey, Unit,
};

/// A list of rows in a package.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    Units,
    Income,
    Basic,
    Projects,
}

/// What a change may touch. Rows: the change replaces, inserts or removes
/// rows only within `range` (clipped to the list), and may append rows when
/// the range reaches the end; rows before it stay and rows after it shift.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    Department,
    Performance,
    /// 上年数 with their rejected entries and the package they came from.
    LastYear,
    Texts,
    /// 资产 with their rejected entries.
    Assets,
    NarrativeOverrides,
    /// The department's wording ([`crate::Wording`]).
    Wording,
    Catalog,
    Rows(List, Range<usize>),
    /// Anything (a new document, an import): the whole package is kept.
    Whole,
}

impl Part {
    /// One row of a list.
    pub fn row(list: List, i: usize) -> Part {
        Part::Rows(list, i..i + 1)
    }
    /// Rows appended at the end of a list (and nothing else).
    pub fn append(list: List, p: &Package) -> Part {
        let n = list_len(p, list);
        Part::Rows(list, n..n)
    }
    /// Every row of a list.
    pub fn all_rows(list: List) -> Part {
        Part::Rows(list, 0..usize::MAX)
    }

    /// Keeps the old value of this part of `p`, before a change.
    pub fn capture(&self, p: &Package) -> Captured {
        let mut old_len = 0;
        let old = match self {
            Part::Department => Edit::Department(Box::new(p.department.clone())),
            Part::Performance => Edit::Performance(Box::new(p.performance.clone())),
            Part::LastYear => Edit::LastYear(Box::new((
                p.last_year.clone(),
                p.rejected.last_year.clone(),
                p.last_year_source.clone(),
            ))),
            Part::Texts => Edit::Texts(p.texts.clone()),
            Part::Assets => Edit::Assets(Box::new((p.assets.clone(), p.rejected.assets.clone()))),
            Part::NarrativeOverrides => Edit::NarrativeOverrides(p.narrative_overrides.clone()),
            Part::Wording => Edit::Wording(Box::new(p.wording.clone())),
            Part::Catalog => Edit::Catalog(Box::new(p.catalog.clone())),
            Part::Rows(list, range) => {
                old_len = list_len(p, *list);
                let start = range.start.min(old_len);
                let end = range.end.min(old_len).max(start);
                let rows = match list {
                    List::Units => Rows::Units(p.units[start..end].to_vec()),
                    List::Income => Rows::Income(p.income[start..end].to_vec()),
                    List::Basic => Rows::Basic(p.basic_lines[start..end].to_vec()),
                    List::Projects => Rows::Projects(p.projects[start..end].to_vec()),
                };
                // `remove` is set in `inverse`, once the new length is known.
                Edit::Splice(Splice {
                    at: start,
                    remove: 0,
                    rows,
                })
            }
            Part::Whole => Edit::Whole(Box::new(p.clone())),
        };
        Captured { old, old_len }
    }
}

fn list_len(p: &Package, list: List) -> usize {
    match list {
        List::Units => p.units.len(),
        List::Income => p.income.len(),
        List::Basic => p.basic_lines.len(),
        List::Projects => p.projects.len(),
    }
}

/// The old value of a [`Part`], taken before a change.
#[derive(Debug)]
pub struct Captured {
    old: Edit,
    /// The length of the list, for rows.
    old_len: usize,
}

impl Captured {
    /// The edit that undoes the change made since the capture (`p` is the
    /// package after it).
    pub fn inverse(self, p: &Package) -> Edit {
        match self.old {
            Edit::Splice(Splice { at, rows, .. }) => {
                let new_len = list_len(p, rows.list());
                // The captured rows were replaced by as many rows plus the growth.
                let remove = (rows.len() + new_len).saturating_sub(self.old_len);
                Edit::Splice(Splice { at, remove, rows })
            }
            other => other,
        }
    }
}

/// Rows of one list.
#[derive(Clone, Debug, PartialEq)]
pub enum Rows {
    Units(Vec<Unit>),
    Income(Vec<IncomeEntry>),
    Basic(Vec<BasicLine>),
    Projects(Vec<Project>),
}

impl Rows {
    pub fn list(&self) -> List {
        match self {
            Rows::Units(_) => List::Units,
            Rows::Income(_) => List::Income,
            Rows::Basic(_) => List::Basic,
            Rows::Projects(_) => List::Projects,
        }
    }
    pub fn len(&self) -> usize {
        match self {
            Rows::Units(v) => v.len(),
            Rows::Income(v) => v.len(),
            Rows::Basic(v) => v.len(),
            Rows::Projects(v) => v.len(),
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// `remove` rows at `at` replaced by `rows`.
#[derive(Clone, Debug, PartialEq)]
pub struct Splice {
    pub at: usize,
    pub remove: usize,
    pub rows: Rows,
}

/// One change to a package, as a value. [`Edit::apply`] returns the inverse.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    Department(Box<Department>),
    Performance(Box<DeptPerformance>),
    /// 上年数, their rejected entries, the package they came from.
    LastYear(Box<(LastYear, BTreeMap<LastYearItem, String>, Option<LastYearSource>)>),
    Texts(BTreeMap<TextKey, String>),
    Assets(Box<(Assets, BTreeMap<String, String>)>),
    NarrativeOverrides(BTreeMap<String, String>),
    Wording(Box<crate::Wording>),
    Catalog(Box<CatalogOverrides>),
    Splice(Splice),
    /// The rows of a list in a new order: new row `i` is old row `order[i]`.
    Reorder(List, Vec<usize>),
    /// Several edits as one step (applied in order; the inverse undoes them
    /// in reverse): a unit's new code with the rows that name it.
    Group(Vec<Edit>),
    Whole(Box<Package>),
}

/// Replaces `remove` rows at `at` (both clamped to the list) with `rows`;
/// returns the rows taken out. The 预算 and the 决算 edits both splice with it.
pub(crate) fn splice<T>(v: &mut Vec<T>, at: usize, remove: usize, rows: Vec<T>) -> Vec<T> {
    let at = at.min(v.len());
    let end = (at + remove).min(v.len());
    v.splice(at..end, rows).collect()
}

fn reorder<T>(v: &mut Vec<T>, order: &[usize]) -> Vec<usize> {
    let mut old: Vec<Option<T>> = mem::take(v).into_iter().map(Some).collect();
    *v = order
        .iter()
        .filter_map(|&i| old.get_mut(i).and_then(Option::take))
        .collect();
    let mut back = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        if let Some(b) = back.get_mut(old) {
            *b = new;
        }
    }
    back
}

impl Edit {
    /// Applies the edit; returns the edit that undoes it.
    pub fn apply(self, p: &mut Package) -> Edit {
        match self {
            Edit::Department(d) => Edit::Department(Box::new(mem::replace(&mut p.department, *d))),
            Edit::Performance(x) => Edit::Performance(Box::new(mem::replace(&mut p.performance, *x))),
            Edit::LastYear(x) => {
                let (values, rejected, source) = *x;
                Edit::LastYear(Box::new((
                    mem::replace(&mut p.last_year, values),
                    mem::replace(&mut p.rejected.last_year, rejected),
                    mem::replace(&mut p.last_year_source, source),
                )))
            }
            Edit::Texts(x) => Edit::Texts(mem::replace(&mut p.texts, x)),
            Edit::Assets(x) => {
                let (values, rejected) = *x;
                Edit::Assets(Box::new((
                    mem::replace(&mut p.assets, values),
                    mem::replace(&mut p.rejected.assets, rejected),
                )))
            }
            Edit::NarrativeOverrides(x) => Edit::NarrativeOverrides(mem::replace(&mut p.narrative_overrides, x)),
            Edit::Wording(x) => Edit::Wording(Box::new(mem::replace(&mut p.wording, *x))),
            Edit::Catalog(x) => Edit::Catalog(Box::new(mem::replace(&mut p.catalog, *x))),
            Edit::Splice(Splice { at, remove, rows }) => {
                let inserted = rows.len();
                let removed = match rows {
                    Rows::Units(r) => Rows::Units(splice(&mut p.units, at, remove, r)),
                    Rows::Income(r) => Rows::Income(splice(&mut p.income, at, remove, r)),
                    Rows::Basic(r) => Rows::Basic(splice(&mut p.basic_lines, at, remove, r)),
                    Rows::Projects(r) => Rows::Projects(splice(&mut p.projects, at, remove, r)),
                };
                Edit::Splice(Splice {
                    at,
                    remove: inserted,
                    rows: removed,
                })
            }
            Edit::Reorder(list, order) => {
                let back = match list {
                    List::Units => reorder(&mut p.units, &order),
                    List::Income => reorder(&mut p.income, &order),
                    List::Basic => reorder(&mut p.basic_lines, &order),
                    List::Projects => reorder(&mut p.projects, &order),
                };
                Edit::Reorder(list, back)
            }
            Edit::Group(edits) => {
                let mut back: Vec<Edit> = edits.into_iter().map(|e| e.apply(p)).collect();
                back.reverse();
                Edit::Group(back)
            }
            Edit::Whole(x) => Edit::Whole(Box::new(mem::replace(p, *x))),
        }
    }

    /// Whether applying the edit to `p` would change nothing.
    pub fn is_noop(&self, p: &Package) -> bool {
        match self {
            Edit::Department(d) => **d == p.department,
            Edit::Performance(x) => **x == p.performance,
            Edit::LastYear(x) => x.0 == p.last_year && x.1 == p.rejected.last_year && x.2 == p.last_year_source,
            Edit::Texts(x) => *x == p.texts,
            Edit::Assets(x) => x.0 == p.assets && x.1 == p.rejected.assets,
            Edit::NarrativeOverrides(x) => *x == p.narrative_overrides,
            Edit::Wording(x) => **x == p.wording,
            Edit::Catalog(x) => **x == p.catalog,
            Edit::Splice(Splice { at, remove, rows }) => {
                let (at, end) = (*at, at + remove);
                *remove == rows.len()
                    && match rows {
                        Rows::Units(r) => p.units.get(at..end) == Some(r.as_slice()),
                        Rows::Income(r) => p.income.get(at..end) == Some(r.as_slice()),
                        Rows::Basic(r) => p.basic_lines.get(at..end) == Some(r.as_slice()),
                        Rows::Projects(r) => p.projects.get(at..end) == Some(r.as_slice()),
                    }
            }
            Edit::Reorder(_, order) => order.iter().enumerate().all(|(i, &j)| i == j),
            Edit::Group(edits) => edits.iter().all(|e| e.is_noop(p)),
            Edit::Whole(x) => **x == *p,
        }
    }

    /// A rough count of the bytes the edit keeps on the heap (for the
    /// history's memory bound): the rows or parts it holds.
    pub fn heap_size(&self) -> usize {
        fn rows<T>(v: &[T]) -> usize {
            mem::size_of_val(v)
        }
        match self {
            Edit::Splice(Splice { rows: r, .. }) => match r {
                Rows::Units(v) => rows(v),
                Rows::Income(v) => rows(v),
                Rows::Basic(v) => rows(v),
                Rows::Projects(v) => rows(v) + v.iter().map(|x| rows(&x.lines) + rows(&x.indicators)).sum::<usize>(),
            },
            Edit::Reorder(_, order) => rows(order),
            Edit::Group(edits) => edits.iter().map(Edit::heap_size).sum(),
            Edit::Whole(p) => {
                mem::size_of::<Package>()
                    + rows(&p.basic_lines)
                    + rows(&p.income)
                    + rows(&p.units)
                    + rows(&p.projects)
                    + p.projects
                        .iter()
                        .map(|x| rows(&x.lines) + rows(&x.indicators))
                        .sum::<usize>()
            }
            _ => mem::size_of::<Edit>() + 256,
        }
    }
}

/// Moves every row that names unit `old` (收入, 基本支出, projects) to
/// `new`, the unit's corrected code; returns the edit that puts them back,
/// or `None` when no row named `old`. Codes compare trimmed.
pub fn rename_unit_refs(p: &mut Package, old: &str, new: &str) -> Option<Edit> {
    let (old, new) = (old.trim(), new.trim());
    fn span<T>(rows: &[T], names: impl Fn(&T) -> bool) -> Option<Range<usize>> {
        let first = rows.iter().position(&names)?;
        let last = rows.iter().rposition(&names)?;
        Some(first..last + 1)
    }
    let spans = [
        (List::Income, span(&p.income, |x| x.unit.trim() == old)),
        (List::Basic, span(&p.basic_lines, |x| x.unit.trim() == old)),
        (List::Projects, span(&p.projects, |x| x.unit.trim() == old)),
    ];
    let mut back = Vec::new();
    for (list, range) in spans {
        let Some(range) = range else { continue };
        let captured = Part::Rows(list, range.clone()).capture(p);
        let rename = |unit: &mut String| {
            if unit.trim() == old {
                *unit = new.to_string();
            }
        };
        match list {
            List::Income => p.income[range].iter_mut().for_each(|x| rename(&mut x.unit)),
            List::Basic => p.basic_lines[range].iter_mut().for_each(|x| rename(&mut x.unit)),
            List::Projects => p.projects[range].iter_mut().for_each(|x| rename(&mut x.unit)),
            List::Units => {}
        }
        back.push(captured.inverse(p));
    }
    (!back.is_empty()).then_some(Edit::Group(back))
}

/// A change as a value, of some document: applied, it returns its inverse.
/// The undo [`History`] keeps these; [`Edit`] is the 预算 package's,
/// [`crate::final_edit::FinalEdit`] the 决算 package's.
pub trait Step: Sized {
    type Doc;
    /// Applies the step; returns the step that undoes it.
    fn apply_to(self, doc: &mut Self::Doc) -> Self;
    /// Whether applying the step to `doc` would change nothing.
    fn changes_nothing(&self, doc: &Self::Doc) -> bool;
    /// A rough count of the bytes the step keeps on the heap.
    fn heap_bytes(&self) -> usize;
}

impl Step for Edit {
    type Doc = Package;
    fn apply_to(self, doc: &mut Package) -> Edit {
        self.apply(doc)
    }
    fn changes_nothing(&self, doc: &Package) -> bool {
        self.is_noop(doc)
    }
    fn heap_bytes(&self) -> usize {
        self.heap_size()
    }
}

/// Undo and redo: each step is the [`Edit`] (or another [`Step`]) that goes
/// back (or forward). A typing run (several changes under one key) is one step.
#[derive(Debug)]
pub struct History<E = Edit> {
    undo: Vec<E>,
    redo: Vec<E>,
    /// The key of the typing run the last step belongs to.
    run: Option<String>,
}

impl<E> Default for History<E> {
    fn default() -> Self {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
            run: None,
        }
    }
}

impl<E: Step> History<E> {
    /// The most steps kept; older ones are dropped.
    pub const LIMIT: usize = 200;

    /// Whether a change under `key` continues the current typing run (its
    /// step already goes back to before the run).
    pub fn continues(&self, key: &str) -> bool {
        !key.is_empty() && self.run.as_deref() == Some(key)
    }

    /// Records the inverse of a change made under `key` (empty: a change of
    /// its own). A change that continues the typing run adds no step.
    pub fn record(&mut self, key: &str, inverse: E) {
        if !self.continues(key) {
            self.undo.push(inverse);
            if self.undo.len() > Self::LIMIT {
                self.undo.remove(0);
            }
            self.redo.clear();
        }
        self.run = (!key.is_empty()).then(|| key.to_string());
    }

    /// Ends the typing run: the next change starts a new step. True when
    /// a run was open.
    pub fn end_run(&mut self) -> bool {
        self.run.take().is_some()
    }

    /// The key of the typing run under way, if one is open.
    pub fn run_key(&self) -> Option<&str> {
        self.run.as_deref()
    }

    /// Takes the last step off the history (to record it again joined with
    /// more changes, as one step); ends the typing run.
    pub fn take_last(&mut self) -> Option<E> {
        self.run = None;
        self.undo.pop()
    }

    /// The step of the typing run under way (it goes back to before the
    /// run), if one is open.
    pub fn open_run(&self) -> Option<&E> {
        self.run.as_ref().and(self.undo.last())
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Takes one step back; false when there is none.
    pub fn undo(&mut self, p: &mut E::Doc) -> bool {
        self.run = None;
        match self.undo.pop() {
            Some(e) => {
                self.redo.push(e.apply_to(p));
                true
            }
            None => false,
        }
    }

    /// Takes one step forward again; false when there is none.
    pub fn redo(&mut self, p: &mut E::Doc) -> bool {
        self.run = None;
        match self.redo.pop() {
            Some(e) => {
                self.undo.push(e.apply_to(p));
                true
            }
            None => false,
        }
    }

    /// Drops the last step when it would change nothing (a typing run that
    /// was cancelled); true when dropped.
    pub fn drop_noop(&mut self, p: &E::Doc) -> bool {
        self.run = None;
        if self.undo.last().is_some_and(|e| e.changes_nothing(p)) {
            self.undo.pop();
            true
        } else {
            false
        }
    }

    /// Forgets every step (another document).
    pub fn clear(&mut self) {
        *self = History::default();
    }

    /// Steps that can be undone.
    pub fn len(&self) -> usize {
        self.undo.len()
    }
    pub fn is_empty(&self) -> bool {
        self.undo.is_empty()
    }

    /// A rough count of the bytes the history keeps (see [`Edit::heap_size`]).
    pub fn heap_size(&self) -> usize {
        self.undo.iter().chain(&self.redo).map(Step::heap_bytes).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::department;
    use rust_decimal::Decimal;

    /// Makes a change through a part and checks that the inverse restores.
    fn round_trip(part: Part, change: impl FnOnce(&mut Package)) {
        let mut p = department(3, 4, 40);
        let before = p.clone();
        let captured = part.capture(&p);
        change(&mut p);
        let after = p.clone();
        let inverse = captured.inverse(&p);
        let redo = inverse.apply(&mut p);
        assert_eq!(p, before, "{part:?}: undo restores");
        redo.apply(&mut p);
        assert_eq!(p, after, "{part:?}: redo reapplies");
    }

    #[test]
    fn every_kind_of_change_goes_back_and_forth() {
        round_trip(Part::row(List::Basic, 5), |p| {
            p.basic_lines[5].amount = Decimal::new(7, 0)
        });
        round_trip(Part::Rows(List::Basic, 3..6), |p| {
            p.basic_lines.drain(3..6);
        });
        round_trip(Part::Rows(List::Basic, 18..24), |p| {
            p.basic_lines[18].note = "x".into();
            p.basic_lines.push(BasicLine::default());
            p.basic_lines.push(BasicLine::default());
        });
        round_trip(Part::row(List::Basic, 2), |p| {
            p.basic_lines.insert(2, BasicLine::default())
        });
        round_trip(Part::append(List::Income, &department(3, 4, 40)), |p| {
            p.income.push(IncomeEntry::default())
        });
        round_trip(Part::row(List::Projects, 1), |p| p.projects[1].lines.clear());
        round_trip(Part::all_rows(List::Units), |p| p.units.reverse());
        round_trip(Part::Department, |p| p.department.name = "新名称".into());
        round_trip(Part::LastYear, |p| {
            p.rejected.last_year.insert(LastYearItem::ALL[0], "abc".into());
        });
        round_trip(Part::Assets, |p| {
            p.assets.vehicles_total = Some(3);
            p.rejected.assets.insert("official".into(), "x".into());
        });
        round_trip(Part::Texts, |p| {
            p.texts.insert(TextKey::Duties, "职责".into());
        });
        round_trip(Part::Whole, |p| *p = Package::default());
    }

    #[test]
    fn renaming_a_units_code_in_its_rows_goes_back_and_forth() {
        let mut p = department(3, 4, 40);
        let before = p.clone();
        let old = p.units[1].code.clone();
        let named = |p: &Package, c: &str| {
            p.basic_lines.iter().filter(|l| l.unit == c).count() + p.income.iter().filter(|l| l.unit == c).count()
        };
        let n = named(&p, &old);
        assert!(n > 0);
        let back = rename_unit_refs(&mut p, &old, "NEW").expect("rows named the unit");
        assert_eq!((named(&p, "NEW"), named(&p, &old)), (n, 0));
        let after = p.clone();
        let redo = back.apply(&mut p);
        assert_eq!(p, before);
        redo.apply(&mut p);
        assert_eq!(p, after);
        assert!(rename_unit_refs(&mut p, "no such unit", "x").is_none());
    }

    #[test]
    fn reorder_goes_back() {
        let mut p = department(3, 4, 40);
        let before = p.clone();
        let mut order: Vec<usize> = (0..p.basic_lines.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(p.basic_lines[i].amount));
        let sorted: Vec<_> = order.iter().map(|&i| p.basic_lines[i].clone()).collect();
        let back = Edit::Reorder(List::Basic, order).apply(&mut p);
        assert_eq!(p.basic_lines, sorted);
        back.apply(&mut p);
        assert_eq!(p, before);
    }

    #[test]
    fn a_typing_run_is_one_step_and_a_cancelled_one_goes() {
        let mut p = department(3, 4, 40);
        let before = p.clone();
        let mut h = History::default();
        for v in [1, 12, 123] {
            let c = Part::row(List::Basic, 0).capture(&p);
            p.basic_lines[0].amount = Decimal::new(v, 0);
            h.record("basic:0:amount", c.inverse(&p));
        }
        assert_eq!(h.len(), 1);
        assert!(h.undo(&mut p));
        assert_eq!(p, before);
        assert!(h.redo(&mut p));
        assert_eq!(p.basic_lines[0].amount, Decimal::new(123, 0));
        // Typing that ends where it started leaves a step that changes nothing.
        let c = Part::row(List::Basic, 1).capture(&p);
        h.record("basic:1:amount", c.inverse(&p));
        assert!(h.drop_noop(&p));
        assert_eq!(h.len(), 1);
    }

    #[test]
    fn the_history_keeps_at_most_its_limit() {
        let mut p = department(3, 4, 40);
        let mut h = History::default();
        for i in 0..History::<Edit>::LIMIT + 10 {
            let c = Part::row(List::Basic, 0).capture(&p);
            p.basic_lines[0].amount = Decimal::from(i);
            h.record("", c.inverse(&p));
        }
        assert_eq!(h.len(), History::<Edit>::LIMIT);
    }
}
