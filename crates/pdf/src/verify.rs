//! Reading a published PDF back, as a reader would check it before it goes on
//! the website: every page after the cover is numbered in order, every 目录
//! entry names a page that carries that heading, and every page of a table
//! repeats the table's label, title and column header. A table's entry is
//! its label and title (`公开01表 收入支出决算总表`) or numbered as 002's
//! (`一、收入支出决算总表`): then the label is the one on the page it names.
//!
//! The check reads the file's own text (through its fonts' ToUnicode maps),
//! not the layout that produced it, so it also finds a file that was changed
//! or damaged after the export. It is bounded for any input: the file's size,
//! the number of pages and each page's decompressed content are limited.

use yusuan_report::table::Cell;
use yusuan_report::{Publication, Section};

use crate::MAX_PAGES;

/// Larger than any publication (the 20,000-line test package's PDF is a few MB).
pub const MAX_PDF_BYTES: usize = 64 << 20;
/// Decompressed content of one page (a table page is well under 1 MB).
const MAX_PAGE_CONTENT: usize = 16 << 20;
/// Work allowed for reading tables back from their ruled cells: text runs ×
/// cells over all table pages (a real publication needs a few million), and
/// the cells of one page's grid (rows × columns).
const MAX_GRID_WORK: usize = 200_000_000;
const MAX_GRID_CELLS: usize = 200_000;
/// 目录 entries (a publication has a few dozen).
const MAX_TOC_ENTRIES: usize = 1_000;
/// Decompressed content of all pages together, so that what is kept of them
/// (their text runs) stays bounded too: a 1,701-page publication has 37 MB.
const MAX_CONTENT: usize = 256 << 20;

/// One thing that is wrong, on a page (1-based) when there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PdfProblem {
    pub page: Option<usize>,
    pub message: String,
}

/// What the check read and what it found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PdfCheck {
    pub pages: usize,
    /// 目录 entries read (0 when the file has no 目录).
    pub toc_entries: usize,
    /// Tables whose pages were checked.
    pub tables: usize,
    /// Sums of the column tables re-added (0 without a re-adder).
    pub sums_checked: usize,
    pub problems: Vec<PdfProblem>,
    /// Tables by label, their pages (1-based), and whether they are column
    /// tables (re-added) rather than stacks of blocks.
    table_pages: Vec<(String, std::ops::RangeInclusive<usize>, bool)>,
}

impl PdfCheck {
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }

    /// One line: what was checked and whether it held.
    pub fn summary(&self) -> String {
        let mut what = format!(
            "{}页，目录{}条，{}张表的每一页",
            self.pages, self.toc_entries, self.tables
        );
        let mut held = "页码连续，目录页码与标题相符，续页重复表头".to_string();
        if self.sums_checked > 0 {
            what.push_str(&format!("，{}处合计", self.sums_checked));
            held.push_str("，合计与明细在尾差内相符");
        }
        if self.problems.is_empty() {
            format!("自检通过：{what}（{held}）")
        } else {
            format!("自检发现{}处问题（核对了{what}）", self.problems.len())
        }
    }
}

/// Reads `bytes` as a PDF and checks page numbers, 目录 and table headers.
/// `Err` says in Chinese why the file could not be read at all.
pub fn verify_pdf(bytes: &[u8]) -> Result<PdfCheck, String> {
    verify_pdf_with(bytes, &|_, _| (0, Vec::new()))
}

/// The sums of a table read back as rows of cell texts: how many were
/// checked, and each that does not hold as (row, column, message), 0-based.
/// The workbook's re-adder (`yusuan_workbook::verify::readd_grid`) is one.
pub type Readd<'a> = &'a dyn Fn(&str, &[Vec<String>]) -> (usize, Vec<(usize, usize, String)>);

/// [`verify_pdf`], and every column table (not the 整体绩效目标表 or the
/// 自评表) read back as a grid from its ruled cells — all its pages, the
/// repeated header rows taken once — and re-added by `readd`.
pub fn verify_pdf_with(bytes: &[u8], readd: Readd<'_>) -> Result<PdfCheck, String> {
    let pages = read_pages(bytes)?;
    Ok(check_read(&pages, readd))
}

/// [`verify_pdf_with`], and the printed text against the publication the
/// file was made from (the check after an export): every heading and
/// paragraph of the narrative printed whole, and every figure and text of
/// every table printed on that table's pages — so that a character the
/// fonts lack, a dropped line or a figure cut short is a finding.
pub fn verify_publication(bytes: &[u8], publication: &Publication, readd: Readd<'_>) -> Result<PdfCheck, String> {
    let pages = read_pages(bytes)?;
    let mut check = check_read(&pages, readd);
    check_content(&pages, publication, &mut check);
    Ok(check)
}

