//! Where a description ends and a field name starts, on pages whose lines run together.
//!
//! Some copies of Buddy's action pages lose the line break between a field's description
//! and the next field line: `By default it is set to falsetimeoutinteger`. The type and
//! the flags are read off the end ([`super::fields`]); what is left ends with a run of
//! name characters (`falsetimeout`) holding the description's last word and then the name.
//! The name starts at one of the run's first segment's letters (`objecthtml_url`: not
//! after the `_`, as no description word ends with `_`). Where it starts is decided by
//! the first of these rules that decides it:
//!
//! 1. **Case change or punctuation** ([`Rule::CaseChange`]): after a word in capitals
//!    (`ON_FAILUREvariables`, `CUSTOMreturn_existing`) or a comma, colon, bracket or
//!    quote, the whole run is the name.
//! 2. **Hints** ([`Rule::Hint`]): a candidate name in [`Hints::field_names`] (the spec's
//!    names) wins; of several, the longest.
//! 3. **The page's own words** ([`Rule::PageWords`]): the page's vocabulary is every word
//!    it writes outside the runs (title, descriptions, scopes, path bullets, example
//!    values, the curl command and its JSON keys), with snake_case words (`trigger_time`
//!    in a description) and the names of field lines that stand alone as names. Each
//!    candidate is scored by whether its name, or the name's first segment, is in the
//!    vocabulary (`timeout` from "The timeout in seconds"), and whether the description's
//!    last word is (`object` in "this objecthtml_url"; after a `.` the description may end
//!    there, `Buddy.`). Evidence for the name counts before evidence for the word, then
//!    the most letters covered by known words, then the longer name. Runs with evidence
//!    are decided in passes; each decided split teaches the vocabulary its word and name,
//!    which may decide more runs in the next pass (`secondslast_execution_status` teaches
//!    `seconds`, which decides `secondsignore_errors`).
//! 4. **Fallback** ([`Rule::Fallback`]): with no evidence at all, the longest name the
//!    run allows. A wrong guess then shows as an unknown field name when the page is
//!    checked against the spec, rather than as a plausible one.
//!
//! On the Sandbox Application Start copy (`pages/buddy/sandbox-application-start-action.txt`,
//! 62 glued field lines) with no hints, rule 1 decides 11 names (`url`,
//! `trigger_conditions`, `run_only_on_first_failure`, `variables`, `return_existing`,
//! `pipeline`); rule 3 decides the other 51, 43 in its first pass and 8 in the second
//! (`ignore_errors`, `retry_interval`, `loop`, `current_revision`, `snapshot_id`, once the
//! first pass has taught `seconds`, `retry`, `loop` and `snapshot`); rule 4 decides none.
//! With the spec's field names as hints, rule 2 decides those 51, to the same names.
//!
//! [`Hints::field_names`]: crate::pages::Hints::field_names

use std::collections::BTreeSet;

use super::fields::{is_name, is_name_char};

/// What precedes a run of name characters, which says whether the name may start where
/// the run starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Boundary {
    /// A word in capitals or punctuation no word goes on after: the run is the name.
    Clear,
    /// A space, or a mark a word may go on after (`.` in `Buddy.works`, `-`), or a
    /// capitalised word's first letter; `run_may_be_name` unless the run starts with a
    /// word for sure (after a space or a capital).
    Open { run_may_be_name: bool },
}

impl Boundary {
    /// The boundary after `prefix`, the text before the run.
    pub fn after(prefix: &str) -> Boundary {
        let mut rev = prefix.chars().rev();
        let Some(last) = rev.next() else {
            return Boundary::Open {
                run_may_be_name: false,
            };
        };
        let before_last = rev.next();
        let in_capitals = last.is_ascii_uppercase()
            && before_last
                .is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
        let ends_words = matches!(
            last,
            ',' | ';' | ':' | ')' | ']' | '}' | '"' | '\'' | '!' | '?'
        );
        if in_capitals || ends_words {
            Boundary::Clear
        } else {
            // After a space the run starts with the description's last word: the lines of
            // these pages lose their break, never a space. After a capitalised word's
            // first letter the run goes on with that word.
            let run_may_be_name = !(last.is_whitespace() || last.is_ascii_uppercase());
            Boundary::Open { run_may_be_name }
        }
    }
}

/// A run of name characters with a field name at its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glue<'t> {
    pub run: &'t str,
    pub boundary: Boundary,
}

/// The rule that decided a split (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    CaseChange,
    Hint,
    PageWords,
    Fallback,
}

/// Where the name starts in the run, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    /// The byte offset in the run where the name starts.
    pub at: usize,
    pub rule: Rule,
}

/// The run of name characters at the end of `text` and the text before it.
pub fn trailing_run(text: &str) -> (&str, &str) {
    let start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_name_char(*c))
        .last()
        .map_or(text.len(), |(i, _)| i);
    (
        text.get(..start).unwrap_or_default(),
        text.get(start..).unwrap_or_default(),
    )
}

