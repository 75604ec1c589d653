//! Structured mutation fuzzing of the program as users run it (see
//! `docs/fuzzing.md`).
//!
//! Each case mutates a fixture — the `.yusuan` package (`assets/sample.yusuan`),
//! the CSV import folder (`fixtures/yima-2024/import`) or an import workbook
//! written from the sample — and runs `yusuan` on it in a child process, with a
//! CPU-time bound (`TIME_LIMIT`, with a wall-clock guard against hangs) and an address-space bound (`MEMORY_LIMIT`,
//! through `prlimit`): `check` for packages, `import` for CSV folders and
//! workbooks, then `check` and `export --xlsx --pdf` of whatever loads.
//!
//! A case fails when the program takes too long, is killed, exits other than
//! 0/1/2, panics, writes a message that is not Chinese first, or `import`
//! writes a package that `check` cannot open. Failing inputs are kept in
//! `target/fuzz-failures/` (or `$YUSUAN_FUZZ_OUT`).
//!
//! `cargo test -p yusuan --test fuzz` runs a short, fixed set of cases (the
//! same seed every time). The long run:
//!
//! ```sh
//! YUSUAN_FUZZ_CASES=5000 YUSUAN_FUZZ_SEED=$RANDOM \
//!   nice -n 19 cargo test -p yusuan --test fuzz -- --nocapture
//! ```
//!
//! or for a time (`YUSUAN_FUZZ_SECONDS=3600`, any number of cases).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Per run of the program: 10 s of CPU time (all threads) for an optimized
/// build; an unoptimized (debug) build is 4–8 times slower at laying out a
/// PDF of 20,000 rows. CPU time, not wall-clock time, so that a run on a
/// machine busy with other work is not failed for waiting (`prlimit --cpu`;
/// the wall clock only guards against a run that waits forever, at six times
/// the limit).
const TIME_LIMIT: Duration = Duration::from_secs(if cfg!(debug_assertions) { 40 } else { 10 });
/// A run that takes this long on the wall clock is killed as hung.
const WALL_LIMIT: Duration = Duration::from_secs(TIME_LIMIT.as_secs() * 6);
/// Address space per run of the program (bytes).
const MEMORY_LIMIT: u64 = 1 << 30;
/// Cases of `cargo test` without `YUSUAN_FUZZ_CASES`.
const SHORT_CASES: usize = 240;

// ---------------------------------------------------------------------------
// Random numbers (xorshift*: no dependency, same sequence for a seed)

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

/// A hostile or unusual text: long, combining marks, CJK, controls, formulas…
fn text(rng: &mut Rng) -> String {
    let len = *rng.pick(&[0usize, 1, 2, 7, 40, 101, 201, 501, 1500, 2001, 3000, 20_001, 60_000]);
    let pools: &[&[char]] = &[
        &['中', '国', '预', '算', '项', '目', '经', '费', '（', '）', '，', '。'],
        &['A', 'b', 'Z', '9', '0', ' ', '.', '-', '/', '%'],
        &[
            '\u{301}', '\u{300}', '\u{338}', '\u{20dd}', '\u{200b}', '\u{200d}', '\u{fe0f}',
        ],
        &['😀', '𠀀', '\u{202e}', '\u{feff}', '\u{fffd}', '\u{10ffff}'],
        &['\n', '\r', '\t', '\u{1}', '\u{7f}', '"', '\\', '<', '&', ','],
        &['≥', '≤', '元', '万', '%', '１', '２', '．'],
    ];
    let mut out = String::new();
    match rng.below(8) {
        0 => {
            // One letter with many combining marks.
            out.push('a');
            for _ in 0..len {
                out.push('\u{301}');
            }
        }
        1 => {
            out = rng
                .pick(&["=SUM(A1:A9)", "+1", "-1", "@x", "NaN", "inf", "1e308", "0x10", "١٢٣"])
                .to_string()
        }
        _ => {
            let pool = *rng.pick(pools);
            let pool2 = *rng.pick(pools);
            for _ in 0..len {
                let p = if rng.chance(80) { pool } else { pool2 };
                out.push(*rng.pick(p));
            }
        }
    }
    out
}

fn amount_text(rng: &mut Rng) -> String {
    rng.pick(&[
        "0",
        "-1",
        "1e20",
        "NaN",
        "inf",
        "0.001",
        "9999999999999.99",
        "10000000000000",
        "1,2,3",
        "１２３．４５",
        "",
        " ",
        "12.300",
        "abc",
        "99999999999999999999999999999",
    ])
    .to_string()
}

