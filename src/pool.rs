//! Token arrays that an [`Extractor`](crate::Extractor) lends to one
//! extraction at a time.
//!
//! A document's tokens are its largest working record: about 3 bytes for
//! each byte of news text, alive from the split to the relation stage.
//! Allocated afresh for each document, a long document's token array is too
//! big for the allocator to keep: it goes back to the kernel when the
//! document is done, and the next document gets new pages, which the kernel
//! must fault in and zero. Kept in a pool, the next document writes its
//! tokens into memory the process already holds.
//!
//! The pool holds one array per thread that was extracting at the same time,
//! each as large as the longest recent document it served. An array more
//! than four times larger than the document that borrows it needs gives the
//! excess back, so one long document does not keep its memory through a
//! stream of short ones; below 1 MiB an array is never shrunk, so short
//! documents do not resize it back and forth.
//!
//! Candidates are not pooled: they are freed before the relation stage, and
//! an array kept for the next document would stay resident through it,
//! raising a long document's peak memory (by 11% for 64 MB of news, for a
//! 4% gain in time).

use std::sync::Mutex;

use crate::token::Token;

/// The token arrays not lent out at the moment.
#[derive(Default)]
pub(crate) struct Pool {
    free: Mutex<Vec<Vec<Token>>>,
}

impl Pool {
    /// An empty token array for one extraction: the most recently returned
    /// (whose memory is likeliest to be in the caches), or a new one.
    pub(crate) fn take(&self) -> Vec<Token> {
        self.lock().pop().unwrap_or_default()
    }

    /// Returns an array after an extraction, emptied.
    pub(crate) fn give(&self, mut tokens: Vec<Token>) {
        tokens.clear();
        self.lock().push(tokens);
    }

    /// The free list. A thread that panicked while holding the lock (only
    /// a push or a pop) left it consistent, so a poisoned lock is used as is.
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Vec<Token>>> {
        self.free
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Clone for Pool {
    /// A clone of an extractor starts with an empty pool of its own.
    fn clone(&self) -> Pool {
        Pool::default()
    }
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pool")
            .field("free", &self.lock().len())
            .finish()
    }
}

/// An array is never shrunk below this many bytes.
const KEEP_BYTES: usize = 1 << 20;

/// Empties `v` and makes room for `n` items. A `v` with room for more than
/// four times `n` items (and for more than [`KEEP_BYTES`]) is first shrunk
/// to `n`.
pub(crate) fn ready<T>(v: &mut Vec<T>, n: usize) {
    v.clear();
    let keep = n
        .saturating_mul(4)
        .max(KEEP_BYTES / std::mem::size_of::<T>().max(1));
    if v.capacity() > keep {
        v.shrink_to(n);
    }
    v.reserve(n);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_array_gives_back_only_a_large_excess() {
        let mut v: Vec<u64> = Vec::with_capacity(1 << 20);
        v.push(1);
        // 8 MiB held, 10 items needed: shrunk.
        ready(&mut v, 10);
        assert!(v.is_empty());
        assert!(v.capacity() >= 10 && v.capacity() < 1 << 20);
        // Under 1 MiB: kept, whatever the need.
        let mut w: Vec<u64> = Vec::with_capacity(1000);
        ready(&mut w, 1);
        assert_eq!(w.capacity(), 1000);
        // Within four times the need: kept.
        let mut x: Vec<u64> = Vec::with_capacity(1 << 20);
        ready(&mut x, 1 << 19);
        assert_eq!(x.capacity(), 1 << 20);
        // More than held: grown.
        ready(&mut x, 1 << 21);
        assert!(x.capacity() >= 1 << 21);
    }

    #[test]
    fn the_pool_lends_the_last_array_returned() {
        let pool = Pool::default();
        let mut t = pool.take();
        t.reserve(100);
        let cap = t.capacity();
        pool.give(t);
        let again = pool.take();
        assert!(again.is_empty());
        assert_eq!(again.capacity(), cap);
        // Taken and not returned: the next borrower gets a new array.
        assert_eq!(pool.take().capacity(), 0);
    }
}
