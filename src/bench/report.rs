//! One line of benchmark output: what was measured, on what, the numbers, and the target it is
//! held to. Printed as a JSON object per line (`--json`) or gathered into a table.

use serde::Serialize;
use std::time::Duration;

/// Timings in milliseconds, sorted.
pub struct Samples(Vec<f64>);

impl Samples {
    pub fn from_durations(times: &[Duration]) -> Self {
        let mut ms: Vec<f64> = times.iter().map(|d| d.as_secs_f64() * 1e3).collect();
        ms.sort_by(f64::total_cmp);
        Self(ms)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The value below which `q` of the samples lie (nearest rank).
    pub fn quantile(&self, q: f64) -> f64 {
        if self.0.is_empty() {
            return f64::NAN;
        }
        let rank = (q * self.0.len() as f64).ceil() as usize;
        self.0[rank.clamp(1, self.0.len()) - 1]
    }

    pub fn median(&self) -> f64 {
        self.quantile(0.5)
    }

    pub fn p99(&self) -> f64 {
        self.quantile(0.99)
    }
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Record {
    pub name: String,
    pub size: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub median_ms: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p99_ms: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mb_per_s: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ratio: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub runs: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peak_mb: Option<f64>,
    /// Memory still held once the work is done (the document, its index, cached layouts).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resident_mb: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ok: Option<bool>,
}

fn round(x: f64, places: i32) -> f64 {
    let k = 10f64.powi(places);
    (x * k).round() / k
}

impl Record {
    pub fn new(name: &str, size: &str) -> Self {
        Self { name: name.into(), size: size.into(), ..Self::default() }
    }

    pub fn timed(name: &str, size: &str, s: &Samples) -> Self {
        Self {
            median_ms: Some(round(s.median(), 4)),
            p99_ms: Some(round(s.p99(), 4)),
            runs: Some(s.len()),
            ..Self::new(name, size)
        }
    }

    /// `bytes` processed in each of `times`; the median run gives the throughput.
    pub fn throughput(name: &str, size: &str, bytes: usize, times: &[Duration]) -> Self {
        let s = Samples::from_durations(times);
        let mb_per_s = bytes as f64 / 1e6 / (s.median() / 1e3);
        Self { mb_per_s: Some(round(mb_per_s, 1)), runs: Some(s.len()), ..Self::new(name, size) }
    }

    pub fn target_ms(self, max: f64) -> Self {
        let ok = self.median_ms.map(|m| m <= max);
        Self { target: Some(format!("median ≤ {max} ms")), ok, ..self }
    }

    /// A target for the full size, scaled down linearly to the `fraction` measured.
    pub fn target_ms_scaled(self, max: f64, fraction: f64) -> Self {
        if fraction >= 1.0 {
            return self.target_ms(max);
        }
        let scaled = max * fraction;
        let ok = self.median_ms.map(|m| m <= scaled);
        let target = format!("median ≤ {scaled} ms ({max} ms at full size)");
        Self { target: Some(target), ok, ..self }
    }

    pub fn target_p99(self, max: f64) -> Self {
        let ok = self.p99_ms.map(|m| m <= max);
        Self { target: Some(format!("p99 ≤ {max} ms")), ok, ..self }
    }

    pub fn target_mb_s(self, min: f64) -> Self {
        let ok = self.mb_per_s.map(|m| m >= min);
        Self { target: Some(format!("≥ {min} MB/s")), ok, ..self }
    }

    pub fn with_ratio(self, ratio: f64, max: f64) -> Self {
        Self {
            ratio: Some(round(ratio, 2)),
            target: Some(format!("≤ {max}×")),
            ok: Some(ratio <= max),
            ..self
        }
    }

    /// Peak and held memory in MB, held to `budget` MB when there is one.
    pub fn with_memory(self, peak: f64, resident: f64, budget: Option<f64>) -> Self {
        Self {
            peak_mb: Some(round(peak, 1)),
            resident_mb: Some(round(resident, 1)),
            target: budget.map(|b| format!("peak ≤ {b:.1} MB")),
            ok: budget.map(|b| peak <= b),
            ..self
        }
    }
}

/// The records as a plain-text table (see `cli::table`).
pub fn table(records: &[Record]) -> String {
    let num = |x: Option<f64>| {
        x.map_or(String::new(), |x| if x < 0.01 { format!("{x:.4}") } else { format!("{x:.3}") })
    };
    let rows = records.iter().map(|r| {
        vec![
            r.name.clone(),
            r.size.clone(),
            num(r.median_ms),
            num(r.p99_ms),
            r.mb_per_s.map_or(String::new(), |x| format!("{x:.1}")),
            r.ratio.map_or(String::new(), |x| format!("{x:.2}×")),
            r.runs.map_or(String::new(), |n| n.to_string()),
            r.peak_mb.map_or(String::new(), |x| format!("{x:.1}")),
            r.resident_mb.map_or(String::new(), |x| format!("{x:.1}")),
            r.target.clone().unwrap_or_default(),
            match r.ok {
                Some(true) => "ok".into(),
                Some(false) => "MISS".into(),
                None => String::new(),
            },
        ]
    });
    let header = [
        "measure",
        "size",
        "median ms",
        "p99 ms",
        "MB/s",
        "ratio",
        "runs",
        "peak MB",
        "held MB",
        "target",
        "",
    ];
    let right = [false, false, true, true, true, true, true, true, true, false, false];
    crate::cli::table(&header, &right, rows.collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_by_nearest_rank() {
        let times: Vec<Duration> = (1..=100).rev().map(Duration::from_millis).collect();
        let s = Samples::from_durations(&times);
        assert_eq!((s.median(), s.p99(), s.quantile(1.0)), (50.0, 99.0, 100.0));
        let one = Samples::from_durations(&[Duration::from_millis(3)]);
        assert_eq!((one.median(), one.p99()), (3.0, 3.0));
        assert!(Samples::from_durations(&[]).median().is_nan());
    }

    #[test]
    fn json_leaves_out_what_was_not_measured() {
        let r = Record::throughput("export_jsonl", "1MB", 2_000_000, &[Duration::from_millis(10)])
            .target_mb_s(100.0);
        let json = serde_json::to_string(&r).unwrap_or_default();
        let want = concat!(
            r#"{"name":"export_jsonl","size":"1MB","mb_per_s":200.0,"runs":1,"#,
            r#""target":"≥ 100 MB/s","ok":true}"#
        );
        assert_eq!(json, want);
    }
}