// ---------------------------------------------------------------------------
// Running the program

enum Outcome {
    Exit(i32, String),
    Killed(String),
}

fn run(args: &[&std::ffi::OsStr]) -> Outcome {
    let bin = env!("CARGO_BIN_EXE_yusuan");
    let mut cmd = if Path::new("/usr/bin/prlimit").exists() {
        let mut c = Command::new("/usr/bin/prlimit");
        // The bound is on address space: glibc reserves 64 MB of it for each
        // malloc arena a new thread gets (the xlsx writer's threads), which
        // made the same input pass or fail by scheduling (seed 20260101
        // case 112: ~750 MB with arenas, ~450 MB without). Two arenas keep
        // the bound on what the program allocates.
        c.env("MALLOC_ARENA_MAX", "2");
        c.arg(format!("--as={MEMORY_LIMIT}"))
            .arg(format!("--cpu={}", TIME_LIMIT.as_secs()))
            .arg("--core=0")
            .arg("--")
            .arg(bin);
        c
    } else {
        Command::new(bin)
    };
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = cmd.spawn().expect("the program starts");
    let mut stderr = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = stderr.by_ref().take(1 << 20).read_to_end(&mut s);
        String::from_utf8_lossy(&s).into_owned()
    });
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            let err = reader.join().unwrap_or_default();
            use std::os::unix::process::ExitStatusExt;
            return match (status.code(), status.signal()) {
                (Some(c), _) => Outcome::Exit(c, err),
                // SIGXCPU: the CPU time limit.
                (None, Some(24)) => Outcome::Killed(format!("over {} s of CPU time", TIME_LIMIT.as_secs())),
                (None, _) => Outcome::Killed(format!("killed by a signal ({status}); stderr: {err}")),
            };
        }
        if start.elapsed() > WALL_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return Outcome::Killed(format!("over {} s on the wall clock (hung)", WALL_LIMIT.as_secs()));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Whether a message line is Chinese first: it has Chinese, and any English
/// phrase comes after "详细信息" or inside quotes.
fn english_only(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() {
        return false;
    }
    let cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let Some(first_cjk) = line.find(cjk) else {
        return true;
    };
    // Text outside “…” quotes and before 详细信息, without the program's own
    // words (command names, file types).
    let head = match line.find("详细信息") {
        Some(i) => &line[..i],
        None => line,
    };
    let mut head = head.to_string();
    for own in [
        "yusuan check",
        "yusuan export",
        "yusuan import",
        "--xlsx",
        "--pdf",
        "Excel",
        "WPS",
        "CSV UTF-8",
    ] {
        head = head.replace(own, "");
    }
    let mut outside = String::new();
    let mut depth = 0;
    for c in head.chars() {
        match c {
            '“' => depth += 1,
            '”' => depth = (depth - 1).max(0),
            _ if depth == 0 => outside.push(c),
            _ => {}
        }
    }
    // Two English words in a row, or English before any Chinese.
    let words: Vec<&str> = outside
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3)
        .collect();
    let phrase = outside
        .split(|c: char| !(c.is_ascii_alphabetic() || c == ' '))
        .any(|s| s.split(' ').filter(|w| w.len() >= 3).count() >= 2);
    let english_first = line[..first_cjk].chars().filter(|c| c.is_ascii_alphabetic()).count() >= 4;
    phrase || (english_first && !words.is_empty())
}

struct Case<'a> {
    dir: &'a Path,
    name: String,
    failures: &'a mut Vec<String>,
}

