//! The compile-time chart: seconds against operations, ours and progenitor's, written as
//! SVG by hand.
//!
//! Why not a plotting crate: plotters (the well-kept one) brings a font stack and some
//! twenty crates into xtask for one line chart, and its SVG backend's text depends on the
//! fonts found on the machine; the committed file must be the same bytes for the same
//! figures on any machine. Two polylines, markers, ticks and a legend are a few dozen
//! lines of text.

use std::fmt::Write as _;

use super::Figures;

/// One point of a series; `note` labels it on the chart (a real spec's name).
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub operations: f64,
    pub seconds: f64,
    pub note: Option<String>,
}

/// A labelled series: its synthetic points joined by a line, its real ones as squares.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub label: String,
    /// An SVG colour.
    pub colour: &'static str,
    /// Points of synthetic specs (`cargo xtask synth`), joined in order of operations.
    pub synthetic: Vec<Point>,
    /// Points of the real spec, drawn apart and labelled.
    pub real: Vec<Point>,
}

impl Series {
    fn points(&self) -> impl Iterator<Item = &Point> {
        self.synthetic.iter().chain(&self.real)
    }
}

const WIDTH: f64 = 760.0;
const HEIGHT: f64 = 460.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 48.0;
const BOTTOM: f64 = 60.0;

/// The series of a run's figures: each synthetic size's first service alone
/// (`compile.synth<N>.alpha.s`, `progenitor.synth<N>.compile.s`, at N/2 operations: the
/// synthetic spec splits its operations between two services), and each real service
/// (`compile.real.<service>.s`, `progenitor.<service>.compile.s`, at
/// `spec.<service>.operations`). `None` when neither series has two points.
pub fn series_from(figures: &Figures) -> Option<Vec<Series>> {
    let mut ours = Series {
        label: "ours: generated-client, one service's feature".to_owned(),
        colour: "#1f77b4",
        synthetic: Vec::new(),
        real: Vec::new(),
    };
    let mut theirs = Series {
        label: "progenitor: its crate for the service's OpenAPI export".to_owned(),
        colour: "#d62728",
        synthetic: Vec::new(),
        real: Vec::new(),
    };
    for figure in &figures.list {
        let parts: Vec<&str> = figure.name.split('.').collect();
        let (series, size) = match parts.as_slice() {
            ["compile", size, "alpha", "s"] => (&mut ours, *size),
            ["progenitor", size, "compile", "s"] => (&mut theirs, *size),
            _ => continue,
        };
        if let Some(total) = size
            .strip_prefix("synth")
            .and_then(|n| n.parse::<f64>().ok())
        {
            series.synthetic.push(Point {
                operations: total / 2.0,
                seconds: figure.value,
                note: None,
            });
        }
    }
    for service in ["cloudflare", "buddy"] {
        let Some(operations) = figures.get(&format!("spec.{service}.operations")) else {
            continue;
        };
        // progenitor may be given fewer operations than the spec has (see progenitor.rs).
        let given = figures
            .get(&format!("progenitor.{service}.operations"))
            .unwrap_or(operations);
        for (series, name, operations) in [
            (&mut ours, format!("compile.real.{service}.s"), operations),
            (
                &mut theirs,
                format!("progenitor.{service}.compile.s"),
                given,
            ),
        ] {
            if let Some(seconds) = figures.get(&name) {
                series.real.push(Point {
                    operations,
                    seconds,
                    note: Some(service.to_owned()),
                });
            }
        }
    }
    let by_operations = |a: &Point, b: &Point| a.operations.total_cmp(&b.operations);
    for series in [&mut ours, &mut theirs] {
        series.synthetic.sort_by(by_operations);
        series.real.sort_by(by_operations);
    }
    let enough = |s: &Series| s.points().count() >= 2;
    (enough(&ours) || enough(&theirs)).then(|| vec![ours, theirs])
}

