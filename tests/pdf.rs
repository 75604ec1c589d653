//! The publication PDF of both fixtures: every text run inside its cell and
//! its page, every narrative fact extractable, fonts embedded as subsets, A4.

use std::path::{Path, PathBuf};
use std::process::Command;

use yusuan::engine::compute;
use yusuan::import::import_path;
use yusuan::pdf::{self, Fonts, MIN_SIZE};

const FIXTURES: [&str; 2] = ["yima-2024", "zhengzhou-2024"];

fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && *c != ',').collect()
}

fn tool(name: &str) -> bool {
    Command::new(name).arg("-v").output().is_ok()
}

#[test]
fn layout_keeps_text_inside_cells_and_pages() {
    let fonts = Fonts::load().unwrap();
    for name in FIXTURES {
        let p = import_path(&fixture_dir(name).join("import")).unwrap();
        let c = compute(&p);
        let l = pdf::layout(&p, &c, &fonts);
        assert!(l.pages.len() > 14, "{name}: {} pages", l.pages.len());
        assert_eq!(l.bookmarks.len(), 3 + 14, "{name}: {:?}", l.bookmarks);
        for (i, page) in l.pages.iter().enumerate() {
            let area = page.bbox();
            for r in &page.runs {
                assert!(r.size >= MIN_SIZE, "{name} p{}: {:?} at {}pt", i + 1, r.text, r.size);
                assert!(
                    area.contains(&r.bbox),
                    "{name} p{}: {:?} leaves the page {:?}",
                    i + 1,
                    r.text,
                    r.bbox
                );
                if let Some(ci) = r.cell {
                    let cell = &page.cells[ci];
                    assert!(
                        cell.bbox.contains(&r.bbox),
                        "{name} p{}: {:?} {:?} leaves its cell {:?}",
                        i + 1,
                        r.text,
                        r.bbox,
                        cell.bbox
                    );
                }
            }
            for cell in &page.cells {
                assert!(
                    area.contains(&cell.bbox),
                    "{name} p{}: cell {:?} leaves the page",
                    i + 1,
                    cell.bbox
                );
            }
        }
        // Every table appears, landscape, with its title on each of its pages.
        for t in &c.tables {
            let pages: Vec<_> = l
                .pages
                .iter()
                .filter(|pg| pg.runs.iter().any(|r| r.text == t.label))
                .collect();
            assert!(!pages.is_empty(), "{name}: {} missing", t.label);
            assert!(pages.iter().all(|pg| pg.landscape()));
        }
        // Every body amount is printed.
        for t in &c.tables {
            for row in &t.rows {
                for cell in &row.cells {
                    if let yusuan::table::Cell::Amount(_) = cell {
                        let s = t.display(cell);
                        if !s.is_empty() {
                            assert!(
                                l.pages.iter().any(|pg| pg.runs.iter().any(|r| r.text == s)),
                                "{name} {}: {s} not printed",
                                t.label
                            );
                        }
                    }
                }
            }
        }
    }
}