impl Case<'_> {
    /// Runs the program; returns the exit code when the run was acceptable.
    fn run(&mut self, args: &[&Path], words: &[&str]) -> Option<i32> {
        // Each "@" of `words` takes the next path of `args`.
        let mut all: Vec<&std::ffi::OsStr> = Vec::new();
        let mut a = args.iter();
        for w in words {
            if *w == "@" {
                all.push(a.next().expect("a path").as_os_str());
            } else {
                all.push(std::ffi::OsStr::new(w));
            }
        }
        let shown = words.join(" ");
        match run(&all) {
            Outcome::Killed(why) => {
                self.fail(format!("{shown}: {why}"));
                None
            }
            Outcome::Exit(code, err) => {
                if !(0..=2).contains(&code) {
                    self.fail(format!("{shown}: exit {code}: {err}"));
                    return None;
                }
                if err.contains("panicked") {
                    self.fail(format!("{shown}: panic: {err}"));
                    return None;
                }
                if let Some(l) = err.lines().find(|l| english_only(l)) {
                    self.fail(format!("{shown}: message not Chinese first: {l}"));
                }
                Some(code)
            }
        }
    }
    fn fail(&mut self, why: String) {
        let keep = std::env::var_os("YUSUAN_FUZZ_OUT")
            .map(PathBuf::from)
            .unwrap_or_else(|| Path::new(env!("CARGO_TARGET_TMPDIR")).join("../fuzz-failures"));
        let to = keep.join(format!("{}-{}", self.name, self.failures.len()));
        let _ = std::fs::create_dir_all(&to);
        let _ = copy_dir(self.dir, &to);
        let _ = std::fs::write(to.join("WHY.txt"), &why);
        eprintln!("FAIL {}: {} (kept in {})", self.name, clip(&why), to.display());
        self.failures.push(format!("{}: {}", self.name, clip(&why)));
    }

    /// `check`, then `export --xlsx --pdf` of a package that loads.
    fn check_and_export(&mut self, input: &Path, must_open: bool) {
        let out_x = self.dir.join("out.xlsx");
        let out_p = self.dir.join("out.pdf");
        match self.run(&[input], &["check", "@"]) {
            Some(2) if must_open => self.fail("import wrote a package that check refuses".to_string()),
            Some(0 | 1) => {
                self.run(&[input, &out_x, &out_p], &["export", "@", "--xlsx", "@", "--pdf", "@"]);
            }
            _ => {}
        }
    }
}

fn clip(s: &str) -> String {
    s.chars().take(300).collect()
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    for e in std::fs::read_dir(from)? {
        let e = e?;
        let t = to.join(e.file_name());
        if e.file_type()?.is_dir() {
            std::fs::create_dir_all(&t)?;
            copy_dir(&e.path(), &t)?;
        } else if e.metadata()?.len() < 50 << 20 {
            std::fs::copy(e.path(), t)?;
        }
    }
    Ok(())
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

// ---------------------------------------------------------------------------
// Mutators

/// A mutated `.yusuan` text.
fn mutate_package(rng: &mut Rng, base: &serde_json::Value) -> Vec<u8> {
    use serde_json::Value;
    let mut v = base.clone();
    for _ in 0..1 + rng.below(4) {
        let what = rng.below(9);
        if what == 7 {
            if let Some(Value::Object(m)) = v.pointer_mut("/package/department") {
                if rng.chance(50) {
                    m.remove("year");
                } else {
                    let y = rng
                        .pick(&[serde_json::json!(0), serde_json::json!(i64::MAX), serde_json::json!(-5)])
                        .clone();
                    m.insert("year".into(), y);
                }
            }
            continue;
        }
        // Pick a random node by walking down.
        let mut path = String::new();
        {
            let mut node = &v;
            for _ in 0..rng.below(7) {
                match node {
                    Value::Object(m) if !m.is_empty() => {
                        let k = m.keys().nth(rng.below(m.len())).cloned().unwrap_or_default();
                        path.push('/');
                        path.push_str(&k.replace('~', "~0").replace('/', "~1"));
                        node = &m[&k];
                    }
                    Value::Array(a) if !a.is_empty() => {
                        let i = rng.below(a.len());
                        path.push_str(&format!("/{i}"));
                        node = &a[i];
                    }
                    _ => break,
                }
            }
        }
        let Some(node) = v.pointer_mut(&path) else {
            continue;
        };
        match what {
            0..=2 => {
                if let Value::String(s) = node {
                    *s = text(rng);
                } else if let Value::Object(m) = node {
                    // A long text in a field of this object.
                    if let Some(k) = m.keys().nth(rng.below(m.len().max(1))).cloned() {
                        m.insert(k, Value::String(text(rng)));
                    }
                }
            }
            3 => {
                if let Value::Array(a) = node
                    && !a.is_empty()
                {
                    let e = a[rng.below(a.len())].clone();
                    let n = *rng.pick(&[2usize, 50, 1000, 5000]);
                    for _ in 0..n {
                        a.push(e.clone());
                    }
                }
            }
            4 => {
                if let Value::Object(m) = node
                    && !m.is_empty()
                {
                    let k = m.keys().nth(rng.below(m.len())).cloned().unwrap_or_default();
                    m.remove(&k);
                }
            }
            5 => {
                *node = rng
                    .pick(&[
                        Value::Null,
                        Value::Bool(true),
                        serde_json::json!(-1),
                        serde_json::json!(1e300),
                        serde_json::json!(u64::MAX),
                        serde_json::json!([]),
                        serde_json::json!({}),
                        serde_json::json!("2024"),
                    ])
                    .clone();
            }
            6 => {
                if let Value::String(s) = node {
                    *s = amount_text(rng);
                }
            }
            _ => {}
        }
    }
    let mut bytes = serde_json::to_string_pretty(&v).unwrap_or_default().into_bytes();
    // Sometimes damage the text itself.
    match rng.below(10) {
        0 => bytes.truncate(rng.below(bytes.len() + 1)),
        1 => {
            // A line given twice: duplicated keys.
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let lines: Vec<&str> = text.lines().collect();
            let i = rng.below(lines.len());
            let mut out: Vec<&str> = lines.clone();
            out.insert(i, lines[i]);
            bytes = out.join("\n").into_bytes();
        }
        2 => {
            for _ in 0..1 + rng.below(5) {
                let i = rng.below(bytes.len().max(1));
                if i < bytes.len() {
                    bytes[i] = rng.next() as u8;
                }
            }
        }
        3 => {
            let mut b = "\u{feff}".as_bytes().to_vec();
            b.extend(bytes);
            bytes = b;
        }
        _ => {}
    }
    bytes
}

fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    r.records()
        .flatten()
        .map(|rec| rec.iter().map(str::to_string).collect())
        .collect()
}

