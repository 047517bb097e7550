//! Progress on standard error for work that takes more than a second (loading a large graph,
//! importing, generating, exporting), and only when standard error is a terminal: a spinner
//! with what is being done and the time it has taken, cleared when the work ends.

use std::io::IsTerminal;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long work runs before its spinner shows.
const DELAY: Duration = Duration::from_secs(1);

/// A spinner that shows after [`DELAY`] and goes when dropped.
pub struct Progress {
    stop: Option<mpsc::Sender<()>>,
    shown: Option<JoinHandle<()>>,
}

impl Progress {
    /// Starts timing `what` ("loading the graph"); nothing is drawn unless standard error is a
    /// terminal and the work outlasts the delay.
    pub fn start(what: &str) -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress {
                stop: None,
                shown: None,
            };
        }
        let (stop, stopped) = mpsc::channel::<()>();
        let what = what.to_owned();
        let shown = std::thread::spawn(move || {
            if stopped.recv_timeout(DELAY) != Err(RecvTimeoutError::Timeout) {
                return;
            }
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                    .expect("a valid template"),
            );
            bar.set_message(what);
            bar.enable_steady_tick(Duration::from_millis(120));
            let _ = stopped.recv();
            bar.finish_and_clear();
        });
        Progress {
            stop: Some(stop),
            shown: Some(shown),
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(shown) = self.shown.take() {
            let _ = shown.join();
        }
    }
}