fn check_read(pages: &[Page], readd: Readd<'_>) -> PdfCheck {
    let chunks: Vec<Vec<String>> = pages
        .iter()
        .map(|p| {
            p.runs
                .iter()
                .map(|r| r.text.clone())
                .filter(|t| !t.is_empty())
                .collect()
        })
        .collect();
    let mut check = check_pages(&chunks);
    let columns = check.table_pages.iter().filter(|t| t.2).cloned().collect::<Vec<_>>();
    let mut work = 0usize;
    'tables: for (label, range, _) in columns {
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut row_page: Vec<usize> = Vec::new();
        let mut header: Vec<Vec<String>> = Vec::new();
        for p in range {
            let page = &pages[p - 1];
            work = work.saturating_add(page.runs.len().saturating_mul(page.cells.len()));
            let Some(grid) = (work <= MAX_GRID_WORK).then(|| table_grid(page)).flatten() else {
                check.problems.push(PdfProblem {
                    page: Some(p),
                    message: format!("第{p}页的表格线和文字过多，{label}没有重新加总：这不像本程序导出的公开文件"),
                });
                break 'tables;
            };
            // A continuation page's repeated header rows are read once.
            let repeated = if header.is_empty() {
                0
            } else {
                grid.iter().zip(&header).take_while(|(a, b)| a == b).count()
            };
            if header.is_empty() {
                header = grid
                    .iter()
                    .take_while(|r| !r.iter().any(|c| is_amount(c)))
                    .cloned()
                    .collect();
            }
            for row in grid.into_iter().skip(repeated) {
                rows.push(row);
                row_page.push(p);
            }
        }
        let (sums, findings) = readd(&label, &rows);
        check.sums_checked += sums;
        for (r, c, message) in findings {
            let page = row_page.get(r).copied();
            check.problems.push(PdfProblem {
                page,
                message: format!(
                    "{label}（第{}页）第{}行第{}列：{message}",
                    page.unwrap_or(0),
                    r + 1,
                    c + 1
                ),
            });
        }
    }
    check
}

