//! The `.yusuan` package file: reading, writing and fingerprinting.
//!
//! A package file is UTF-8, pretty-printed JSON (so that two versions diff
//! line by line):
//!
//! ```json
//! {
//!   "format": "yusuan",
//!   "version": 1,
//!   "kind": "final",
//!   "package": { ... }
//! }
//! ```
//!
//! `kind` says what the file holds: `"final"` a 决算 ([`FinalPackage`]);
//! absent (or `"budget"`) a 预算 ([`Package`]), so every earlier file opens
//! as before. `package` is the serde form of the package. Every amount is a JSON
//! *string* (`"151700.00"`), never a JSON number, so that it round-trips
//! exactly, scale included.
//!
//! Saving is atomic ([`save`]): the new content goes to a temporary file in
//! the same folder, is synced, the old file is kept as `name.yusuan.bak`, and
//! the temporary file is renamed over the target. Whenever the program or the
//! machine stops, `path` holds either the old or the new complete file.
//!
//! Opening ([`open`]) never panics, whatever the bytes: every way a file can
//! be wrong is a [`FileError`] whose `Display` is a Chinese sentence meant
//! for the officer, with the line and column of the damage where there is
//! one.

use std::fmt;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::de::{DeserializeOwned, IgnoredAny};
use serde::{Deserialize, Serialize};

use crate::{Document, FinalPackage, Package};

/// What a package file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A 部门预算 ([`Package`]).
    Budget,
    /// A 部门决算 ([`FinalPackage`]).
    Final,
}

impl Kind {
    /// The value of `"kind"` in the file (`None`: not written).
    fn tag(self) -> Option<&'static str> {
        match self {
            Kind::Budget => None,
            Kind::Final => Some("final"),
        }
    }

    /// The name of the kind, for messages.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Budget => "部门预算包",
            Kind::Final => "部门决算包",
        }
    }
}

/// A package a `.yusuan` file can hold: its kind, and its limits.
pub trait Contents: Serialize + DeserializeOwned {
    const KIND: Kind;
    /// Every text field and list within [`crate::limits`].
    fn check_limits(&self) -> Result<(), Vec<crate::limits::LimitError>>;
}

impl Contents for Package {
    const KIND: Kind = Kind::Budget;
    fn check_limits(&self) -> Result<(), Vec<crate::limits::LimitError>> {
        crate::limits::check(self)
    }
}

impl Contents for FinalPackage {
    const KIND: Kind = Kind::Final;
    fn check_limits(&self) -> Result<(), Vec<crate::limits::LimitError>> {
        crate::limits::check_final(self)
    }
}

/// The value of `"format"` in every package file.
pub const FORMAT_NAME: &str = "yusuan";

/// The version of the file format this program writes, and the newest it
/// reads.
pub const FORMAT_VERSION: u32 = 1;

/// Files larger than this are refused before being read (and a save that
/// would write a larger one is refused).
pub use crate::limits::MAX_FILE_SIZE;

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/// Why a package file could not be opened or saved.
///
/// `path` is the file concerned (`None` for [`from_json`], which has no
/// file); `kind` says what went wrong. `Display` gives a Chinese sentence
/// for the officer.
#[derive(Debug)]
pub struct FileError {
    pub path: Option<PathBuf>,
    pub kind: FileErrorKind,
}

/// What went wrong with a package file.
#[derive(Debug)]
pub enum FileErrorKind {
    /// The operating system refused (missing file, no permission, disk
    /// full…).
    Io { action: IoAction, error: io::Error },
    /// The path is a folder.
    IsDirectory,
    /// The path is neither a file nor a folder (a device, a pipe…).
    NotRegularFile,
    /// Larger than [`MAX_FILE_SIZE`]; never read.
    TooLarge { size: u64 },
    /// Not UTF-8 text: the first bad byte is at `offset` (0-based).
    NotUtf8 { offset: usize },
    /// Nothing but (possibly) whitespace.
    Empty,
    /// The JSON ends early: the file was cut short. Lines and columns
    /// (here and below) count from 1; columns count characters.
    Truncated { line: usize, col: usize },
    /// The JSON is malformed. `msg` is in Chinese.
    Syntax { line: usize, col: usize, msg: String },
    /// The JSON is well formed but a value has the wrong type, a field is
    /// missing, etc. `msg` is in Chinese and names the field where known.
    WrongType { line: usize, col: usize, msg: String },
    /// Well-formed JSON, but not a package file (no `"format": "yusuan"`).
    Foreign,
    /// Written by a newer program (format `version` > [`FORMAT_VERSION`]).
    TooNew { version: u64 },
    /// A package of the other kind (a 决算 where a 预算 was asked for…).
    WrongKind { expected: Kind, found: Kind },
    /// A `"kind"` this program does not know.
    UnknownKind { kind: String },
    /// A key appears twice in one JSON object (`path` is the object's field
    /// path, if any).
    DuplicateKey {
        line: usize,
        col: usize,
        key: String,
        path: Option<String>,
    },
    /// `package.department.year` is missing: the year is never guessed.
    MissingYear,
    /// Text fields or lists over the limits of [`crate::limits`].
    OverLimit(Vec<crate::limits::LimitError>),
    /// The package would make a file over [`MAX_FILE_SIZE`]; not saved.
    TooLargeToSave { size: u64 },
}

