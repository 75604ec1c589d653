//! Resolve: every line of the package (basic and project lines alike) with
//! its defaults applied — the 政府 code for the unit's 性质, the 经费类型 for
//! the code — and its codes interned. Every later step reads these lines,
//! never the raw package lines, so a default is decided once.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use yusuan_model::catalog::{Catalog, CodeKind};
use yusuan_model::{Budget, CostKind, FundSource, Package, Procurement, ProjectKind, UnitKind, Yuan};
use yusuan_report::table::Cell;

use crate::sum::Sum;

/// Where a line lives in the package.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LineRef {
    Basic(usize),
    Project(usize, usize),
}

/// A line of the package with its defaults applied, compact (every table
/// reads every line): codes as interned ids (their text through the
/// context: [`Context::func`], [`Context::econ`], [`Context::gov`]), the amount
/// as an exact [`Sum`].
#[derive(Clone, Debug)]
pub struct Line {
    pub amount: Sum,
    /// Index into `package.units`, [`NONE`] when the unit code is unknown.
    unit: u32,
    /// Index into `package.projects`, [`NONE`] for a basic line.
    project: u32,
    /// The line's index in `package.basic_lines` or in its project's lines.
    index: u32,
    /// Indices of the 功能, 部门 and 政府 codes (the override, or the default for
    /// the unit's 性质) in the context's `funcs`, `econs`, `govs`.
    pub func_id: u32,
    pub econ_id: u32,
    pub gov_id: u32,
    /// The default 政府 code for the 部门 code and the unit's 性质 ("" when none is known).
    pub default_gov_id: u32,
    pub gov_overridden: bool,
    /// The project's 类型 (a project line).
    pub project_kind: Option<ProjectKind>,
    pub kind: CostKind,
    /// The 经费类型 the code takes by default.
    pub default_kind: CostKind,
    /// `kind` is the code's default, not the officer's choice.
    pub kind_defaulted: bool,
    pub source: FundSource,
    pub procurement: Option<Procurement>,
}

/// No unit (an unknown unit code), no project (a basic line).
const NONE: u32 = u32::MAX;

impl Line {
    pub fn is_basic(&self) -> bool {
        self.project == NONE
    }
    /// Index into `package.units`, `None` when the unit code is unknown.
    pub fn unit(&self) -> Option<usize> {
        (self.unit != NONE).then_some(self.unit as usize)
    }
    /// Index into `package.projects`, `None` for a basic line.
    pub fn project(&self) -> Option<usize> {
        (self.project != NONE).then_some(self.project as usize)
    }
    pub fn origin(&self) -> LineRef {
        match self.project() {
            None => LineRef::Basic(self.index as usize),
            Some(p) => LineRef::Project(p, self.index as usize),
        }
    }
    /// 机构运行经费: the 公用经费 (by the line's 经费类型) of basic lines of
    /// 财政拨款 money (the three budgets).
    pub fn is_operating_cost(&self) -> bool {
        self.is_basic() && self.source.is_government() && self.kind == CostKind::Public
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
pub struct Codes<'a> {
    pub codes: Vec<&'a str>,
    index: CodeMap<'a, u32>,
    /// Keys and ids of codes looked up before, by a few bits of the key
    /// (direct-mapped: a code whose slot another holds goes to `index`). A
    /// package uses tens of codes of a kind, looked up once per line.
    recent: Box<[(u64, u32); RECENT]>,
}

/// Slots of [`Codes::recent`] (a power of two).
const RECENT: usize = 64;

impl Default for Codes<'_> {
    fn default() -> Self {
        Codes {
            codes: Vec::new(),
            index: CodeMap::default(),
            recent: Box::new([(NO_KEY, 0); RECENT]),
        }
    }
}

impl<'a> Codes<'a> {
    fn id(&mut self, code: &'a str) -> u32 {
        let key = CodeMap::<u32>::key(code);
        let slot = key.map(|k| (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58) as usize % RECENT);
        if let (Some(k), Some(i)) = (key, slot)
            && self.recent[i].0 == k
        {
            return self.recent[i].1;
        }
        let id = match self.index.get(code) {
            Some(&id) => id,
            None => {
                let id = self.codes.len() as u32;
                self.codes.push(code);
                self.index.insert(code, id);
                id
            }
        };
        if let (Some(k), Some(i)) = (key, slot) {
            self.recent[i] = (k, id);
        }
        id
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

/// A map keyed by a code's text. A code of up to 7 bytes (every 功能, 经济
/// and unit code of the catalogs) is looked up as one integer: its bytes and
/// its length; a longer one by its text.
pub(crate) struct CodeMap<'a, V> {
    short: HashMap<u64, V, FastHash>,
    long: HashMap<&'a str, V, FastHash>,
}

/// [`IntHasher`] for `HashMap`s and `HashSet`s.
pub(crate) type FastHash = BuildHasherDefault<IntHasher>;

impl<V> Default for CodeMap<'_, V> {
    fn default() -> Self {
        CodeMap {
            short: HashMap::default(),
            long: HashMap::default(),
        }
    }
}

