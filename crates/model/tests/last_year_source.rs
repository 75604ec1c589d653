//! The recorded source of 上年数 (`last_year_source`): files written before
//! it existed open unchanged, with the same fingerprint, and a recorded
//! source is saved and read back.

use yusuan_model::edit::{Part, Step};
use yusuan_model::file::{fingerprint, from_json, from_json_as, to_json};
use yusuan_model::final_edit::{FinalEdit, FinalField, FinalPart};
use yusuan_model::{FinalPackage, LastYearItem, LastYearSource, SAMPLE_PACKAGE};

fn source() -> LastYearSource {
    LastYearSource {
        file_name: "义马2023.yusuan".into(),
        year: 2023,
        fingerprint: "ab".repeat(32),
    }
}

#[test]
fn an_old_file_opens_without_a_source_and_keeps_its_fingerprint() {
    // The sample was written before the field existed.
    assert!(!SAMPLE_PACKAGE.contains("last_year_source"));
    let p = from_json(SAMPLE_PACKAGE).expect("the old file opens");
    assert_eq!(p.last_year_source, None);
    // Not written when absent: saving again gives the same canonical content.
    let again = to_json(&p);
    assert!(!again.contains("last_year_source"));
    assert_eq!(fingerprint(&from_json(&again).unwrap()), fingerprint(&p));
    // The fingerprint hashes the canonical serialization: it has no such key.
    let canonical = serde_json::to_value(&p).unwrap();
    assert!(canonical.get("last_year_source").is_none());
}

#[test]
fn a_recorded_source_is_saved_and_read_back() {
    let mut p = from_json(SAMPLE_PACKAGE).unwrap();
    p.last_year_source = Some(source());
    let back = from_json(&to_json(&p)).unwrap();
    assert_eq!(back.last_year_source, Some(source()));

    let mut f = FinalPackage::default();
    f.department.year = 2024;
    let text = to_json(&f);
    assert!(!text.contains("last_year_source"));
    f.last_year_source = Some(source());
    let back: FinalPackage = from_json_as(&to_json(&f)).unwrap();
    assert_eq!(back.last_year_source, Some(source()));
}

#[test]
fn an_overlong_source_is_refused_by_the_limits() {
    let mut p = from_json(SAMPLE_PACKAGE).unwrap();
    p.last_year_source = Some(LastYearSource {
        fingerprint: "x".repeat(10_000),
        ..source()
    });
    let e = yusuan_model::limits::check(&p).unwrap_err();
    assert!(e.iter().any(|e| e.to_string().contains("上年数来源的指纹")), "{e:?}");
}

#[test]
fn the_last_year_part_keeps_the_source_for_undo() {
    let mut p = from_json(SAMPLE_PACKAGE).unwrap();
    let before = p.clone();
    let c = Part::LastYear.capture(&p);
    p.last_year.0.insert(LastYearItem::IncomeTotal, 1.into());
    p.last_year_source = Some(source());
    let back = c.inverse(&p);
    back.apply(&mut p);
    assert_eq!(p, before);

    let mut f = FinalPackage::default();
    let before = f.clone();
    let c = FinalPart::Field(FinalField::LastYearSource).capture(&f);
    f.last_year_source = Some(source());
    let back: FinalEdit = c.inverse(&f);
    assert!(!back.changes_nothing(&f));
    back.apply(&mut f);
    assert_eq!(f, before);
}