/// What the program was doing when an [`FileErrorKind::Io`] error occurred.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IoAction {
    Open,
    Save,
    /// Keeping the previous version as `name.yusuan.bak`.
    Backup,
}

impl FileError {
    fn new(path: Option<&Path>, kind: FileErrorKind) -> FileError {
        FileError {
            path: path.map(Path::to_path_buf),
            kind,
        }
    }

    fn io(path: &Path, action: IoAction, error: io::Error) -> FileError {
        FileError::new(Some(path), FileErrorKind::Io { action, error })
    }

    fn with_path(mut self, path: &Path) -> FileError {
        self.path = Some(path.to_path_buf());
        self
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `文件“D:\预算\x.yusuan”`, or just `文件` without a path.
        let subject = match &self.path {
            Some(p) => format!("文件“{}”", p.display()),
            None => "文件".to_string(),
        };
        let quoted = match &self.path {
            Some(p) => format!("“{}”", p.display()),
            None => String::new(),
        };
        match &self.kind {
            FileErrorKind::Io { action, error } => {
                use io::ErrorKind as K;
                match (action, error.kind()) {
                    (IoAction::Open, K::NotFound) => write!(f, "找不到{subject}"),
                    (IoAction::Open, K::PermissionDenied) => {
                        write!(f, "没有权限读取{subject}")
                    }
                    (IoAction::Open, _) => write!(f, "读取{subject}时出错（详细信息：{error}）"),
                    (IoAction::Save, K::NotFound) => {
                        write!(f, "无法保存{subject}：所在文件夹不存在")
                    }
                    (IoAction::Save, K::PermissionDenied) => {
                        write!(f, "没有权限保存{subject}（文件可能是只读的，或没有权限写入所在文件夹）")
                    }
                    (IoAction::Save, K::StorageFull) => {
                        write!(f, "无法保存{subject}：磁盘空间不足")
                    }
                    (IoAction::Save, K::ReadOnlyFilesystem) => {
                        write!(f, "无法保存{subject}：所在位置是只读的")
                    }
                    (IoAction::Save, _) => write!(f, "保存{subject}时出错（详细信息：{error}）"),
                    (IoAction::Backup, _) => write!(
                        f,
                        "无法为{subject}保留上一版本（.bak 备份文件），文件未保存，原文件保持不变（详细信息：{error}）"
                    ),
                }
            }
            FileErrorKind::IsDirectory => {
                write!(f, "{quoted}是一个文件夹，不是预算包文件")
            }
            FileErrorKind::NotRegularFile => {
                write!(f, "{quoted}不是普通文件，不是预算包文件")
            }
            FileErrorKind::TooLarge { size } => write!(
                f,
                "{subject}过大（{:.1} MB），超过 {} MB 的上限，不是预算包文件",
                *size as f64 / (1024.0 * 1024.0),
                MAX_FILE_SIZE / (1024 * 1024)
            ),
            FileErrorKind::NotUtf8 { offset } => write!(
                f,
                "{subject}不是 UTF-8 文本（第{}字节处编码无效），不是预算包文件或已损坏",
                offset + 1
            ),
            FileErrorKind::Empty => write!(f, "{subject}是空的，没有任何内容"),
            FileErrorKind::Truncated { line, col } => write!(
                f,
                "{subject}已损坏：第{line}行第{col}列：文件不完整（可能在保存时被中断）"
            ),
            FileErrorKind::Syntax { line, col, msg } | FileErrorKind::WrongType { line, col, msg } => {
                write!(f, "{subject}已损坏：第{line}行第{col}列：{msg}")
            }
            FileErrorKind::Foreign => write!(f, "{subject}不是预算包文件"),
            FileErrorKind::TooNew { version } => {
                if self.path.is_some() {
                    write!(f, "无法打开{subject}：")?;
                }
                write!(f, "此文件由较新版本的程序保存（格式版本{version}），请升级程序后再打开")
            }
            FileErrorKind::WrongKind { expected, found } => {
                write!(f, "{subject}是{}，此处需要{}", found.label(), expected.label())?;
                if *found == Kind::Final {
                    write!(
                        f,
                        "（决算包可在编辑器中用“打开”打开，或用命令行 yusuan check、yusuan export 处理）"
                    )?;
                }
                Ok(())
            }
            FileErrorKind::UnknownKind { kind } => {
                if self.path.is_some() {
                    write!(f, "无法打开{subject}：")?;
                }
                write!(
                    f,
                    "文件种类“{}”无法识别（应为预算包或决算包），可能由较新版本的程序保存",
                    crate::amount::clip(kind)
                )
            }
            FileErrorKind::DuplicateKey { line, col, key, path } => match path {
                Some(p) => write!(f, "{subject}已损坏：第{line}行第{col}列：“{p}”中的键“{key}”重复出现"),
                None => write!(f, "{subject}已损坏：第{line}行第{col}列：键“{key}”重复出现"),
            },
            FileErrorKind::MissingYear => write!(
                f,
                "{subject}缺少预算年度（字段“package.department.year”）：请填写预算年度，程序不会替您假定年度"
            ),
            FileErrorKind::OverLimit(errors) => {
                write!(f, "{subject}的内容超过上限：")?;
                for (i, e) in errors.iter().enumerate() {
                    if i > 0 {
                        write!(f, "；")?;
                    }
                    write!(f, "{e}")?;
                }
                Ok(())
            }
            FileErrorKind::TooLargeToSave { size } => write!(
                f,
                "无法保存{subject}：内容过多，文件将有 {:.1} MB，超过 {} MB 的上限（这样的文件将无法再打开）；原文件保持不变",
                *size as f64 / (1024.0 * 1024.0),
                MAX_FILE_SIZE / (1024 * 1024)
            ),
        }
    }
}

