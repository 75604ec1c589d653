//! The narrative of a publication (情况说明): parts of paragraphs, each with a
//! stable id so that an officer's rewrite and an audit finding can name it.

#[derive(Clone, Debug, PartialEq)]
pub struct Paragraph {
    /// Stable id: `1.1`, `2.1` … `2.10.5`, `3.1`.
    pub id: String,
    pub heading: String,
    /// The text; `\n` separates sub-paragraphs.
    pub text: String,
    pub overridden: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    pub title: String,
    pub paragraphs: Vec<Paragraph>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Narrative {
    pub parts: Vec<Part>,
}

impl Narrative {
    /// All paragraphs, in order.
    pub fn paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        self.parts.iter().flat_map(|p| p.paragraphs.iter())
    }
    /// The whole text: titles, headings and paragraphs, one a line.
    pub fn plain_text(&self) -> String {
        let mut s = String::new();
        for part in &self.parts {
            s.push_str(&part.title);
            s.push('\n');
            for p in &part.paragraphs {
                if !p.heading.is_empty() {
                    s.push_str(&p.heading);
                    s.push('\n');
                }
                if !p.text.is_empty() {
                    s.push_str(&p.text);
                    s.push('\n');
                }
            }
        }
        s
    }
}
