//! Figures: `name value unit` lines, printed by every part of the bench and read back
//! from child processes.

use std::fmt;

/// One measurement: `codegen.ops2500.ms 1180.3 ms`.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub name: String,
    pub value: f64,
    pub unit: String,
}

impl Figure {
    pub fn new(name: impl Into<String>, value: f64, unit: &str) -> Figure {
        Figure {
            name: name.into(),
            value,
            unit: unit.to_owned(),
        }
    }

    /// Reads a `name value unit` line; `None` for any other line.
    pub fn parse(line: &str) -> Option<Figure> {
        let mut words = line.split_whitespace();
        let (name, value, unit) = (words.next()?, words.next()?, words.next()?);
        if words.next().is_some()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        {
            return None;
        }
        let value: f64 = value.parse().ok().filter(|v: &f64| v.is_finite())?;
        Some(Figure::new(name, value, unit))
    }

    /// The value with as many decimals as it deserves.
    pub fn value_text(&self) -> String {
        let v = self.value;
        if self.unit == "lines" || (v.fract() == 0.0 && v.abs() >= 1000.0) {
            format!("{v:.0}")
        } else if self.unit == "x" || v.abs() < 10.0 {
            format!("{v:.3}")
        } else {
            format!("{v:.1}")
        }
    }
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.name, self.value_text(), self.unit)
    }
}

/// The figures of a run, printed as they come.
#[derive(Debug, Default)]
pub struct Figures {
    pub list: Vec<Figure>,
    /// What failed without stopping the run (a tool that rejects a document, ...).
    pub notes: Vec<String>,
    /// The command of the earlier run whose figures this one keeps (`--only`).
    pub kept_from: Option<String>,
}

impl Figures {
    pub fn push(&mut self, figure: Figure) {
        println!("{figure}");
        self.list.push(figure);
    }

    pub fn add(&mut self, name: impl Into<String>, value: f64, unit: &str) {
        self.push(Figure::new(name, value, unit));
    }

    pub fn get(&self, name: &str) -> Option<f64> {
        self.list.iter().find(|f| f.name == name).map(|f| f.value)
    }
}

/// The middle value (the mean of the two middle ones for an even count).
pub fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_name_value_unit_lines() {
        assert_eq!(
            Figure::parse("codegen.ops2500.ms 1180.3 ms"),
            Some(Figure::new("codegen.ops2500.ms", 1180.3, "ms"))
        );
        assert_eq!(
            Figure::parse("  decode.generated_vs_baseline\t1.02 x  "),
            Some(Figure::new("decode.generated_vs_baseline", 1.02, "x"))
        );
        assert_eq!(
            Figure::parse("requests.client.rps 12e3 req/s"),
            Some(Figure::new("requests.client.rps", 12000.0, "req/s"))
        );
    }

    #[test]
    fn ignores_other_lines() {
        for line in [
            "",
            "Running benches/decode.rs",
            "codegen.real.ms 12.5",
            "codegen.real.ms twelve ms",
            "codegen.real.ms NaN ms",
            "codegen.real.ms inf ms",
            "codegen.real.ms 1 ms extra",
            "warning: unused ms",
            "a/b 1 ms",
        ] {
            assert_eq!(Figure::parse(line), None, "{line:?}");
        }
    }

    #[test]
    fn figures_print_as_they_parse() {
        for line in [
            "codegen.ops250.peak_mb 41.5 MB",
            "codegen.real.lines 7642 lines",
            "decode.generated_vs_baseline 0.981 x",
            "compile.real.all.s 3.250 s",
        ] {
            let figure = Figure::parse(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(figure.to_string(), line);
        }
    }

    #[test]
    fn medians() {
        assert_eq!(median(vec![3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), 2.5);
        assert!(median(Vec::new()).is_nan());
    }
}
