package chainverify

import (
	"crypto/x509"
	"slices"
	"testing"
	"time"
)

// window is a certificate that only has a validity window: the helpers
// read nothing else.
func window(from, to string) *x509.Certificate {
	return &x509.Certificate{NotBefore: day(from), NotAfter: day(to)}
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestWithin(t *testing.T) {
	t.Parallel()
	c := window("2026-01-01", "2026-01-31")
	for _, tc := range []struct{ at, want string }{
		{"2026-01-10", "2026-01-10"},
		{"2026-01-01", "2026-01-01"}, // the bounds are valid moments, as in x509
		{"2026-01-31", "2026-01-31"},
		{"2025-12-31", "2026-01-16"},
		{"2027-06-01", "2026-01-16"},
	} {
		if got := Within(c, day(tc.at)); !got.Equal(day(tc.want)) {
			t.Errorf("Within(%s) = %s, want %s", tc.at, got.Format(time.DateOnly), tc.want)
		}
	}
}

func TestTrustTimes(t *testing.T) {
	t.Parallel()
	leaf := window("2026-01-01", "2026-12-31")
	for _, tc := range []struct {
		name  string
		chain []*x509.Certificate
		now   string
		want  []string
	}{{
		name:  "everything valid: now first, then the middles",
		chain: []*x509.Certificate{leaf, window("2025-01-01", "2030-01-01")},
		now:   "2026-03-01",
		want:  []string{"2026-03-01", "2026-07-02"},
	}, {
		name:  "an expired intermediate: now moved into the shared window",
		chain: []*x509.Certificate{leaf, window("2020-01-01", "2026-06-30")},
		now:   "2026-09-01",
		want:  []string{"2026-09-01", "2026-06-30", "2026-04-01", "2026-07-02"},
	}, {
		name:  "an expired leaf: now moved into its window",
		chain: []*x509.Certificate{leaf, window("2020-01-01", "2040-01-01")},
		now:   "2027-05-01",
		want:  []string{"2027-05-01", "2026-12-31", "2026-07-02"},
	}, {
		name:  "no shared moment: each overlap's middle",
		chain: []*x509.Certificate{leaf, window("2020-01-01", "2026-03-01"), window("2026-06-01", "2030-01-01")},
		now:   "2026-04-01",
		want:  []string{"2026-04-01", "2026-01-30", "2026-09-15", "2026-07-02"},
	}, {
		name:  "nil entries are skipped",
		chain: []*x509.Certificate{leaf, nil},
		now:   "2026-02-01",
		want:  []string{"2026-02-01", "2026-07-02"},
	}} {
		got := TrustTimes(tc.chain, day(tc.now))
		var gotS []string
		for _, g := range got {
			gotS = append(gotS, g.Format(time.DateOnly))
		}
		if !slices.Equal(gotS, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, gotS, tc.want)
		}
	}
	if TrustTimes(nil, time.Now()) != nil || TrustTimes([]*x509.Certificate{nil}, time.Now()) != nil {
		t.Error("times for a chain with no leaf")
	}
}
