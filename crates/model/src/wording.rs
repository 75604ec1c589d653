//! The department's own wording (issue 11 item 1): choices a department makes
//! in its 情况说明 that are not figures — how it names itself, which 财政
//! level its 名词解释 names, which sections it prints and under which titles,
//! 单位构成 as a numbered list, its 名词解释 entries, and the sentence a
//! section without data says (only when the officer gave one).
//!
//! One struct for both kinds: the 预算 narrative reads every field, the 决算
//! narrative the ones its seeds vary in (titles, omitted sections, 名词解释,
//! 财政 level, no-data sentences). Every default is today's wording — 义马 for
//! the 预算, 平顶山 for the 决算 — so a file without settings prints exactly
//! what it printed before; the struct is not written to a file while it holds
//! the defaults, so such a file also saves byte for byte as before.
//!
//! A [`Preset`] (义马式, 郑州式, 平顶山式, 焦作式) fills the settings from a
//! seed; it does not stay linked: the officer edits the filled values.
//!
//! Texts may carry `{部门}` (the department's name), `{年度}` (the year) and
//! `{上年}` (the year before): [`Wording::fill`].

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// How sentences name the department.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum SelfName {
    /// 「2024年义马市…局部门（单位）」, 「我部门（单位）」 (001).
    #[default]
    DepartmentUnit,
    /// 「2024年…局部门」, 「我部门」.
    Department,
    /// 「郑州市工业和信息化局2024年」, the name in place of 「我部门」 (004).
    Name,
    /// 「2024年…局」, 「我单位」.
    Unit,
}

/// What the 主管部门 row of a 项目支出绩效自评表 (决算 附件) prints.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum ProjectDepartment {
    /// 「主管部门及代码 | 某局　321001」: the form's label, name and code.
    #[default]
    NameAndCode,
    /// 「主管部门及代码 | 509001」: the code alone (002 L781).
    Code,
    /// 「主管部门 | 焦作市城乡一体化示范区工业和信息化局」: the name alone, under
    /// 「主管部门」 (003 L1871).
    Name,
}

impl ProjectDepartment {
    pub const ALL: [ProjectDepartment; 3] = [
        ProjectDepartment::NameAndCode,
        ProjectDepartment::Code,
        ProjectDepartment::Name,
    ];

    /// The choice as the editor and the import workbook name it.
    pub fn label(self) -> &'static str {
        match self {
            ProjectDepartment::NameAndCode => "名称和代码",
            ProjectDepartment::Code => "代码",
            ProjectDepartment::Name => "名称",
        }
    }

    /// The row's label: 「主管部门」 when the code is not printed.
    pub fn row_label(self) -> &'static str {
        match self {
            ProjectDepartment::Name => "主管部门",
            _ => "主管部门及代码",
        }
    }

    /// The row's value: the department's `name` and the unit's `code`.
    pub fn value(self, name: &str, code: &str) -> String {
        match self {
            ProjectDepartment::NameAndCode => format!("{name}　{code}"),
            ProjectDepartment::Code => code.to_string(),
            ProjectDepartment::Name => name.to_string(),
        }
    }
}

impl SelfName {
    pub const ALL: [SelfName; 4] = [
        SelfName::DepartmentUnit,
        SelfName::Department,
        SelfName::Name,
        SelfName::Unit,
    ];

