package sshserve

import (
	"sync"
	"time"
)

// maxTrackedAddrs bounds the failure table; past it, the oldest-looking
// entries are dropped first (those without a recent failure).
const maxTrackedAddrs = 4096

// failureLimiter counts failed logins per source address over a sliding
// minute.
type failureLimiter struct {
	limit  int
	window time.Duration
	now    func() time.Time

	mu       sync.Mutex
	failures map[string][]time.Time
}

func newFailureLimiter(limit int, now func() time.Time) *failureLimiter {
	return &failureLimiter{limit: limit, window: time.Minute, now: now, failures: map[string][]time.Time{}}
}

// blocked reports whether addr has reached the limit within the window.
func (l *failureLimiter) blocked(addr string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.recent(addr)) >= l.limit
}

// fail records one failed login from addr and returns the number of
// failures within the window, this one included.
func (l *failureLimiter) fail(addr string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.failures) >= maxTrackedAddrs {
		l.prune()
	}
	ts := append(l.recent(addr), l.now())
	if len(ts) > l.limit {
		ts = ts[len(ts)-l.limit:]
	}
	l.failures[addr] = ts
	return len(ts)
}

// recent drops addr's failures older than the window and returns the rest.
// Callers hold l.mu.
func (l *failureLimiter) recent(addr string) []time.Time {
	ts := l.failures[addr]
	cut := l.now().Add(-l.window)
	i := 0
	for i < len(ts) && !ts[i].After(cut) {
		i++
	}
	ts = ts[i:]
	if len(ts) == 0 {
		delete(l.failures, addr)
		return nil
	}
	l.failures[addr] = ts
	return ts
}

// prune forgets addresses without failures inside the window and, if the
// table is still full, all of them. Callers hold l.mu.
func (l *failureLimiter) prune() {
	for addr := range l.failures {
		l.recent(addr)
	}
	if len(l.failures) >= maxTrackedAddrs {
		clear(l.failures)
	}
}