/// No code's key (a key's top byte is the code's length, below 8).
const NO_KEY: u64 = u64::MAX;

impl<'a, V> CodeMap<'a, V> {
    fn with_capacity(n: usize) -> Self {
        CodeMap {
            short: HashMap::with_capacity_and_hasher(n, FastHash::default()),
            long: HashMap::default(),
        }
    }
    /// The bytes of a code of up to 7 bytes, little-endian, and its length
    /// in the top byte ([`key_bytewise`] is the definition): read as at most
    /// two fixed-size words instead of byte by byte (three or four codes of
    /// every line are keyed, issue 9).
    #[inline]
    fn key(code: &str) -> Option<u64> {
        let b = code.as_bytes();
        let w2 = |i: usize| u64::from(u16::from_le_bytes([b[i], b[i + 1]]));
        let w4 = |i: usize| u64::from(u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]));
        let k = match b.len() {
            0 => 0,
            1 => u64::from(b[0]),
            2 => w2(0),
            3 => w2(0) | u64::from(b[2]) << 16,
            4 => w4(0),
            5 => w4(0) | u64::from(b[4]) << 32,
            6 => w4(0) | w2(4) << 32,
            // Bytes 3..7 over bytes 0..4: byte 3 is in both, the same.
            7 => w4(0) | w4(3) << 24,
            _ => return None,
        };
        Some(k | (b.len() as u64) << 56)
    }
    pub(crate) fn get(&self, code: &str) -> Option<&V> {
        match Self::key(code) {
            Some(k) => self.short.get(&k),
            None => self.long.get(code),
        }
    }
    /// Inserts unless present: the first value stays.
    pub(crate) fn insert(&mut self, code: &'a str, v: V) {
        match Self::key(code) {
            Some(k) => self.short.entry(k).or_insert(v),
            None => self.long.entry(code).or_insert(v),
        };
    }
}

/// [`CodeMap::key`] byte by byte: what it must give.
#[cfg(test)]
fn key_bytewise(code: &str) -> Option<u64> {
    let b = code.as_bytes();
    (b.len() < 8).then(|| {
        let mut k = (b.len() as u64) << 56;
        for (i, &c) in b.iter().enumerate() {
            k |= u64::from(c) << (8 * i);
        }
        k
    })
}

/// The hash of the engine's maps keyed by codes: one multiplication per 8
/// bytes (SipHash, the default, took more time than the rest of resolving a
/// line). Not for keys an adversary picks: the package is the officer's own.
#[derive(Default)]
pub(crate) struct IntHasher(u64);

impl Hasher for IntHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.write_u64(u64::from_le_bytes(c.try_into().unwrap()));
        }
        for &b in chunks.remainder() {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
}

/// `s.trim()`, looking at the first and last characters only when neither
/// can be white space (nearly always: codes, names, indicator texts).
#[inline(always)]
pub(crate) fn trim(s: &str) -> &str {
    match s.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => s,
        [] => s,
        b if never_space_ends(b) => s,
        _ => trim_ends(s),
    }
}

/// Neither end of the text can be white space, told without a call: it
/// starts with a character [`never_space`] clears (an ASCII letter, digit or
/// sign, a Chinese character, `≥`, `《`) and ends with an ASCII letter,
/// digit or sign or a character of U+4000–U+9FFF (the lead byte 0xE4–0xE9
/// of its three bytes in UTF-8 stands at `len - 3`: a lead byte is never a
/// continuation byte, so it starts the last character). The indicator texts
/// of 预算12 and rule 6 (`完成率`, `≥90%`: 12,000 a recompute of the
/// 20,000-line package) went through [`trim_ends`] before (issue 9).
#[inline]
fn never_space_ends(b: &[u8]) -> bool {
    let n = b.len();
    let last = b[n - 1].is_ascii_graphic() || (n >= 3 && (0xE4..=0xE9).contains(&b[n - 3]));
    last && never_space(b)
}

/// [`trim`] of a text that starts or ends with a character other than an
/// ASCII letter, digit or sign: the end characters are looked at by their
/// bytes in UTF-8 ([`never_space`]); only a text that may start or end in
/// white space goes through `str::trim`.
#[inline(never)]
fn trim_ends(s: &str) -> &str {
    let b = s.as_bytes();
    // Where the last character starts (UTF-8 continuation bytes are
    // 0b10xx_xxxx).
    let mut i = b.len() - 1;
    while i > 0 && b[i] & 0xC0 == 0x80 {
        i -= 1;
    }
    if never_space(b) && never_space(&b[i..]) {
        s
    } else {
        s.trim()
    }
}