fn write_csv(path: &Path, rows: &[Vec<String>]) {
    let mut w = csv::WriterBuilder::new().flexible(true).from_path(path).expect("csv");
    for r in rows {
        let _ = w.write_record(r);
    }
    let _ = w.flush();
}

/// Mutates one or two CSV files of the import folder `dir`.
fn mutate_csv_folder(rng: &mut Rng, dir: &Path) {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).collect();
    files.sort();
    for _ in 0..1 + rng.below(2) {
        let path = rng.pick(&files).clone();
        let mut rows = read_csv(&path);
        if rows.is_empty() {
            continue;
        }
        match rng.below(10) {
            0..=3 => {
                for _ in 0..1 + rng.below(3) {
                    let r = rng.below(rows.len());
                    let c = rng.below(rows[r].len().max(1));
                    if c < rows[r].len() {
                        rows[r][c] = if rng.chance(40) { amount_text(rng) } else { text(rng) };
                    }
                }
            }
            4 => {
                // A header given twice, or a column added far to the right.
                let c = rng.below(rows[0].len());
                let h = rows[0][c].clone();
                let far = rng.chance(50);
                for (i, r) in rows.iter_mut().enumerate() {
                    if far {
                        r.resize(rng.below(300).max(r.len()), String::new());
                        r.push(if i == 0 { "远".into() } else { "1".into() });
                    } else {
                        r.push(if i == 0 { h.clone() } else { "1.00".into() });
                    }
                }
            }
            5 if rows.len() > 1 => {
                let e = rows[1 + rng.below(rows.len() - 1)].clone();
                let n = *rng.pick(&[10usize, 1000, 20_000, 120_000]);
                for _ in 0..n {
                    rows.push(e.clone());
                }
            }
            6 => {
                let _ = std::fs::remove_file(&path);
                continue;
            }
            7 => {
                let mut b = std::fs::read(&path).unwrap_or_default();
                for _ in 0..1 + rng.below(4) {
                    let i = rng.below(b.len().max(1));
                    if i < b.len() {
                        b[i] = rng.next() as u8;
                    }
                }
                let _ = std::fs::write(&path, b);
                continue;
            }
            8 => {
                let c = rng.below(rows[0].len());
                for r in rows.iter_mut() {
                    if c < r.len() {
                        r.remove(c);
                    }
                }
            }
            _ => {
                let r = rng.below(rows.len());
                rows.insert(r, rows[r].clone());
            }
        }
        write_csv(&path, &rows);
    }
}

