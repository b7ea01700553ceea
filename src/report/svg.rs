//! Charts as plain inline SVG, drawn from the figures: vertical bars (posts
//! per month, reading times) and small horizontal bars beside a value
//! (tags, terms, forms).
//!
//! Colours come from the page's CSS classes (`bar`, `axis`, `lbl`), so the
//! charts follow the light and dark themes. Each bar carries a `<title>`
//! (its tooltip); each chart has `role="img"` and a label, and the page
//! puts the same figures in a table beside it for screen readers.

use std::fmt::Write;

use super::escape::push_html;

/// Width and height of the vertical bar charts' coordinate system.
const W: f64 = 640.0;
const H: f64 = 200.0;
/// Margins: left (axis labels), bottom (x labels), top.
const ML: f64 = 40.0;
const MB: f64 = 30.0;
const MT: f64 = 12.0;

/// One bar: its x label (shown when `show_label`), its tooltip and value.
pub struct Bar<'a> {
    /// Label under the bar.
    pub label: &'a str,
    /// Whether to write the label (dense charts label a few bars).
    pub show_label: bool,
    /// Tooltip text.
    pub tip: String,
    /// Height.
    pub value: u64,
}

/// A vertical bar chart; `title` labels it for assistive technology,
/// `values_on_top` writes each bar's value above it (few bars only).
pub fn columns(bars: &[Bar], title: &str, values_on_top: bool) -> String {
    let mut s = String::with_capacity(200 + bars.len() * 120);
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let top = nice_ceiling(max);
    let plot_w = W - ML - 8.0;
    let plot_h = H - MB - MT;
    let _ = write!(
        s,
        "<svg class=\"chart\" viewBox=\"0 0 {W} {H}\" role=\"img\" \
         aria-label=\""
    );
    push_html(&mut s, title);
    s.push_str("\">");
    // Grid lines and y labels at 0, half and the top.
    for k in 0..=2u64 {
        let v = top * k / 2;
        let y = MT + plot_h - plot_h * v as f64 / top as f64;
        let _ = write!(
            s,
            "<line class=\"grid\" x1=\"{ML}\" x2=\"{}\" y1=\"{y:.1}\" \
             y2=\"{y:.1}\"/><text class=\"lbl\" x=\"{}\" y=\"{:.1}\" \
             text-anchor=\"end\">{v}</text>",
            W - 8.0,
            ML - 6.0,
            y + 4.0
        );
    }
    let step = plot_w / bars.len().max(1) as f64;
    let gap = if step > 6.0 { step * 0.18 } else { 0.0 };
    for (i, b) in bars.iter().enumerate() {
        let x = ML + step * i as f64;
        let h = plot_h * b.value as f64 / top as f64;
        let y = MT + plot_h - h;
        let _ = write!(
            s,
            "<rect class=\"bar\" x=\"{:.2}\" y=\"{y:.2}\" width=\"{:.2}\" \
             height=\"{h:.2}\"><title>",
            x + gap / 2.0,
            (step - gap).max(0.5)
        );
        push_html(&mut s, &b.tip);
        s.push_str("</title></rect>");
        if values_on_top && b.value > 0 {
            let _ = write!(
                s,
                "<text class=\"lbl\" x=\"{:.1}\" y=\"{:.1}\" \
                 text-anchor=\"middle\">{}</text>",
                x + step / 2.0,
                y - 4.0,
                b.value
            );
        }
        if b.show_label {
            let _ = write!(
                s,
                "<text class=\"lbl\" x=\"{:.1}\" y=\"{:.1}\" \
                 text-anchor=\"middle\">",
                x + step / 2.0,
                H - MB + 16.0
            );
            push_html(&mut s, b.label);
            s.push_str("</text>");
        }
    }
    let _ = write!(
        s,
        "<line class=\"axis\" x1=\"{ML}\" x2=\"{}\" y1=\"{:.1}\" \
         y2=\"{:.1}\"/></svg>",
        W - 8.0,
        MT + plot_h,
        MT + plot_h
    );
    s
}

/// A small horizontal bar for a table cell: `value` out of `max`.
pub fn meter(value: u64, max: u64) -> String {
    let w = 100.0 * value as f64 / max.max(1) as f64;
    format!(
        "<svg class=\"meter\" viewBox=\"0 0 100 8\" preserveAspectRatio=\
         \"none\" aria-hidden=\"true\"><rect class=\"track\" width=\"100\" \
         height=\"8\"/><rect class=\"bar\" width=\"{w:.1}\" height=\"8\"/>\
         </svg>"
    )
}

/// The smallest "round" number (1, 2 or 5 × 10^k) at or above `n`.
fn nice_ceiling(n: u64) -> u64 {
    let mut p = 1u64;
    loop {
        for m in [1, 2, 5] {
            if let Some(v) = p.checked_mul(m)
                && v >= n
            {
                return v;
            }
        }
        match p.checked_mul(10) {
            Some(next) => p = next,
            None => return n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_ceilings() {
        for (n, want) in
            [(1, 1), (3, 5), (7, 10), (11, 20), (260, 500), (1000, 1000)]
        {
            assert_eq!(nice_ceiling(n), want, "{n}");
        }
        assert_eq!(nice_ceiling(u64::MAX), u64::MAX);
    }

    #[test]
    fn columns_draw_one_rect_per_bar_with_escaped_tips() {
        let bars = [
            Bar {
                label: "2024-01",
                show_label: true,
                tip: "<b>janvier</b> : 3".into(),
                value: 3,
            },
            Bar {
                label: "2024-02",
                show_label: false,
                tip: "février : 0".into(),
                value: 0,
            },
        ];
        let svg = columns(&bars, "Billets \"par\" mois", true);
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("&lt;b&gt;janvier&lt;/b&gt;"));
        assert!(svg.contains("aria-label=\"Billets &quot;par&quot; mois\""));
        assert_eq!(svg.matches(">2024-").count(), 1);
    }
}