/// Text without whitespace, as read back.
fn squeezed(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The page furniture that is not the publication's text: page numbers and
/// the draft mark.
fn is_furniture(chunk: &str) -> bool {
    page_mark(chunk).is_some() || chunk.starts_with("草稿（")
}

fn check_content(pages: &[Page], p: &Publication, check: &mut PdfCheck) {
    let text_of = |range: std::ops::RangeInclusive<usize>| -> (String, Vec<&str>) {
        let chunks: Vec<&str> = range
            .filter_map(|n| pages.get(n - 1))
            .flat_map(|pg| pg.runs.iter().map(|r| r.text.as_str()))
            .filter(|c| !c.is_empty() && !is_furniture(c))
            .collect();
        (chunks.concat(), chunks)
    };
    let (all, _) = text_of(1..=pages.len());
    for section in &p.sections {
        let Section::Part { part, .. } = section else { continue };
        for para in &part.paragraphs {
            let heading = squeezed(&para.heading);
            if !heading.is_empty() && !all.contains(&heading) {
                check.problems.push(PdfProblem {
                    page: None,
                    message: format!("情况说明的标题“{}”没有完整印出", para.heading.trim()),
                });
            }
            for line in para.text.lines() {
                let line = squeezed(line);
                if !line.is_empty() && !all.contains(&line) {
                    let start: String = line.chars().take(20).collect();
                    check.problems.push(PdfProblem {
                        page: None,
                        message: format!("情况说明“{}”中以“{start}”开头的一段没有完整印出", para.heading.trim()),
                    });
                }
            }
        }
    }
    for t in p.tables() {
        let Some((_, range, _)) = check.table_pages.iter().find(|x| x.0 == t.label) else {
            check.problems.push(PdfProblem {
                page: None,
                message: format!("{}不在目录中，没有核对它的内容", t.label),
            });
            continue;
        };
        let first = *range.start();
        let (joined, chunks) = text_of(range.clone());
        // Figures are printed on one line each: counted as printed runs.
        let mut printed: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for c in &chunks {
            *printed.entry(c).or_default() += 1;
        }
        let mut missing = Vec::new();
        for row in &t.rows {
            for cell in &row.cells {
                let shown = squeezed(&t.display(cell));
                if shown.is_empty() {
                    continue;
                }
                let found = match cell {
                    Cell::Amount(_) | Cell::Masked(_) => match printed.get_mut(shown.as_str()) {
                        Some(n) if *n > 0 => {
                            *n -= 1;
                            true
                        }
                        _ => false,
                    },
                    // A text may wrap, and a long one go on over the next
                    // page: its beginning and its end are looked for.
                    _ => {
                        let head: String = shown.chars().take(8).collect();
                        let tail: String = shown
                            .chars()
                            .rev()
                            .take(8)
                            .collect::<Vec<_>>()
                            .into_iter()
                            .rev()
                            .collect();
                        joined.contains(&head) && joined.contains(&tail)
                    }
                };
                if !found {
                    missing.push(shown);
                }
            }
        }
        if !missing.is_empty() {
            let shown: Vec<&str> = missing.iter().take(3).map(|s| s.as_str()).collect();
            check.problems.push(PdfProblem {
                page: Some(first),
                message: format!("{}有{}处内容没有印出，如“{}”", t.label, missing.len(), shown.join("”“")),
            });
        }
    }
}

/// A run of text at its baseline's left end, whitespace removed.
#[derive(Clone, Debug)]
struct Run {
    x: f32,
    y: f32,
    text: String,
}

/// A ruled cell: x0 < x1, y0 < y1.
#[derive(Clone, Copy, Debug)]
struct Rect {
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
}

struct Page {
    runs: Vec<Run>,
    cells: Vec<Rect>,
}

fn read_pages(bytes: &[u8]) -> Result<Vec<Page>, String> {
    if bytes.len() > MAX_PDF_BYTES {
        return Err(format!(
            "文件有{}MB，超过公开文件的上限{}MB，没有检查",
            bytes.len() >> 20,
            MAX_PDF_BYTES >> 20
        ));
    }
    if !bytes.starts_with(b"%PDF-") {
        return Err("不是PDF文件（文件开头没有“%PDF-”）".to_string());
    }
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(MAX_PAGE_CONTENT),
        ..Default::default()
    };
    let doc = lopdf::Document::load_mem_with_options(bytes, options)
        .map_err(|e| format!("PDF文件已损坏，无法读取（{e}）"))?;
    let ids = doc.get_pages();
    if ids.len() > MAX_PAGES {
        return Err(format!(
            "文件有{}页，超过公开文件的上限{MAX_PAGES}页，没有检查",
            ids.len()
        ));
    }
    let mut total = 0usize;
    let mut pages = Vec::with_capacity(ids.len());
    for (n, id) in &ids {
        let (page, size) = read_page(&doc, *id).map_err(|e| format!("第{n}页的内容无法读取（{e}）"))?;
        total += size;
        if total > MAX_CONTENT {
            return Err(format!(
                "文件的页面内容解压后超过{}MB（到第{n}页为止），不是本程序导出的公开文件，没有检查",
                MAX_CONTENT >> 20
            ));
        }
        pages.push(page);
    }
    Ok(pages)
}