/// The character that `c` starts with (in UTF-8) is not white space
/// (`char::is_whitespace`, Unicode's White_Space): an ASCII letter, digit
/// or sign, or a character beyond ASCII other than U+0085, U+00A0 (0xC2 …),
/// U+1680 (0xE1 0x9A 0x80), U+2000–U+200A, U+2028, U+2029, U+202F
/// (0xE2 0x80 …), U+205F (0xE2 0x81 0x9F) and U+3000 (0xE3 0x80 0x80): a
/// Chinese character, `≥`, `《` or `。` never is.
#[inline]
fn never_space(c: &[u8]) -> bool {
    match *c {
        [a, ..] if a.is_ascii_graphic() => true,
        [0xC2, b, ..] => b != 0x85 && b != 0xA0,
        [0xE1, 0x9A, b, ..] => b != 0x80,
        [0xE2, 0x80, b, ..] => !matches!(b, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
        [0xE2, 0x81, b, ..] => b != 0x9F,
        [0xE3, 0x80, b, ..] => b != 0x80,
        [a, ..] => a >= 0xC0,
        [] => false,
    }
}

/// Figures by funding source (indexed by `FundSource as usize`).
pub type BySource = [Option<Sum>; FundSource::ALL.len()];

/// The shared inputs of every table builder.
pub struct Context<'a> {
    pub package: &'a Package,
    pub catalog: &'a Catalog,
    pub lines: Vec<Line>,
    pub decimals: u32,
    /// The 功能, 部门经济 and 政府经济 codes the lines use.
    pub funcs: Codes<'a>,
    pub econs: Codes<'a>,
    pub govs: Codes<'a>,
    /// The "三公" item of each 部门 code of `econs`, by id.
    three_public: Vec<Option<ThreePublicItem>>,
    /// Where each project's lines start in `lines` (then the end of the last).
    project_starts: Vec<u32>,
    /// The income of each unit (by index) by source, in exact 分; `None`
    /// where it has no entry (预算02 and rule 2 read it).
    pub unit_income: Vec<BySource>,
    /// Unit code → index into `package.units` (the last unit of a code).
    unit_index: CodeMap<'a, usize>,
    /// The unit each unit's own code names, each project's unit code names
    /// and each income entry's (by index; [`NONE`] for an unknown code):
    /// looked up once, read by several tables and rules.
    unit_units: Vec<u32>,
    project_units: Vec<u32>,
    income_units: Vec<u32>,
    /// Some basic line has a 备注 (the text lint reads them only then).
    pub notes: bool,
    /// Some basic or project line has a rejected entry (rule 8 reads the
    /// lines only then).
    pub lines_rejected: bool,
    /// The lines merged by what the figures of tables and totals depend on
    /// (see [`Context::merged`]), when that is exact.
    merged: Option<Vec<Line>>,
    /// Each unit's code and name cells and each project's name cell, made
    /// on first use: 预算02, 10 and 12 show them again and again, and a
    /// clone shares a long name (one allocation) and copies a short one
    /// without re-reading the package's text (issue 9).
    unit_cells: OnceCell<Vec<[Cell; 2]>>,
    project_names: OnceCell<Vec<Cell>>,
}