impl std::error::Error for FileError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            FileErrorKind::Io { error, .. } => Some(error),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------

#[derive(Serialize)]
struct EnvelopeOut<'a, T> {
    format: &'static str,
    version: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    package: &'a T,
}

/// First look at a file: only what is needed to tell whether it is ours.
/// Deserializing it also checks the syntax of the whole text.
#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
    kind: Option<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(bound = "T: DeserializeOwned")]
struct EnvelopeIn<T> {
    #[allow(dead_code)]
    format: IgnoredAny,
    #[allow(dead_code)]
    version: u32,
    #[allow(dead_code)]
    #[serde(default)]
    kind: Option<IgnoredAny>,
    package: T,
}

/// The file content for a package: pretty-printed JSON ending in a newline.
pub fn to_json<T: Contents>(p: &T) -> String {
    let envelope = EnvelopeOut {
        format: FORMAT_NAME,
        version: FORMAT_VERSION,
        kind: T::KIND.tag(),
        package: p,
    };
    // A `Package` has no floats and only string-like map keys: serializing
    // it cannot fail.
    let mut text = serde_json::to_string_pretty(&envelope).expect("a Package always serializes to JSON");
    text.push('\n');
    text
}

/// Reads a package from the text of a `.yusuan` file. Errors carry no path
/// (see [`open`] for that).
pub fn from_json(text: &str) -> Result<Package, FileError> {
    from_json_as(text)
}

/// Reads a package of kind `T` from the text of a `.yusuan` file; a file of
/// the other kind is a [`FileErrorKind::WrongKind`].
pub fn from_json_as<T: Contents>(text: &str) -> Result<T, FileError> {
    parse(text).map_err(|kind| FileError::new(None, kind))
}

/// Reads whatever package the text holds.
pub fn document_from_json(text: &str) -> Result<Document, FileError> {
    match from_json_as::<Package>(text) {
        Err(FileError {
            kind: FileErrorKind::WrongKind { found: Kind::Final, .. },
            ..
        }) => from_json_as::<FinalPackage>(text).map(Document::Final),
        other => other.map(Document::Budget),
    }
}

fn parse<T: Contents>(text: &str) -> Result<T, FileErrorKind> {
    // A byte-order mark is what some editors put in front of UTF-8 text.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.trim_start_matches([' ', '\t', '\n', '\r']);
    if first.is_empty() {
        return Err(FileErrorKind::Empty);
    }

    // 1. Syntax of the whole document, and no key twice in one object.
    if let Err(e) = serde_json::from_str::<NoDuplicates>(text) {
        if e.classify() == serde_json::error::Category::Data {
            let msg = bare_message(&e);
            if let Some(key) = msg.strip_prefix(DUPLICATE_KEY) {
                let (line, col) = (e.line(), char_column(text, e.line(), e.column()));
                let path = field_path(text, line, e.column()).container();
                return Err(FileErrorKind::DuplicateKey {
                    line,
                    col,
                    key: key.to_string(),
                    path,
                });
            }
        }
        return Err(syntax_error(text, &e));
    }
    // 2. Is it ours, and not too new?
    if !first.starts_with('{') {
        return Err(FileErrorKind::Foreign);
    }
    let header: Header = serde_json::from_str(text).map_err(|e| data_error(text, &e))?;
    if header.format.as_ref().and_then(|v| v.as_str()) != Some(FORMAT_NAME) {
        return Err(FileErrorKind::Foreign);
    }
    if let Some(version) = header.version.as_ref().and_then(|v| v.as_u64())
        && version > u64::from(FORMAT_VERSION)
    {
        return Err(FileErrorKind::TooNew { version });
    }
    let found = match &header.kind {
        None | Some(serde_json::Value::Null) => Kind::Budget,
        Some(serde_json::Value::String(s)) if s == "budget" => Kind::Budget,
        Some(serde_json::Value::String(s)) if s == "final" => Kind::Final,
        Some(other) => {
            let kind = match other {
                serde_json::Value::String(s) => s.clone(),
                v => v.to_string(),
            };
            return Err(FileErrorKind::UnknownKind { kind });
        }
    };
    if found != T::KIND {
        return Err(FileErrorKind::WrongKind {
            expected: T::KIND,
            found,
        });
    }
    // 3. The year is never guessed.
    let probe: YearProbe = serde_json::from_str(text).map_err(|e| data_error(text, &e))?;
    if probe.package.and_then(|p| p.department).and_then(|d| d.year).is_none() {
        return Err(FileErrorKind::MissingYear);
    }
    // 4. The package itself.
    let envelope: EnvelopeIn<T> = serde_json::from_str(text).map_err(|e| data_error(text, &e))?;
    // 5. Within the limits every way in shares.
    envelope.package.check_limits().map_err(FileErrorKind::OverLimit)?;
    Ok(envelope.package)
}