/// The chart as an SVG document: the same series give the same bytes.
pub fn svg(title: &str, series: &[Series]) -> String {
    let points = || series.iter().flat_map(Series::points);
    let x_max = nice_ceiling(points().map(|p| p.operations).fold(0.0, f64::max));
    let y_max = nice_ceiling(points().map(|p| p.seconds).fold(0.0, f64::max));
    let plot_width = WIDTH - LEFT - RIGHT;
    let plot_height = HEIGHT - TOP - BOTTOM;
    let x = |operations: f64| LEFT + operations / x_max * plot_width;
    let y = |seconds: f64| TOP + plot_height - seconds / y_max * plot_height;

    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" \
         viewBox=\"0 0 {WIDTH} {HEIGHT}\" font-family=\"sans-serif\" font-size=\"12\">"
    );
    let _ = writeln!(out, "<title>{}</title>", escape(title));
    let _ = writeln!(
        out,
        "<rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"white\"/>"
    );
    let _ = writeln!(
        out,
        "<text x=\"{:.1}\" y=\"24\" text-anchor=\"middle\" font-size=\"15\">{}</text>",
        WIDTH / 2.0,
        escape(title)
    );
    // Grid lines and tick labels.
    out += "<g class=\"ticks\" stroke=\"#dddddd\">\n";
    for tick in ticks(x_max) {
        let _ = writeln!(
            out,
            "<line x1=\"{0:.1}\" y1=\"{TOP:.1}\" x2=\"{0:.1}\" y2=\"{1:.1}\"/>",
            x(tick),
            TOP + plot_height
        );
    }
    for tick in ticks(y_max) {
        let _ = writeln!(
            out,
            "<line x1=\"{LEFT:.1}\" y1=\"{0:.1}\" x2=\"{1:.1}\" y2=\"{0:.1}\"/>",
            y(tick),
            LEFT + plot_width
        );
    }
    out += "</g>\n<g class=\"tick-labels\" fill=\"#333333\">\n";
    for tick in ticks(x_max) {
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            x(tick),
            TOP + plot_height + 18.0,
            number(tick)
        );
    }
    for tick in ticks(y_max) {
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            LEFT - 8.0,
            y(tick) + 4.0,
            number(tick)
        );
    }
    out += "</g>\n";
    // Axes and their labels.
    let _ = writeln!(
        out,
        "<path class=\"axes\" d=\"M{LEFT:.1} {TOP:.1}V{:.1}H{:.1}\" fill=\"none\" stroke=\"black\"/>",
        TOP + plot_height,
        LEFT + plot_width
    );
    let _ = writeln!(
        out,
        "<text class=\"x-label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">operations of the service</text>",
        LEFT + plot_width / 2.0,
        HEIGHT - 14.0
    );
    let _ = writeln!(
        out,
        "<text class=\"y-label\" transform=\"translate(18 {:.1}) rotate(-90)\" text-anchor=\"middle\">debug build of the crate (s)</text>",
        TOP + plot_height / 2.0
    );
    for (index, s) in series.iter().enumerate() {
        let _ = writeln!(
            out,
            "<g class=\"series\" data-series=\"{index}\" stroke=\"{0}\" fill=\"{0}\">",
            s.colour
        );
        if s.synthetic.len() >= 2 {
            let line: Vec<String> = s
                .synthetic
                .iter()
                .map(|p| format!("{:.1},{:.1}", x(p.operations), y(p.seconds)))
                .collect();
            let _ = writeln!(
                out,
                "<polyline points=\"{}\" fill=\"none\" stroke-width=\"2\"/>",
                line.join(" ")
            );
        }
        for p in &s.synthetic {
            let _ = writeln!(
                out,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\"><title>{} operations: {:.2} s</title></circle>",
                x(p.operations),
                y(p.seconds),
                number(p.operations),
                p.seconds
            );
        }
        for p in &s.real {
            let (cx, cy) = (x(p.operations), y(p.seconds));
            let note = p.note.as_deref().unwrap_or("real spec");
            let _ = writeln!(
                out,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"9\" height=\"9\"><title>{}, {} operations: {:.2} s</title></rect>",
                cx - 4.5,
                cy - 4.5,
                escape(note),
                number(p.operations),
                p.seconds
            );
            // The first series' labels beside their squares, the others' above theirs: two
            // services' squares of the same size of spec sit close together.
            let label_y = if index == 0 { cy + 4.0 } else { cy - 8.0 };
            let _ = writeln!(
                out,
                "<text x=\"{:.1}\" y=\"{label_y:.1}\" stroke=\"none\">{} {:.2} s</text>",
                cx + 8.0,
                escape(note),
                p.seconds
            );
        }
        out += "</g>\n";
    }
    legend(&mut out, series);
    out += "</svg>\n";
    out
}