/// The parts of a workbook.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a workbook");
    let mut out = Vec::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).expect("a part");
        let mut b = Vec::new();
        f.read_to_end(&mut b).expect("readable");
        out.push((f.name().map(|n| n.into_owned()).unwrap_or_default(), b));
    }
    out
}

fn zip_parts(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    for (name, b) in parts {
        w.start_file(name.as_str(), opts).expect("zip");
        w.write_all(b).expect("zip");
    }
    w.finish().expect("zip").into_inner()
}

fn column(mut c: u64) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// A mutated import workbook.
fn mutate_xlsx(rng: &mut Rng, base: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut parts = base.to_vec();
    let sheets: Vec<usize> = (0..parts.len())
        .filter(|&i| parts[i].0.starts_with("xl/worksheets/"))
        .collect();
    let sst = parts.iter().position(|p| p.0 == "xl/sharedStrings.xml");
    for _ in 0..1 + rng.below(3) {
        let si = *rng.pick(&sheets);
        let xml = String::from_utf8_lossy(&parts[si].1).into_owned();
        let cells: Vec<usize> = xml.match_indices("<c r=\"").map(|(i, _)| i + 6).collect();
        let new = match rng.below(11) {
            0..=1 if !cells.is_empty() => {
                // A cell moved far away.
                let at = *rng.pick(&cells);
                let end = xml[at..].find('"').map_or(at, |e| at + e);
                let row: u64 = *rng.pick(&[1u64, 200_001, 1_048_576, 4_294_967_295, 4_294_967_296, 99_999_999_999]);
                let col: u64 = *rng.pick(&[0u64, 63, 64, 103, 16_383, 16_384, 1_000_000]);
                format!("{}{}{}{}", &xml[..at], column(col), row, &xml[end..])
            }
            2 => xml
                .replacen("<v>", "<v></v><x>", 1)
                .replacen("<x>", "<!--", 1)
                .replacen("</v>", "-->", 1),
            3 if !cells.is_empty() => {
                // A formula without its value.
                let at = *rng.pick(&cells);
                match xml[at..].find("</c>") {
                    Some(e) => {
                        let close = xml[at..at + e].find('>').map_or(at, |g| at + g + 1);
                        format!("{}<f>1+2</f>{}", &xml[..close.min(at + e)], &xml[at + e..])
                    }
                    None => xml,
                }
            }
            4 => {
                let dim = rng.pick(&["A1:XFD1048576", "A1:CZ1048576", "A1", "ZZZZ9:A1", "A0:B0"]);
                match (xml.find("<dimension ref=\""), xml.find("<sheetData")) {
                    (Some(i), _) => {
                        let e = xml[i + 16..].find('"').map_or(i + 16, |e| i + 16 + e);
                        format!("{}{}{}", &xml[..i + 16], dim, &xml[e..])
                    }
                    (None, Some(i)) => format!("{}<dimension ref=\"{dim}\"/>{}", &xml[..i], &xml[i..]),
                    _ => xml,
                }
            }
            5 => xml.replacen(
                "t=\"s\"><v>",
                &format!("t=\"s\"><v>{}", rng.pick(&["99999999", "-1", "x"])),
                1,
            ),
            6 => xml.replacen("<v>", &format!("<v>{}", rng.pick(&["NaN", "inf", "1e400", "", "-"])), 1),
            7 => {
                let t = text(rng).replace('&', "&amp;").replace('<', "&lt;");
                xml.replacen(
                    "<row r=\"2\"",
                    &format!("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>{t}</t></is></c></row><row r=\"3\""),
                    1,
                )
            }
            8 => {
                let mut b = xml.into_bytes();
                for _ in 0..1 + rng.below(4) {
                    let i = rng.below(b.len().max(1));
                    if i < b.len() {
                        b[i] = rng.next() as u8;
                    }
                }
                parts[si].1 = b;
                continue;
            }
            9 => {
                // Many rows.
                let n = *rng.pick(&[100usize, 10_000, 210_000]);
                let mut rows = String::new();
                for r in 0..n {
                    rows.push_str(&format!(
                        "<row r=\"{}\"><c r=\"A{}\"><v>1</v></c></row>",
                        r + 1000,
                        r + 1000
                    ));
                }
                xml.replacen("</sheetData>", &format!("{rows}</sheetData>"), 1)
            }
            _ => xml,
        };
        parts[si].1 = new.into_bytes();
    }
    if let Some(s) = sst {
        match rng.below(8) {
            0 => {
                let x = String::from_utf8_lossy(&parts[s].1).into_owned();
                parts[s].1 = x.replacen("uniqueCount=\"", "uniqueCount=\"4294967295", 1).into_bytes();
            }
            1 => {
                // A compressible bomb: one string of many megabytes, or millions of empty ones.
                let mut x = String::from_utf8_lossy(&parts[s].1).into_owned();
                let n = *rng.pick(&[1usize << 20, 40 << 20, 150 << 20]);
                let bomb = if rng.chance(50) {
                    "A".repeat(n)
                } else {
                    "<si/>".repeat(n / 5)
                };
                let at = x.rfind("</sst>").unwrap_or(x.len());
                let piece = if bomb.starts_with('A') {
                    format!("<si><t>{bomb}</t></si>")
                } else {
                    bomb
                };
                x.insert_str(at, &piece);
                parts[s].1 = x.into_bytes();
            }
            _ => {}
        }
    }
    let mut bytes = zip_parts(&parts);
    if rng.chance(5) {
        bytes.truncate(rng.below(bytes.len()));
    }
    bytes
}