/// No header word is broken: every single-column header cell is at least as
/// wide as its longest word (以 `pdf::header_words`), in every table of both fixtures.
#[test]
fn header_words_fit_their_columns() {
    let fonts = Fonts::load().unwrap();
    for name in FIXTURES {
        let p = import_path(&fixture_dir(name).join("import")).unwrap();
        let c = compute(&p);
        for t in &c.tables {
            let g = pdf::table_geometry(&fonts, t, pdf::TABLE_WIDTH);
            let total: f32 = g.widths.iter().sum();
            assert!(total <= pdf::TABLE_WIDTH + 0.5, "{name} {}: {total}", t.label);
            for h in &t.header {
                let w: f32 = g.widths[h.col..h.col + h.cols].iter().sum::<f32>() - 2.0 * pdf::PAD;
                for word in pdf::header_words(&h.text) {
                    let ww = fonts.width(pdf::Face::SerifBold, g.size, &word);
                    assert!(
                        ww <= w + 0.01,
                        "{name} {}: header word {word:?} of {:?} ({ww:.1}pt) wider than its column ({w:.1}pt)",
                        t.label,
                        h.text
                    );
                }
                // And the wrapped header lines are made of whole words.
                let lines = pdf::wrap_header(&fonts, pdf::Face::SerifBold, g.size, &h.text, w);
                let words = pdf::header_words(&h.text);
                let mut k = 0;
                for l in &lines {
                    let mut rest = l.as_str();
                    while !rest.is_empty() {
                        assert!(
                            k < words.len() && rest.starts_with(&words[k]),
                            "{name} {}: {lines:?}",
                            t.label
                        );
                        rest = &rest[words[k].len()..];
                        k += 1;
                    }
                }
            }
            // Amounts and codes are never wrapped.
            for row in &t.rows {
                use yusuan::table::RowRole;
                let face = if matches!(row.role, RowRole::Total | RowRole::Subtotal | RowRole::Heading) {
                    pdf::Face::SerifBold
                } else {
                    pdf::Face::Serif
                };
                for (ci, cell) in row.cells.iter().enumerate() {
                    if matches!(cell, yusuan::table::Cell::Amount(_) | yusuan::table::Cell::Code(_)) {
                        let s = t.display(cell);
                        let ww = fonts.width(face, g.size, &s);
                        assert!(
                            ww <= g.widths[ci] - 2.0 * pdf::PAD + 0.01,
                            "{name} {}: {s} does not fit",
                            t.label
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn exported_pdf_is_readable() {
    let dir = tempfile::tempdir().unwrap();
    let have_tools = tool("pdftotext") && tool("pdffonts") && tool("pdfinfo");
    for name in FIXTURES {
        let p = import_path(&fixture_dir(name).join("import")).unwrap();
        let c = compute(&p);
        let bytes = pdf::publication_pdf(&p, &c).unwrap();
        assert!(bytes.starts_with(b"%PDF"), "{name}");
        assert!(bytes.len() < 3_000_000, "{name}: {} bytes", bytes.len());
        let path = dir.path().join(format!("{name}.pdf"));
        std::fs::write(&path, &bytes).unwrap();
        if !have_tools {
            eprintln!("poppler-utils not installed: skipping pdftotext/pdffonts checks");
            continue;
        }
        let out = Command::new("pdftotext")
            .arg("-enc")
            .arg("UTF-8")
            .arg(&path)
            .arg("-")
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}: pdftotext failed");
        let text = squeeze(&String::from_utf8_lossy(&out.stdout));
        let facts = std::fs::read_to_string(fixture_dir(name).join("expected/narrative-facts.txt")).unwrap();
        let missing: Vec<&str> = facts
            .lines()
            .map(str::trim)
            .filter(|f| !f.is_empty() && !text.contains(&squeeze(f)))
            .collect();
        assert!(
            missing.is_empty(),
            "{name}: facts missing from the PDF text: {missing:?}"
        );
        // The cover: title, department, date line.
        let cover = Command::new("pdftotext")
            .args(["-enc", "UTF-8", "-f", "1", "-l", "1"])
            .arg(&path)
            .arg("-")
            .output()
            .unwrap();
        let cover = squeeze(&String::from_utf8_lossy(&cover.stdout));
        let title = format!("{}年部门预算公开", p.department.year);
        assert!(cover.contains(&title), "{name}: cover {cover}");
        assert!(cover.contains(&squeeze(&p.department.name)), "{name}: cover {cover}");
        assert_eq!(
            cover.matches(&p.department.year.to_string()).count(),
            1,
            "{name}: cover {cover}"
        );
        for t in &c.tables {
            assert!(
                text.contains(&squeeze(&t.title)),
                "{name}: title {} not extractable",
                t.title
            );
        }

        let out = Command::new("pdffonts").arg(&path).output().unwrap();
        let fonts = String::from_utf8_lossy(&out.stdout);
        let rows: Vec<&str> = fonts.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
        assert!(!rows.is_empty(), "{name}: no fonts\n{fonts}");
        for row in &rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            // name type [encoding…] emb sub uni object ID
            let n = cols.len();
            assert!(n >= 7, "{name}: {row}");
            let (emb, sub, uni) = (cols[n - 5], cols[n - 4], cols[n - 3]);
            assert_eq!(
                (emb, sub, uni),
                ("yes", "yes", "yes"),
                "{name}: font not embedded subset unicode: {row}"
            );
            assert!(cols[0].contains('+'), "{name}: not a subset name: {row}");
        }

        let out = Command::new("pdfinfo").arg(&path).output().unwrap();
        let info = String::from_utf8_lossy(&out.stdout);
        assert!(info.contains("A4"), "{name}: {info}");
        assert!(
            info.contains(&p.department.name),
            "{name}: title/author missing\n{info}"
        );
        let out = Command::new("pdfinfo")
            .args(["-f", "1", "-l", "999"])
            .arg(&path)
            .output()
            .unwrap();
        let info = String::from_utf8_lossy(&out.stdout);
        for l in info.lines().filter(|l| l.starts_with("Page") && l.contains("size:")) {
            assert!(l.contains("595.") && l.contains("841."), "{name}: page not A4: {l}");
        }
        eprintln!("{name}: {} bytes", bytes.len());
    }
}

/// A draft (exported while audit errors exist) carries the mark on every
/// page, in red beside the page number, inside the page and clear of the rest.
#[test]
fn draft_pdf_is_marked_on_every_page() {
    let fonts = Fonts::load().unwrap();
    let mark = yusuan::DRAFT_MARK;
    let p = import_path(&fixture_dir(FIXTURES[0]).join("import")).unwrap();
    let c = compute(&p);
    let l = pdf::layout_draft(&p, &c, &fonts, Some(mark));
    for (i, page) in l.pages.iter().enumerate() {
        let marks: Vec<_> = page.runs.iter().filter(|r| r.text == mark).collect();
        assert_eq!(marks.len(), 1, "p{}", i + 1);
        let m = marks[0];
        assert!(m.red && m.size >= MIN_SIZE);
        assert!(page.bbox().contains(&m.bbox), "p{}: {:?}", i + 1, m.bbox);
        for r in page.runs.iter().filter(|r| r.text != mark) {
            let apart =
                r.bbox.x1 <= m.bbox.x0 || r.bbox.x0 >= m.bbox.x1 || r.bbox.y1 <= m.bbox.y0 || r.bbox.y0 >= m.bbox.y1;
            assert!(apart, "p{}: {:?} overlaps the draft mark", i + 1, r.text);
        }
    }
    // Without a draft nothing changes.
    let clean = pdf::layout(&p, &c, &fonts);
    assert!(
        clean
            .pages
            .iter()
            .flat_map(|pg| &pg.runs)
            .all(|r| !r.red && r.text != mark)
    );
    assert_eq!(clean.pages.len(), l.pages.len());

    let bytes = pdf::publication_pdf_with(&p, &c, Some(mark)).unwrap();
    if !tool("pdftotext") {
        eprintln!("poppler-utils not installed: skipping pdftotext check");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let pages: Vec<&str> = text.split('\u{c}').filter(|s| !s.trim().is_empty()).collect();
    assert_eq!(pages.len(), l.pages.len());
    for (i, page) in pages.iter().enumerate() {
        assert!(squeeze(page).contains(&squeeze(mark)), "p{}: {page}", i + 1);
    }
}