impl<'a> Context<'a> {
    /// `catalog` is the package's catalog: `Catalog::with_overrides(&package.catalog)`.
    pub fn new(package: &'a Package, catalog: &'a Catalog) -> Context<'a> {
        let decimals = package.department.decimals.min(4);
        let mut unit_index = CodeMap::with_capacity(package.units.len());
        // The last unit of a code wins, as before (a duplicate code is rule 3).
        for (i, u) in package.units.iter().enumerate().rev() {
            unit_index.insert(trim(&u.code), i);
        }
        let mut ctx = Context {
            package,
            catalog,
            lines: Vec::new(),
            decimals,
            funcs: Codes::default(),
            econs: Codes::default(),
            govs: Codes::default(),
            three_public: Vec::new(),
            project_starts: Vec::with_capacity(package.projects.len() + 1),
            unit_income: vec![[None; FundSource::ALL.len()]; package.units.len()],
            unit_index,
            unit_units: Vec::new(),
            project_units: Vec::with_capacity(package.projects.len()),
            income_units: Vec::with_capacity(package.income.len()),
            notes: false,
            merged: None,
            lines_rejected: false,
            unit_cells: OnceCell::new(),
            project_names: OnceCell::new(),
        };
        ctx.unit_units = package
            .units
            .iter()
            .map(|u| ctx_unit(&ctx.unit_index, &u.code))
            .collect();
        for e in &package.income {
            let u = ctx_unit(&ctx.unit_index, &e.unit);
            ctx.income_units.push(u);
            if u != NONE {
                *ctx.unit_income[u as usize][e.source as usize].get_or_insert_default() += Sum::from(e.amount);
            }
        }
        let (lines, merged) = resolve_lines(&mut ctx);
        ctx.lines = lines;
        ctx.merged = merged;
        ctx.three_public = ctx.econs.codes.iter().map(|c| ThreePublicItem::of_code(c)).collect();
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
    /// The line's 功能 code.
    pub fn func(&self, l: &Line) -> &'a str {
        self.funcs.codes[l.func_id as usize]
    }
    /// The line's 部门 economic code.
    pub fn econ(&self, l: &Line) -> &'a str {
        self.econs.codes[l.econ_id as usize]
    }
    /// The line's 政府 code: the override, or the default for the unit's 性质 ("" when none is known).
    pub fn gov(&self, l: &Line) -> &'a str {
        self.govs.codes[l.gov_id as usize]
    }
    /// The default 政府 code for the line's 部门 code and unit's 性质 ("" when none is known).
    pub fn default_gov(&self, l: &Line) -> &'a str {
        self.govs.codes[l.default_gov_id as usize]
    }
    /// The unit code the line is booked to, as written (trimmed).
    pub fn unit_code(&self, l: &Line) -> &'a str {
        let p = self.package;
        trim(match l.project() {
            None => &p.basic_lines[l.index as usize].unit,
            Some(i) => &p.projects[i].unit,
        })
    }
    /// The "三公" item the line counts in: 一般公共预算 money (with its
    /// carry-over) under one of the four 部门 codes.
    pub fn three_public(&self, l: &Line) -> Option<ThreePublicItem> {
        if l.source.budget() != Some(Budget::General) {
            return None;
        }
        self.three_public[l.econ_id as usize]
    }
    /// The lines for figures that depend only on a line's 功能, 部门 and 政府
    /// codes, source, 经费类型, project 类型 (or none: a basic line) and
    /// 采购 kind — not on its unit, project or place: lines alike in all of
    /// these merged into one (their amounts added up), when that gives the
    /// very same sums (see [`merge`]); else every line. A figure over a
    /// selection of these by those fields is the figure over the lines, to
    /// the last digit and scale; the merged lines' unit, project and origin
    /// are those of one of their lines, not to be read.
    pub fn merged(&self) -> &[Line] {
        self.merged.as_deref().unwrap_or(&self.lines)
    }
    /// The lines of project `i`, in order.
    pub fn project_lines(&self, i: usize) -> &[Line] {
        &self.lines[self.project_starts[i] as usize..self.project_starts[i + 1] as usize]
    }
    /// The index of the unit with this code.
    pub fn unit_of(&self, code: &str) -> Option<usize> {
        self.unit_index.get(trim(code)).copied()
    }
    /// The index of the unit that unit `u`'s code names (`u` itself, or a
    /// later unit of the same code: the last unit of a code wins).
    pub fn unit_of_unit(&self, u: usize) -> Option<usize> {
        some_index(self.unit_units[u])
    }
    /// `self.unit_of(&package.projects[i].unit)`, looked up once.
    pub fn project_unit(&self, i: usize) -> Option<usize> {
        some_index(self.project_units[i])
    }
    /// `self.unit_of(&package.income[i].unit)`, looked up once.
    pub fn income_unit(&self, i: usize) -> Option<usize> {
        some_index(self.income_units[i])
    }
    pub fn unit_name(&self, unit: Option<usize>) -> &str {
        unit.map(|u| self.package.units[u].name.as_str()).unwrap_or("")
    }
    /// Unit `u`'s code and name as cells (`Cell::code(&unit.code)`,
    /// `Cell::text(&unit.name)`), made once per recompute.
    pub(crate) fn unit_cells(&self, u: usize) -> &[Cell; 2] {
        &self.unit_cells.get_or_init(|| {
            self.package
                .units
                .iter()
                .map(|x| [Cell::code(&x.code), Cell::text(&x.name)])
                .collect()
        })[u]
    }
    /// Project `i`'s name as a cell (`Cell::text(&project.name)`), made once
    /// per recompute.
    pub(crate) fn project_name(&self, i: usize) -> &Cell {
        &self
            .project_names
            .get_or_init(|| self.package.projects.iter().map(|x| Cell::text(&x.name)).collect())[i]
    }
    /// The lines as the editor shows them (owned: no borrow of the package).
    pub fn resolved(&self) -> Vec<crate::ResolvedLine> {
        self.lines
            .iter()
            .map(|l| crate::ResolvedLine {
                origin: l.origin(),
                gov: l.gov_id,
                default_gov: l.default_gov_id,
                gov_defaulted: !l.gov_overridden,
                kind: l.kind,
                default_kind: l.default_kind,
                kind_defaulted: l.kind_defaulted,
                three_public: self.three_public(l),
            })
            .collect()
    }
}

thread_local! {
    /// The vector of lines of this thread's last recompute, emptied, for the
    /// next one (a 20,000-line package's takes 1.3 MB: allocated anew on every
    /// recompute, its pages were faulted in again each time).
    static SPARE_LINES: std::cell::Cell<Vec<Line>> = const { std::cell::Cell::new(Vec::new()) };
}

thread_local! {
    /// The merged lines' vector and the map of their keys of this thread's
    /// last recompute, for the next one: made anew, their growth and release
    /// on every recompute left the heap's top free, and glibc gave it back to
    /// the kernel to fault in again (≈ 240 pages per recompute, issue 9).
    static SPARE_MERGED: std::cell::Cell<Vec<Line>> = const { std::cell::Cell::new(Vec::new()) };
    static SPARE_IDS: std::cell::Cell<Option<HashMap<u64, u32, FastHash>>> = const { std::cell::Cell::new(None) };
}

