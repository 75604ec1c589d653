//! The classification codes: 支出功能分类, 部门/政府预算支出经济分类 and their
//! correspondence. The built-in lists (`crates/model/catalog/*.csv`) are compiled
//! into the binary; a package may carry names of further codes and the rows of
//! an official catalog the user loaded (`CatalogOverrides`), which win.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::{CatalogOverrides, UnitKind};

const FUNC_CSV: &str = include_str!("../catalog/功能分类.csv");
const DEPT_ECON_CSV: &str = include_str!("../catalog/部门经济分类.csv");
const GOV_ECON_CSV: &str = include_str!("../catalog/政府经济分类.csv");
const MAPPING_CSV: &str = include_str!("../catalog/经济分类对照.csv");

/// The file names of a catalog in CSV form (built-in and official alike).
pub const FILE_FUNC: &str = "功能分类.csv";
pub const FILE_DEPT_ECON: &str = "部门经济分类.csv";
pub const FILE_GOV_ECON: &str = "政府经济分类.csv";
pub const FILE_MAPPING: &str = "经济分类对照.csv";

/// What is wrong with a catalog file, in words for the officer. Row numbers
/// count the header as row 1, as a spreadsheet shows them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    #[error("无法读取表头（详细信息：{0}）")]
    Header(String),
    #[error("缺少“编码”或“名称”列")]
    NoCodeOrName,
    #[error("缺少“部门编码”“政府编码_行政”或“政府编码_事业”列")]
    NoMappingColumns,
    #[error("第{row}行无法读取（详细信息：{detail}）")]
    Unreadable { row: usize, detail: String },
    #[error("第{row}行：编码“{code}”应为数字")]
    NotDigits { row: usize, code: String },
    #[error("第{row}行：编码{code}缺少名称")]
    NoName { row: usize, code: String },
    #[error("第{row}行：部门编码{code}缺少对应的政府编码")]
    NoMapping { row: usize, code: String },
    #[error("无法读取 {path}（详细信息：{detail}）")]
    Read { path: String, detail: String },
    /// A problem of one file of an official catalog folder.
    #[error("{file}：{error}")]
    InFile {
        file: &'static str,
        error: Box<CatalogError>,
    },
    #[error("文件夹 {dir} 中没有科目表文件（{FILE_FUNC}、{FILE_DEPT_ECON}、{FILE_GOV_ECON}、{FILE_MAPPING}）")]
    NoFiles { dir: String },
}

#[derive(Debug, Default, Clone)]
pub struct Catalog {
    pub func: BTreeMap<String, String>,
    pub dept_econ: BTreeMap<String, String>,
    pub gov_econ: BTreeMap<String, String>,
    /// 部门 款 → (行政/参公, 事业).
    pub mapping: BTreeMap<String, (String, String)>,
    /// 支出功能分类 code → its official description (`反映…`), the optional
    /// `说明` column of `功能分类.csv`: the 决算's 名词解释 per 项.
    pub func_desc: BTreeMap<String, String>,
}

/// Which classification a code belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeKind {
    Func,
    DeptEcon,
    GovEcon,
}

impl CodeKind {
    pub fn label(self) -> &'static str {
        match self {
            CodeKind::Func => "功能科目",
            CodeKind::DeptEcon => "经济科目",
            CodeKind::GovEcon => "政府经济科目",
        }
    }
}