/// The legend, top left inside the plot: a line per series, then the two markers.
fn legend(out: &mut String, series: &[Series]) {
    let (left, top) = (LEFT + 14.0, TOP + 10.0);
    let rows = series.len() + 2;
    let _ = writeln!(
        out,
        "<g class=\"legend\">\n<rect x=\"{left:.1}\" y=\"{top:.1}\" width=\"370\" height=\"{:.1}\" fill=\"white\" stroke=\"#999999\"/>",
        rows as f64 * 18.0 + 8.0
    );
    let row_y = |row: usize| top + 16.0 + row as f64 * 18.0;
    for (row, s) in series.iter().enumerate() {
        let _ = writeln!(
            out,
            "<line x1=\"{0:.1}\" y1=\"{1:.1}\" x2=\"{3:.1}\" y2=\"{1:.1}\" stroke=\"{2}\" stroke-width=\"2\"/>",
            left + 8.0,
            row_y(row) - 4.0,
            s.colour,
            left + 32.0,
        );
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            left + 40.0,
            row_y(row),
            escape(&s.label)
        );
    }
    let synthetic = row_y(series.len());
    let _ = writeln!(
        out,
        "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"#555555\"/>\n<text x=\"{:.1}\" y=\"{synthetic:.1}\">synthetic spec (cargo xtask synth)</text>",
        left + 20.0,
        synthetic - 4.0,
        left + 40.0,
    );
    let real = row_y(series.len() + 1);
    let _ = writeln!(
        out,
        "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"9\" height=\"9\" fill=\"#555555\"/>\n<text x=\"{:.1}\" y=\"{real:.1}\">real spec (spec/)</text>\n</g>",
        left + 15.5,
        real - 8.5,
        left + 40.0,
    );
}

/// The smallest of 1, 2, 2.5 or 5 times a power of ten at or above `value` (1 for
/// nothing).
fn nice_ceiling(value: f64) -> f64 {
    if value <= 0.0 || !value.is_finite() {
        return 1.0;
    }
    let power = 10f64.powf(value.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|nice| *nice >= value * (1.0 - 1e-9))
        .unwrap_or(10.0 * power)
}

/// Ticks from 0 to `max` (a [`nice_ceiling`]) a round step apart (1, 2 or 5 times a
/// power of ten), the smallest step that makes ten intervals or fewer.
fn ticks(max: f64) -> Vec<f64> {
    let power = 10f64.powf((max / 10.0).log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0, 20.0, 50.0]
        .into_iter()
        .map(|m| m * power)
        .find(|step| {
            let count = max / step;
            count <= 10.0 + 1e-9 && (count - count.round()).abs() < 1e-6
        })
        .unwrap_or(max);
    let count = (max / step).round() as usize;
    (0..=count).map(|i| i as f64 * step).collect()
}