    /// The choice as the editor and the import workbook name it.
    pub fn label(self) -> &'static str {
        match self {
            SelfName::DepartmentUnit => "部门（单位）",
            SelfName::Department => "部门",
            SelfName::Name => "部门名称",
            SelfName::Unit => "单位",
        }
    }

    pub fn from_label(s: &str) -> Option<SelfName> {
        let s = s.trim();
        SelfName::ALL.into_iter().find(|x| x.label() == s)
    }

    /// The subject of a sentence that starts with the year:
    /// 「2024年义马市…局部门（单位）」 / 「郑州市工业和信息化局2024年」.
    pub fn who(self, name: &str, year: i32) -> String {
        match self {
            SelfName::DepartmentUnit => format!("{year}年{name}部门（单位）"),
            SelfName::Department => format!("{year}年{name}部门"),
            SelfName::Name => format!("{name}{year}年"),
            SelfName::Unit => format!("{year}年{name}"),
        }
    }

    /// 「我部门（单位）」 / 「我部门」 / the name / 「我单位」.
    pub fn we(self, name: &str) -> String {
        match self {
            SelfName::DepartmentUnit => "我部门（单位）".to_string(),
            SelfName::Department => "我部门".to_string(),
            SelfName::Name => name.to_string(),
            SelfName::Unit => "我单位".to_string(),
        }
    }

    /// The year before the subject: 「2024年我部门（单位）」, 「郑州市…局2024年」.
    pub fn year_we(self, name: &str, year: i32) -> String {
        match self {
            SelfName::Name => format!("{name}{year}年"),
            _ => format!("{year}年{}", self.we(name)),
        }
    }

    /// The subject before the year: 「我部门（单位）2024年」.
    pub fn we_year(self, name: &str, year: i32) -> String {
        format!("{}{year}年", self.we(name))
    }

    /// The department named in a title: 「义马市…局部门（单位）」 / 「郑州市…局」.
    pub fn named(self, name: &str) -> String {
        match self {
            SelfName::DepartmentUnit => format!("{name}部门（单位）"),
            SelfName::Department => format!("{name}部门"),
            SelfName::Name | SelfName::Unit => name.to_string(),
        }
    }
}

/// The 财政 level the built-in 名词解释 names (「是指市级财政当年拨付的资金」).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum FiscalLevel {
    /// As the built-in entries have it: 市级 in the 预算 (001), 同级 in the 决算 (002).
    #[default]
    Builtin,
    City,
    District,
    County,
    Same,
}

impl FiscalLevel {
    pub const ALL: [FiscalLevel; 5] = [
        FiscalLevel::Builtin,
        FiscalLevel::City,
        FiscalLevel::District,
        FiscalLevel::County,
        FiscalLevel::Same,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FiscalLevel::Builtin => "按表样",
            FiscalLevel::City => "市级",
            FiscalLevel::District => "区级",
            FiscalLevel::County => "县级",
            FiscalLevel::Same => "同级",
        }
    }

    pub fn from_label(s: &str) -> Option<FiscalLevel> {
        let s = s.trim();
        FiscalLevel::ALL.into_iter().find(|x| x.label() == s)
    }

    /// The word the entries print, `builtin` when not chosen.
    pub fn word(self, builtin: &'static str) -> &'static str {
        match self {
            FiscalLevel::Builtin => builtin,
            other => other.label(),
        }
    }
}