impl Catalog {
    /// The catalog compiled into the program.
    pub fn builtin() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| {
            let mut c = Catalog::default();
            // The embedded files are checked by the tests; a broken row is a build defect.
            c.load_csv(CodeKind::Func, FUNC_CSV).expect("built-in 功能分类.csv");
            c.load_csv(CodeKind::DeptEcon, DEPT_ECON_CSV)
                .expect("built-in 部门经济分类.csv");
            c.load_csv(CodeKind::GovEcon, GOV_ECON_CSV)
                .expect("built-in 政府经济分类.csv");
            c.load_mapping_csv(MAPPING_CSV).expect("built-in 经济分类对照.csv");
            c
        })
    }

    /// The built-in catalog with the package's own rows on top.
    pub fn with_overrides(o: &CatalogOverrides) -> Catalog {
        let mut c = Catalog::builtin().clone();
        c.func.extend(o.func.iter().map(|(k, v)| (k.clone(), v.clone())));
        c.dept_econ
            .extend(o.dept_econ.iter().map(|(k, v)| (k.clone(), v.clone())));
        c.gov_econ
            .extend(o.gov_econ.iter().map(|(k, v)| (k.clone(), v.clone())));
        c.mapping.extend(o.mapping.iter().map(|(k, v)| (k.clone(), v.clone())));
        c.func_desc
            .extend(o.func_desc.iter().map(|(k, v)| (k.clone(), v.clone())));
        c
    }

    /// The description of a 功能 code (`反映…`), when the catalog has one.
    pub fn func_desc(&self, code: &str) -> Option<&str> {
        self.func_desc
            .get(code)
            .map(|s| s.as_str())
            .filter(|s| !s.trim().is_empty())
    }

    fn table_mut(&mut self, kind: CodeKind) -> &mut BTreeMap<String, String> {
        match kind {
            CodeKind::Func => &mut self.func,
            CodeKind::DeptEcon => &mut self.dept_econ,
            CodeKind::GovEcon => &mut self.gov_econ,
        }
    }

    pub fn table(&self, kind: CodeKind) -> &BTreeMap<String, String> {
        match kind {
            CodeKind::Func => &self.func,
            CodeKind::DeptEcon => &self.dept_econ,
            CodeKind::GovEcon => &self.gov_econ,
        }
    }

    /// Reads a code list (`编码,名称,级次,来源`) into this catalog; its rows win.
    /// A 功能分类 list may have a `说明` column: the codes' descriptions (a
    /// row's empty 说明 keeps the one the catalog has).
    pub fn load_csv(&mut self, kind: CodeKind, text: &str) -> Result<usize, CatalogError> {
        if kind == CodeKind::Func && has_column(text, "说明") {
            read_csv(
                text,
                ["编码", "说明"],
                CatalogError::NoCodeOrName,
                |_, [code, desc]| {
                    if !code.is_empty() && !desc.is_empty() {
                        self.func_desc.insert(code.to_string(), desc.to_string());
                    }
                    Ok(())
                },
            )?;
        }
        let mut n = 0;
        read_csv(
            text,
            ["编码", "名称"],
            CatalogError::NoCodeOrName,
            |row, [code, name]| {
                if code.is_empty() {
                    return Ok(());
                }
                if !code.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(CatalogError::NotDigits {
                        row,
                        code: code.to_string(),
                    });
                }
                if name.is_empty() {
                    return Err(CatalogError::NoName {
                        row,
                        code: code.to_string(),
                    });
                }
                self.table_mut(kind).insert(code.to_string(), name.to_string());
                n += 1;
                Ok(())
            },
        )?;
        Ok(n)
    }

    /// Reads `部门编码,政府编码_行政,政府编码_事业,来源`.
    pub fn load_mapping_csv(&mut self, text: &str) -> Result<usize, CatalogError> {
        let mut n = 0;
        let columns = ["部门编码", "政府编码_行政", "政府编码_事业"];
        read_csv(text, columns, CatalogError::NoMappingColumns, |row, [d, x, s]| {
            if d.is_empty() {
                return Ok(());
            }
            if x.is_empty() || s.is_empty() {
                return Err(CatalogError::NoMapping {
                    row,
                    code: d.to_string(),
                });
            }
            self.mapping.insert(d.to_string(), (x.to_string(), s.to_string()));
            n += 1;
            Ok(())
        })?;
        Ok(n)
    }

    /// Loads an official catalog from a folder holding any of the four files
    /// (same names and headers as the built-in ones) into `overrides`.
    pub fn load_official_dir(dir: &std::path::Path, overrides: &mut CatalogOverrides) -> Result<usize, CatalogError> {
        let mut c = Catalog::default();
        let mut n = 0;
        let mut found = false;
        for (file, kind) in [
            (FILE_FUNC, Some(CodeKind::Func)),
            (FILE_DEPT_ECON, Some(CodeKind::DeptEcon)),
            (FILE_GOV_ECON, Some(CodeKind::GovEcon)),
            (FILE_MAPPING, None),
        ] {
            let path = dir.join(file);
            if !path.exists() {
                continue;
            }
            found = true;
            let text = std::fs::read_to_string(&path).map_err(|e| CatalogError::Read {
                path: path.display().to_string(),
                detail: e.to_string(),
            })?;
            n += match kind {
                Some(k) => c.load_csv(k, &text),
                None => c.load_mapping_csv(&text),
            }
            .map_err(|e| CatalogError::InFile {
                file,
                error: Box::new(e),
            })?;
        }
        if !found {
            return Err(CatalogError::NoFiles {
                dir: dir.display().to_string(),
            });
        }
        overrides.func.extend(c.func);
        overrides.dept_econ.extend(c.dept_econ);
        overrides.gov_econ.extend(c.gov_econ);
        overrides.mapping.extend(c.mapping);
        overrides.func_desc.extend(c.func_desc);
        Ok(n)
    }

    pub fn name(&self, kind: CodeKind, code: &str) -> Option<&str> {
        self.table(kind).get(code).map(|s| s.as_str())
    }

    pub fn contains(&self, kind: CodeKind, code: &str) -> bool {
        self.table(kind).contains_key(code)
    }

    /// The default 政府 code of a 部门 款 for a unit of this 性质. `None` when
    /// neither the correspondence nor the class rule knows the code.
    pub fn default_gov(&self, econ: &str, unit: UnitKind) -> Option<&str> {
        if unit.is_institution() {
            // 事业单位: wages and goods go to 505, capital to 506 (tables.md).
            if econ.starts_with("301") {
                return Some("50501");
            }
            if econ.starts_with("302") {
                return Some("50502");
            }
            if econ.starts_with("310") {
                return Some("50601");
            }
        }
        self.mapping.get(econ).map(|(admin, inst)| {
            if unit.is_institution() {
                inst.as_str()
            } else {
                admin.as_str()
            }
        })
    }

    /// The length of the codes a line takes: a 功能分类 项 (7 digits), an
    /// 经济分类 款 (5 digits).
    pub fn leaf_len(kind: CodeKind) -> usize {
        match kind {
            CodeKind::Func => 7,
            CodeKind::DeptEcon | CodeKind::GovEcon => 5,
        }
    }

    /// Searches the codes a line takes (for pickers): a code prefix or a
    /// part of the name of the code or of its 类/款.
    pub fn search(&self, kind: CodeKind, query: &str, limit: usize) -> Vec<(&str, &str)> {
        let q = query.trim();
        let leaf = Catalog::leaf_len(kind);
        let table = self.table(kind);
        let parent_matches = |code: &str| {
            [3, 5]
                .into_iter()
                .filter(|&n| n < code.len())
                .any(|n| table.get(&code[..n]).is_some_and(|name| name.contains(q)))
        };
        let mut direct = Vec::new();
        let mut by_parent = Vec::new();
        for (c, n) in table.iter().filter(|(c, _)| c.len() == leaf) {
            if q.is_empty() || c.starts_with(q) || n.contains(q) {
                direct.push((c.as_str(), n.as_str()));
            } else if parent_matches(c) {
                by_parent.push((c.as_str(), n.as_str()));
            }
            if direct.len() >= limit {
                break;
            }
        }
        direct.extend(by_parent);
        direct.truncate(limit);
        direct
    }

    /// The 类 and 款 above a code, each with its name when the catalog has
    /// it: `[("215", "资源勘探工业信息等支出"), ("21505", "工业和信息产业监管")]`.
    pub fn parents(&self, kind: CodeKind, code: &str) -> Vec<(String, Option<&str>)> {
        [3, 5]
            .into_iter()
            .filter(|&n| n < code.len() && code.is_char_boundary(n))
            .map(|n| (code[..n].to_string(), self.name(kind, &code[..n])))
            .collect()
    }

    /// A code with its 类 and 款, as suggestions show it:
    /// `215 资源勘探工业信息等支出 / 21505 工业和信息产业监管 / 2150501 行政运行`.
    pub fn path(&self, kind: CodeKind, code: &str) -> String {
        let mut parts: Vec<String> = self
            .parents(kind, code)
            .into_iter()
            .map(|(c, n)| match n {
                Some(n) => format!("{c} {n}"),
                None => c,
            })
            .collect();
        parts.push(match self.name(kind, code) {
            Some(n) => format!("{code} {n}"),
            None => code.to_string(),
        });
        parts.join(" / ")
    }
}