/// The page's text runs (position and text, in drawing order) and ruled
/// cells (closed four-point paths and rectangles).
/// Also the size of its decompressed content.
fn read_page(doc: &lopdf::Document, id: lopdf::ObjectId) -> Result<(Page, usize), lopdf::Error> {
    let fonts = doc.get_page_fonts(id)?;
    let mut encodings = std::collections::BTreeMap::new();
    for (name, font) in fonts {
        encodings.insert(name, font.get_font_encoding_with_limit(doc, MAX_PAGE_CONTENT)?);
    }
    let data = doc.get_page_content_with_limit(id, MAX_PAGE_CONTENT)?;
    let content = lopdf::content::Content::decode(&data)?;
    let mut page = Page {
        runs: Vec::new(),
        cells: Vec::new(),
    };
    let mut font = None;
    let (mut x, mut y) = (0.0f32, 0.0f32);
    let mut path: Vec<(f32, f32)> = Vec::new();
    let num = |o: &lopdf::Object| o.as_float().unwrap_or(0.0);
    for op in &content.operations {
        let a = &op.operands;
        match op.operator.as_str() {
            "BT" => (x, y) = (0.0, 0.0),
            "Tf" => font = a.first().and_then(|o| o.as_name().ok()).and_then(|n| encodings.get(n)),
            "Td" if a.len() == 2 => (x, y) = (x + num(&a[0]), y + num(&a[1])),
            "Tm" if a.len() == 6 => (x, y) = (num(&a[4]), num(&a[5])),
            "Tj" | "TJ" => {
                let mut text = String::new();
                let strings: Vec<&lopdf::Object> = match a.first() {
                    Some(lopdf::Object::Array(items)) => items.iter().collect(),
                    Some(o) => vec![o],
                    None => Vec::new(),
                };
                for o in strings {
                    if let (Ok(bytes), Some(enc)) = (o.as_str(), font) {
                        text.push_str(&lopdf::Document::decode_text(enc, bytes).unwrap_or_default());
                    }
                }
                text.retain(|c| !c.is_whitespace());
                page.runs.push(Run { x, y, text });
            }
            "m" if a.len() == 2 => path = vec![(num(&a[0]), num(&a[1]))],
            "l" if a.len() == 2 => path.push((num(&a[0]), num(&a[1]))),
            "re" if a.len() == 4 => {
                // A filled rectangle is a shaded cell's background, not a rule.
                path.clear();
            }
            "S" | "s" => {
                if path.len() >= 4 {
                    let xs = path.iter().map(|p| p.0);
                    let ys = path.iter().map(|p| p.1);
                    let rect = Rect {
                        x0: xs.clone().fold(f32::MAX, f32::min),
                        x1: xs.fold(f32::MIN, f32::max),
                        y0: ys.clone().fold(f32::MAX, f32::min),
                        y1: ys.fold(f32::MIN, f32::max),
                    };
                    if rect.x1 - rect.x0 > 1.0 && rect.y1 - rect.y0 > 1.0 {
                        page.cells.push(rect);
                    }
                }
                path.clear();
            }
            _ => {}
        }
    }
    Ok((page, data.len()))
}

fn is_amount(text: &str) -> bool {
    let t = text.replace(',', "");
    !t.is_empty() && t.contains('.') && t.parse::<f64>().is_ok()
}

/// A page's ruled cells as rows × columns of their texts: the rows and
/// columns are the distinct top and left edges of the cells; a merged cell's
/// text stands in its top-left position, as in the workbook.
/// `None` when the grid would have more than [`MAX_GRID_CELLS`] cells.
fn table_grid(page: &Page) -> Option<Vec<Vec<String>>> {
    let key = |v: f32| (v * 10.0).round() as i64;
    let mut tops: Vec<i64> = page.cells.iter().map(|c| key(c.y1)).collect();
    let mut lefts: Vec<i64> = page.cells.iter().map(|c| key(c.x0)).collect();
    tops.sort_unstable_by(|a, b| b.cmp(a));
    tops.dedup();
    lefts.sort_unstable();
    lefts.dedup();
    if tops.len().saturating_mul(lefts.len()) > MAX_GRID_CELLS {
        return None;
    }
    let mut grid = vec![vec![String::new(); lefts.len()]; tops.len()];
    for run in &page.runs {
        // The smallest cell holding the run's baseline start.
        let cell = page
            .cells
            .iter()
            .filter(|c| run.x >= c.x0 - 0.5 && run.x <= c.x1 && run.y >= c.y0 && run.y <= c.y1)
            .min_by(|a, b| ((a.x1 - a.x0) * (a.y1 - a.y0)).total_cmp(&((b.x1 - b.x0) * (b.y1 - b.y0))));
        let Some(c) = cell else { continue };
        let (Ok(r), Ok(k)) = (
            tops.binary_search_by(|t| key(c.y1).cmp(t)),
            lefts.binary_search(&key(c.x0)),
        ) else {
            continue;
        };
        grid[r][k].push_str(&run.text);
    }
    Some(grid)
}

