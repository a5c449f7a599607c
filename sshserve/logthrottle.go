package sshserve

import (
	"sync"
	"time"
)

// Refusal logging is rate-limited, so that a flood of connections cannot
// flood the log: at most logBurstPerAddr lines per address and
// logBurstTotal lines in all per logWindow. Lines held back are counted
// and the count is added to the next line that is written.
const (
	logWindow       = time.Second
	logBurstPerAddr = 3
	logBurstTotal   = 20
)

// logThrottle decides which refusal lines are written.
type logThrottle struct {
	now func() time.Time

	mu         sync.Mutex
	start      time.Time
	total      int
	perAddr    map[string]int
	suppressed map[string]int // lines held back since the last drain
}

func newLogThrottle(now func() time.Time) *logThrottle {
	return &logThrottle{now: now, perAddr: map[string]int{}, suppressed: map[string]int{}}
}

// allow reports whether a line about addr may be written now; if not, the
// line is counted for the next drain.
func (l *logThrottle) allow(addr string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now := l.now(); now.Sub(l.start) >= logWindow {
		l.start, l.total = now, 0
		clear(l.perAddr)
	}
	if l.total >= logBurstTotal || l.perAddr[addr] >= logBurstPerAddr {
		if _, known := l.suppressed[addr]; known || len(l.suppressed) < maxTrackedAddrs {
			l.suppressed[addr]++
		}
		return false
	}
	l.total++
	l.perAddr[addr]++
	return true
}

// heldBack is the count of refusal lines not written for one address.
type heldBack struct {
	addr  string
	lines int
}

// drain returns the held-back counts of at most logBurstTotal addresses,
// plus the lines and addresses beyond them, and starts counting afresh.
func (l *logThrottle) drain() (each []heldBack, restLines, restAddrs int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for addr, n := range l.suppressed {
		if len(each) < logBurstTotal {
			each = append(each, heldBack{addr, n})
		} else {
			restLines += n
			restAddrs++
		}
	}
	clear(l.suppressed)
	return each, restLines, restAddrs
}