/// The department's wording choices. Defaults: today's output.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default)]
pub struct Wording {
    pub self_name: SelfName,
    /// The 财政 level of the built-in 名词解释 entries (not of entries the
    /// officer typed: those print as typed).
    pub fiscal_level: FiscalLevel,
    /// 决算 十三（一）: the level of the projects evaluated (「对2023年度市级预算项目
    /// 支出进行全面自评」, 002; 区级 in 003); [`FiscalLevel::Builtin`]: no word.
    pub project_level: FiscalLevel,
    /// 预算 narrative: amounts with thousands separators (「96,262.5万元」, 004).
    /// The 决算 narrative follows its tables' 千分位.
    pub thousands: bool,
    /// 预算 narrative: decimals of a percentage (2: 「9.50%」, 1: 「10.9%」 in 004).
    pub percent_decimals: u32,
    /// 预算 narrative: items of a list that print zero are left out
    /// (「其中：政府采购货物预算281.9万元、政府采购服务预算385.0万元」, 004).
    pub skip_zero_items: bool,
    /// 预算 narrative: the words before a reason (「，主要原因是：」 / 「，主要原因：」).
    pub reason_intro: String,
    /// 预算 一: the words before a reason of the 收入/支出 totals; empty: as
    /// [`Wording::reason_intro`] (004: 「。主要原因：」, where 四 says 「，主要原因：」).
    pub total_reason_intro: String,
    /// 预算 二: the income sources separated by 「；」 (「其中：一般公共预算96,258.3万元；
    /// 其他收入4.2万元」, 004) rather than 「，」 (the spec; 001 has one source).
    pub income_semicolons: bool,
    /// 预算 五: the 功能分类 classes after the 基本/项目 split (「主要用于以下方面：
    /// 科学技术支出…」, 001); 004 ends the section with the split.
    pub general_classes: bool,
    /// 预算 五: those classes largest first (ties by code) rather than in code
    /// order, as 001 L116 (and 002 L502) print them: 「科学技术支出…；社会保障和就业
    /// 支出…；卫生健康支出…；资源勘探信息等支出…；住房保障支出…」.
    pub classes_by_size: bool,
    /// 预算 六: the 基本支出 items listed after 人员经费/公用经费 (「；主要包括：…」,
    /// 001); without them the sentence reads 「…年初预算为…。其中：…」 (004).
    pub basic_items: bool,
    /// 预算 “三公”: the word before last year (「较2023年」, 001; 「比2023年」,
    /// 004). With 「比」 no change reads 「与2023年预算持平」.
    pub compare_word: String,
    /// 预算 “三公”: a change prints its rate (「减少5.4万元，下降6.8%」); 004 prints
    /// the amount only.
    pub three_public_rate: bool,
    /// 预算 “三公”（一）（二）: the reason in a paragraph of its own after the
    /// change (「预算数比2023年减少0.4万元。」 / 「主要原因：…」, 004) rather than in
    /// the sentence (「…减少13.00万元，下降81.25%，主要原因是：…」, 001).
    pub three_public_reason_apart: bool,
    /// 预算 “三公”（三）: the two amounts first, then each change in a sentence of
    /// its own (「其中，公务用车购置费0.0万元；公务用车运行维护费69.0万元，主要用于…
    /// 等支出。公务用车购置费预算数与2023年预算持平。公务用车运行维护费预算数比2023年
    /// 减少5.0万元，主要原因：…」, 004) rather than each amount with its purpose and
    /// change (001).
    pub vehicle_changes_apart: bool,
    /// 预算 “三公”: 「…“三公”经费支出预算为74.5万元」 (004) rather than
    /// 「…“三公”经费预算为…」 (001).
    pub three_public_spending: bool,
    /// 预算 十（四）: 004's words for the equipment, 「单位价值50万元以上通用设备3台（套）」,
    /// rather than 001's 「单价50万元以上通用设备0套」 (001 L164, 004 L232).
    /// (With [`Wording::skip_zero_items`] the zero vehicle counts are left out
    /// too: 「其中：一般公务用车21辆、其他用车5辆，其他用车主要是…」, 004.)
    pub equipment_unit_value: bool,
    /// 预算 一（三）: the words naming the 本级 budget (「本级预算」; 004:
    /// 「局机关本级预算」).
    pub own_budget: String,
    /// 预算 十（三）: the sentence after 「…2024年」 on the 绩效目标; empty: the
    /// built-in one (001).
    pub performance_sentence: String,
    /// 预算 十（三）: the sentence on the totals under 绩效管理 (「2024年，…纳入
    /// 预算绩效管理的支出总额为…」, 001); 004 has none.
    pub performance_totals: bool,
    /// 预算 十（一）: the name of the 运行经费 in its sentence (「机构运行经费」;
    /// 004: 「机构运转经费」).
    pub operating_word: String,
    /// 单位构成 as a numbered list 「1.…；2.…。」 (004) rather than inline.
    pub unit_list: bool,
    /// 预算 narrative: 国有资本经营预算 under its own heading (004 九) rather
    /// than a sentence under the 政府性基金 section.
    pub state_capital_section: bool,
    /// Titles the department words differently, by paragraph id (`2.4`,
    /// `f7`; the parts: `part1`, `part2`, `part3`, `part4`). A section title
    /// is given without its number: the numbers follow the sections printed.
    pub titles: BTreeMap<String, String>,
    /// Sections the department does not print, by paragraph id (004 has no 七
    /// 支出预算经济分类情况说明: `2.7`).
    pub omitted: BTreeSet<String>,
    /// The 名词解释 entries, each 「名词：解释」 without its number; empty = the
    /// built-in entries.
    pub glossary: Vec<String>,
    /// 决算 名词解释: after the entries above, one per 项 printed in 公开05, in
    /// code order — 「{类名}（类）{款名}（款）{项名}（项）：反映…」 with the 项's
    /// description in the catalog (002 十九–三十四).
    pub glossary_funcs: bool,
    /// 决算 目录: the tables of 第二部分 numbered 「一、收入支出决算总表」 (002)
    /// rather than 「公开01表 收入支出决算总表」.
    pub toc_numbered: bool,
    /// 决算 附件 项目支出绩效自评表: what its 主管部门 row prints (002: the code
    /// alone; 003: the name alone).
    pub project_department: ProjectDepartment,
    /// 决算 三, 五（二）: a 功能 class written 「科学技术（类）支出183.72万元」 (002)
    /// rather than 「科学技术支出2371.00万元」 (003).
    pub class_marker: bool,
    /// 决算 九: the counts printed when zero (「全年因公出国（境）团组0个，累计0
    /// 人次」, 002); 003 prints no count sentence whose counts are all zero.
    pub zero_counts: bool,
    /// What a section without data says, by paragraph id: the officer's
    /// sentence, or empty to leave the sentence (a section with nothing else:
    /// the section) out. Absent: the built-in sentence of the seed the
    /// narrative follows.
    pub no_data: BTreeMap<String, String>,
    /// The note printed under a table, by its label (`预算05表`): the
    /// officer's words in place of the built-in note; empty = no note. A
    /// table whose built-in note says it has no data (预算09、13, 公开07、08)
    /// prints the officer's note too only when it has no data. Absent: the
    /// built-in note (004: 「备注：本表仅含当年财政拨款安排的支出。」 under 05,
    /// 「备注：本单位无政府性基金预算支出，故本表无数据。」 under an empty 09).
    pub table_notes: BTreeMap<String, String>,
}