/// The checks on each page's text runs (whitespace removed), in drawing order.
pub fn check_pages(pages: &[Vec<String>]) -> PdfCheck {
    let mut check = PdfCheck {
        pages: pages.len(),
        ..Default::default()
    };
    let problem = |page: Option<usize>, message: String| PdfProblem { page, message };

    // Page numbers: every page but the cover says 第 N 页 with its own N.
    for (i, page) in pages.iter().enumerate().skip(1) {
        let n = i + 1;
        let marks: Vec<usize> = page.iter().filter_map(|c| page_mark(c)).collect();
        match marks.as_slice() {
            [] => check.problems.push(problem(Some(n), format!("第{n}页没有页码"))),
            [m] if *m == n => {}
            [m] => check
                .problems
                .push(problem(Some(n), format!("第{n}页印的页码是“第{m}页”"))),
            _ => check
                .problems
                .push(problem(Some(n), format!("第{n}页印了不止一个页码"))),
        }
    }

    let Some(toc_start) = pages.iter().position(|p| p.first().is_some_and(|c| c == "目录")) else {
        return check;
    };
    let entries = match read_toc(pages, toc_start) {
        Ok(entries) => entries,
        Err(message) => {
            check.problems.push(problem(Some(toc_start + 1), message));
            return check;
        }
    };
    check.toc_entries = entries.len();
    let joined: Vec<String> = pages.iter().map(|p| p.concat()).collect();
    // A table's entry: labelled, or numbered or titled and its label on the
    // page named.
    let table_entry = |title: &'_ str, n: usize| -> (Option<String>, String) {
        match split_table_entry(title) {
            (Some(label), rest) => (Some(label.to_string()), rest.to_string()),
            (None, _) => n
                .checked_sub(1)
                .and_then(|i| {
                    let (page, text) = (pages.get(i)?, joined.get(i)?);
                    numbered_table(title, page, text).or_else(|| titled_table(title, page, text))
                })
                .map_or((None, title.to_string()), |(l, t)| (Some(l.to_string()), t.to_string())),
        }
    };
    for (k, (title, n)) in entries.iter().enumerate() {
        let Some(text) = n.checked_sub(1).and_then(|i| joined.get(i)) else {
            check.problems.push(problem(
                Some(toc_start + 1),
                format!("目录中“{title}”的页码{n}超出了文件的{}页", pages.len()),
            ));
            continue;
        };
        let (label, table_title) = table_entry(title, *n);
        if label.is_none() {
            // A group title without a page of its own (附件：… above its
            // tables) is listed at its first table's page.
            // (Not a numbered or titled entry: that is a heading, or a
            // table whose page does not carry it.)
            let groups_next = !numbered(title)
                && !titled(title)
                && entries
                    .get(k + 1)
                    .is_some_and(|(next, m)| m == n && table_entry(next, *m).0.is_some());
            // A title too long for three lines ends in … in the 目录.
            let shown = title.strip_suffix('…').unwrap_or(title);
            if !groups_next && !text.contains(shown) {
                check.problems.push(problem(
                    Some(*n),
                    format!("目录说“{title}”在第{n}页，第{n}页没有这个标题"),
                ));
            }
            continue;
        }
        let label = label.unwrap_or_default();
        let label = label.as_str();
        let table_title = table_title.strip_suffix('…').unwrap_or(&table_title);
        // A table: its first page and every page up to the next entry's.
        check.tables += 1;
        let first = *n;
        let next = entries[k + 1..].iter().map(|e| e.1).find(|m| *m > first);
        let last = next.map_or(pages.len(), |m| m - 1).min(pages.len());
        if first > 1 && joined[first - 2].contains(label) && first - 1 > toc_start + 1 {
            check.problems.push(problem(
                Some(first),
                format!("目录说{label}从第{first}页开始，它在第{}页已经开始", first - 1),
            ));
        }
        let head = &pages[first - 1];
        // The 整体绩效目标表 and the 自评表 are stacks of blocks, each with
        // its own header (the layout repeats a block's header on its
        // continuation pages: crates/fixtures/tests/pdf.rs checks that on
        // the layout); here only their label and title are looked for.
        let blocks = table_title.contains("整体绩效目标表") || label.contains("自评表");
        check.table_pages.push((label.to_string(), first..=last, !blocks));
        for p in first..=last {
            let page = &pages[p - 1];
            let text = &joined[p - 1];
            if !text.contains(label) || !text.contains(table_title) {
                check.problems.push(problem(
                    Some(p),
                    format!("第{p}页是{label}的一页，但没有印表号和表名“{label} {table_title}”"),
                ));
                continue;
            }
            if p > first && !blocks && !repeats_header(head, page) {
                check
                    .problems
                    .push(problem(Some(p), format!("第{p}页是{label}的续页，没有重复表头")));
            }
        }
    }
    check
}

