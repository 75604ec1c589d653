//! A first look at an `.xlsx` workbook before calamine reads it, so that
//! hostile or broken workbooks are refused quickly and in bounded memory:
//!
//! - the file and each of its parts is within the size limits of
//!   `yusuan_model::limits` (declared *and* actual uncompressed size: the
//!   parts are streamed, never held), so zip bombs stop at the limit;
//! - the shared strings table is within [`MAX_SHARED_STRINGS`], both as
//!   counted and as declared (calamine reserves room for the declared count);
//! - in each worksheet, the first cell whose value is missing is noted: a
//!   formula without a computed value (the file was written by a program that
//!   does not calculate), or a number cell with an empty value.
//!
//! The worksheets are scanned with quick-xml as they stream out of the zip.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use yusuan_model::limits::{MAX_SHARED_STRINGS, MAX_XLSX_ENTRIES, MAX_XLSX_FILE, MAX_XLSX_PART, MAX_XLSX_TOTAL};

/// Parts other than worksheets and shared strings (styles, workbook, themes…)
/// are never this large in a real workbook.
const MAX_OTHER_PART: u64 = 16 * 1024 * 1024;

/// What a worksheet cell lacks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Missing {
    /// A formula with no cached result.
    FormulaResult { formula: String },
    /// A number (or shared string) cell whose value is empty.
    Value,
    /// A cell, row or dimension reference that is not an address
    /// (calamine's parser would overflow on it).
    BadAddress { reference: String },
}

/// Whether `r` is a cell address (`B12`), a row number (`12`, `row`) or a
/// column (`B`) that fits calamine's u32 arithmetic: at most 3 letters, and a
/// row number of at most 9 digits.
fn valid_reference(r: &str) -> bool {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    let digits = &r[letters..];
    letters <= 3
        && digits.len() <= 9
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (letters > 0 || !digits.is_empty())
}

/// What the scan found.
#[derive(Default, Debug)]
pub(crate) struct Scan {
    /// Sheet name → the first cell lacking a value (address, what).
    pub(crate) missing: HashMap<String, (String, Missing)>,
}

fn mb(n: u64) -> String {
    format!("{:.1} MB", n as f64 / (1024.0 * 1024.0))
}

/// The error of a workbook that cannot be read; `detail` is a library's own
/// text, shown after the Chinese sentence.
fn refused(path: &Path, what: &str) -> String {
    format!("无法读取工作簿“{}”：{what}", path.display())
}

/// A reader that fails once more than `limit` bytes came out of it.
struct Capped<R> {
    inner: R,
    read: u64,
    limit: u64,
    over: bool,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > self.limit {
            self.over = true;
            return Err(io::Error::other("part too large"));
        }
        Ok(n)
    }
}