#[derive(Deserialize)]
struct YearProbe {
    package: Option<PackageProbe>,
}

#[derive(Deserialize)]
struct PackageProbe {
    department: Option<DepartmentProbe>,
}

#[derive(Deserialize)]
struct DepartmentProbe {
    year: Option<IgnoredAny>,
}

/// The start of the message of a duplicated key.
const DUPLICATE_KEY: &str = "yusuan duplicate key: ";

/// Any JSON value, refused when an object has a key twice (serde keeps the
/// last value of a map silently).
struct NoDuplicates;

impl<'de> Deserialize<'de> for NoDuplicates {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NoDuplicatesVisitor)
    }
}

struct NoDuplicatesVisitor;

impl<'de> serde::de::Visitor<'de> for NoDuplicatesVisitor {
    type Value = NoDuplicates;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<NoDuplicates, E> {
        Ok(NoDuplicates)
    }
    fn visit_i64<E>(self, _: i64) -> Result<NoDuplicates, E> {
        Ok(NoDuplicates)
    }
    fn visit_u64<E>(self, _: u64) -> Result<NoDuplicates, E> {
        Ok(NoDuplicates)
    }
    fn visit_f64<E>(self, _: f64) -> Result<NoDuplicates, E> {
        Ok(NoDuplicates)
    }
    fn visit_str<E>(self, _: &str) -> Result<NoDuplicates, E> {
        Ok(NoDuplicates)
    }
    fn visit_unit<E>(self) -> Result<NoDuplicates, E> {
        Ok(NoDuplicates)
    }
    fn visit_none<E>(self) -> Result<NoDuplicates, E> {
        Ok(NoDuplicates)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<NoDuplicates, D::Error> {
        NoDuplicates::deserialize(d)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<NoDuplicates, A::Error> {
        while seq.next_element::<NoDuplicates>()?.is_some() {}
        Ok(NoDuplicates)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<NoDuplicates, A::Error> {
        let mut seen = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if seen.contains(&key) {
                return Err(serde::de::Error::custom(format!("{DUPLICATE_KEY}{key}")));
            }
            map.next_value::<NoDuplicates>()?;
            seen.insert(key);
        }
        Ok(NoDuplicates)
    }
}

/// An error of the syntax pass: truncation or malformed JSON.
fn syntax_error(text: &str, e: &serde_json::Error) -> FileErrorKind {
    let (line, col) = (e.line(), char_column(text, e.line(), e.column()));
    if e.classify() == serde_json::error::Category::Eof {
        return FileErrorKind::Truncated { line, col };
    }
    let raw = bare_message(e);
    // serde_json reports `{"a": 1,}` as a key that is not a string.
    let msg = if raw == "key must be a string" && byte_at(text, line, e.column()) == Some(b'}') {
        "多余的逗号".to_string()
    } else {
        translate_syntax(raw)
    };
    FileErrorKind::Syntax { line, col, msg }
}

/// serde_json counts columns in bytes; editors count characters. The
/// column, in characters, of serde_json's byte column `col` on `line`.
fn char_column(text: &str, line: usize, col: usize) -> usize {
    let bytes = text.as_bytes();
    let start = line_start(bytes, line);
    let end = start.saturating_add(col).min(bytes.len());
    // Count the bytes that start a character.
    bytes[start..end].iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

/// The byte at 1-based `line` and byte `col`, as serde_json counts them.
fn byte_at(text: &str, line: usize, col: usize) -> Option<u8> {
    let start = line_start(text.as_bytes(), line);
    text.as_bytes().get((start + col).checked_sub(1)?).copied()
}

/// Byte offset of the start of 1-based `line` (the end of the text if there
/// are fewer lines).
fn line_start(bytes: &[u8], line: usize) -> usize {
    let mut start = 0usize;
    for _ in 1..line {
        match bytes[start..].iter().position(|&b| b == b'\n') {
            Some(i) => start += i + 1,
            None => return bytes.len(),
        }
    }
    start
}

/// An error of a typed pass. The syntax is known to be good by then, so
/// whatever serde_json reports (it reports some type errors as syntax, e.g.
/// a number where an enum is expected) is a wrong value.
fn data_error(text: &str, e: &serde_json::Error) -> FileErrorKind {
    let (line, col) = (e.line(), char_column(text, e.line(), e.column()));
    let raw = bare_message(e);
    let fields = field_path(text, line, e.column());
    let msg = translate_data(raw, &fields);
    FileErrorKind::WrongType { line, col, msg }
}

/// serde_json's message without its " at line L column C" tail.
fn bare_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let tail = format!(" at line {} column {}", e.line(), e.column());
    match full.strip_suffix(&tail) {
        Some(s) => s.to_string(),
        None => full,
    }
}

fn translate_syntax(raw: String) -> String {
    let msg = match raw.as_str() {
        "expected `:`" => "此处应为冒号“:”",
        "expected `,` or `]`" => "此处应为逗号“,”或“]”",
        "expected `,` or `}`" => "此处应为逗号“,”或“}”",
        "expected ident" => "无法识别的内容（应为 true、false 或 null）",
        "expected value" => "此处应为一个值",
        "expected `\"`" => "此处应为双引号“\"”",
        "invalid escape" => "字符串中的转义符无效",
        "invalid number" => "数字格式无效",
        "number out of range" => "数字超出范围",
        "invalid unicode code point" => "无效的 Unicode 字符",
        "control character (\\u0000-\\u001F) found while parsing a string" => "字符串中含有控制字符（如未转义的换行）",
        "key must be a string" => "对象的键必须是字符串",
        "lone leading surrogate in hex escape" => "字符串中的 \\u 转义不完整",
        "unexpected end of hex escape" => "字符串中的 \\u 转义不完整",
        "trailing comma" => "多余的逗号",
        "trailing characters" => "内容结束后还有多余的字符",
        "recursion limit exceeded" => "嵌套层数过多",
        _ => return format!("JSON 格式错误（{raw}）"),
    };
    msg.to_string()
}

/// Translates a serde data error (`invalid type: …, expected …`, `missing
/// field …`, …) and prefixes the field it concerns.
fn translate_data(raw: String, fields: &FieldPath) -> String {
    if let Some(name) = between(&raw, "missing field `", "`") {
        return match fields.container() {
            Some(c) => format!("“{c}”缺少字段“{name}”"),
            None => format!("缺少字段“{name}”"),
        };
    }
    if let Some(name) = between(&raw, "duplicate field `", "`") {
        return match fields.container() {
            Some(c) => format!("“{c}”中字段“{name}”重复出现"),
            None => format!("字段“{name}”重复出现"),
        };
    }
    let what = if let Some(rest) = raw.strip_prefix("invalid type: ") {
        match rest.split_once(", expected ") {
            Some((found, expected)) => {
                format!("类型错误：应为{}，实际为{}", expected_name(expected), found_name(found))
            }
            None => format!("类型错误（{rest}）"),
        }
    } else if let Some(rest) = raw.strip_prefix("invalid value: ") {
        match rest.split_once(", expected ") {
            Some((found, expected)) => {
                format!("取值无效：应为{}，实际为{}", expected_name(expected), found_name(found))
            }
            None => format!("取值无效（{rest}）"),
        }
    } else if let Some(rest) = raw.strip_prefix("invalid length ") {
        match rest.split_once(", expected ") {
            Some((n, expected)) => {
                format!("项数不对：应为{}，实际有 {n} 项", expected_name(expected))
            }
            None => format!("项数不对（{rest}）"),
        }
    } else if let Some(name) = between(&raw, "unknown variant `", "`") {
        // What the file holds, on one line and not too long.
        let name = crate::amount::clip(name);
        match raw.split_once(", expected one of ") {
            Some((_, list)) => format!(
                "未知的取值“{name}”，应为以下之一：{}",
                list.replace('`', "").replace(", ", "、")
            ),
            None => format!("未知的取值“{name}”"),
        }
    } else if raw.starts_with("expected ") {
        // serde_json's report of e.g. a number where an enum's name belongs.
        "取值类型不正确（此处应为带引号的选项名称）".to_string()
    } else {
        format!("内容不正确（{raw}）")
    };
    // One line, whatever the file held.
    let what: String = what.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    match fields.full() {
        Some(path) => format!("字段“{path}”{what}"),
        None => what,
    }
}

/// `s` between `prefix` (at the start) and the next `end`.
fn between<'a>(s: &'a str, prefix: &str, end: &str) -> Option<&'a str> {
    let rest = s.strip_prefix(prefix)?;
    rest.split_once(end).map(|(name, _)| name)
}