impl Default for Wording {
    fn default() -> Self {
        Wording {
            self_name: SelfName::default(),
            fiscal_level: FiscalLevel::default(),
            project_level: FiscalLevel::default(),
            thousands: false,
            percent_decimals: 2,
            skip_zero_items: false,
            reason_intro: DEFAULT_REASON_INTRO.to_string(),
            total_reason_intro: String::new(),
            income_semicolons: false,
            general_classes: true,
            classes_by_size: false,
            basic_items: true,
            compare_word: DEFAULT_COMPARE_WORD.to_string(),
            three_public_rate: true,
            three_public_reason_apart: false,
            vehicle_changes_apart: false,
            three_public_spending: false,
            equipment_unit_value: false,
            own_budget: DEFAULT_OWN_BUDGET.to_string(),
            performance_sentence: String::new(),
            performance_totals: true,
            operating_word: DEFAULT_OPERATING_WORD.to_string(),
            unit_list: false,
            state_capital_section: false,
            titles: BTreeMap::new(),
            omitted: BTreeSet::new(),
            glossary: Vec::new(),
            glossary_funcs: false,
            toc_numbered: false,
            project_department: ProjectDepartment::default(),
            class_marker: true,
            zero_counts: true,
            no_data: BTreeMap::new(),
            table_notes: BTreeMap::new(),
        }
    }
}

/// The words before a reason, as 001 writes them.
pub const DEFAULT_REASON_INTRO: &str = "，主要原因是：";
/// The word before last year in the “三公” section, as 001 writes it.
pub const DEFAULT_COMPARE_WORD: &str = "较";
/// The 本级 budget as 001 names it.
pub const DEFAULT_OWN_BUDGET: &str = "本级预算";
/// The 运行经费 as 001 names it.
pub const DEFAULT_OPERATING_WORD: &str = "机构运行经费";

impl Wording {
    /// Whether every setting is the default (then the file does not carry them).
    pub fn is_default(&self) -> bool {
        *self == Wording::default()
    }

    /// `s` with `{部门}`, `{年度}`, `{上年}` filled in.
    pub fn fill(s: &str, name: &str, year: i32) -> String {
        if !s.contains('{') {
            return s.to_string();
        }
        s.replace("{部门}", name)
            .replace("{年度}", &year.to_string())
            .replace("{上年}", &(year - 1).to_string())
    }

    /// The title of paragraph `id`: the department's, filled in, or `builtin`.
    pub fn title(&self, id: &str, builtin: &str, name: &str, year: i32) -> String {
        match self.titles.get(id) {
            Some(t) => Wording::fill(t.trim(), name, year),
            None => builtin.to_string(),
        }
    }