/// Scans the workbook at `path` (see the module documentation).
pub(crate) fn scan_xlsx(path: &Path) -> Result<Scan, String> {
    let size = std::fs::metadata(path)
        .map_err(|e| refused(path, &format!("无法读取文件（详细信息：{e}）")))?
        .len();
    if size > MAX_XLSX_FILE {
        return Err(refused(
            path,
            &format!("文件过大（{}），导入工作簿最大 {}", mb(size), mb(MAX_XLSX_FILE)),
        ));
    }
    let file = File::open(path).map_err(|e| refused(path, &format!("无法打开文件（详细信息：{e}）")))?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| {
        refused(
            path,
            &format!(
                "文件已损坏或不是 Excel 工作簿（.xlsx），请用 Excel 或 WPS 打开后另存为 .xlsx 再导入（详细信息：{e}）"
            ),
        )
    })?;
    if zip.len() > MAX_XLSX_ENTRIES {
        return Err(refused(
            path,
            &format!("工作簿包含 {} 个部件，超过 {} 个的上限", zip.len(), MAX_XLSX_ENTRIES),
        ));
    }
    let mut total: u64 = 0;
    let mut workbook_xml = String::new();
    let mut rels_xml = String::new();
    // Worksheet part → first cell lacking a value.
    let mut missing_by_part: HashMap<String, (String, Missing)> = HashMap::new();
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| {
            refused(
                path,
                &format!("工作簿已损坏，第{}个部件无法读取（详细信息：{e}）", i + 1),
            )
        })?;
        let name = entry
            .name()
            .map(|n| n.into_owned())
            .unwrap_or_else(|_| format!("第{}个部件", i + 1));
        let lower = name.to_ascii_lowercase();
        let is_sheet = lower.starts_with("xl/worksheets/") && lower.ends_with(".xml");
        let is_sst = lower == "xl/sharedstrings.xml";
        let cap = if is_sheet || is_sst {
            MAX_XLSX_PART
        } else {
            MAX_OTHER_PART
        };
        let cap = cap.min(MAX_XLSX_TOTAL.saturating_sub(total));
        let too_large = |n: u64| {
            refused(
                path,
                &format!(
                    "其中的“{name}”解压后超过 {}（声明大小 {}），可能是损坏或恶意构造的文件；工作簿解压后合计最多 {}",
                    mb(cap),
                    mb(n),
                    mb(MAX_XLSX_TOTAL)
                ),
            )
        };
        if entry.size() > cap {
            return Err(too_large(entry.size()));
        }
        let mut capped = Capped {
            inner: entry,
            read: 0,
            limit: cap,
            over: false,
        };
        let broken =
            |e: &dyn std::fmt::Display| refused(path, &format!("工作簿已损坏，“{name}”无法读取（详细信息：{e}）"));
        let result: Result<(), String> = if is_sheet {
            let mut r = BufReader::new(&mut capped);
            scan_sheet(&mut r).map(|m| {
                if let Some(m) = m {
                    missing_by_part.insert(lower.clone(), m);
                }
            })
        } else if is_sst {
            let mut r = BufReader::new(&mut capped);
            scan_shared_strings(&mut r).and_then(|(counted, declared)| {
                let n = counted.max(declared);
                if n > MAX_SHARED_STRINGS {
                    Err(format!(
                        "共享字符串表有 {n} 项，超过 {MAX_SHARED_STRINGS} 项的上限，可能是损坏或恶意构造的文件"
                    ))
                } else {
                    Ok(())
                }
            })
        } else if lower == "xl/workbook.xml" {
            capped
                .read_to_string(&mut workbook_xml)
                .map(|_| ())
                .map_err(|e| e.to_string())
        } else if lower == "xl/_rels/workbook.xml.rels" {
            capped
                .read_to_string(&mut rels_xml)
                .map(|_| ())
                .map_err(|e| e.to_string())
        } else {
            io::copy(&mut capped, &mut io::sink())
                .map(|_| ())
                .map_err(|e| e.to_string())
        };
        if capped.over {
            return Err(too_large(capped.inner.size()));
        }
        if let Err(e) = result {
            // Our own Chinese sentence, or a library's text to put after one.
            return Err(if e.chars().next().is_some_and(|c| !c.is_ascii()) {
                refused(path, &e)
            } else {
                broken(&e)
            });
        }
        total += capped.read;
    }
    let mut scan = Scan::default();
    if !missing_by_part.is_empty() {
        for (sheet, part) in sheet_parts(&workbook_xml, &rels_xml) {
            if let Some(m) = missing_by_part.remove(&part.to_ascii_lowercase()) {
                scan.missing.insert(sheet, m);
            }
        }
    }
    Ok(scan)
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name || a.key.local_name().as_ref() == name)
        .map(|a| a.value.to_string())
}