/// The offsets in the run where a name may start: in its first segment, leaving a name.
pub fn candidates(glue: &Glue<'_>) -> Vec<usize> {
    let first_segment = glue.run.find('_').unwrap_or(glue.run.len());
    let from = match glue.boundary {
        Boundary::Clear
        | Boundary::Open {
            run_may_be_name: true,
        } => 0,
        Boundary::Open {
            run_may_be_name: false,
        } => 1,
    };
    (from..first_segment)
        .filter(|&at| glue.run.get(at..).is_some_and(is_name))
        .collect()
}

/// The words and names a page writes on their own, which settle where runs split.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    words: BTreeSet<String>,
    names: BTreeSet<String>,
}

impl Vocabulary {
    /// Learns the words of some text: lowercased, split at anything but letters, digits
    /// and `_`; snake_case words with a `_` are names too, and their segments words.
    pub fn add_text(&mut self, text: &str) {
        for token in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
            if token.contains('_') && is_name(token) {
                self.names.insert(token.to_owned());
            }
            for word in token.split('_') {
                self.add_word(&word.to_ascii_lowercase());
            }
        }
    }

    /// Learns a field name read for sure, and its segments as words.
    pub fn add_name(&mut self, name: &str) {
        self.names.insert(name.to_owned());
        for word in name.split('_') {
            self.add_word(word);
        }
    }

    fn add_word(&mut self, word: &str) {
        if word.len() >= 2 {
            self.words.insert(word.to_owned());
        }
    }

    /// How much the page supports the name starting at `at`: (evidence for the name,
    /// evidence for the word before it, letters covered by known words).
    fn score(&self, glue: &Glue<'_>, at: usize) -> (u8, u8, usize) {
        let (word, name) = (
            glue.run.get(..at).unwrap_or_default(),
            glue.run.get(at..).unwrap_or_default(),
        );
        let first = name.split('_').next().unwrap_or_default();
        let name_evidence = if self.names.contains(name) {
            2
        } else {
            u8::from(self.words.contains(first))
        };
        // A description word is trusted from three letters on; before a `.` the run may
        // be all name.
        let word_known = word.len() >= 3 && self.words.contains(word);
        let word_evidence = u8::from(at == 0 || word_known);
        let covered = if name_evidence > 0 { first.len() } else { 0 }
            + if word_known { word.len() } else { 0 };
        (name_evidence, word_evidence, covered)
    }
}