    /// Whether paragraph `id` is printed: not omitted, nor the section it
    /// belongs to (`2.10` leaves out `2.10.1`…; `2.1` does not leave out `2.10`).
    pub fn prints(&self, id: &str) -> bool {
        !self.omitted.iter().any(|o| {
            id.strip_prefix(o.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
        })
    }

    /// The sentence a section without data says: `None` = the built-in one;
    /// `Some("")` = nothing.
    pub fn no_data(&self, id: &str, name: &str, year: i32) -> Option<String> {
        self.no_data.get(id).map(|s| Wording::fill(s.trim(), name, year))
    }

    /// The words before a reason in 预算 一.
    pub fn total_reason_intro(&self) -> &str {
        or_default(&self.total_reason_intro, &self.reason_intro)
    }

    /// The words naming the 本级 budget ([`DEFAULT_OWN_BUDGET`] when empty).
    pub fn own_budget(&self) -> &str {
        or_default(&self.own_budget, DEFAULT_OWN_BUDGET)
    }

    /// The name of the 运行经费 ([`DEFAULT_OPERATING_WORD`] when empty).
    pub fn operating_word(&self) -> &str {
        or_default(&self.operating_word, DEFAULT_OPERATING_WORD)
    }

    /// The word before last year in “三公” ([`DEFAULT_COMPARE_WORD`] when empty).
    pub fn compare_word(&self) -> &str {
        or_default(&self.compare_word, DEFAULT_COMPARE_WORD)
    }

    /// Every text the settings hold, for the size limits.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        [
            self.reason_intro.as_str(),
            self.total_reason_intro.as_str(),
            self.compare_word.as_str(),
            self.own_budget.as_str(),
            self.performance_sentence.as_str(),
            self.operating_word.as_str(),
        ]
        .into_iter()
        .chain(self.titles.iter().flat_map(|(k, v)| [k.as_str(), v.as_str()]))
        .chain(self.omitted.iter().map(String::as_str))
        .chain(self.glossary.iter().map(String::as_str))
        .chain(self.no_data.iter().flat_map(|(k, v)| [k.as_str(), v.as_str()]))
        .chain(self.table_notes.iter().flat_map(|(k, v)| [k.as_str(), v.as_str()]))
    }

    /// The note under table `label` given the built-in one (`None`: no
    /// note): the officer's, with {部门} and {年度} filled, or the built-in.
    /// A table whose built-in note only says it has no data
    /// ([`EMPTY_TABLE_NOTES`]) takes the officer's note only when it has one.
    pub fn table_note(&self, label: &str, builtin: Option<&str>, name: &str, year: i32) -> Option<String> {
        match self.table_notes.get(label) {
            None => builtin.map(str::to_string),
            Some(_) if builtin.is_none() && EMPTY_TABLE_NOTES.contains(&label) => None,
            Some(own) => Some(Wording::fill(own.trim(), name, year)).filter(|s| !s.is_empty()),
        }
    }
}

/// The tables whose built-in note only says that they have no data.
pub const EMPTY_TABLE_NOTES: [&str; 4] = ["预算09表", "预算13表", "公开07表", "公开08表"];

/// `s` trimmed, or `default` when that is empty.
fn or_default<'a>(s: &'a str, default: &'a str) -> &'a str {
    match s.trim() {
        "" => default,
        t => t,
    }
}

/// The published documents whose wording a department may start from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// 001 义马 2024 预算 (the 预算 defaults).
    Yima,
    /// 004 郑州 2024 预算.
    Zhengzhou,
    /// 002 平顶山 2023 决算: the 决算 defaults, and its 「市级预算项目」, its
    /// numbered 目录, its 名词解释 per 功能 项 and the 主管部门's code alone on
    /// the project forms.
    Pingdingshan,
    /// 003 焦作 2022 决算.
    Jiaozuo,
}

impl Preset {
    /// The presets for a 预算 package.
    pub const BUDGET: [Preset; 2] = [Preset::Yima, Preset::Zhengzhou];
    /// The presets for a 决算 package.
    pub const FINAL: [Preset; 2] = [Preset::Pingdingshan, Preset::Jiaozuo];