/// A tick's or a count's text: no decimals when whole, else as few as it needs.
fn number(value: f64) -> String {
    if (value - value.round()).abs() < 1e-9 {
        format!("{value:.0}")
    } else {
        let text = format!("{value:.2}");
        text.trim_end_matches('0').to_owned()
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::super::Figure;
    use super::*;

    fn figures() -> Figures {
        let mut figures = Figures::default();
        for (name, value, unit) in [
            ("compile.synth250.alpha.s", 3.2, "s"),
            ("compile.synth1000.alpha.s", 14.3, "s"),
            ("compile.synth500.alpha.s", 7.1, "s"),
            ("progenitor.synth250.compile.s", 6.0, "s"),
            ("progenitor.synth500.compile.s", 12.5, "s"),
            ("progenitor.synth1000.compile.s", 25.0, "s"),
            ("spec.cloudflare.operations", 116.0, "operations"),
            ("compile.real.cloudflare.s", 2.4, "s"),
            ("progenitor.cloudflare.compile.s", 5.5, "s"),
            // Not a point of the chart.
            ("compile.synth1000.all.s", 31.8, "s"),
        ] {
            figures.list.push(Figure::new(name, value, unit));
        }
        figures
    }

    /// Every element opened is closed, in order (the chart's own tags have no `>` in
    /// their attributes).
    fn assert_balanced(svg: &str) {
        let mut open: Vec<&str> = Vec::new();
        for tag in svg.split('<').skip(1) {
            let tag = &tag[..tag.find('>').unwrap_or_else(|| panic!("unclosed <{tag}"))];
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(open.pop(), Some(name), "</{name}> closes the wrong element");
            } else if !tag.ends_with('/') {
                open.push(tag.split_whitespace().next().unwrap_or_default());
            }
        }
        assert!(open.is_empty(), "left open: {open:?}");
    }

    #[test]
    fn the_chart_has_axes_ticks_both_series_and_a_legend() {
        let series = series_from(&figures()).unwrap_or_default();
        assert_eq!(series.len(), 2);
        assert_eq!(
            series[0]
                .synthetic
                .iter()
                .map(|p| (p.operations, p.seconds))
                .collect::<Vec<_>>(),
            [(125.0, 3.2), (250.0, 7.1), (500.0, 14.3)]
        );
        assert_eq!(series[1].real.len(), 1);
        assert_eq!(series[1].real[0].note.as_deref(), Some("cloudflare"));

        let svg = svg("Compile time", &series);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.ends_with("</svg>\n"));
        assert_balanced(&svg);
        assert!(svg.contains("class=\"axes\""));
        assert!(svg.contains(">operations of the service</text>"));
        assert!(svg.contains(">debug build of the crate (s)</text>"));
        // x up to 500 operations, y up to 25 s.
        for tick in [">0</text>", ">100</text>", ">500</text>", ">25</text>"] {
            assert!(svg.contains(tick), "no tick {tick}");
        }
        assert_eq!(svg.matches("<polyline ").count(), 2);
        assert_eq!(svg.matches("class=\"series\"").count(), 2);
        // Three synthetic points a series, and the legend's marker.
        assert_eq!(svg.matches("<circle ").count(), 7);
        assert!(svg.contains(">cloudflare 2.40 s</text>"));
        assert!(svg.contains(">cloudflare 5.50 s</text>"));
        let legend = &svg[svg.find("class=\"legend\"").unwrap_or(0)..];
        assert!(legend.contains("ours: generated-client"));
        assert!(legend.contains("progenitor: its crate"));
        assert!(legend.contains("synthetic spec"));
        assert!(legend.contains("real spec"));
        // Every coordinate lies within the picture.
        for attribute in [" x=\"", " y=\"", " cx=\"", " cy=\""] {
            for rest in svg.split(attribute).skip(1) {
                let value: f64 = rest[..rest.find('"').unwrap_or(0)].parse().unwrap_or(-1.0);
                assert!((0.0..=WIDTH).contains(&value), "{attribute}{value}");
            }
        }
    }

    #[test]
    fn the_same_figures_give_the_same_bytes() {
        let series = series_from(&figures()).unwrap_or_default();
        let first = svg("Compile time", &series);
        // In another order, the figures draw the same chart.
        let mut reversed = figures();
        reversed.list.reverse();
        let second = svg("Compile time", &series_from(&reversed).unwrap_or_default());
        assert_eq!(first, second);
        assert!(!first.contains("NaN") && !first.contains("inf"));
    }

    #[test]
    fn too_few_points_make_no_chart() {
        let mut figures = Figures::default();
        figures
            .list
            .push(Figure::new("compile.synth250.alpha.s", 3.2, "s"));
        assert_eq!(series_from(&figures), None);
    }

    #[test]
    fn ticks_are_round() {
        assert_eq!(nice_ceiling(25.0), 25.0);
        assert_eq!(nice_ceiling(26.0), 50.0);
        assert_eq!(nice_ceiling(116.0), 200.0);
        assert_eq!(nice_ceiling(500.0), 500.0);
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(ticks(25.0), [0.0, 5.0, 10.0, 15.0, 20.0, 25.0]);
        assert_eq!(ticks(200.0).len(), 11);
        assert_eq!(ticks(2.5), [0.0, 0.5, 1.0, 1.5, 2.0, 2.5]);
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(20.0), "20");
    }
}