/// Decides where the name starts in each run, by the rules of the module documentation.
/// `vocabulary` holds the page's words; `None` for a run with no candidate at all.
pub fn decide(
    glues: &[Glue<'_>],
    hints: &BTreeSet<String>,
    mut vocabulary: Vocabulary,
) -> Vec<Option<Split>> {
    let mut splits: Vec<Option<Split>> = glues
        .iter()
        .map(|glue| by_case(glue).or_else(|| by_hint(glue, hints)))
        .collect();
    learn(&mut vocabulary, glues, &splits);
    loop {
        let decided: Vec<(usize, Split)> = glues
            .iter()
            .zip(&splits)
            .enumerate()
            .filter(|(_, (_, split))| split.is_none())
            .filter_map(|(i, (glue, _))| by_page_words(glue, &vocabulary).map(|s| (i, s)))
            .collect();
        if decided.is_empty() {
            break;
        }
        for (i, split) in decided {
            if let Some(slot) = splits.get_mut(i) {
                *slot = Some(split);
            }
        }
        learn(&mut vocabulary, glues, &splits);
    }
    glues
        .iter()
        .zip(splits)
        .map(|(glue, split)| split.or_else(|| fallback(glue)))
        .collect()
}

fn by_case(glue: &Glue<'_>) -> Option<Split> {
    (glue.boundary == Boundary::Clear && is_name(glue.run)).then_some(Split {
        at: 0,
        rule: Rule::CaseChange,
    })
}

fn by_hint(glue: &Glue<'_>, hints: &BTreeSet<String>) -> Option<Split> {
    // Candidates run from the longest name to the shortest: the first hinted is the longest.
    candidates(glue)
        .into_iter()
        .find(|&at| glue.run.get(at..).is_some_and(|name| hints.contains(name)))
        .map(|at| Split {
            at,
            rule: Rule::Hint,
        })
}

fn by_page_words(glue: &Glue<'_>, vocabulary: &Vocabulary) -> Option<Split> {
    candidates(glue)
        .into_iter()
        .map(|at| {
            let (name, word, covered) = vocabulary.score(glue, at);
            // Longer names win a tie (`at` smaller).
            ((name, word, covered, std::cmp::Reverse(at)), at)
        })
        .max()
        .filter(|((name, word, _, _), _)| *name > 0 || *word > 0)
        .map(|(_, at)| Split {
            at,
            rule: Rule::PageWords,
        })
}

fn fallback(glue: &Glue<'_>) -> Option<Split> {
    candidates(glue).first().map(|&at| Split {
        at,
        rule: Rule::Fallback,
    })
}

/// Teaches the vocabulary the words and names of the decided splits.
fn learn(vocabulary: &mut Vocabulary, glues: &[Glue<'_>], splits: &[Option<Split>]) {
    for (glue, split) in glues.iter().zip(splits) {
        if let Some(split) = split {
            let word = glue.run.get(..split.at).unwrap_or_default();
            vocabulary.add_word(word);
            vocabulary.add_name(glue.run.get(split.at..).unwrap_or_default());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glue(prefix_and_run: &str) -> Glue<'_> {
        let (prefix, run) = trailing_run(prefix_and_run);
        Glue {
            run,
            boundary: Boundary::after(prefix),
        }
    }

    fn names(lines: &[&str], hints: &[&str], page_text: &str) -> Vec<(String, Rule)> {
        let glues: Vec<Glue<'_>> = lines.iter().map(|line| glue(line)).collect();
        let hints = hints.iter().map(|h| (*h).to_owned()).collect();
        let mut vocabulary = Vocabulary::default();
        vocabulary.add_text(page_text);
        decide(&glues, &hints, vocabulary)
            .into_iter()
            .zip(&glues)
            .map(|(split, glue)| {
                let split = split.unwrap_or_else(|| panic!("undecided: {}", glue.run));
                (
                    glue.run.get(split.at..).unwrap_or_default().to_owned(),
                    split.rule,
                )
            })
            .collect()
    }

    #[test]
    fn runs_and_boundaries() {
        assert_eq!(
            trailing_run("set to falsetimeout"),
            ("set to ", "falsetimeout")
        );
        assert_eq!(
            trailing_run("ON_FAILUREvariables"),
            ("ON_FAILURE", "variables")
        );
        assert_eq!(trailing_run(""), ("", ""));
        assert_eq!(Boundary::after("ON_FAILURE"), Boundary::Clear);
        assert_eq!(Boundary::after("12x24,"), Boundary::Clear);
        let open = |run_may_be_name| Boundary::Open { run_may_be_name };
        assert_eq!(Boundary::after("in Buddy."), open(true));
        assert_eq!(Boundary::after("on G"), open(false));
        assert_eq!(Boundary::after("the "), open(false));
        assert_eq!(Boundary::after(""), open(false));
    }

    #[test]
    fn candidates_stay_in_the_first_segment() {
        let g = glue("the objecthtml_url");
        let names: Vec<_> = candidates(&g)
            .into_iter()
            .filter_map(|at| g.run.get(at..))
            .collect();
        // After a space the run starts with a word: the whole run is no candidate.
        assert_eq!(names.first(), Some(&"bjecthtml_url"));
        assert_eq!(names.last(), Some(&"l_url"));
        assert!(!names.contains(&"url"));
        let g = glue("in 12x24tags");
        assert_eq!(
            candidates(&g).first().and_then(|&at| g.run.get(at..)),
            Some("x24tags")
        );
    }

    #[test]
    fn rule_one_case_change() {
        assert_eq!(
            names(&["ON_FAILUREvariables", "CUSTOMreturn_existing"], &[], ""),
            [
                ("variables".into(), Rule::CaseChange),
                ("return_existing".into(), Rule::CaseChange)
            ]
        );
    }

    #[test]
    fn rule_two_hints_win_longest_first() {
        let found = names(
            &["a falsetimeout", "the configurationsandbox_id"],
            &["timeout", "out", "sandbox_id", "id", "box_id"],
            "",
        );
        assert_eq!(
            found,
            [
                ("timeout".into(), Rule::Hint),
                ("sandbox_id".into(), Rule::Hint)
            ]
        );
    }

    #[test]
    fn rule_three_page_words_and_learning() {
        let page = "The timeout in seconds. Update the action configuration. Buddy.works";
        let found = names(
            &[
                "it is set to falsetimeout",
                "in a configurationloop",
                "in secondsloop",
                "in secondsignore_errors",
                "in Buddy.worksid",
                "this objecthtml_url",
            ],
            &[],
            &format!("{page} The ID. this object in"),
        );
        let expected = ["timeout", "loop", "loop", "ignore_errors", "id", "html_url"];
        assert_eq!(
            found.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
            expected
        );
        assert!(found.iter().all(|(_, rule)| *rule == Rule::PageWords));
    }

    #[test]
    fn rule_four_fallback_is_the_longest_name() {
        assert_eq!(
            names(&["the qwzxvbn_thing", "on Gqwzxvbn_thing"], &[], ""),
            [
                ("wzxvbn_thing".into(), Rule::Fallback),
                ("wzxvbn_thing".into(), Rule::Fallback)
            ]
        );
        assert_eq!(
            names(&["G.12abc"], &[], ""),
            [("abc".into(), Rule::Fallback)]
        );
    }
}