/// `第12页` → 12.
fn page_mark(chunk: &str) -> Option<usize> {
    let digits = chunk.strip_prefix('第')?.strip_suffix('页')?;
    if digits.is_empty() || digits.len() > 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn is_leader(chunk: &str) -> bool {
    !chunk.is_empty() && chunk.chars().all(|c| c == '.' || c == '…' || c == '·')
}

fn is_number(chunk: &str) -> bool {
    !chunk.is_empty() && chunk.len() <= 6 && chunk.bytes().all(|b| b.is_ascii_digit())
}

/// The 目录's entries as (title, page): the titles are drawn first (a long
/// one on up to three lines), then each entry's leader and page number.
fn read_toc(pages: &[Vec<String>], start: usize) -> Result<Vec<(String, usize)>, String> {
    let mut titles = Vec::new();
    let mut numbers = Vec::new();
    for (i, page) in pages.iter().enumerate().skip(start) {
        if i > start && !page.iter().any(|c| is_leader(c)) {
            break;
        }
        let body = if i == start { &page[1..] } else { &page[..] };
        for c in body {
            if is_leader(c) || page_mark(c).is_some() {
                continue;
            }
            if is_number(c) {
                numbers.push(c.parse::<usize>().unwrap_or(0));
            } else if numbers.is_empty() || i > start {
                titles.push(c.clone());
            }
        }
    }
    if numbers.len() > MAX_TOC_ENTRIES || titles.len() > 3 * MAX_TOC_ENTRIES {
        return Err(format!(
            "目录有{}个页码、{}行标题，超过公开文件可能有的{MAX_TOC_ENTRIES}条，没有核对目录",
            numbers.len(),
            titles.len()
        ));
    }
    if numbers.is_empty() {
        return Err("目录中没有读到页码".to_string());
    }
    // Pair each number with its title, joining a title's wrapped lines: a
    // line joins the one before while titles would otherwise be left over
    // and the joined text appears on the page the number names.
    let joined: Vec<String> = pages.iter().map(|p| p.concat()).collect();
    let mut entries = Vec::with_capacity(numbers.len());
    let mut t = 0;
    for (k, &n) in numbers.iter().enumerate() {
        let Some(first) = titles.get(t) else {
            return Err(format!("目录有{}个页码，但只有{}个标题", numbers.len(), titles.len()));
        };
        let mut title = first.clone();
        t += 1;
        let left_after = numbers.len() - k - 1;
        while titles.len() - t > left_after {
            let longer = format!("{title}{}", titles[t]);
            let on_page = n
                .checked_sub(1)
                .and_then(|i| joined.get(i))
                .is_some_and(|p| p.contains(&longer));
            if !on_page && starts_entry(&titles[t]) {
                break;
            }
            title = longer;
            t += 1;
        }
        entries.push((title, n));
    }
    if t != titles.len() {
        return Err(format!(
            "目录有{}个页码，但标题多出{}行",
            numbers.len(),
            titles.len() - t
        ));
    }
    Ok(entries)
}

/// A line that begins a 目录 entry: a part (`第一部分`), a heading (`一、`,
/// `（一）`), 附件 or a table label; any other line continues the title above.
fn starts_entry(line: &str) -> bool {
    const NUMERALS: &str = "一二三四五六七八九十";
    let numeral_then = |s: &str, end: &str| {
        let n = s.chars().take_while(|c| NUMERALS.contains(*c)).count();
        n > 0 && s.chars().skip(n).collect::<String>().starts_with(end)
    };
    line.strip_prefix('第').is_some_and(|r| numeral_then(r, "部分"))
        || numeral_then(line, "、")
        || line.strip_prefix('（').is_some_and(|r| numeral_then(r, "）"))
        || line.starts_with("附件")
        || split_table_entry(line).0.is_some()
        || titled(line)
}

/// An entry naming a 自评表 by its title (`部门整体支出绩效自评表`,
/// `项目支出绩效自评表（…）`): a table of its own, never a group title.
fn titled(entry: &str) -> bool {
    entry.ends_with("自评表") || entry.contains("自评表（")
}

/// A 目录 entry naming a table by its title alone, maybe with the name that
/// tells it from others of that title (决算 第五部分: `部门整体支出绩效自评表`,
/// `项目支出绩效自评表（工业发展资金）`): when the page it names begins with a
/// table's label and then that title, and carries the name, that label and
/// the title. The pages keep their labels, so the rest of the check is a
/// labelled entry's; a page of another form of the same title lacks the
/// name and is reported.
fn titled_table<'a>(entry: &'a str, page: &'a [String], text: &str) -> Option<(&'a str, &'a str)> {
    let first = page.first()?;
    let label = split_table_entry(first).0.filter(|l| *l == first)?;
    let (title, name) = match entry.strip_suffix('）').and_then(|e| e.rsplit_once('（')) {
        Some((title, name)) if !title.is_empty() && !name.is_empty() => (title, Some(name)),
        _ => (entry.strip_suffix('…').unwrap_or(entry), None),
    };
    let named = name.is_none_or(|n| text.contains(n));
    (named && text.strip_prefix(label)?.starts_with(title)).then_some((label, title))
}

