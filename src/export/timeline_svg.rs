//! A timeline as an SVG bar chart: relations per period, drawn with plotters.

use plotters::prelude::*;

use crate::query::timeline::Timeline;

/// The most period labels under the bars; past it, every second (third...) bar is labelled.
const MAX_LABELS: usize = 14;
/// The chart's size in pixels.
const WIDTH: u32 = 900;
const HEIGHT: u32 = 420;

/// The timeline as an SVG chart of the relations in each period, titled `title`. The same
/// timeline gives the same bytes.
///
/// # Errors
///
/// What plotters reports when it cannot draw, as text.
///
/// # Example
///
/// ```
/// use dealgraph::export::timeline_svg::timeline_svg;
/// use dealgraph::query::timeline::{timeline, TimelineOptions};
///
/// let graph = dealgraph::curated::load();
/// let svg = timeline_svg(&timeline(&graph, &TimelineOptions::default()), "Deals by year").unwrap();
/// assert!(svg.starts_with("<svg") && svg.contains("Deals by year"));
/// ```
pub fn timeline_svg(timeline: &Timeline, title: &str) -> Result<String, String> {
    let mut svg = String::new();
    draw(timeline, title, &mut svg).map_err(|error| error.to_string())?;
    Ok(svg)
}

fn draw(
    timeline: &Timeline,
    title: &str,
    svg: &mut String,
) -> Result<(), Box<dyn std::error::Error>> {
    let root = SVGBackend::with_string(svg, (WIDTH, HEIGHT)).into_drawing_area();
    root.fill(&WHITE)?;
    let periods = timeline.periods.len().max(1);
    let tallest = timeline
        .periods
        .iter()
        .map(|p| p.relations.len())
        .max()
        .unwrap_or(0)
        .max(1);
    let labels: Vec<String> = timeline
        .periods
        .iter()
        .map(|p| short_label(&p.period))
        .collect();
    let every = labels.len().div_ceil(MAX_LABELS).max(1);
    let caption = if labels.iter().any(|label| label.ends_with('?')) {
        format!("{title} (YYYY ?: dated by year only)")
    } else {
        title.to_owned()
    };
    let mut chart = ChartBuilder::on(&root)
        .caption(caption, ("sans-serif", 18))
        .margin(12)
        .x_label_area_size(30)
        .y_label_area_size(50)
        .build_cartesian_2d((0..periods).into_segmented(), 0..tallest + tallest / 10 + 1)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .y_desc("relations")
        .x_labels(periods)
        .x_label_formatter(&|value| match value {
            SegmentValue::CenterOf(index) if index % every == 0 => {
                labels.get(*index).cloned().unwrap_or_default()
            }
            _ => String::new(),
        })
        .x_label_style(("sans-serif", 11))
        .draw()?;
    // Bars drawn one by one, in order: plotters' Histogram gathers them in a hash map, whose
    // order, and so the file's bytes, would change from run to run.
    let fill = RGBColor(0x1f, 0x78, 0xb4).filled();
    chart.draw_series(timeline.periods.iter().enumerate().map(|(index, period)| {
        let mut bar = Rectangle::new(
            [
                (SegmentValue::Exact(index), 0),
                (SegmentValue::Exact(index + 1), period.relations.len()),
            ],
            fill,
        );
        bar.set_margin(0, 0, 2, 2);
        bar
    }))?;
    root.present()?;
    Ok(())
}

/// A period's label under its bar: `2025 (quarter unknown)` as `2025 ?`.
fn short_label(period: &str) -> String {
    match period.split_once(" (") {
        Some((year, _)) => format!("{year} ?"),
        None => period.to_owned(),
    }
}
