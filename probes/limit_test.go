package probes_test

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/certwiz/certwiz/probes"
)

// TestLimiterBounds: 200 concurrent holders of a 7-slot limiter never
// exceed 7 at once, and every one runs.
func TestLimiterBounds(t *testing.T) {
	t.Parallel()
	for _, n := range []int{1, 7, 64} {
		l := probes.NewLimiter(n)
		var cur, peak, ran atomic.Int64
		var wg sync.WaitGroup
		for range 200 {
			wg.Go(func() {
				err := l.Do(context.Background(), func() {
					c := cur.Add(1)
					for {
						p := peak.Load()
						if c <= p || peak.CompareAndSwap(p, c) {
							break
						}
					}
					ran.Add(1)
					for range 10 {
						runtime.Gosched() // hold the slot while others try
					}
					cur.Add(-1)
				})
				if err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		if peak.Load() > int64(n) || ran.Load() != 200 {
			t.Errorf("limit %d: peak %d holders, %d ran; want at most %d and 200", n, peak.Load(), ran.Load(), n)
		}
	}
}

// TestLimiterFullAndCancelled: a full limiter refuses a cancelled
// context; a free slot is taken even then; Release makes room.
func TestLimiterFullAndCancelled(t *testing.T) {
	t.Parallel()
	l := probes.NewLimiter(2)
	bg := context.Background()
	for range 2 {
		if err := l.Acquire(bg); err != nil {
			t.Fatal(err)
		}
	}
	done, cancel := context.WithCancel(bg)
	cancel()
	if err := l.Acquire(done); !errors.Is(err, context.Canceled) {
		t.Errorf("full limiter: Acquire = %v, want context.Canceled", err)
	}
	ran := false
	if err := l.Do(done, func() { ran = true }); err == nil || ran {
		t.Errorf("full limiter: Do ran f (%v, %v)", err, ran)
	}
	l.Release()
	if err := l.Acquire(done); err != nil {
		t.Errorf("free slot refused to a cancelled context: %v", err)
	}
}

// TestLimiterUnlimited: n <= 0 and the zero value never block.
func TestLimiterUnlimited(t *testing.T) {
	t.Parallel()
	done, cancel := context.WithCancel(context.Background())
	cancel()
	for _, l := range []*probes.Limiter{probes.NewLimiter(0), probes.NewLimiter(-1), {}} {
		for range 1000 {
			if err := l.Acquire(done); err != nil {
				t.Fatalf("unlimited limiter: %v", err)
			}
		}
		l.Release()
	}
}