    pub fn label(self) -> &'static str {
        match self {
            Preset::Yima => "义马式",
            Preset::Zhengzhou => "郑州式",
            Preset::Pingdingshan => "平顶山式",
            Preset::Jiaozuo => "焦作式",
        }
    }

    pub fn from_label(s: &str) -> Option<Preset> {
        let s = s.trim();
        Preset::BUDGET.into_iter().chain(Preset::FINAL).find(|x| x.label() == s)
    }

    /// The settings the preset fills.
    pub fn wording(self) -> Wording {
        match self {
            Preset::Yima => Wording::default(),
            Preset::Pingdingshan => Wording {
                project_level: FiscalLevel::City,
                glossary_funcs: true,
                toc_numbered: true,
                project_department: ProjectDepartment::Code,
                ..Wording::default()
            },
            Preset::Zhengzhou => zhengzhou(),
            Preset::Jiaozuo => jiaozuo(),
        }
    }
}

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// 004 (郑州 2024 预算): the name as subject, 同级财政, thousands, one-decimal
/// percentages, zero items left out, 「。主要原因：」 in 一, 「；」 between the
/// sources in 二, no classes in 五, no 主要包括 in 六, 「比2023年」 without rates,
/// reasons apart and the 公务用车 changes after the amounts in “三公”, 「单位价值50万元」, 「局机关本级预算」,
/// 004's 绩效目标 sentence without the totals, 「机构运转经费」, no 七 经济分类,
/// 国有资本经营 under its own heading, numbered 所属单位, 004's titles and
/// 名词解释, no 重点评价 sentence.
fn zhengzhou() -> Wording {
    Wording {
        self_name: SelfName::Name,
        fiscal_level: FiscalLevel::Same,
        project_level: FiscalLevel::Builtin,
        thousands: true,
        percent_decimals: 1,
        skip_zero_items: true,
        reason_intro: "，主要原因：".to_string(),
        total_reason_intro: "。主要原因：".to_string(),
        income_semicolons: true,
        general_classes: false,
        classes_by_size: false,
        basic_items: false,
        compare_word: "比".to_string(),
        three_public_rate: false,
        three_public_reason_apart: true,
        vehicle_changes_apart: true,
        three_public_spending: true,
        equipment_unit_value: true,
        own_budget: "局机关本级预算".to_string(),
        performance_sentence: "预算项目均按要求编制了绩效目标，从成本、产出、效益、满意度等方面设置了绩效指标，综合反映项目支出预期达到的产出和效果以及相应的成本控制要求。".to_string(),
        performance_totals: false,
        operating_word: "机构运转经费".to_string(),
        unit_list: true,
        state_capital_section: true,
        titles: map(&[
            ("part2", "第二部分 {年度}年{部门}部门预算情况说明"),
            ("1.1", "{部门}主要职责"),
            ("1.3", "{部门}所属预算单位构成情况"),
            ("2.4", "财政拨款收入支出总体情况说明"),
            ("2.5", "一般公共预算支出情况说明"),
            ("2.6", "一般公共预算基本支出情况说明"),
            ("2.8", "一般公共预算“三公”经费支出预算情况说明"),
            ("2.9", "政府性基金预算支出情况说明"),
            ("2.10", "其他重要事项情况说明"),
            ("2.10.1", "行政（事业）单位机构运转经费支出预算情况"),
            ("2.10.2", "政府采购支出预算情况"),
        ]),
        omitted: ["1.2", "2.7"].into_iter().map(String::from).collect(),
        glossary: [
            "财政拨款收入：是指同级财政当年拨付的资金；包括一般公共预算拨款、政府性基金预算拨款、国有资本经营预算拨款。",
            "财政专户管理资金：是指缴入财政专户、实行专项管理的高中以上学费、住宿费、高校委托培养费、函大、电大、夜大及短训班培训费等教育收费。",
            "事业收入：是指事业单位开展专业活动及辅助活动所取得的收入，不包括教育收费。",
            "事业单位经营收入：是指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。",
            "其他收入：是指部门取得的除“财政拨款”、“事业收入”、“事业单位经营收入”等以外的收入。",
            "用事业基金弥补收支差额：是指事业单位在当年的“财政拨款收入”、“事业收入”、“经营收入”和“其他收入”不足以安排当年支出的情况下，使用以前年度积累的事业基金（即事业单位以前各年度收支相抵后，按国家规定提取、用于弥补以后年度收支差额的基金）弥补当年收支缺口的资金。",
            "基本支出：是指为保障机构正常运转、完成日常工作任务所必需的开支，其内容包括人员经费和日常公用经费两部分。",
            "项目支出：是指在基本支出之外，为完成特定的行政工作任务或事业发展目标所发生的支出。",
            "“三公”经费：是指纳入市级财政预算管理，部门使用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。其中，因公出国（境）费反映单位公务出国（境）的住宿费、旅费、伙食补助费、杂费、培训费等支出；公务用车购置及运行费反映单位公务用车购置费及租用费、燃料费、维修费、过路过桥费、保险费、安全奖励费用等支出；公务接待费反映单位按规定开支的各类公务接待（含外宾接待）支出。",
            "行政（事业）单位机构运转经费情况：是指为保障单位（包括行政单位和事业单位）运行用于购买货物和服务的各项资金，包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费及一般设备购置费、办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。",
        ]
        .into_iter()
        .map(String::from)
        .collect(),
        glossary_funcs: false,
        toc_numbered: false,
        project_department: ProjectDepartment::default(),
        class_marker: true,
        zero_counts: true,
        no_data: map(&[
            ("2.9", "{部门}{年度}年无使用政府性基金预算拨款安排的支出。"),
            ("2.9s", "{部门}{年度}年无使用国有资本经营预算拨款安排的支出。"),
            ("2.10.3", ""),
            ("2.10.5", "{部门}{年度}年无负责管理的专项转移支付项目。"),
        ]),
        // 004 L475, L691, L704.
        table_notes: map(&[
            ("预算05表", "备注：本表仅含当年财政拨款安排的支出。"),
            ("预算09表", "备注：本单位无政府性基金预算支出，故本表无数据。"),
            ("预算13表", "备注：本单位无国有资本经营预算支出，故本表无数据。"),
        ]),
    }
}