/// serde's description of what it expected, in Chinese.
fn expected_name(expected: &str) -> String {
    let name = match expected {
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "整数",
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "非负整数",
        "f32" | "f64" => "数字",
        "a string" | "a borrowed string" | "a character" => "文本",
        "a boolean" => "true 或 false",
        "a sequence" => "数组",
        "a map" => "对象",
        "a Decimal type representing a fixed-point number" => "金额（如 \"151700.00\"）",
        "a tuple of size 2" => "含 2 项的数组",
        "option" => "值或 null",
        "variant identifier" | "unit variant" => "选项名称",
        e if e.starts_with("struct ") => "对象",
        e if e.starts_with("tuple struct ") => "数组",
        e if e.starts_with("enum ") => "选项名称",
        e => return e.to_string(),
    };
    name.to_string()
}

/// serde's description of the value it found, in Chinese.
fn found_name(found: &str) -> String {
    if let Some(rest) = found.strip_prefix("string ") {
        // `string "abc"`: serde quotes with Debug escaping.
        let inner = rest.strip_prefix('"').and_then(|r| r.strip_suffix('"')).unwrap_or(rest);
        return format!("文本“{}”", crate::amount::clip(inner));
    }
    for (prefix, name) in [
        ("integer ", "整数"),
        ("floating point ", "数字"),
        ("boolean ", ""),
        ("character ", "字符"),
    ] {
        if let Some(rest) = found.strip_prefix(prefix) {
            let value = rest.trim_matches('`');
            return if name.is_empty() {
                value.to_string()
            } else {
                format!("{name} {value}")
            };
        }
    }
    match found {
        "map" => "对象".to_string(),
        "sequence" => "数组".to_string(),
        "null" | "unit value" | "unit" => "空值 null".to_string(),
        _ => found.to_string(),
    }
}