impl Drop for Context<'_> {
    fn drop(&mut self) {
        let mut lines = std::mem::take(&mut self.lines);
        lines.clear();
        SPARE_LINES.with(|s| s.set(lines));
        if let Some(mut merged) = self.merged.take() {
            merged.clear();
            SPARE_MERGED.with(|s| s.set(merged));
        }
    }
}

/// A line's raw fields, shared by basic and project lines.
struct Raw<'a> {
    unit: u32,
    project: u32,
    index: u32,
    func: &'a str,
    econ: &'a str,
    gov: Option<&'a str>,
    kind: Option<CostKind>,
    source: FundSource,
    amount: Yuan,
    procurement: Option<Procurement>,
}

/// The resolved lines, and the merged lines (see [`merge`]) made while
/// resolving them, not in a walk of their own (issue 9).
fn resolve_lines<'a>(ctx: &mut Context<'a>) -> (Vec<Line>, Option<Vec<Line>>) {
    let (p, catalog) = (ctx.package, ctx.catalog);
    // The default 政府 code depends on the 部门 code and the unit's 性质 only:
    // by 部门 code id, [administrative, institution].
    let mut defaults: Vec<[Option<u32>; 2]> = Vec::new();
    // The 经费类型 of each 部门 code, by id.
    let mut default_kinds: Vec<CostKind> = Vec::new();
    let n = p.basic_lines.len() + p.projects.iter().map(|x| x.lines.len()).sum::<usize>();
    let mut out = SPARE_LINES.with(|s| s.take());
    out.clear();
    out.reserve(n);
    let mut merger = Some(Merger::new());
    let mut push = |ctx: &mut Context<'a>, r: Raw<'a>| {
        let econ_id = ctx.econs.id(r.econ);
        if default_kinds.len() <= econ_id as usize {
            default_kinds.push(CostKind::default_for(r.econ));
        }
        let default_kind = default_kinds[econ_id as usize];
        let unit_kind = if r.unit == NONE {
            UnitKind::Administrative
        } else {
            p.units[r.unit as usize].kind
        };
        if defaults.len() <= econ_id as usize {
            defaults.resize(econ_id as usize + 1, [None; 2]);
        }
        let slot = &mut defaults[econ_id as usize][usize::from(unit_kind.is_institution())];
        let default_gov_id = match *slot {
            Some(id) => id,
            None => {
                let id = ctx.govs.id(catalog.default_gov(r.econ, unit_kind).unwrap_or(""));
                *slot = Some(id);
                id
            }
        };
        let (gov_id, gov_overridden) = match r.gov {
            Some(g) if !g.is_empty() => (ctx.govs.id(g), true),
            _ => (default_gov_id, false),
        };
        out.push(Line {
            amount: Sum::from(r.amount),
            unit: r.unit,
            project: r.project,
            index: r.index,
            func_id: ctx.funcs.id(r.func),
            econ_id,
            gov_id,
            default_gov_id,
            gov_overridden,
            project_kind: (r.project != NONE).then(|| p.projects[r.project as usize].kind),
            kind: r.kind.unwrap_or(default_kind),
            default_kind,
            kind_defaulted: r.kind.is_none(),
            source: r.source,
            procurement: r.procurement,
        });
        if let Some(m) = &mut merger
            && m.add(&out[out.len() - 1], out.len() - 1).is_none()
        {
            merger = None;
        }
    };
    let mut rejected = false;
    let mut notes = false;
    // The key and unit of the last basic line's unit code (lines of a unit
    // mostly follow one another).
    let mut last_unit = (NO_KEY, NONE);
    for (i, l) in p.basic_lines.iter().enumerate() {
        rejected |= !l.rejected.is_empty();
        notes |= !l.note.is_empty();
        let code = trim(&l.unit);
        let key = CodeMap::<usize>::key(code);
        let unit = if key == Some(last_unit.0) {
            last_unit.1
        } else {
            let u = ctx_unit(&ctx.unit_index, code);
            if let Some(k) = key {
                last_unit = (k, u);
            }
            u
        };
        let raw = Raw {
            unit,
            project: NONE,
            index: i as u32,
            func: trim(&l.func),
            econ: trim(&l.econ),
            gov: l.gov.as_deref().map(trim),
            kind: l.kind,
            source: l.source,
            amount: l.amount,
            procurement: l.procurement,
        };
        push(ctx, raw);
    }
    let mut start = p.basic_lines.len();
    for (pi, proj) in p.projects.iter().enumerate() {
        ctx.project_starts.push(start as u32);
        start += proj.lines.len();
        let unit = ctx_unit(&ctx.unit_index, &proj.unit);
        ctx.project_units.push(unit);
        for (li, l) in proj.lines.iter().enumerate() {
            rejected |= !l.rejected.is_empty();
            let raw = Raw {
                unit,
                project: pi as u32,
                index: li as u32,
                func: trim(&l.func),
                econ: trim(&l.econ),
                gov: l.gov.as_deref().map(trim),
                kind: None,
                source: l.source,
                amount: l.amount,
                procurement: l.procurement,
            };
            push(ctx, raw);
        }
    }
    ctx.project_starts.push(start as u32);
    ctx.lines_rejected = rejected;
    ctx.notes = notes;
    (out, merger.map(Merger::finish))
}