// ---------------------------------------------------------------------------
// The run

#[test]
fn fuzz() {
    let cases: usize = std::env::var("YUSUAN_FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(SHORT_CASES);
    let seed: u64 = std::env::var("YUSUAN_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_260_101);
    // A long run may be bounded by time instead (`YUSUAN_FUZZ_SECONDS`): it
    // stops after the case running when the time is up.
    let seconds: Option<u64> = std::env::var("YUSUAN_FUZZ_SECONDS").ok().and_then(|s| s.parse().ok());
    let cases = if seconds.is_some() && std::env::var_os("YUSUAN_FUZZ_CASES").is_none() {
        usize::MAX
    } else {
        cases
    };
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let sample: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join("assets/sample.yusuan")).unwrap()).unwrap();
    let csv_fixture = repo().join("fixtures/yima-2024/import");
    let workbook = {
        let t = tempfile::tempdir().unwrap();
        let p = t.path().join("t.xlsx");
        let pkg = yusuan_model::sample_package();
        yusuan_workbook::import::write_template(&p, Some(&pkg)).unwrap();
        unzip(&std::fs::read(&p).unwrap())
    };
    let mut failures = Vec::new();
    let started = Instant::now();
    let (mut n_pkg, mut n_csv, mut n_xlsx) = (0, 0, 0);
    let mut ran = 0;
    for i in 0..cases {
        if seconds.is_some_and(|s| started.elapsed().as_secs() >= s) {
            break;
        }
        ran += 1;
        let t = tempfile::tempdir().unwrap();
        let dir = t.path();
        let mut case = Case {
            dir,
            name: format!("seed{seed}-case{i}"),
            failures: &mut failures,
        };
        match i % 3 {
            0 => {
                n_pkg += 1;
                let f = dir.join("p.yusuan");
                std::fs::write(&f, mutate_package(&mut rng, &sample)).unwrap();
                case.check_and_export(&f, false);
            }
            1 => {
                n_csv += 1;
                let d = dir.join("import");
                std::fs::create_dir(&d).unwrap();
                copy_dir(&csv_fixture, &d).unwrap();
                mutate_csv_folder(&mut rng, &d);
                let out = dir.join("out.yusuan");
                if case.run(&[&d, &out], &["import", "@", "-o", "@"]) == Some(0) {
                    case.check_and_export(&out, true);
                }
            }
            _ => {
                n_xlsx += 1;
                let f = dir.join("import.xlsx");
                std::fs::write(&f, mutate_xlsx(&mut rng, &workbook)).unwrap();
                let out = dir.join("out.yusuan");
                if case.run(&[&f, &out], &["import", "@", "-o", "@"]) == Some(0) {
                    case.check_and_export(&out, true);
                }
            }
        }
        if (i + 1) % 100 == 0 {
            eprintln!(
                "fuzz: {} cases, {} failures, {:.0} s",
                i + 1,
                failures.len(),
                started.elapsed().as_secs_f64()
            );
        }
    }
    eprintln!(
        "fuzz: seed {seed}: {ran} cases ({n_pkg} packages, {n_csv} CSV folders, {n_xlsx} workbooks) in {:.0} s, {} failures",
        started.elapsed().as_secs_f64(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
