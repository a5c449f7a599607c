package ntplab

import (
	"testing"
	"time"

	"github.com/beevik/ntp"
)

func TestServerRunsAtOffset(t *testing.T) {
	t.Parallel()
	for _, off := range []time.Duration{2 * time.Hour, -30 * time.Minute} {
		s := Start(t, off)
		r, err := ntp.QueryWithOptions(s.Addr, ntp.QueryOptions{Timeout: 2 * time.Second})
		if err != nil {
			t.Fatalf("query %s: %v", s.Addr, err)
		}
		if err := r.Validate(); err != nil {
			t.Fatalf("answer not valid: %v", err)
		}
		if d := r.ClockOffset - off; d < -2*time.Second || d > 2*time.Second {
			t.Fatalf("offset %v, want %v (log: %s)", r.ClockOffset, off, s.Log())
		}
		if r.Stratum != 8 {
			t.Fatalf("stratum %d, want 8", r.Stratum)
		}
	}
}

func TestCloseStopsServer(t *testing.T) {
	t.Parallel()
	s := Start(t, 0)
	s.Close()
	s.Close() // idempotent
	if _, err := ntp.QueryWithOptions(s.Addr, ntp.QueryOptions{Timeout: 300 * time.Millisecond}); err == nil {
		t.Fatal("server still answers after Close")
	}
}

func TestDeadAddrDoesNotAnswer(t *testing.T) {
	t.Parallel()
	if _, err := ntp.QueryWithOptions(DeadAddr(t), ntp.QueryOptions{Timeout: 300 * time.Millisecond}); err == nil {
		t.Fatal("dead address answered")
	}
}

// TestOffsetsReadExactly: a lab server's answer carries its offset, for
// zero, the smallest offset kept exactly, and hours either way, also when
// several run at once (chronyd under a preloaded "+0" once answered
// before it was asked on a busy machine).
func TestOffsetsReadExactly(t *testing.T) {
	t.Parallel()
	for _, off := range []time.Duration{0, 0, MinOffset, -MinOffset, 2 * time.Hour, -3 * time.Hour} {
		t.Run(off.String(), func(t *testing.T) {
			t.Parallel()
			s := Start(t, off)
			for range 10 {
				r, err := ntp.QueryWithOptions(s.Addr, ntp.QueryOptions{Timeout: 2 * time.Second})
				if err != nil {
					t.Fatalf("query: %v", err)
				}
				if err := r.Validate(); err != nil {
					t.Fatalf("answer: %v", err)
				}
				if d := r.ClockOffset - off; d.Abs() > 100*time.Millisecond {
					t.Fatalf("offset %v read as %v", off, r.ClockOffset)
				}
			}
		})
	}
}

func TestSubSecondOffsetsAreRefused(t *testing.T) {
	Require(t)
	for _, off := range []time.Duration{300 * time.Millisecond, -300 * time.Millisecond, MinOffset - time.Millisecond} {
		if s, err := StartProcess(off, t.TempDir()); err == nil {
			s.Close()
			t.Errorf("offset %v was accepted; chronyd would read it as about half", off)
		}
	}
}