/// A numbered 目录 entry of a table (`一、收入支出决算总表`, as 002 lists
/// them): when the page it names is not a heading's but begins with a table's
/// label and then the entry's title, that label and the title. The pages keep
/// their labels, so the rest of the check is a labelled entry's.
fn numbered_table<'a>(entry: &'a str, page: &'a [String], text: &str) -> Option<(&'a str, &'a str)> {
    if !numbered(entry) || text.contains(entry) {
        return None;
    }
    let (_, title) = entry.split_once('、')?;
    let first = page.first()?;
    let label = split_table_entry(first).0.filter(|l| *l == first)?;
    let shown = title.strip_suffix('…').unwrap_or(title);
    text.strip_prefix(label)?.starts_with(shown).then_some((label, shown))
}

/// An entry numbered `一、` … `九十九、`.
fn numbered(entry: &str) -> bool {
    const NUMERALS: &str = "一二三四五六七八九十";
    entry
        .split_once('、')
        .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| NUMERALS.contains(c)))
}

/// `公开01表2023年…` → (`公开01表`, `2023年…`); a narrative heading → (None, heading).
/// A table's label is what comes before its title: text ending in 表 and
/// maybe a number (`项目自评表1`), with a digit in it or one of the
/// attachment labels.
fn split_table_entry(title: &str) -> (Option<&str>, &str) {
    let Some(i) = title.find('表') else {
        return (None, title);
    };
    let mut end = i + '表'.len_utf8();
    // `预算05表` is numbered before 表, `项目自评表1` after it.
    let numbered = title[..i].bytes().any(|b| b.is_ascii_digit());
    if !numbered {
        end += title[end..].bytes().take_while(|b| b.is_ascii_digit()).count();
    }
    let label = &title[..end];
    if (numbered || label.contains("自评表")) && label.chars().count() <= 8 {
        (Some(label), &title[end..])
    } else {
        (None, title)
    }
}