// ---------------------------------------------------------------------------
// Field path of an error position
// ---------------------------------------------------------------------------

/// Where in the document an error position lies: the chain of object keys
/// and array indices, e.g. `package.basic_lines[2].amount`.
#[derive(Debug, Default)]
struct FieldPath {
    segments: Vec<Segment>,
}

#[derive(Debug)]
enum Segment {
    Key(String),
    Index(usize),
}

impl FieldPath {
    fn render(segments: &[Segment]) -> Option<String> {
        let mut out = String::new();
        for s in segments {
            match s {
                Segment::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Segment::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        (!out.is_empty()).then_some(out)
    }

    /// The path down to the value at the position.
    fn full(&self) -> Option<String> {
        FieldPath::render(&self.segments)
    }

    /// The path of the object the position is in (for a missing field: the
    /// position is then at the object's end, after its last member).
    fn container(&self) -> Option<String> {
        match self.segments.last() {
            Some(Segment::Key(_)) => FieldPath::render(&self.segments[..self.segments.len() - 1]),
            _ => FieldPath::render(&self.segments),
        }
    }
}

/// Walks well-formed JSON `text` up to (and including) the byte at 1-based
/// `line`/`col` as serde_json counts them, and returns the keys and indices
/// open there. Tolerant of any input and position: never panics.
fn field_path(text: &str, line: usize, col: usize) -> FieldPath {
    let bytes = text.as_bytes();
    // Byte offset of the end of the walk.
    let end = line_start(bytes, line).saturating_add(col).min(bytes.len());

    enum Frame {
        // `key`: the member being read; `awaiting_key`: after `{` or `,`.
        Object { key: Option<String>, awaiting_key: bool },
        Array { index: usize },
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0usize;
    while i < end {
        match bytes[i] {
            b'{' => stack.push(Frame::Object {
                key: None,
                awaiting_key: true,
            }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key, awaiting_key }) => {
                    *key = None;
                    *awaiting_key = true;
                }
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            b':' => {
                if let Some(Frame::Object { awaiting_key, .. }) = stack.last_mut() {
                    *awaiting_key = false;
                }
            }
            b'"' => {
                // Find the closing quote, skipping escapes.
                let start = i;
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] != b'"' {
                    if bytes[j] == b'\\' {
                        j += 1;
                    }
                    j += 1;
                }
                let close = j.min(bytes.len());
                if let Some(Frame::Object {
                    key,
                    awaiting_key: true,
                }) = stack.last_mut()
                {
                    let raw = text.get(start..(close + 1).min(bytes.len())).unwrap_or("");
                    *key =
                        Some(serde_json::from_str::<String>(raw).unwrap_or_else(|_| raw.trim_matches('"').to_string()));
                }
                i = close;
            }
            _ => {}
        }
        i += 1;
    }

    let mut segments = Vec::new();
    for frame in stack {
        match frame {
            Frame::Object { key: Some(k), .. } => segments.push(Segment::Key(k)),
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => segments.push(Segment::Index(index)),
        }
    }
    FieldPath { segments }
}

// ---------------------------------------------------------------------------
// Open
// ---------------------------------------------------------------------------

/// Opens a package file.
///
/// Refuses, with a [`FileError`] that says why in Chinese: a missing or
/// unreadable file, a folder, a file over [`MAX_FILE_SIZE`] (checked before
/// reading), bytes that are not UTF-8, an empty file, truncated or malformed
/// JSON (with line and column), JSON that is not a package file, a file
/// written by a newer program, and values of the wrong type. Never panics.
pub fn open(path: &Path) -> Result<Package, FileError> {
    open_as(path)
}

/// Opens a package file of kind `T` (see [`open`]); a file of the other kind
/// is a [`FileErrorKind::WrongKind`].
pub fn open_as<T: Contents>(path: &Path) -> Result<T, FileError> {
    let text = read_text(path)?;
    from_json_as(&text).map_err(|e| e.with_path(path))
}

/// Opens a package file of either kind.
pub fn open_document(path: &Path) -> Result<Document, FileError> {
    let text = read_text(path)?;
    document_from_json(&text).map_err(|e| e.with_path(path))
}

/// The text of a package file, refused as [`open`] says.
fn read_text(path: &Path) -> Result<String, FileError> {
    let meta = fs::metadata(path).map_err(|e| FileError::io(path, IoAction::Open, e))?;
    if meta.is_file()
        && let Some(dir) = path.parent()
    {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        remove_stale_temps(dir, path);
    }
    if meta.is_dir() {
        return Err(FileError::new(Some(path), FileErrorKind::IsDirectory));
    }
    if !meta.is_file() {
        return Err(FileError::new(Some(path), FileErrorKind::NotRegularFile));
    }
    if meta.len() > MAX_FILE_SIZE {
        return Err(FileError::new(Some(path), FileErrorKind::TooLarge { size: meta.len() }));
    }
    let file = fs::File::open(path).map_err(|e| FileError::io(path, IoAction::Open, e))?;
    // The file may have grown since `metadata`: never read past the limit.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| FileError::io(path, IoAction::Open, e))?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(FileError::new(
            Some(path),
            FileErrorKind::TooLarge {
                size: bytes.len() as u64,
            },
        ));
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let utf8 = e.utf8_error();
            let offset = utf8.valid_up_to();
            // A file cut in the middle of a character is a cut file.
            if utf8.error_len().is_none() {
                let bytes = e.into_bytes();
                let prefix = std::str::from_utf8(&bytes[..offset]).unwrap_or("");
                if let Err(
                    err @ FileError {
                        kind: FileErrorKind::Truncated { .. },
                        ..
                    },
                ) = from_json(prefix)
                {
                    return Err(err.with_path(path));
                }
            }
            return Err(FileError::new(Some(path), FileErrorKind::NotUtf8 { offset }));
        }
    };
    Ok(text)
}