/// Whether a catalog CSV's header names `column`.
fn has_column(text: &str, column: &str) -> bool {
    let mut rdr = csv::ReaderBuilder::new().from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    rdr.headers().is_ok_and(|h| h.iter().any(|c| c.trim() == column))
}

/// Reads a catalog CSV (a UTF-8 BOM allowed): finds the named columns
/// (`missing` when one is absent), then hands each data row to `row`, one at a
/// time, with its row number in the file (the header is row 1) and those
/// columns' cells, trimmed.
fn read_csv<const N: usize>(
    text: &str,
    columns: [&str; N],
    missing: CatalogError,
    mut row: impl FnMut(usize, [&str; N]) -> Result<(), CatalogError>,
) -> Result<(), CatalogError> {
    let mut rdr = csv::ReaderBuilder::new().from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = rdr.headers().map_err(|e| CatalogError::Header(e.to_string()))?.clone();
    let mut at = [0; N];
    for (i, name) in columns.iter().enumerate() {
        at[i] = headers
            .iter()
            .position(|h| h.trim() == *name)
            .ok_or_else(|| missing.clone())?;
    }
    for (i, rec) in rdr.records().enumerate() {
        let number = i + 2;
        let rec = rec.map_err(|e| CatalogError::Unreadable {
            row: number,
            detail: e.to_string(),
        })?;
        row(number, at.map(|c| rec.get(c).unwrap_or("").trim()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_take_line_codes_and_show_their_path() {
        let c = Catalog::builtin();
        let found = c.search(CodeKind::Func, "行政运行", 50);
        assert!(found.len() > 5, "{found:?}");
        assert!(found.iter().all(|(code, name)| code.len() == 7 && *name == "行政运行"));
        assert_eq!(
            c.path(CodeKind::Func, "2150501"),
            "215 资源勘探工业信息等支出 / 21505 工业和信息产业监管 / 2150501 行政运行"
        );
        // A 款's name finds its 项.
        let under = c.search(CodeKind::Func, "工业和信息产业监管", 50);
        assert!(under.iter().any(|(code, _)| *code == "2150501"), "{under:?}");
        assert!(
            c.search(CodeKind::DeptEcon, "301", 50)
                .iter()
                .all(|(code, _)| code.len() == 5)
        );
    }

    #[test]
    fn builtin_catalog_is_complete() {
        let c = Catalog::builtin();
        assert_eq!(c.func.len(), 184);
        assert_eq!(c.func.keys().filter(|k| k.len() == 7).count(), 109);
        assert_eq!(c.dept_econ.len(), 108);
        assert_eq!(c.gov_econ.len(), 76);
        assert_eq!(c.mapping.len(), 98);
        assert_eq!(c.name(CodeKind::Func, "2150501"), Some("行政运行"));
        assert_eq!(c.name(CodeKind::DeptEcon, "30101"), Some("基本工资"));
        // The 16 descriptions seed 002 prints in its 名词解释 (十九–三十四).
        assert_eq!(c.func_desc.len(), 16);
        assert!(
            c.func_desc
                .keys()
                .all(|k| k.len() == 7 && c.contains(CodeKind::Func, k))
        );
        assert_eq!(
            c.func_desc("2150501"),
            Some("反映行政单位（包括实行公务员管理的事业单位）的基本支出。")
        );
        // 002's 「用于用于…方面方面」 is not copied.
        assert_eq!(
            c.func_desc("2089999"),
            Some("反映除上述项目以外其他用于社会保障和就业方面的支出。")
        );
        assert_eq!(c.func_desc("2010301"), None);
        // Every mapped 政府 code is in the 政府 list.
        for (d, (a, s)) in &c.mapping {
            assert!(c.contains(CodeKind::GovEcon, a), "{d} → {a}");
            assert!(c.contains(CodeKind::GovEcon, s), "{d} → {s}");
        }
    }

    #[test]
    fn default_gov_follows_the_unit_kind() {
        let c = Catalog::builtin();
        assert_eq!(c.default_gov("30101", UnitKind::Administrative), Some("50101"));
        assert_eq!(c.default_gov("30101", UnitKind::CivilServiceManaged), Some("50101"));
        assert_eq!(c.default_gov("30101", UnitKind::Institution), Some("50501"));
        assert_eq!(c.default_gov("30201", UnitKind::Institution), Some("50502"));
        assert_eq!(c.default_gov("31002", UnitKind::Institution), Some("50601"));
        assert_eq!(c.default_gov("31002", UnitKind::Administrative), Some("50306"));
        assert_eq!(c.default_gov("30302", UnitKind::Institution), Some("50905"));
        assert_eq!(c.default_gov("38888", UnitKind::Administrative), None);
    }

    #[test]
    fn search_finds_code_prefix_and_name_part() {
        let c = Catalog::builtin();
        assert!(
            c.search(CodeKind::DeptEcon, "30101", 10)
                .iter()
                .any(|(code, _)| *code == "30101")
        );
        assert!(
            c.search(CodeKind::DeptEcon, "基本工资", 10)
                .iter()
                .any(|(code, _)| *code == "30101")
        );
    }

    #[test]
    fn official_catalog_overrides_names_and_adds_codes() {
        let dir = std::env::temp_dir().join(format!("yusuan-catalog-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join(FILE_FUNC),
            "编码,名称,级次,来源,说明\n2150501,行政运行（官方）,项,official-2025,\n2130101,行政运行,项,official-2025,反映行政单位的基本支出（官方）。\n",
        )
        .unwrap();
        std::fs::write(
            dir.join(FILE_MAPPING),
            "部门编码,政府编码_行政,政府编码_事业,来源\n38888,59999,59999,official\n",
        )
        .unwrap();
        let mut o = CatalogOverrides::default();
        assert_eq!(Catalog::load_official_dir(&dir, &mut o).unwrap(), 3);
        let c = Catalog::with_overrides(&o);
        assert_eq!(c.name(CodeKind::Func, "2150501"), Some("行政运行（官方）"));
        assert!(c.contains(CodeKind::Func, "2130101"));
        // The 说明 column: a description where given; an empty cell keeps the built-in one.
        assert_eq!(c.func_desc("2130101"), Some("反映行政单位的基本支出（官方）。"));
        assert_eq!(
            c.func_desc("2150501"),
            Some("反映行政单位（包括实行公务员管理的事业单位）的基本支出。")
        );
        assert_eq!(o.func_desc.len(), 1);
        assert_eq!(c.default_gov("38888", UnitKind::Administrative), Some("59999"));
        std::fs::write(dir.join(FILE_FUNC), "编码,名称\nabc,x\n").unwrap();
        let err = Catalog::load_official_dir(&dir, &mut o).unwrap_err().to_string();
        assert!(err.contains("功能分类.csv") && err.contains("第2行"), "{err}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