/// [`Context::merged`]: lines with the same 功能, 部门 and 政府 code ids,
/// source, 经费类型, project 类型 and 采购 kind merged into one, the merged
/// lines in the order of their last line. `None` (the lines are used as they
/// are) unless every amount is a plain [`Sum`] (≥ 0, not `-0`, at most two
/// decimals) and all of them add up within `i64` 分: then a sum over merged
/// lines is the sum over their lines in the package's order — the same 分,
/// the same set of scales, and, ordered by their last line, the same last
/// amount (whose scale a sum of zeros takes) — and no partial sum leaves
/// `i64`. Also `None` when a code id does not fit the 16 bits of the key
/// (more than 65,536 distinct codes).
///
/// Made line by line while resolving ([`Merger`]); this is the definition,
/// in one walk over the lines, that the tests hold it to.
#[cfg(test)]
fn merge(lines: &[Line]) -> Option<Vec<Line>> {
    let mut total: i64 = 0;
    for l in lines {
        total = total.checked_add(l.amount.plain_fen()?)?;
    }
    let key = merge_key;
    // The merged lines, each with the position of its last line in `index`.
    let mut merged: Vec<Line> = Vec::new();
    let mut ids: HashMap<u64, u32, FastHash> = HashMap::default();
    let mut last = (NO_KEY, 0u32);
    for (i, l) in lines.iter().enumerate() {
        let k = key(l)?;
        let g = if k == last.0 {
            last.1
        } else {
            let g = *ids.entry(k).or_insert_with(|| {
                let mut first = l.clone();
                first.amount = Sum::ZERO;
                merged.push(first);
                merged.len() as u32 - 1
            });
            last = (k, g);
            g
        };
        let m = &mut merged[g as usize];
        m.amount += l.amount;
        m.index = i as u32;
    }
    merged.sort_unstable_by_key(|m| m.index);
    Some(merged)
}

/// The key lines are merged by (see [`merge`]); `None` when a code id does
/// not fit its 16 bits.
fn merge_key(l: &Line) -> Option<u64> {
    let id = |x: u32| (x < 1 << 16).then_some(u64::from(x));
    let kind = match l.project_kind {
        None => 0,
        Some(ProjectKind::Operating) => 1,
        Some(ProjectKind::SpecificTarget) => 2,
    };
    let procurement = l.procurement.map_or(0, |p| p as u64 + 1);
    Some(
        id(l.func_id)?
            | id(l.econ_id)? << 16
            | id(l.gov_id)? << 32
            | (l.source as u64) << 48
            | (l.kind as u64) << 53
            | kind << 54
            | procurement << 56,
    )
}

/// [`merge`] made one line at a time, in the lines' order: a line that is
/// not plain, a total beyond `i64` 分 or a code id beyond 16 bits ends it
/// (`add` gives `None`: the lines are used as they are). The total is
/// checked before a line is added, so no merged line's sum leaves `i64`
/// before that.
struct Merger {
    total: i64,
    /// The merged lines, each with the position of its last line in `index`.
    merged: Vec<Line>,
    ids: HashMap<u64, u32, FastHash>,
    /// Keys and merged lines looked up before, by a few bits of the key
    /// (direct-mapped, as [`Codes::recent`]: lines alike mostly come in runs
    /// of a few keys; a key whose slot another holds goes to `ids`).
    recent: [(u64, u32); RECENT],
}

impl Merger {
    /// With the thread's spare vector and map, if any.
    fn new() -> Merger {
        let mut merged = SPARE_MERGED.with(|s| s.take());
        merged.clear();
        let mut ids = SPARE_IDS.with(|s| s.take()).unwrap_or_default();
        ids.clear();
        Merger {
            total: 0,
            merged,
            ids,
            recent: [(NO_KEY, 0); RECENT],
        }
    }
    #[inline]
    fn add(&mut self, l: &Line, i: usize) -> Option<()> {
        self.total = self.total.checked_add(l.amount.plain_fen()?)?;
        let k = merge_key(l)?;
        // A key has a 0 in bit 63 (`procurement << 56` is below 2^63), so
        // no key is `NO_KEY`, the empty slot.
        let slot = (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58) as usize % RECENT;
        let g = match self.recent[slot] {
            (rk, g) if rk == k => g,
            _ => {
                let merged = &mut self.merged;
                let g = *self.ids.entry(k).or_insert_with(|| {
                    let mut first = l.clone();
                    first.amount = Sum::ZERO;
                    merged.push(first);
                    merged.len() as u32 - 1
                });
                self.recent[slot] = (k, g);
                g
            }
        };
        let m = &mut self.merged[g as usize];
        m.amount += l.amount;
        m.index = i as u32;
        Some(())
    }
    fn finish(mut self) -> Vec<Line> {
        self.merged.sort_unstable_by_key(|m| m.index);
        SPARE_IDS.with(|s| s.set(Some(self.ids)));
        self.merged
    }
}