/// The first cell of a worksheet lacking its value.
fn scan_sheet<R: io::BufRead>(r: R) -> Result<Option<(String, Missing)>, String> {
    let mut xml = quick_xml::Reader::from_reader(r);
    let mut buf = Vec::new();
    // The cell being read: address, type, formula, whether a <v> was seen and
    // whether it had text.
    let mut addr = String::new();
    let mut typ = String::new();
    let mut formula: Option<String> = None;
    let (mut in_f, mut in_v, mut v_seen, mut v_text) = (false, false, false, false);
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(|e| e.to_string())? {
            Event::Eof => return Ok(None),
            Event::Start(e) | Event::Empty(e)
                if matches!(e.local_name().as_ref(), "c" | "row" | "dimension")
                    && let Some(r) = attr(
                        &e,
                        if e.local_name().as_ref() == "dimension" {
                            "ref"
                        } else {
                            "r"
                        },
                    )
                    && !r.split(':').all(valid_reference) =>
            {
                return Ok(Some((r.clone(), Missing::BadAddress { reference: r })));
            }
            Event::Start(e) => match e.local_name().as_ref() {
                "c" => {
                    addr = attr(&e, "r").unwrap_or_default();
                    typ = attr(&e, "t").unwrap_or_default();
                    formula = None;
                    (v_seen, v_text) = (false, false);
                }
                "f" => {
                    formula = Some(String::new());
                    in_f = true;
                }
                "v" => {
                    v_seen = true;
                    in_v = true;
                }
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "f" => formula = Some(String::new()),
                "v" => v_seen = true,
                _ => {}
            },
            Event::Text(t) => {
                let t: &str = t.as_ref();
                if in_v && t.bytes().any(|b| !b.is_ascii_whitespace()) {
                    v_text = true;
                }
                if in_f
                    && let Some(f) = formula.as_mut()
                    && f.len() < 200
                {
                    f.push_str(t);
                }
            }
            Event::GeneralRef(_) if in_v => v_text = true,
            Event::End(e) => match e.local_name().as_ref() {
                "f" => in_f = false,
                "v" => in_v = false,
                "c" => {
                    let has_value = v_seen && (v_text || typ == "str");
                    if let Some(f) = formula.take() {
                        if !has_value && typ != "inlineStr" {
                            return Ok(Some((addr, Missing::FormulaResult { formula: f })));
                        }
                    } else if v_seen && !v_text && matches!(typ.as_str(), "" | "n" | "s" | "b" | "e") {
                        return Ok(Some((addr, Missing::Value)));
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
}

/// The shared strings counted, and the count the table declares.
fn scan_shared_strings<R: io::BufRead>(r: R) -> Result<(u64, u64), String> {
    let mut xml = quick_xml::Reader::from_reader(r);
    let mut buf = Vec::new();
    let mut counted = 0u64;
    let mut declared = 0u64;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(|e| e.to_string())? {
            Event::Eof => return Ok((counted, declared)),
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "si" => {
                    counted += 1;
                    if counted > MAX_SHARED_STRINGS {
                        return Ok((counted, declared));
                    }
                }
                "sst" => {
                    for key in ["uniqueCount", "count"] {
                        if let Some(v) = attr(&e, key) {
                            // A count that is not a number is calamine's to refuse.
                            let n = v
                                .trim()
                                .parse::<u64>()
                                .unwrap_or(if v.trim().is_empty() { 0 } else { u64::MAX });
                            if key == "uniqueCount" {
                                declared = declared.max(n);
                            }
                        }
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
}

/// Sheet name → worksheet part (`xl/worksheets/sheet1.xml`), from the
/// workbook and its relationships. Unreadable entries are skipped.
fn sheet_parts(workbook: &str, rels: &str) -> Vec<(String, String)> {
    let mut targets: HashMap<String, String> = HashMap::new();
    let mut xml = quick_xml::Reader::from_str(rels);
    loop {
        match xml.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "Relationship" => {
                if let (Some(id), Some(target)) = (attr(&e, "Id"), attr(&e, "Target")) {
                    let part = match target.strip_prefix('/') {
                        Some(abs) => abs.to_string(),
                        None => format!("xl/{target}"),
                    };
                    targets.insert(id, part);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    let mut xml = quick_xml::Reader::from_str(workbook);
    loop {
        match xml.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sheet" => {
                if let (Some(name), Some(id)) = (attr(&e, "name"), attr(&e, "id"))
                    && let Some(part) = targets.get(&id)
                {
                    let name = quick_xml::escape::unescape(&name)
                        .map(|n| n.into_owned())
                        .unwrap_or(name);
                    out.push((name, part.clone()));
                }
            }
            _ => {}
        }
    }
    out
}