/// 003 (焦作 2022 决算): 「我部门」, 区级预算项目, 十三's sub-titles without a stop, 003's
/// sixteen 名词解释 entries and its sentence for 八 without data; classes
/// without 「（类）」, no count sentence of zeros in 九, the 主管部门's name
/// alone on the project forms.
fn jiaozuo() -> Wording {
    Wording {
        self_name: SelfName::Department,
        project_level: FiscalLevel::District,
        project_department: ProjectDepartment::Name,
        class_marker: false,
        zero_counts: false,
        titles: map(&[
            ("f13.1", "绩效管理工作开展情况"),
            ("f13.2", "项目绩效自评结果"),
            ("f13.3", "重点绩效评价结果"),
        ]),
        glossary: [
            "财政拨款收入：单位从同级政府财政部门取得的财政预算资金。",
            "事业收入：事业单位开展专业业务活动及其辅助活动取得的收入。",
            "上级补助收入：事业单位从主管部门和上级单位取得的非财政补助收入。",
            "附属单位上缴收入：事业单位取得附属独立核算单位根据有关规定上缴的收入。",
            "经营收入：事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。",
            "其他收入：单位取得的除“财政拨款收入”、“事业收入”、“上级补助收入”、“附属单位上缴收入”、“经营收入”以外的各项收入。",
            "使用非财政拨款结余：指事业单位使用以前年度积累的非财政拨款结余弥补当年收支差额的金额。",
            "基本支出：为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
            "项目支出：基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
            // 003 prints 「反映反映」 here: its misprint is not copied.
            "“三公”经费：纳入同级财政预决算管理“三公”经费，指单位使用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。其中，因公出国（境）费反映单位公务出国（境）的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；公务用车购置及运行费反映单位公务用车车辆购置支出（含车辆购置税）及租用费、燃料费、维修费、过路过桥费、保险费、安全奖励费用等支出；公务接待费反映单位按规定开支的各类公务接待（含外宾接待）支出。",
            "机关运行经费：为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金，包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。",
            "工资福利支出：单位支付给在职职工和编制外长期聘用人员的各类劳动报酬，以及为上述人员缴纳的各项社会保险费等。",
            "商品和服务支出：单位购买商品和服务的支出。",
            "对个人和家庭的补助支出：单位用于对个人和家庭的补助支出。",
            "年末结转：本年度或以前年度预算安排，已执行但尚未完成或因客观条件发生变化无法按原计划实施，需延迟到以后年度按有关规定继续使用的资金。",
            "年末结余：本年度或以前年度预算安排，已执行完毕或因客观条件发生变化无法按原预算安排实施，不需要再使用或无法按原预算安排继续使用的资金。",
        ]
        .into_iter()
        .map(String::from)
        .collect(),
        no_data: map(&[(
            "f8",
            "我部门{年度}年度没有国有资本经营收入，也没有使用国有资本经营安排的支出。",
        )]),
        ..Wording::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_not_written_and_old_files_read_as_defaults() {
        assert!(Wording::default().is_default());
        let w: Wording = serde_json::from_str("{}").unwrap();
        assert!(w.is_default());
        let w: Wording = serde_json::from_str(r#"{"self_name":"name"}"#).unwrap();
        assert_eq!(w.self_name, SelfName::Name);
        assert_eq!(w.percent_decimals, 2);
    }

    #[test]
    fn self_names_as_the_seeds_write_them() {
        let n = "郑州市工业和信息化局";
        assert_eq!(SelfName::Name.who(n, 2024), "郑州市工业和信息化局2024年");
        assert_eq!(
            SelfName::DepartmentUnit.who("义马市工业信息化和科技局", 2024),
            "2024年义马市工业信息化和科技局部门（单位）"
        );
        assert_eq!(SelfName::DepartmentUnit.year_we(n, 2024), "2024年我部门（单位）");
        assert_eq!(SelfName::Name.year_we(n, 2024), "郑州市工业和信息化局2024年");
        for s in SelfName::ALL {
            assert_eq!(SelfName::from_label(s.label()), Some(s));
        }
        for f in FiscalLevel::ALL {
            assert_eq!(FiscalLevel::from_label(f.label()), Some(f));
        }
    }

    #[test]
    fn a_preset_fills_and_placeholders_fill() {
        let z = Preset::Zhengzhou.wording();
        assert!(!z.is_default());
        assert_eq!(
            Wording::fill(&z.no_data["2.10.5"], "甲局", 2024),
            "甲局2024年无负责管理的专项转移支付项目。"
        );
        assert_eq!(Preset::from_label("郑州式"), Some(Preset::Zhengzhou));
        assert!(Preset::Yima.wording().is_default());
    }

    #[test]
    fn the_reason_intro_of_the_totals_follows_the_other_unless_set() {
        let mut w = Wording::default();
        assert_eq!(w.total_reason_intro(), "，主要原因是：");
        w.reason_intro = "，主要原因：".into();
        assert_eq!(w.total_reason_intro(), "，主要原因：");
        w.total_reason_intro = "。主要原因：".into();
        assert_eq!(w.total_reason_intro(), "。主要原因：");
        assert_eq!(Preset::Zhengzhou.wording().total_reason_intro(), "。主要原因：");
        // A word emptied in the editor prints the default.
        w.own_budget = " ".into();
        w.operating_word.clear();
        w.compare_word.clear();
        assert_eq!(w.own_budget(), "本级预算");
        assert_eq!(w.operating_word(), "机构运行经费");
        assert_eq!(w.compare_word(), "较");
    }

    #[test]
    fn an_omitted_section_takes_its_sub_sections_only() {
        let mut w = Wording::default();
        w.omitted.insert("2.1".into());
        w.omitted.insert("f9".into());
        assert!(!w.prints("2.1") && !w.prints("f9.2.1") && !w.prints("f9"));
        assert!(w.prints("2.10") && w.prints("2.10.1") && w.prints("f10"));
    }
}

#[cfg(test)]
mod table_note_tests {
    use super::*;

    #[test]
    fn a_note_replaces_the_builtin_and_a_no_data_note_needs_no_data() {
        let mut w = Wording::default();
        assert_eq!(
            w.table_note("预算09表", Some("内置"), "甲局", 2024).as_deref(),
            Some("内置")
        );
        assert_eq!(w.table_note("预算05表", None, "甲局", 2024), None);
        w.table_notes.insert("预算09表".into(), "{部门}{年度}年无基金。".into());
        w.table_notes.insert("预算05表".into(), " 备注：仅含财政拨款。 ".into());
        w.table_notes.insert("预算08表".into(), String::new());
        assert_eq!(
            w.table_note("预算09表", Some("内置"), "甲局", 2024).as_deref(),
            Some("甲局2024年无基金。")
        );
        // 09 with data has no built-in note: the officer's no-data note is not printed either.
        assert_eq!(w.table_note("预算09表", None, "甲局", 2024), None);
        assert_eq!(
            w.table_note("预算05表", None, "甲局", 2024).as_deref(),
            Some("备注：仅含财政拨款。")
        );
        assert_eq!(w.table_note("预算08表", Some("注：…"), "甲局", 2024), None);
    }
}
