package probes

import (
	"context"
	"fmt"
)

// DefaultTargetConcurrency is how many targets a run should probe at
// once. 128 lets a fleet run of 100 targets go in one wave (a second wave
// would double the time of every round trip) while bounding sockets (a
// target may hold TLS, OCSP, CRL and AIA connections, well under the
// 1024 descriptors a process may have by default) and memory (about
// 0.3 MB per target in flight; see the README's figures).
const DefaultTargetConcurrency = 128

// Limiter bounds how many probes run at the same time. The zero value
// and a Limiter from NewLimiter(0) do not limit. It is safe for
// concurrent use.
type Limiter struct {
	slots chan struct{}
}

// NewLimiter returns a Limiter that lets at most n holders in at once;
// n <= 0 means no limit.
func NewLimiter(n int) *Limiter {
	if n <= 0 {
		return &Limiter{}
	}
	return &Limiter{slots: make(chan struct{}, n)}
}

// Acquire takes a slot, waiting until one is free or ctx is done. A free
// slot is taken even when ctx is already done, so a run that was cut
// short still records every target; a caller that must not start after
// cancellation checks ctx itself.
func (l *Limiter) Acquire(ctx context.Context) error {
	if l == nil || l.slots == nil {
		return nil
	}
	select {
	case l.slots <- struct{}{}:
		return nil
	default:
	}
	select {
	case l.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("wait for a probe slot: %w", ctx.Err())
	}
}

// Release frees a slot taken by Acquire.
func (l *Limiter) Release() {
	if l == nil || l.slots == nil {
		return
	}
	<-l.slots
}

// Do runs f in a slot; it returns Acquire's error without running f.
func (l *Limiter) Do(ctx context.Context, f func()) error {
	if err := l.Acquire(ctx); err != nil {
		return err
	}
	defer l.Release()
	f()
	return nil
}