// ---------------------------------------------------------------------------
// Save
// ---------------------------------------------------------------------------

/// The steps of [`save`], in order. [`save_with_hook`] calls its hook
/// before each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveStep {
    /// The temporary file has been created, empty; its content is next.
    WriteTemp,
    /// Half the content is in the temporary file; the rest is next.
    WriteTempHalfway,
    /// The content is written; `sync_all` of the temporary file is next.
    SyncTemp,
    /// Hard-linking (or copying) the old file to `name.yusuan.bak` is next.
    Backup,
    /// Renaming the temporary file over the target is next.
    Rename,
    /// Syncing the folder (so that the rename is durable) is next.
    SyncDir,
}

impl SaveStep {
    pub const ALL: [SaveStep; 6] = [
        SaveStep::WriteTemp,
        SaveStep::WriteTempHalfway,
        SaveStep::SyncTemp,
        SaveStep::Backup,
        SaveStep::Rename,
        SaveStep::SyncDir,
    ];
}

/// The path of the backup kept by [`save`]: `name.yusuan.bak` beside
/// `path`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(".bak");
    PathBuf::from(name)
}

/// Saves a package atomically.
///
/// The content goes to a temporary file in the same folder
/// (`.name.yusuan.tmp-PID-N`), which is synced; then, if `path` exists, the
/// old file is hard-linked (or, where links are impossible, copied) to
/// `name.yusuan.bak`; then the temporary file is renamed over `path` and the
/// folder is synced. At every instant `path` holds the old or the new
/// complete file. On any error the temporary file is removed and the old
/// file is left as it was.
///
/// A read-only target is refused rather than replaced.
pub fn save<T: Contents>(path: &Path, p: &T) -> Result<(), FileError> {
    save_with_hook(path, p, &mut |_| Ok(()))
}

/// [`save`], calling `hook` before each [`SaveStep`]. An `Err` from the hook
/// stops the save there, as a crash or failure at that point would, and is
/// returned as the save's error (after the temporary file is removed). Used
/// by the tests to check that a save interrupted anywhere leaves a complete
/// file.
pub fn save_with_hook<T: Contents>(
    path: &Path,
    p: &T,
    hook: &mut dyn FnMut(SaveStep) -> io::Result<()>,
) -> Result<(), FileError> {
    // Save through a symbolic link to the file it names, not over the link.
    let target = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
        _ => path.to_path_buf(),
    };
    let old = match fs::metadata(&target) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(FileError::io(path, IoAction::Save, e)),
    };
    if let Some(m) = &old {
        if m.is_dir() {
            return Err(FileError::new(Some(path), FileErrorKind::IsDirectory));
        }
        if !m.is_file() {
            return Err(FileError::new(Some(path), FileErrorKind::NotRegularFile));
        }
        if m.permissions().readonly() {
            return Err(FileError::io(
                path,
                IoAction::Save,
                io::Error::new(io::ErrorKind::PermissionDenied, "只读文件"),
            ));
        }
    }

    // Only what can be opened again is written.
    p.check_limits()
        .map_err(|e| FileError::new(Some(path), FileErrorKind::OverLimit(e)))?;
    let bytes = to_json(p).into_bytes();
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(FileError::new(
            Some(path),
            FileErrorKind::TooLargeToSave {
                size: bytes.len() as u64,
            },
        ));
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    remove_stale_temps(&dir, &target);
    let (tmp_path, file) = create_temp(&dir, &target).map_err(|e| FileError::io(path, IoAction::Save, e))?;

    let result = write_and_replace(&target, &dir, &tmp_path, file, &bytes, old.as_ref(), hook);
    if result.is_err() {
        // Gone already if the rename happened.
        let _ = fs::remove_file(&tmp_path);
    }
    result.map_err(|(action, e)| FileError::io(path, action, e))
}

fn write_and_replace(
    target: &Path,
    dir: &Path,
    tmp_path: &Path,
    mut file: fs::File,
    bytes: &[u8],
    old: Option<&fs::Metadata>,
    hook: &mut dyn FnMut(SaveStep) -> io::Result<()>,
) -> Result<(), (IoAction, io::Error)> {
    let save = |e| (IoAction::Save, e);

    hook(SaveStep::WriteTemp).map_err(save)?;
    let half = bytes.len() / 2;
    file.write_all(&bytes[..half]).map_err(save)?;
    hook(SaveStep::WriteTempHalfway).map_err(save)?;
    file.write_all(&bytes[half..]).map_err(save)?;
    file.flush().map_err(save)?;

    hook(SaveStep::SyncTemp).map_err(save)?;
    if let Some(m) = old {
        // Keep the old file's permissions (a file only its owner may read
        // stays so). Best effort.
        let _ = file.set_permissions(m.permissions());
    }
    file.sync_all().map_err(save)?;
    drop(file);

    hook(SaveStep::Backup).map_err(save)?;
    if old.is_some() {
        backup(target).map_err(|e| (IoAction::Backup, e))?;
    }

    hook(SaveStep::Rename).map_err(save)?;
    fs::rename(tmp_path, target).map_err(save)?;

    hook(SaveStep::SyncDir).map_err(save)?;
    sync_dir(dir);
    Ok(())
}