/// A continuation page starts as the table's first page does — label,
/// title, 单位 line — and goes on with at least the header's first cell.
fn repeats_header(first: &[String], page: &[String]) -> bool {
    let unit = first
        .iter()
        .position(|c| c.starts_with("单位：") || c.starts_with("金额单位：") || c.contains("单位：万元"));
    // Without a 单位 line: the label and title, then a header cell.
    let needed = unit.map_or(3, |u| u + 2).min(first.len());
    let skip_draft = |p: &[String]| -> Vec<String> { p.iter().filter(|c| !c.starts_with("草稿")).cloned().collect() };
    let (a, b) = (skip_draft(first), skip_draft(page));
    let needed = needed.min(a.len());
    b.len() >= needed && a[..needed] == b[..needed]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(chunks: &[&str]) -> Vec<String> {
        chunks.iter().map(|c| c.to_string()).collect()
    }

    /// Cover, 目录 (one title wrapped over two lines), a narrative page and a
    /// two-page table.
    fn publication() -> Vec<Vec<String>> {
        vec![
            page(&["2024年部门预算公开"]),
            page(&[
                "目录",
                "第一部分概况",
                "附件：某局2024年度部门预算表的一个很长",
                "的标题",
                "预算01表2024年部门收支总体情况表",
                "......",
                "3",
                "......",
                "4",
                "......",
                "4",
                "第2页",
            ]),
            page(&["第一部分", "概况", "第3页"]),
            page(&[
                "预算01表",
                "2024年部门收支总体情况表",
                "单位：万元",
                "项目",
                "金额",
                "收入",
                "1.00",
                "第4页",
            ]),
            page(&[
                "预算01表",
                "2024年部门收支总体情况表",
                "单位：万元",
                "项目",
                "金额",
                "支出",
                "1.00",
                "第5页",
            ]),
        ]
    }

    #[test]
    fn a_whole_publication_is_clean_and_a_wrapped_title_is_joined() {
        let c = check_pages(&publication());
        assert_eq!(c.problems, []);
        assert_eq!((c.pages, c.toc_entries, c.tables), (5, 3, 1));
    }

    #[test]
    fn a_numbered_table_entry_is_found_by_the_label_on_its_page() {
        let mut p = publication();
        p[1][4] = "一、2024年部门收支总体情况表".into();
        let c = check_pages(&p);
        assert_eq!(c.problems, []);
        assert_eq!((c.toc_entries, c.tables), (3, 1));
        // Named on the narrative page: no table there, no such heading (and
        // the group title above it no longer heads a table on its page).
        p[1][10] = "3".into();
        let c = check_pages(&p);
        let m: Vec<&str> = c.problems.iter().map(|x| x.message.as_str()).collect();
        assert!(
            m.contains(&"目录说“一、2024年部门收支总体情况表”在第3页，第3页没有这个标题"),
            "{m:?}"
        );
        assert_eq!(c.tables, 0);
        // Named on its continuation page: it began a page before.
        p[1][8] = "5".into();
        p[1][10] = "5".into();
        let c = check_pages(&p);
        assert_eq!(c.problems.len(), 1, "{:?}", c.problems);
        assert_eq!(c.problems[0].message, "目录说预算01表从第5页开始，它在第4页已经开始");
    }

    #[test]
    fn a_title_cut_short_in_the_toc_is_found_by_its_beginning() {
        let mut p = publication();
        p[1][1] = "第一部分概…".into();
        assert_eq!(check_pages(&p).problems, []);
        p[1][1] = "第一部分梗…".into();
        assert_eq!(check_pages(&p).problems.len(), 1);
    }

    #[test]
    fn a_missing_page_number_is_found() {
        let mut p = publication();
        p[2].pop();
        let c = check_pages(&p);
        assert_eq!(c.problems.len(), 1, "{:?}", c.problems);
        assert_eq!(c.problems[0].message, "第3页没有页码");
    }

    #[test]
    fn a_continuation_page_that_starts_with_the_body_is_found() {
        let mut p = publication();
        p[4] = page(&[
            "预算01表",
            "2024年部门收支总体情况表",
            "单位：万元",
            "支出",
            "1.00",
            "第5页",
        ]);
        let c = check_pages(&p);
        assert_eq!(
            c.problems,
            [PdfProblem {
                page: Some(5),
                message: "第5页是预算01表的续页，没有重复表头".into()
            }]
        );
    }

    #[test]
    fn a_table_page_without_its_label_is_found() {
        let mut p = publication();
        p[4].remove(0);
        let c = check_pages(&p);
        assert_eq!(c.problems.len(), 1, "{:?}", c.problems);
        assert!(c.problems[0].message.starts_with("第5页是预算01表的一页，但没有印表号"));
    }

    #[test]
    fn a_toc_entry_without_its_page_number_is_found() {
        let mut p = publication();
        // The last entry's leader and number are missing.
        p[1].drain(9..11);
        let c = check_pages(&p);
        assert_eq!(c.problems.len(), 1, "{:?}", c.problems);
        assert_eq!(c.problems[0].message, "目录有2个页码，但标题多出1行");
    }

    #[test]
    fn a_toc_longer_than_any_publication_is_not_read() {
        let mut p = publication();
        let many: Vec<String> = (0..=MAX_TOC_ENTRIES).map(|n| n.to_string()).collect();
        p[1].extend(many);
        let c = check_pages(&p);
        assert!(
            c.problems.iter().any(|x| x.message.contains("没有核对目录")),
            "{:?}",
            c.problems
        );
    }

    #[test]
    fn a_grid_of_too_many_cells_is_not_built() {
        let cell = |i: usize| Rect {
            x0: i as f32,
            y0: i as f32,
            x1: i as f32 + 2.0,
            y1: i as f32 + 2.0,
        };
        let page = Page {
            runs: Vec::new(),
            cells: (0..1_000).map(cell).collect(),
        };
        // 1,000 distinct tops × 1,000 distinct lefts.
        assert!(table_grid(&page).is_none());
        let page = Page {
            runs: Vec::new(),
            cells: (0..100).map(cell).collect(),
        };
        assert_eq!(table_grid(&page).map(|g| g.len()), Some(100));
    }

    #[test]
    fn table_labels_are_told_from_headings() {
        assert_eq!(
            split_table_entry("预算05表2024年一般公共预算支出情况表").0,
            Some("预算05表")
        );
        assert_eq!(
            split_table_entry("项目自评表1项目支出绩效自评表").0,
            Some("项目自评表1")
        );
        assert_eq!(
            split_table_entry("部门整体自评表部门整体支出绩效自评表").0,
            Some("部门整体自评表")
        );
        assert_eq!(split_table_entry("第二部分2023年度部门决算表").0, None);
        assert_eq!(split_table_entry("附件：某局2024年度部门预算表").0, None);
        assert_eq!(page_mark("第12页"), Some(12));
        assert_eq!(page_mark("第十二页"), None);
    }
}
