package revocation

import (
	"context"
	"crypto/rand"
	"math/big"
	"testing"
	"time"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/internal/faultlab/pki"
)

// lab is a root and an intermediate that issues the test leaves.
type lab struct{ root, inter *pki.Cert }

func newLab(t testing.TB, interOpts ...pki.Option) *lab {
	t.Helper()
	root, err := pki.NewRoot("certwiz revocation test root")
	if err != nil {
		t.Fatal(err)
	}
	inter, err := root.Intermediate("certwiz revocation test CA", interOpts...)
	if err != nil {
		t.Fatal(err)
	}
	return &lab{root: root, inter: inter}
}

func (l *lab) leaf(t testing.TB, opts ...pki.Option) *pki.Cert {
	t.Helper()
	c, err := l.inter.Leaf([]string{"meet.example.test"}, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// input is the chain as a server presents it (leaf, intermediate) with
// the lab's root as the trust store.
func (l *lab) input(leaf *pki.Cert) Input {
	return Input{Chain: leaf.Chain()[:2], Roots: l.root.Pool(), Now: time.Now()}
}

func newSerial(t testing.TB) *big.Int {
	t.Helper()
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 64))
	if err != nil {
		t.Fatal(err)
	}
	return n.Add(n, big.NewInt(1))
}

func check(t testing.TB, in Input) *Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return Check(ctx, in)
}

// find returns the finding with id, failing the test if absent.
func find(t testing.TB, r *Result, id string) findings.Finding {
	t.Helper()
	for _, f := range r.Findings {
		if f.ID == id {
			return f
		}
	}
	t.Fatalf("no finding %q; got %v", id, ids(r))
	return findings.Finding{}
}

func ids(r *Result) []string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, f.ID)
	}
	return out
}

// noFaults fails when r has any finding that counts toward a code.
func noFaults(t testing.TB, r *Result) {
	t.Helper()
	for _, f := range r.Findings {
		if findings.Counts(f) {
			t.Fatalf("unexpected fault %s: %s", f.ID, f.Summary)
		}
	}
}

func wantStatus(t testing.TB, r *Result, st Status, src Source) {
	t.Helper()
	if r.Status != st || r.Source != src {
		t.Fatalf("status %s/%s (%s), want %s/%s; findings %v", r.Status, r.Source, r.Reason, st, src, ids(r))
	}
}