fn some_index(i: u32) -> Option<usize> {
    (i != NONE).then_some(i as usize)
}

fn ctx_unit(index: &CodeMap<'_, usize>, code: &str) -> u32 {
    index.get(trim(code)).map_or(NONE, |&u| u as u32)
}

#[cfg(test)]
mod tests {
    #[test]
    fn trim_is_str_trim() {
        // Every character alone, before and after a Chinese character and
        // an ASCII letter, and on both sides: every white space character,
        // every lead byte.
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for s in [
                format!("{c}"),
                format!("{c}预"),
                format!("预{c}"),
                format!("{c}a"),
                format!("a{c}"),
                format!("{c}预算{c}"),
            ] {
                assert_eq!(super::trim(&s), s.trim(), "U+{:04X} in {s:?}", c as u32);
            }
        }
        for s in [
            "",
            " ",
            "\u{3000}",
            "\u{3000}预算\u{3000}",
            " 2010301 ",
            "《预算》",
            "预算。",
        ] {
            assert_eq!(super::trim(s), s.trim(), "{s:?}");
        }
    }

    /// The hash of a text reads every byte of it: changing any one byte of
    /// a text of any length up to 40 changes the hash (a byte left out would
    /// leave it the same), and the same text hashes the same.
    #[test]
    fn hash_reads_every_byte() {
        use std::hash::{BuildHasher, Hash};
        let hash = |b: &[u8]| {
            let mut h = super::FastHash::default().build_hasher();
            b.hash(&mut h);
            std::hash::Hasher::finish(&h)
        };
        for n in 0..=40usize {
            let text: Vec<u8> = (0..n).map(|i| b'0' + (i % 10) as u8).collect();
            assert_eq!(hash(&text), hash(&text.clone()), "length {n}");
            for i in 0..n {
                let mut other = text.clone();
                other[i] ^= 0x40;
                assert_ne!(hash(&text), hash(&other), "length {n}, byte {i}");
            }
        }
    }

    #[test]
    fn code_keys_are_the_bytes_and_length() {
        // Every length from 0 to 9, distinct bytes in every position (a
        // shift or overlap wrong in any length gives another key), ASCII
        // and not.
        let texts = [
            "",
            "1",
            "12",
            "123",
            "1234",
            "12345",
            "123456",
            "1234567",
            "12345678",
            "123456789",
        ];
        for t in texts {
            assert_eq!(super::CodeMap::<u32>::key(t), super::key_bytewise(t), "{t:?}");
        }
        for t in [
            "预",
            "预算",
            "a预",
            "ab预",
            "预ab",
            "\u{7f}\u{80}",
            "\u{ff}\u{fe}\u{fd}",
        ] {
            assert_eq!(super::CodeMap::<u32>::key(t), super::key_bytewise(t), "{t:?}");
        }
        assert_eq!(super::CodeMap::<u32>::key("2010301"), Some(0x0731_3033_3031_3032));
        assert_eq!(super::CodeMap::<u32>::key("30101"), Some(0x0500_0031_3031_3033));
    }

    use rust_decimal::Decimal;
    use yusuan_model::{FundSource, Package, Procurement};

    use super::Context;
    use yusuan_model::catalog::Catalog;

    /// Tables and totals as text (`Debug` shows a `Decimal`'s scale and sign,
    /// which its `==` ignores).
    fn figures(ctx: &Context) -> String {
        let totals = crate::totals::totals(ctx);
        let tables = crate::tables::build_all(ctx, &totals);
        format!("{totals:#?}\n{tables:#?}")
    }

    /// A generated department with amounts ≥ 0 of 0–2 decimals, zeros of
    /// every scale among them (a sum of zeros takes its last amount's scale),
    /// every source and 采购 kind.
    fn plain_package(seed: u64, zero_every: u64) -> Package {
        let mut p = yusuan_model::generate::department(9, 40, 1500);
        let mut r = seed;
        let mut next = move || {
            r ^= r << 13;
            r ^= r >> 7;
            r ^= r << 17;
            r
        };
        let amount = |n: u64| -> Decimal {
            let scale = (n >> 8) % 3;
            if n.is_multiple_of(zero_every) {
                Decimal::new(0, scale as u32)
            } else {
                Decimal::new(((n >> 12) % 10_000_000) as i64, scale as u32)
            }
        };
        let source = |n: u64| FundSource::ALL[(n % FundSource::ALL.len() as u64) as usize];
        let procurement = |n: u64| (n % 4 < 3).then(|| Procurement::ALL[(n % 4) as usize]);
        for l in &mut p.basic_lines {
            let n = next();
            l.amount = amount(n);
            l.source = source(n >> 20);
            l.procurement = procurement(n >> 30);
        }
        for proj in &mut p.projects {
            for l in &mut proj.lines {
                let n = next();
                l.amount = amount(n);
                l.source = source(n >> 20);
                l.procurement = procurement(n >> 30);
            }
        }
        p
    }

    /// The merged lines give the figures of every table and of the totals
    /// that the lines themselves give, to the scale (issue 9): checked
    /// against the same context with merging switched off.
    #[test]
    fn merged_lines_give_the_same_figures() {
        let catalog = Catalog::builtin();
        let mut packages = vec![yusuan_model::sample_package()];
        for (seed, zero_every) in [(1, 2), (2, 3), (3, 1_000_000), (4, 1)] {
            packages.push(plain_package(seed, zero_every));
        }
        for p in &packages {
            let mut ctx = Context::new(p, catalog);
            let merged = ctx.merged.as_ref().expect("amounts ≥ 0 of two decimals are merged");
            assert!(
                merged.len() < ctx.lines.len(),
                "{} of {}",
                merged.len(),
                ctx.lines.len()
            );
            let fast = figures(&ctx);
            ctx.merged = None;
            assert_eq!(fast, figures(&ctx));
        }
    }

    /// The units looked up once while resolving (of each unit, project and
    /// income entry) are those [`Context::unit_of`] finds for their codes:
    /// with a code given twice (the last unit of a code wins), codes with
    /// blanks around them and codes of no unit.
    #[test]
    fn units_looked_up_once_are_those_of_their_codes() {
        let mut p = yusuan_model::generate::department(5, 9, 60);
        p.units[3].code = p.units[1].code.clone();
        p.units[2].code = format!(" {} ", p.units[2].code);
        p.projects[4].unit = "999999".into();
        p.projects[5].unit = format!("{} ", p.units[0].code);
        p.income[0].unit = "888888".into();
        p.income[2].unit = format!(" {}", p.units[4].code);
        let ctx = Context::new(&p, Catalog::builtin());
        let units: Vec<Option<usize>> = (0..p.units.len()).map(|u| ctx.unit_of_unit(u)).collect();
        assert_eq!(units, [Some(0), Some(3), Some(2), Some(3), Some(4)]);
        for (i, x) in p.projects.iter().enumerate() {
            assert_eq!(ctx.project_unit(i), ctx.unit_of(&x.unit), "project {i}");
        }
        assert_eq!(ctx.project_unit(4), None);
        for (i, e) in p.income.iter().enumerate() {
            assert_eq!(ctx.income_unit(i), ctx.unit_of(&e.unit), "income {i}");
        }
        assert_eq!((ctx.income_unit(0), ctx.income_unit(2)), (None, Some(4)));
        assert!(!ctx.notes);
        drop(ctx);
        p.basic_lines[7].note = "备注".into();
        assert!(Context::new(&p, Catalog::builtin()).notes);
    }

    /// The merged lines made while resolving are those [`merge`] makes from
    /// the resolved lines: the same lines, amounts (scales shown) and order,
    /// or none for the same packages.
    #[test]
    fn merged_while_resolving_as_merge_defines() {
        let catalog = Catalog::builtin();
        let mut packages = vec![
            yusuan_model::sample_package(),
            yusuan_model::generate::department(40, 150, 3_000),
        ];
        for (seed, zero_every) in [(1, 2), (2, 3), (3, 1_000_000), (4, 1)] {
            packages.push(plain_package(seed, zero_every));
        }
        let mut negative_zero = Decimal::new(0, 2);
        negative_zero.set_sign_negative(true);
        for (i, a) in [Decimal::new(-1, 0), negative_zero, Decimal::new(1, 3)]
            .into_iter()
            .enumerate()
        {
            let mut p = plain_package(5, 7);
            p.basic_lines[3 + i].amount = a;
            packages.push(p);
        }
        let mut some = 0;
        for p in &packages {
            let ctx = Context::new(p, catalog);
            let reference = super::merge(&ctx.lines);
            some += usize::from(reference.is_some());
            assert_eq!(format!("{:?}", ctx.merged), format!("{reference:?}"));
        }
        assert_eq!(some, 6, "six packages are merged, three not");
    }

    /// A negative amount or `-0.00`, or amounts beyond `i64` 分 together: the
    /// lines are used as they are.
    #[test]
    fn not_merged_unless_exact() {
        let catalog = Catalog::builtin();
        let mut negative_zero = Decimal::new(0, 2);
        negative_zero.set_sign_negative(true);
        for a in [Decimal::new(-1, 0), negative_zero, Decimal::new(1, 3)] {
            let mut p = plain_package(5, 7);
            p.basic_lines[3].amount = a;
            assert!(Context::new(&p, catalog).merged.is_none(), "{a}");
        }
        // The other amounts add up to less than 10^13 分.
        let mut p = plain_package(6, 7);
        let large = Decimal::new(i64::MAX / 2 - 10_000_000_000_000, 2);
        p.basic_lines[0].amount = large;
        p.basic_lines[1].amount = large;
        assert!(Context::new(&p, catalog).merged.is_some());
        p.basic_lines[2].amount = large;
        assert!(Context::new(&p, catalog).merged.is_none());
    }
}
