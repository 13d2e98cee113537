//! Reading a folder of unit reports on a worker thread: the window keeps drawing (已读 N/M) and
//! the clerk can cancel; the summary comes back through a channel when every file is read.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::io::batch;
use crate::model::sum::{SumOptions, Summary};

/// What the worker sends back: the files, in the order of the summary's units, and the summary.
type Outcome = (Vec<PathBuf>, Summary);

/// A folder being read.
pub struct Reading {
    /// Files read so far, and how many there are (0 while the folder is still being walked).
    progress: Arc<[AtomicUsize; 2]>,
    outcome: Receiver<Outcome>,
}

/// How the reading stands.
pub enum Poll {
    /// Still reading.
    Reading,
    /// Done.
    Done(Vec<PathBuf>, Box<Summary>),
    /// The worker stopped without an answer (it failed unexpectedly).
    Failed,
}

impl Reading {
    /// Starts reading the reports under `folder` (less `skip`) and summing them; `ctx` is asked
    /// to redraw after each file and at the end.
    pub fn start(
        ctx: &egui::Context,
        folder: PathBuf,
        skip: Vec<PathBuf>,
        options: SumOptions,
    ) -> Self {
        let progress: Arc<[AtomicUsize; 2]> = Arc::new([AtomicUsize::new(0), AtomicUsize::new(0)]);
        let (tx, outcome) = mpsc::channel();
        let seen = Arc::clone(&progress);
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let report = |read: usize, all: usize| {
                let [done, total] = &*seen;
                total.store(all, Ordering::Relaxed);
                done.fetch_max(read, Ordering::Relaxed);
                ctx.request_repaint();
            };
            let result = batch::summarize_paths(&[folder], &skip, &options, &report);
            // The window may have been cancelled or closed: then no one waits for it.
            let _ = tx.send(result);
            ctx.request_repaint();
        });
        Reading { progress, outcome }
    }

    /// (files read, files found); the second is 0 while the folder is being walked.
    pub fn progress(&self) -> (usize, usize) {
        let [done, total] = &*self.progress;
        (done.load(Ordering::Relaxed), total.load(Ordering::Relaxed))
    }

    /// Whether the summary is ready.
    pub fn poll(&self) -> Poll {
        match self.outcome.try_recv() {
            Ok((files, summary)) => Poll::Done(files, Box::new(summary)),
            Err(TryRecvError::Empty) => Poll::Reading,
            Err(TryRecvError::Disconnected) => Poll::Failed,
        }
    }
}