/// A new, empty temporary file beside `target`, with a name no other save
/// (of this or another process) is using.
fn create_temp(dir: &Path, target: &Path) -> io::Result<(PathBuf, fs::File)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "package".to_string());
    let pid = std::process::id();
    let mut tries = 0;
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}.tmp-{pid}-{n}"));
        match fs::OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            // A leftover of a crashed process that had the same id.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && tries < 100 => tries += 1,
            Err(e) => return Err(e),
        }
    }
}

/// Removes the temporary files of saves of `target` (`.name.tmp-PID-N`)
/// that were interrupted: those of processes that are no longer running
/// (on Linux, where that can be told) or, elsewhere, older than ten
/// minutes. The temporary file of a save in progress in another running
/// process is left alone. Best effort: errors are ignored.
pub fn remove_stale_temps(dir: &Path, target: &Path) {
    let Some(name) = target.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let prefix = format!(".{name}.tmp-");
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let own = std::process::id();
    for entry in entries.flatten().take(100_000) {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let Some(rest) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        let Some((pid, n)) = rest.split_once('-') else {
            continue;
        };
        let (Ok(pid), true) = (
            pid.parse::<u32>(),
            !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()),
        ) else {
            continue;
        };
        if pid == own || !is_stale(pid, &entry) {
            continue;
        }
        if entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether a temporary file of process `pid` is left over from a save that
/// will not finish.
fn is_stale(pid: u32, entry: &fs::DirEntry) -> bool {
    if cfg!(target_os = "linux") && Path::new("/proc/self").exists() {
        return !Path::new(&format!("/proc/{pid}")).exists();
    }
    entry
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age.as_secs() > 600)
}

/// Makes `name.yusuan.bak` a copy of the current `target`, which stays in
/// place throughout.
fn backup(target: &Path) -> io::Result<()> {
    let bak = backup_path(target);
    match fs::remove_file(&bak) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    if fs::hard_link(target, &bak).is_ok() {
        return Ok(());
    }
    // No hard links here (some file systems): copy.
    fs::copy(target, &bak).map(|_| ())
}

/// Makes a rename in `dir` durable. Where folders cannot be synced, nothing.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    {
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
    }
}

/// An operating-system error in the officer's words, the system's own text
/// after it: `磁盘空间不足（详细信息：No space left on device (os error 28)）`.
pub fn describe_io(e: &io::Error) -> String {
    use io::ErrorKind as K;
    let what = match e.kind() {
        K::NotFound => "找不到文件或文件夹",
        K::PermissionDenied => "没有权限",
        K::StorageFull => "磁盘空间不足",
        K::ReadOnlyFilesystem => "所在位置是只读的",
        K::AlreadyExists => "文件已存在",
        K::IsADirectory => "这是一个文件夹",
        K::NotADirectory => "路径中有一项不是文件夹",
        K::InvalidFilename => "文件名无效",
        K::FileTooLarge => "文件过大",
        K::QuotaExceeded => "超出磁盘配额",
        K::Interrupted | K::TimedOut => "操作被中断",
        K::OutOfMemory => "内存不足",
        _ => "系统错误",
    };
    format!("{what}（详细信息：{e}）")
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a
/// rename, so that a reader never sees a half-written export (xlsx, PDF).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    // A temporary name of its own, so two writes of one path never share one.
    let (tmp, mut f) = create_temp(&dir, path)?;
    let written = f.write_all(bytes).and_then(|()| f.sync_all());
    // Closed before the rename (and before removing it on failure).
    drop(f);
    let result = written.and_then(|()| fs::rename(&tmp, path));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

// ---------------------------------------------------------------------------
// Fingerprint
// ---------------------------------------------------------------------------

/// SHA-256 (lowercase hex) of the package's canonical content: its compact
/// serde_json serialization (without the file envelope).
///
/// The serialization is deterministic: struct fields come in the order
/// serde's derive fixes (declaration order), every map in the model is a
/// `BTreeMap` (sorted keys), and amounts are written as their exact decimal
/// strings. So the fingerprint is the same before a save and after opening
/// the file again, and changes with any edit, including the scale of an
/// amount (`100` and `100.00` differ).
pub fn fingerprint<T: Serialize>(p: &T) -> String {
    use sha2::{Digest, Sha256};
    let canonical = serde_json::to_vec(p).expect("a Package always serializes to JSON");
    let digest = Sha256::digest(&canonical);
    let mut hex = String::with_capacity(64);
    for b in digest.iter() {
        hex.push_str(&format!("{b:02x}"));
    }
    hex
}
